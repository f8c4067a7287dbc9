"""YouTube through the core: polled by the embedded queue → tickets; a comment exposing a card held for
review (the account allows it) with a note; the agent's answer → a reply, a sensitive one → the phone
handoff; the quota every call spent, counted in the store and shown in /healthz. Zammad, Google's token
endpoint and the YouTube API answered by `responses`."""
import json
import re
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
import time_machine

from bridge.store.tables import PollerState
from tests.conftest import REPO, ZAMMAD, write_config
from tests.test_flow import agent_reply, calls, post_zammad

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "youtube"
API = "https://youtube.test/youtube/v3"
TOKEN_URL = "https://oauth.test/token"
YOUTUBE = {"channel": "youtube", "name": "acme", "channel_id": "UCN1hnUccO4FD5WfM7ithXaw", "client_id": "cid",
           "client_secret": "cs", "refresh_token": "1//r", "token_url": TOKEN_URL, "api_base": API,
           "hold_exposed": True, "backfill": "30d"}
CARD = "4111 1111 1111 1111"


@pytest.fixture
def config_env(tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[YOUTUBE])
    return {"BRIDGE_CONFIG": str(path), "DATABASE_URL": f"sqlite:///{tmp_path / 'bridge.db'}",
            "BRIDGE_MAPPINGS_DIR": str(REPO / "mappings")}


@pytest.fixture
def mock():
    url = ZAMMAD["url"]
    threads = json.loads((FIXTURES / "comment_threads.json").read_text())
    del threads["nextPageToken"]
    top = threads["items"][1]["snippet"]["topLevelComment"]["snippet"]
    top["textOriginal"] = f"charged twice on card {CARD}, refund please"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(re.compile(rf"{url}/api/v1/users/search.*"), json=[])
        mock.post(f"{url}/api/v1/users", json={"id": 42}, status=201)
        created = []

        def create(request):
            created.append(request)
            number = 80 + len(created)
            return 201, {}, json.dumps({"id": number, "number": str(10000 + number), "article_ids": [500 + number]})

        mock.add_callback("POST", f"{url}/api/v1/tickets", callback=create)
        mock.get(re.compile(rf"{url}/api/v1/tickets/8\d.*"), json={"id": 81, "state": "open", "state_id": 2})
        mock.post(f"{url}/api/v1/ticket_articles", json={"id": 777, "ticket_id": 82}, status=201)
        mock.post(TOKEN_URL, json=json.loads((FIXTURES / "token.json").read_text()))
        mock.get(f"{API}/commentThreads", json=threads)
        mock.post(f"{API}/comments/setModerationStatus", status=204)
        mock.post(f"{API}/comments", json=json.loads((FIXTURES / "comment_insert.json").read_text()))
        yield mock


@pytest.fixture
def queue(app):
    return app.extensions["bridge_queue"]


def poll_and_work(rt, queue):
    with rt.store.session() as s:
        s.query(PollerState).update({"next_poll_at": datetime(2000, 1, 1)})
    assert queue.run_polls() == 1
    queue.run_due()


# (pinned just after the captured payloads of 26 November: the first poll reaches back only so far)
@time_machine.travel(datetime(2026, 11, 26, 10, 30, tzinfo=timezone.utc), tick=True)
def test_comments_become_tickets_exposed_ones_are_held_and_the_quota_is_shown(rt, queue, mock, client):
    poll_and_work(rt, queue)
    tickets = [json.loads(c.request.body) for c in calls(mock, "POST", "/api/v1/tickets")]
    assert len(tickets) == 3  # the thread's top-level comment and the customer's reply share one thread: 3 threads
    exposed = next(t for t in tickets if "refund" in t["title"])
    assert CARD not in json.dumps(exposed)
    # the card is held (the mapping's exposure.hide kinds: cards, passwords, id numbers by default); the
    # customer's e-mail address in a reply is masked on the ticket but stays up
    held = [parse_qs(urlsplit(c.request.url).query) for c in calls(mock, "POST", "/setModerationStatus")]
    assert [h["id"][0] for h in held] == ["UgxISZhP_62DIrtv2r94AaABAg"]
    assert {h["moderationStatus"][0] for h in held} == {"heldForReview"}
    notes = [json.loads(c.request.body)["body"] for c in calls(mock, "POST", "/api/v1/ticket_articles")]
    assert len([n for n in notes if "held it for review on YouTube" in n]) == 1

    health = client.get("/healthz").get_json()
    assert health["channels"]["youtube/acme"]["quota"]["used"] == 1 + 50  # one list page, one hold
    assert health["status"] == "ok"


# (pinned just after the captured payloads of 26 November: the first poll reaches back only so far)
@time_machine.travel(datetime(2026, 11, 26, 10, 30, tzinfo=timezone.utc), tick=True)
def test_an_answer_is_a_reply_and_a_sensitive_one_the_phone_handoff(rt, queue, mock, client):
    poll_and_work(rt, queue)
    # ticket 83: the "10/9/2020" thread, nothing sensitive in it
    post_zammad(client, agent_reply(ticket_id=83, body="<p>Thanks for watching!</p>"))
    queue.run_due()
    post_zammad(client, agent_reply(ticket_id=83, article_id=9002, body=f"<p>We refunded card {CARD}.</p>"))
    queue.run_due()
    # ticket 81: the customer gave their e-mail address in the thread, so even a plain answer is not public
    post_zammad(client, agent_reply(ticket_id=81, article_id=9003, body="<p>Found your order, it ships today.</p>"))
    queue.run_due()
    replies = [(json.loads(c.request.body)["snippet"]["parentId"], json.loads(c.request.body)["snippet"]["textOriginal"])
               for c in calls(mock, "POST", f"{API}/comments") if "setModerationStatus" not in c.request.url]
    phone = "We'd like to call you about this. Please send us your phone number in a private message."
    assert replies == [("UgzUoQgRFt_6K4EGlsV4AaABAg", "Thanks for watching!"), ("UgzUoQgRFt_6K4EGlsV4AaABAg", phone),
                       ("UgxXfLfuryhN5JBV4Zl4AaABAg", phone)]
    assert client.get("/healthz").get_json()["channels"]["youtube/acme"]["quota"]["used"] == 1 + 50 + 3 * 50  # one hold
