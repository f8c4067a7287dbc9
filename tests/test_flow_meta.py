"""Facebook and Instagram through the core, as tests/test_flow.py does for X: signed webhooks into the Flask app,
the real ingest and deliver tasks, Zammad and the Graph API answered by `responses`."""
import hashlib
import hmac
import json
import re
from datetime import datetime, timedelta, timezone

import pytest
import responses
import time_machine
from sqlalchemy import func, select

from bridge.store.tables import Delivery, InboundEvent
from tests.conftest import FIXTURES, REPO, ZAMMAD, write_config
from tests.test_flow import agent_reply, calls, post_zammad

ZAMMAD_URL = ZAMMAD["url"]
GRAPH = "https://graph.facebook.test/v26.0"
APP_SECRET = "meta-app-secret-for-tests"
PAGE_ID = "104882365123456"
IG_USER_ID = "17841405822304914"
FACEBOOK = {"channel": "facebook", "name": "acme", "page_id": PAGE_ID, "page_access_token": "EAAG-page-token",
            "app_secret": APP_SECRET, "verify_token": "fb-verify-token", "graph_base": "https://graph.facebook.test"}
INSTAGRAM = {"channel": "instagram", "name": "acme", "ig_user_id": IG_USER_ID, "access_token": "IGQ-token",
             "app_secret": APP_SECRET, "verify_token": "ig-verify-token", "graph_base": "https://graph.facebook.test",
             "username": "acme.support"}
PAGE_POST = f"{PAGE_ID}_122139005512594941"
COMMENT = "122139005512594941_1213590066982748"
REPLY_COMMENT = "122139005512594941_1563420089971206"
UTC = timezone.utc


def body_of(name: str) -> bytes:
    return (FIXTURES / f"{name}.json").read_bytes()


