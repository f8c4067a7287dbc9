"""What an agent learns about a reply, through the real tasks and the Zammad adapter (X and Zammad answered by
`responses`): files that could not go with it, a tag while it did not go out, one public acknowledgement per
conversation, and the helpdesk's own priority names in the bridge's notes."""
import json
import re

from bridge.model import Priority
from tests.test_flow import DM, MENTION, ZAMMAD, X, agent_reply, calls, post_x, post_zammad, zammad  # noqa: F401


def tags(mock, method):
    return [json.loads(c.request.body)["item"] for c in calls(mock, method, "/api/v1/tags/")]


def test_a_file_the_platform_cannot_carry_is_named_in_the_note(client, work, zammad):  # noqa: F811
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000001", "text": "…"}}, status=201)
    body = json.loads(agent_reply())
    body["article"]["attachments"] = [{"id": 5, "filename": "replacement-label.pdf", "size": "2048",
                                       "preferences": {"Content-Type": "application/pdf"}}]
    post_zammad(client, json.dumps(body).encode())
    work()
    work()
    [note] = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert note["internal"] is True and note["body"].startswith("Posted publicly on x:")
    # X carries images, not PDFs: the file is never fetched nor uploaded, and the note says why
    assert "This attached file did NOT go with it: replacement-label.pdf (X takes only image files" in note["body"]
    assert len(calls(zammad, "POST", "/2/tweets")) == 1  # the text went
    assert not calls(zammad, "GET", "/api/v1/ticket_attachment/") and not calls(zammad, "POST", "/2/media/upload")


def test_an_attached_image_goes_with_an_x_reply(client, work, zammad):  # noqa: F811
    png = b"\x89PNG\r\n\x1a\n" + b"\1" * 200
    post_x(client, MENTION)
    work()
    zammad.get(f"{ZAMMAD}/api/v1/ticket_attachment/82/9001/5", body=png, content_type="image/png")
    zammad.post(f"{X}/2/media/upload", json={"data": {"id": "1349010955083132928", "media_key": "3_1349010955083132928"}})
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000001", "text": "…"}}, status=201)
    body = json.loads(agent_reply())
    body["article"]["attachments"] = [{"id": 5, "filename": "label.png", "size": str(len(png)),
                                       "preferences": {"Content-Type": "image/png"}}]
    post_zammad(client, json.dumps(body).encode())
    work()
    work()
    [upload] = calls(zammad, "POST", "/2/media/upload")
    assert png in upload.request.body and b"tweet_image" in upload.request.body
    [post] = calls(zammad, "POST", "/2/tweets")
    assert json.loads(post.request.body)["media"] == {"media_ids": ["1349010955083132928"]}
    [note] = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert note["body"].startswith("Posted publicly on x:") and note["body"].endswith("With it: label.png.")


def test_an_x_dm_carries_one_image_and_the_second_stays_behind(client, work, zammad):  # noqa: F811
    png = b"\x89PNG\r\n\x1a\n" + b"\1" * 200
    post_x(client, DM)
    work()
    zammad.get(f"{ZAMMAD}/api/v1/ticket_attachment/82/9001/5", body=png, content_type="image/png")
    zammad.post(f"{X}/2/media/upload", json={"data": {"id": "1349010955083132928", "media_key": "3_1349010955083132928"}})
    zammad.post(re.compile(rf"{X}/2/dm_conversations/with/\d+/messages"), status=201,
                json={"data": {"dm_conversation_id": "1-2", "dm_event_id": "2080774100000000009"}})
    body = json.loads(agent_reply())
    body["article"]["attachments"] = [{"id": 5, "filename": name, "size": str(len(png)),
                                       "preferences": {"Content-Type": "image/png"}} for name in ("label.png", "box.png")]
    post_zammad(client, json.dumps(body).encode())
    work()
    work()
    [upload] = calls(zammad, "POST", "/2/media/upload")
    assert b"dm_image" in upload.request.body
    [dm] = calls(zammad, "POST", "/2/dm_conversations/")
    assert json.loads(dm.request.body)["attachments"] == [{"media_id": "1349010955083132928"}]
    [note] = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert note["body"].startswith("Sent as a private message") and "With it: label.png." in note["body"]
    assert "box.png (X takes at most 1 file in a private message)" in note["body"]


def test_a_reply_that_did_not_go_out_tags_the_ticket_until_one_does(client, work, zammad):  # noqa: F811
    zammad.post(f"{ZAMMAD}/api/v1/tags/add", json=True, status=201)
    zammad.delete(f"{ZAMMAD}/api/v1/tags/remove", json=True, status=201)
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply(article_id=9001, body="<p>" + "So sorry! " * 40 + "</p>"))  # too long for X
    work()
    work()
    assert tags(zammad, "POST") == ["social-reply-not-sent"]

    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000002", "text": "…"}}, status=201)
    post_zammad(client, agent_reply(article_id=9002, body="<p>So sorry! A new one ships today.</p>"))
    work()
    work()
    assert tags(zammad, "POST") == ["social-reply-not-sent"]  # no new flag
    assert "social-reply-not-sent" in tags(zammad, "DELETE")  # and the old one removed


def test_one_public_acknowledgement_per_conversation_within_the_window(client, work, zammad, store):  # noqa: F811
    post_x(client, MENTION)
    work()
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000009", "text": "…"}}, status=201)
    zammad.post(re.compile(rf"{X}/2/dm_conversations/with/.*"), json={"data": {"dm_event_id": "42"}}, status=201)
    for article_id in (9101, 9102):
        post_zammad(client, agent_reply(article_id=article_id, body="<p>Details by DM</p>", social_reply_mode="private"))
        work()
        work()
    assert len(calls(zammad, "POST", "/2/dm_conversations/")) == 2
    acks = [json.loads(c.request.body)["text"] for c in calls(zammad, "POST", "/2/tweets")]
    assert acks == ["We've sent you a private message."]
    notes = [json.loads(c.request.body)["body"] for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert any("one was posted in this thread recently" in n for n in notes)


def test_the_bridges_notes_name_priorities_as_the_helpdesk_does(rt):
    assert rt.helpdesk.priority_label(Priority.URGENT) == "3 high"  # Zammad's default scale has no "urgent"

