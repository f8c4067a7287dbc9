"""An agent's attached images go out with the reply, through the real tasks: a Bluesky mention polled into a
Zammad ticket, the agent's reply with files, each image fetched from Zammad (GET /api/v1/ticket_attachment)
and uploaded to the PDS, the post embedding them; what cannot go (a PDF, a file too large, one that Zammad
does not hand out) is named in the note, with the reason. Bluesky and Zammad are answered by `responses`
in their documented shapes."""
from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timezone

import pytest
import requests
import responses
import time_machine

from bridge.store.tables import Delivery, PollerState
from tests.channels.bluesky.test_channel import PDS, fixture
from tests.conftest import REPO, ZAMMAD, write_config
from tests.test_flow import calls
from tests.web.test_webhooks import zammad_signature

HELPDESK = ZAMMAD["url"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 200


@pytest.fixture
def config_env(tmp_path):
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    shutil.copy(REPO / "mappings" / "bluesky.yaml", mappings / "bluesky.yaml")
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[
        {"channel": "bluesky", "name": "acme", "handle": "acme.bsky.social", "app_password": "p", "pds_url": PDS}])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(mappings)}


@pytest.fixture
def platform():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(f"{PDS}/xrpc/com.atproto.server.createSession", json=fixture("create_session"))
        mock.get(f"{PDS}/xrpc/app.bsky.notification.listNotifications", json=fixture("list_notifications"))
        mock.get(f"{PDS}/xrpc/app.bsky.actor.getProfiles", json=fixture("get_profiles"))
        mock.get(f"{PDS}/xrpc/app.bsky.feed.getPosts", json=fixture("get_posts"))
        mock.post(f"{PDS}/xrpc/com.atproto.repo.uploadBlob", json=fixture("upload_blob"))
        mock.post(f"{PDS}/xrpc/com.atproto.repo.createRecord", json=fixture("create_record"))
        mock.get(re.compile(rf"{HELPDESK}/api/v1/users/search.*"), json=[])
        mock.post(f"{HELPDESK}/api/v1/users", json={"id": 42}, status=201)
        mock.post(f"{HELPDESK}/api/v1/tickets", json={"id": 82, "number": "10082", "article_ids": [501]}, status=201)
        mock.get(re.compile(rf"{HELPDESK}/api/v1/tickets/82.*"), json={"id": 82, "state": "open", "state_id": 2})
        mock.post(f"{HELPDESK}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 82}, status=201)
        mock.get(f"{HELPDESK}/api/v1/ticket_attachment/82/9001/5", body=PNG, content_type="image/png")
        mock.get(f"{HELPDESK}/api/v1/ticket_attachment/82/9001/8", status=404, json={"error": "Not authorized"})
        yield mock


def attachment(ident: int, name: str, content_type: str, size: int) -> dict:
    return {"id": ident, "filename": name, "size": str(size), "preferences": {"Content-Type": content_type}}


def agent_reply(attachments: list[dict], mode: str | None = None) -> bytes:
    ticket = {"id": 82, "title": "t", "state": "open", **({"social_reply_mode": mode} if mode else {})}
    return json.dumps({
        "ticket": ticket,
        "article": {"id": 9001, "ticket_id": 82, "sender": "Agent", "internal": False, "type": "social reply",
                    "content_type": "text/html", "body": "<p>Here is your new label.</p>", "from": "Agent Smith",
                    "created_by": {"login": "agent.smith@acme.test"}, "attachments": attachments},
    }).encode()


def reply_with(client, work, rt, app, mock, attachments, mode=None) -> list[str]:
    with rt.store.session() as s:
        s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})
    app.extensions["bridge_queue"].run_polls()
    work()
    body = agent_reply(attachments, mode)
    assert client.post("/webhooks/helpdesk/zammad", data=body,
                       headers={"X-Hub-Signature": zammad_signature(body)}).status_code < 300
    work()
    work()
    return [json.loads(c.request.body)["body"] for c in calls(mock, "POST", "/api/v1/ticket_articles")
            if json.loads(c.request.body).get("internal")]


@pytest.fixture
def flow(client, work, rt, app, platform):
    """Poll the mention into a ticket, post the agent's reply with these files, run the delivery; the notes. (The clock
    is pinned a few minutes after the captured notifications of 26 November: the first poll reaches back 24 hours.)"""
    with time_machine.travel(datetime(2026, 11, 26, 9, 10, tzinfo=timezone.utc), tick=True):
        yield lambda attachments, mode=None: reply_with(client, work, rt, app, platform, attachments, mode)