@pytest.fixture
def config_env(tmp_path):
    """Overrides conftest's: a Facebook Page and an Instagram account, Zammad, SQLite in tmp_path."""
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[FACEBOOK, INSTAGRAM])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def mock():
    """Zammad (one ticket, 82) and whatever Graph answers a test adds."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{ZAMMAD_URL}/api/v1/users/search.*"), json=[])
        mock.post(f"{ZAMMAD_URL}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{ZAMMAD_URL}/api/v1/tickets", json={"id": 82, "number": "10082", "article_ids": [501]}, status=201)
        mock.get(re.compile(rf"{ZAMMAD_URL}/api/v1/tickets/82.*"), json={"id": 82, "state": "open", "state_id": 2})
        mock.post(f"{ZAMMAD_URL}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 82}, status=201)
        yield mock


def deliver(client, channel: str, name: str, *, secret: str = APP_SECRET):
    body = body_of(name)
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(f"/webhooks/{channel}/acme", data=body, headers={"X-Hub-Signature-256": signature,
                                                                         "Content-Type": "application/json"})


def json_bodies(mock, method, url_part):
    return [json.loads(c.request.body) for c in calls(mock, method, url_part)]


def customer_articles(mock):
    return [a for a in json_bodies(mock, "POST", "/api/v1/ticket_articles") if not a["internal"]]


def notes(mock):
    """The bridge's internal notes (delivery results, deletions, and the core's SLA notes)."""
    return [a for a in json_bodies(mock, "POST", "/api/v1/ticket_articles") if a["internal"]]


def test_handshake_and_signature_at_the_http_edge(client, store):
    ok = client.get("/webhooks/facebook/acme?hub.mode=subscribe&hub.verify_token=fb-verify-token&hub.challenge=1158201444")
    assert (ok.status_code, ok.mimetype, ok.get_data(as_text=True)) == (200, "text/plain", "1158201444")
    wrong = client.get("/webhooks/instagram/acme?hub.mode=subscribe&hub.verify_token=fb-verify-token&hub.challenge=1")
    assert wrong.status_code == 403  # each account checks its own verify token
    assert deliver(client, "facebook", "facebook/feed_comment_add", secret="not-the-app-secret").status_code == 401
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(InboundEvent)) == 0


def test_comment_and_its_reply_make_one_ticket_and_the_agent_answers_under_the_reply(client, work, mock, store):
    assert deliver(client, "facebook", "facebook/feed_comment_add").get_json()["status"] == "accepted"
    assert deliver(client, "facebook", "facebook/feed_comment_add").get_json()["status"] == "duplicate"
    work()
    [ticket] = json_bodies(mock, "POST", "/api/v1/tickets")
    assert ticket["title"] == "Comment from Jane Doe: Still waiting for my refund, order #4521"
    assert ticket["article"]["sender"] == "Customer"
    assert f"https://www.facebook.com/{PAGE_POST}?comment_id=1213590066982748" in ticket["article"]["body"]
    assert ticket["customer"]["login"] == "facebook:6401927385512019"

    deliver(client, "facebook", "facebook/feed_comment_reply")  # a reply under the comment: same ticket
    deliver(client, "facebook", "facebook/feed_reaction")  # a like: nothing
    work()
    assert len(calls(mock, "POST", "/api/v1/tickets")) == 1
    [article] = customer_articles(mock)
    assert "Any news?" in article["body"] and str(article["ticket_id"]) == "82"

    mock.post(f"{GRAPH}/{REPLY_COMMENT}/comments", json={"id": "122139005512594941_4410927731850264"})
    post_zammad(client, agent_reply())
    work()
    [sent] = calls(mock, "POST", "/comments")
    assert sent.request.url == f"{GRAPH}/{REPLY_COMMENT}/comments"
    assert sent.request.headers["Authorization"] == "Bearer EAAG-page-token"
    assert "Sorry+about+that" in sent.request.body
    note = notes(mock)[-1]
    assert f"Posted publicly on facebook: https://www.facebook.com/{PAGE_POST}?comment_id=4410927731850264" in note["body"]
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "sent"


def test_edit_is_an_article_and_a_deletion_a_note_and_nothing_is_answered_under_it(client, work, mock, store):
    deliver(client, "facebook", "facebook/feed_comment_add")
    deliver(client, "facebook", "facebook/feed_comment_edited")
    deliver(client, "facebook", "facebook/feed_comment_edited")  # redelivered: same body, one event
    work()
    [edit] = customer_articles(mock)
    assert edit["body"].startswith("(edited) Still waiting for my refund, order #4521 (paid by card)")
    deliver(client, "facebook", "facebook/feed_comment_remove")
    work()
    assert "deleted this facebook post" in notes(mock)[-1]["body"]
    post_zammad(client, agent_reply())
    work()
    assert calls(mock, "POST", "/comments") == []
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "failed"


@time_machine.travel(datetime(2026, 11, 20, 9, 40, tzinfo=UTC), tick=True)
def test_messenger_message_is_answered_by_messenger_inside_the_24_hours(client, work, mock):
    deliver(client, "facebook", "facebook/messenger_message")
    deliver(client, "facebook", "facebook/messenger_echo")  # the Page's own message: never a ticket
    work()
    [ticket] = json_bodies(mock, "POST", "/api/v1/tickets")
    assert ticket["title"].startswith("Messenger message from Facebook user 7112649035512873")
    mock.post(f"{GRAPH}/{PAGE_ID}/messages", json={"recipient_id": "7112649035512873", "message_id": "m_sent_1"})
    post_zammad(client, agent_reply())
    work()
    assert json_bodies(mock, "POST", f"/{PAGE_ID}/messages") == [{
        "recipient": {"id": "7112649035512873"}, "messaging_type": "RESPONSE",
        "message": {"text": "Sorry about that! We'll send a new one today."}}]
    assert calls(mock, "POST", "/comments") == []
    assert "Sent as a private message" in notes(mock)[-1]["body"]


PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 200


def reply_with_files(*files: tuple[int, str, str, int]) -> bytes:
    """The agent's reply with Zammad attachments (id, filename, content type, size)."""
    payload = json.loads(agent_reply())
    payload["article"]["attachments"] = [{"id": i, "filename": name, "size": str(size), "preferences": {"Content-Type": kind}}
                                         for i, name, kind, size in files]
    return json.dumps(payload).encode()


# (pinned inside the seven days Meta's human-agent tag allows after the customer's message of 20 November 09:14)
@time_machine.travel(datetime(2026, 11, 20, 9, 40, tzinfo=UTC), tick=True)
def test_messenger_reply_goes_as_its_text_then_its_image_and_a_pdf_stays_behind(client, work, mock, store):
    deliver(client, "facebook", "facebook/messenger_message")
    work()
    mock.get(f"{ZAMMAD_URL}/api/v1/ticket_attachment/82/9001/5", body=PNG, content_type="image/png")
    mock.post(f"{GRAPH}/{PAGE_ID}/message_attachments", json={"attachment_id": "1857777774821032"})
    mock.post(f"{GRAPH}/{PAGE_ID}/messages", json={"recipient_id": "7112649035512873", "message_id": "m_sent_1"})
    post_zammad(client, reply_with_files((5, "label.png", "image/png", len(PNG)), (6, "invoice.pdf", "application/pdf", 2048)))
    work()
    [upload] = calls(mock, "POST", "/message_attachments")
    assert PNG in upload.request.body
    assert [b["message"] for b in json_bodies(mock, "POST", f"/{PAGE_ID}/messages")] == [
        {"text": "Sorry about that! We'll send a new one today."},
        {"attachment": {"type": "image", "payload": {"attachment_id": "1857777774821032"}}}]
    note = notes(mock)[-1]["body"]
    assert note.startswith("Sent as a private message") and "With it: label.png." in note
    assert "This attached file did NOT go with it: invoice.pdf (Facebook takes only image files" in note
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "sent"


# (pinned inside the seven days Meta's human-agent tag allows after the customer's message of 20 November 09:14)
@time_machine.travel(datetime(2026, 11, 20, 9, 40, tzinfo=UTC), tick=True)
def test_messenger_image_refused_after_the_text_is_named_in_the_note_and_nothing_is_sent_twice(client, work, mock, store):
    deliver(client, "facebook", "facebook/messenger_message")
    work()
    mock.get(f"{ZAMMAD_URL}/api/v1/ticket_attachment/82/9001/5", body=PNG, content_type="image/png")
    mock.post(f"{GRAPH}/{PAGE_ID}/message_attachments", json={"attachment_id": "1857777774821032"})
    mock.post(f"{GRAPH}/{PAGE_ID}/messages", json={"recipient_id": "7112649035512873", "message_id": "m_sent_1"})
    mock.post(f"{GRAPH}/{PAGE_ID}/messages", status=400, json=json.loads(body_of("facebook/error_2018047_upload_failure"))["body"])
    post_zammad(client, reply_with_files((5, "label.png", "image/png", len(PNG))))
    work()
    work()
    assert len(calls(mock, "POST", f"/{PAGE_ID}/messages")) == 2  # the text once, the image once: no retry
    note = notes(mock)[-1]["body"]
    assert note.startswith("Sent as a private message")
    assert "With it:" not in note
    assert "This attached file did NOT go with it: label.png (Facebook did not take it after the text went" in note
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "sent"