def test_an_attached_image_goes_with_the_public_reply_and_a_pdf_stays_behind(flow, platform):
    notes = flow([attachment(5, "label.png", "image/png", len(PNG)),
                  attachment(6, "invoice.pdf", "application/pdf", 2048)])
    [fetched] = calls(platform, "GET", "/api/v1/ticket_attachment/")
    assert fetched.request.url.endswith("/82/9001/5")
    assert fetched.request.headers["Authorization"] == "Token token=zammad-token"
    [upload] = calls(platform, "POST", "com.atproto.repo.uploadBlob")
    assert upload.request.body == PNG and upload.request.headers["Content-Type"] == "image/png"
    [created] = calls(platform, "POST", "com.atproto.repo.createRecord")
    record = json.loads(created.request.body)["record"]
    assert record["text"] == "Here is your new label."
    assert record["embed"] == {"$type": "app.bsky.embed.images",
                               "images": [{"alt": "label.png", "image": fixture("upload_blob")["blob"]}]}
    [note] = [n for n in notes if n.startswith("Posted publicly on bluesky")]
    assert "With it: label.png." in note
    assert "This attached file did NOT go with it: invoice.pdf (Bluesky takes only image files" in note
    assert "label.png (" not in note


def test_too_large_too_many_and_unreadable_files_stay_behind_with_the_reason(flow, platform, rt):
    files = [attachment(5, "label.png", "image/png", len(PNG)),
             attachment(7, "huge.jpg", "image/jpeg", 3_000_000),
             attachment(8, "gone.png", "image/png", 100)]
    files += [attachment(5, f"copy{i}.png", "image/png", len(PNG)) for i in range(4)]
    notes = flow(files)
    note = next(n for n in notes if n.startswith("Posted publicly on bluesky"))
    assert "With it: label.png, copy0.png, copy1.png, copy2.png." in note
    assert "huge.jpg (larger than Bluesky's 1 MB per file)" in note
    assert "gone.png (not readable from the helpdesk: zammad: fetch attachment gone.png: HTTP 404" in note
    assert "copy3.png (Bluesky takes at most 4 files in a public reply)" in note
    assert not calls(platform, "GET", "/api/v1/ticket_attachment/82/9001/7")  # never fetched: too large as declared
    [created] = calls(platform, "POST", "com.atproto.repo.createRecord")
    assert len(json.loads(created.request.body)["record"]["embed"]["images"]) == 4


def test_a_reply_whose_upload_times_out_waits_and_the_post_is_made_once(flow, platform, rt, app, work):
    platform.replace(responses.POST, f"{PDS}/xrpc/com.atproto.repo.uploadBlob", body=requests.ConnectTimeout())
    flow([attachment(5, "label.png", "image/png", len(PNG))])
    assert not calls(platform, "POST", "com.atproto.repo.createRecord")
    [delivery] = rt.store.outbox.recent()
    assert delivery.state == "pending" and "connect timeout" in delivery.last_error

    platform.replace(responses.POST, f"{PDS}/xrpc/com.atproto.repo.uploadBlob", json=fixture("upload_blob"))
    with rt.store.session() as s:
        s.query(Delivery).update({"next_attempt_at": datetime(2000, 1, 1)})
    app.extensions["bridge_queue"].run_due()
    work()
    assert len(calls(platform, "POST", "com.atproto.repo.createRecord")) == 1
    assert rt.store.outbox.get(delivery.id).state == "sent"


def test_a_post_with_images_whose_outcome_is_unknown_is_not_sent_again(flow, platform, rt):
    platform.replace(responses.POST, f"{PDS}/xrpc/com.atproto.repo.createRecord", body=requests.ReadTimeout())
    notes = flow([attachment(5, "label.png", "image/png", len(PNG))])
    assert len(calls(platform, "POST", "com.atproto.repo.createRecord")) == 1
    assert any(n.startswith("Reply status unknown") for n in notes)
    [delivery] = rt.store.outbox.recent()
    assert delivery.state == "failed"


def test_a_private_bluesky_reply_is_text_only_and_says_so(flow, platform):
    platform.get(f"{PDS}/xrpc/app.bsky.actor.getProfile",
                 json={"did": "did:plc:x", "handle": "x", "associated": {"chat": {"allowIncoming": "all"}}})
    platform.get(f"{PDS}/xrpc/chat.bsky.convo.getConvoForMembers", json=fixture("get_convo_for_members"))
    platform.post(f"{PDS}/xrpc/chat.bsky.convo.sendMessage", json=fixture("send_message"))
    notes = flow([attachment(5, "label.png", "image/png", len(PNG))], mode="private")
    assert not calls(platform, "GET", "/api/v1/ticket_attachment/")
    assert not calls(platform, "POST", "com.atproto.repo.uploadBlob")
    note = next(n for n in notes if n.startswith("Sent as a private message"))
    assert "The attached file label.png did NOT go with it: the bridge sends a Bluesky private message as text only" \
        in note