# (pinned inside the seven days Meta's human-agent tag allows after the customer's message of 20 November 09:14)
@time_machine.travel(datetime(2026, 11, 20, 9, 40, tzinfo=UTC), tick=True)
def test_with_the_default_loopback_url_an_instagram_dm_goes_as_text_and_the_agent_is_told_why(client, work, mock, store):
    deliver(client, "instagram", "instagram/dm_message")
    work()
    mock.post(f"{GRAPH}/{IG_USER_ID}/messages", json={"recipient_id": "6923465181037215", "message_id": "aWdf_sent"})
    post_zammad(client, reply_with_files((5, "label.png", "image/png", len(PNG)), (6, "invoice.pdf", "application/pdf", 2048)))
    work()
    assert [b["message"] for b in json_bodies(mock, "POST", f"/{IG_USER_ID}/messages")] == [
        {"text": "Sorry about that! We'll send a new one today."}]
    assert calls(mock, "GET", "/api/v1/ticket_attachment/") == []  # never fetched: it could not go
    assert store.media.keys() == []  # and no link was made
    note = notes(mock)[-1]["body"]
    assert note.startswith("Sent as a private message")
    assert ("These attached files did NOT go with it: label.png (images need BRIDGE_PUBLIC_URL reachable from the "
            "internet: Instagram fetches each image from the bridge, and BRIDGE_PUBLIC_URL is http://127.0.0.1:8000, "
            "a loopback address); invoice.pdf (Instagram takes only image files") in note


def image_urls(mock) -> list[str]:
    return [b["message"]["attachment"]["payload"]["url"] for b in json_bodies(mock, "POST", f"/{IG_USER_ID}/messages")
            if "attachment" in b["message"]]


# (pinned inside the seven days Meta's human-agent tag allows after the customer's message of 20 November 09:14)
@time_machine.travel(datetime(2026, 11, 20, 9, 40, tzinfo=UTC), tick=True)
def test_an_instagram_dm_carries_its_image_by_a_signed_link_the_bridge_serves(client, work, mock, store, rt):
    rt.media_links.public_url = "https://bridge.acme.example"  # as BRIDGE_PUBLIC_URL would set it
    deliver(client, "instagram", "instagram/dm_message")
    work()
    mock.get(f"{ZAMMAD_URL}/api/v1/ticket_attachment/82/9001/5", body=PNG, content_type="image/png")
    mock.post(f"{GRAPH}/{IG_USER_ID}/messages", json={"recipient_id": "6923465181037215", "message_id": "aWdf_sent"})
    post_zammad(client, reply_with_files((5, "label.png", "image/png", len(PNG))))
    work()
    bodies = json_bodies(mock, "POST", f"/{IG_USER_ID}/messages")
    assert [b["message"].get("text") for b in bodies] == ["Sorry about that! We'll send a new one today.", None]
    [url] = image_urls(mock)
    assert url.startswith("https://bridge.acme.example/media/")
    # what Meta fetches: the image itself, from the same bridge
    fetched = client.get(url.removeprefix("https://bridge.acme.example"))
    assert (fetched.status_code, fetched.content_type, fetched.data) == (200, "image/png", PNG)
    note = notes(mock)[-1]["body"]
    assert note.startswith("Sent as a private message") and note.endswith("With it: label.png.")
    assert "/media/" not in note
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "sent"
    # minutes later the link is dead and the file gone from the store
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=6), tick=False):
        assert client.get(url.removeprefix("https://bridge.acme.example")).status_code == 404
        from bridge.queue import sweep

        sweep(rt)
    assert store.media.keys() == []


# (pinned inside the seven days Meta's human-agent tag allows after the customer's message of 20 November 09:14)
@time_machine.travel(datetime(2026, 11, 20, 9, 40, tzinfo=UTC), tick=True)
def test_an_instagram_image_refused_after_the_text_is_named_and_nothing_is_sent_twice(client, work, mock, store, rt, caplog):
    rt.media_links.public_url = "https://bridge.acme.example"
    deliver(client, "instagram", "instagram/dm_message")
    work()
    mock.get(f"{ZAMMAD_URL}/api/v1/ticket_attachment/82/9001/5", body=PNG, content_type="image/png")
    mock.post(f"{GRAPH}/{IG_USER_ID}/messages", json={"recipient_id": "6923465181037215", "message_id": "aWdf_sent"})
    refused = json.loads(body_of("instagram/error_100_image_url"))

    def refuse_quoting_the_link(request):
        url = json.loads(request.body)["message"]["attachment"]["payload"]["url"]
        return refused["status"], {}, json.dumps(refused["body"]).replace("<URL>", url)

    mock.add_callback(responses.POST, f"{GRAPH}/{IG_USER_ID}/messages", callback=refuse_quoting_the_link)
    post_zammad(client, reply_with_files((5, "label.png", "image/png", len(PNG))))
    work()
    work()
    assert len(calls(mock, "POST", f"/{IG_USER_ID}/messages")) == 2  # the text once, the image once: no retry
    [url] = image_urls(mock)
    note = notes(mock)[-1]["body"]
    assert note.startswith("Sent as a private message") and "With it:" not in note
    assert "This attached file did NOT go with it: label.png (Instagram did not take it after the text went" in note
    assert url not in note and "/media/" not in note
    assert url not in caplog.text and "/media/" not in caplog.text
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "sent"


def test_health_and_start_up_warn_that_instagram_images_need_a_reachable_public_url(client, rt, monkeypatch):
    from dataclasses import replace

    from bridge.startup import media_warnings

    health = client.get("/healthz").get_json()
    assert health["status"] == "ok"  # a warning: the replies still go, as text
    assert health["warnings"] == [
        "instagram/acme: images in replies need BRIDGE_PUBLIC_URL reachable from the internet (BRIDGE_PUBLIC_URL is "
        "http://127.0.0.1:8000, a loopback address); until it is, those replies go as text and the agent is told why"]
    rt.media_links.public_url = "https://bridge.acme.example"
    assert client.get("/healthz").get_json()["warnings"] == []
    # with Celery, the workers sign the links serve checks: one key for all of them
    rt.settings = replace(rt.settings, redis_url="redis://127.0.0.1:6379/0")
    monkeypatch.delenv("BRIDGE_SECRET_KEY", raising=False)
    [warning] = media_warnings(rt)
    assert warning.startswith("instagram/acme: set BRIDGE_SECRET_KEY, the same for serve and every worker")
    monkeypatch.setenv("BRIDGE_SECRET_KEY", "k" * 40)
    assert media_warnings(rt) == []


@time_machine.travel(datetime(2026, 11, 28, 12, 0, tzinfo=UTC), tick=True)
def test_messenger_window_closed_the_agent_is_told_and_nothing_is_sent(client, work, mock, store):
    deliver(client, "facebook", "facebook/messenger_message")  # written eight days ago
    work()
    post_zammad(client, agent_reply())
    work()
    assert calls(mock, "POST", "/messages") == []
    assert notes(mock)[-1]["body"].startswith("Phone callback needed: the reply was NOT posted.")
    assert "messaging window is closed" in notes(mock)[-1]["body"]
    with store.session() as s:
        assert s.scalar(select(Delivery.state)) == "handed_off"


def test_expired_page_token_holds_the_reply_and_shows_the_account_broken(client, work, mock, store):
    deliver(client, "facebook", "facebook/feed_comment_add")
    work()
    expired = json.loads(body_of("facebook/error_190_expired"))
    mock.post(f"{GRAPH}/{COMMENT}/comments", json=expired["body"], status=expired["status"])
    post_zammad(client, agent_reply())
    work()
    with store.session() as s:
        delivery = s.scalar(select(Delivery))
        assert (delivery.state, delivery.noted_at) == ("pending", None)  # waiting, not reported as sent or failed
        assert "Graph error 190/463" in delivery.last_error
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    assert [b["account"] for b in health["broken_accounts"]] == ["facebook/acme"]
    assert "EAAG-page-token" not in json.dumps(health)
    assert 'bridge_account_broken{account="acme",channel="facebook"} 1.0' in client.get("/metrics").get_data(as_text=True)
    # the admin renews the token; the held reply goes out once and the account is healthy again
    mock.replace("POST", f"{GRAPH}/{COMMENT}/comments", json={"id": "122139005512594941_4410927731850264"})
    with store.session() as s:
        s.get(Delivery, delivery.id).next_attempt_at = delivery.created_at
    work()
    assert store.outbox.get(delivery.id).state == "sent"
    assert client.get("/healthz").get_json()["broken_accounts"] == []
    assert len(calls(mock, "POST", "/comments")) == 2  # the refused try and the one that went out


def test_rate_limited_reply_waits_as_meta_says(client, work, mock, store):
    deliver(client, "facebook", "facebook/feed_comment_add")
    work()
    limited = json.loads(body_of("facebook/error_32_page_limit"))
    mock.post(f"{GRAPH}/{COMMENT}/comments", json=limited["body"], status=limited["status"], headers=limited["headers"])
    before = datetime.now(UTC).replace(tzinfo=None)
    post_zammad(client, agent_reply())
    work()
    delivery = store.outbox.get(1)
    assert delivery.state == "pending" and "rate limited by Meta" in delivery.last_error
    assert delivery.next_attempt_at - before >= timedelta(minutes=6, seconds=50)  # 7 minutes, as the header said


@time_machine.travel(datetime(2026, 11, 20, 10, 0, tzinfo=UTC), tick=True)
def test_instagram_mention_answered_privately_when_the_agent_asks(client, work, mock):
    mentioned = json.loads(body_of("instagram/answer_mentioned_comment"))
    mock.get(f"{GRAPH}/{IG_USER_ID}", json=mentioned["body"])
    deliver(client, "instagram", "instagram/mention_comment")
    work()
    [ticket] = json_bodies(mock, "POST", "/api/v1/tickets")
    assert ticket["title"] == "Mention by @sam_k: @acme.support my parcel came crushed, order #4521"
    assert ticket["customer"]["login"] == "instagram:@sam_k"
    mock.post(f"{GRAPH}/{IG_USER_ID}/messages", json={"recipient_id": "1", "message_id": "aWdf_sent"})
    mock.post(f"{GRAPH}/{IG_USER_ID}/mentions", json={"id": "17900000000000001"})
    post_zammad(client, agent_reply(social_reply_mode="private"))
    work()
    assert json_bodies(mock, "POST", f"/{IG_USER_ID}/messages") == [{
        "recipient": {"comment_id": "17894227972186120"},
        "message": {"text": "Sorry about that! We'll send a new one today."}}]
    # in the public thread, only the short acknowledgement
    [acknowledgement] = calls(mock, "POST", "/mentions")
    assert "We%27ve+sent+you+a+private+message." in acknowledgement.request.body
    assert "new+one+today" not in acknowledgement.request.body
    # one private reply per comment: a second private answer becomes a phone handoff
    post_zammad(client, agent_reply(article_id=9002, social_reply_mode="private"))
    work()
    assert len(calls(mock, "POST", f"/{IG_USER_ID}/messages")) == 1
    assert notes(mock)[-1]["body"].startswith("Phone callback needed: the reply was NOT posted.")


def test_instagram_comment_and_dm_echo(client, work, mock, store):
    deliver(client, "instagram", "instagram/comment")
    deliver(client, "instagram", "instagram/own_comment")  # the account's own reply: never a ticket
    deliver(client, "instagram", "instagram/dm_echo")
    work()
    [ticket] = json_bodies(mock, "POST", "/api/v1/tickets")
    assert ticket["title"] == "Comment from @jane.doe: Where is my order #4521? Nobody answers DMs"
    assert customer_articles(mock) == []
    with store.session() as s:
        assert sorted(s.scalars(select(InboundEvent.state))) == ["done", "done", "done"]
