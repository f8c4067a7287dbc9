"""DjangoHelpdesk: contract tests against recorded django-helpdesk 2.6.1 answers
(tests/fixtures/django_helpdesk), then the same calls against a real local django-helpdesk."""
from __future__ import annotations

import copy
import json
import queue
import threading
from datetime import datetime, timezone
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
import responses

from bridge.devstack import LocalHelpdesk, StartError, default_helpdesk_python
from bridge.errors import AmbiguousError, ConfigError, PayloadError, PermanentError, TransientError
from bridge.helpdesks.django_helpdesk.adapter import PROBE_TEXT, ZERO_WIDTH_SPACE, DjangoHelpdesk, flagged_title
from bridge.model import (
    ArticleDraft,
    Attachment,
    CreatedTicket,
    Customer,
    DeliveryState,
    PostKind,
    Priority,
    Reply,
    ReplyMode,
    SocialContext,
    TicketDraft,
)
from tests.conftest import free_port, need_service
from tests.faults import refused

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "django_helpdesk"
BASE = "http://helpdesk.test/helpdesk"
TICKETS = BASE + "/api/tickets/"
FOLLOWUPS = BASE + "/api/followups/"
TOKEN = "0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4"
WEBHOOK_TOKEN = "hook-token-5b8e1f0c9a7d"
BRIDGE_USER_ID = 2  # the recorded fixtures were made with the seed's ids: agent 1, bridge 2
SETTINGS = {
    "url": BASE + "/",
    "token": TOKEN,
    "queues": {"Social": 1},
    "bridge_user_id": BRIDGE_USER_ID,
    "webhook_token": WEBHOOK_TOKEN,
}

JANE = Customer(login="x:1500000000000000001", display_name="Jane Doe")
POST_URL = "https://x.com/jane_doe/status/1"
CUSTOMER_TEXT = "From @jane_doe (Jane Doe) on x:\nmy order #1234 never arrived\n" + POST_URL


def fixture(name: str):
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def sent_json(call) -> dict:
    return json.loads(call.request.body)


def ticket_draft(**overrides) -> TicketDraft:
    values = dict(
        title="@acme my order #1234 never arrived",
        queue="Social",
        priority=Priority.HIGH,
        customer=JANE,
        body=CUSTOMER_TEXT,
        post_url=POST_URL,
    )
    values.update(overrides)
    return TicketDraft(**values)


def article_draft(body: str = "From @jane_doe: any news?") -> ArticleDraft:
    return ArticleDraft(body=body, customer=JANE, post_url=POST_URL)


@pytest.fixture
def helpdesk() -> DjangoHelpdesk:
    return DjangoHelpdesk(SETTINGS)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


# -- settings ---------------------------------------------------------------------------------
def test_settings_defaults_and_url_without_trailing_slash(helpdesk):
    assert helpdesk.settings["url"] == BASE
    assert helpdesk.settings["priorities"] == {"urgent": 1, "high": 2, "normal": 3, "low": 4}
    assert DjangoHelpdesk({**SETTINGS, "queues": {}}).settings["queues"] == {}


def test_settings_accept_numbers_written_as_strings():
    # Values substituted from the environment (${HD_QUEUE_ID:-1}) arrive as strings.
    helpdesk = DjangoHelpdesk({**SETTINGS, "queues": {"Social": "7"}, "bridge_user_id": "5"})
    assert helpdesk.settings["queues"] == {"Social": 7}
    assert helpdesk.settings["bridge_user_id"] == 5


def test_partial_priorities_override_only_what_they_name():
    helpdesk = DjangoHelpdesk({**SETTINGS, "priorities": {"urgent": 1, "low": 5}})
    assert helpdesk.settings["priorities"] == {"urgent": 1, "high": 2, "normal": 3, "low": 5}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"token": None}, "token"),
        ({"bridge_user_id": "bridge"}, "bridge_user_id"),
        ({"priorities": {"critical": 1}}, "priorities"),
        ({"priorities": {"high": 9}}, "priorities"),
        ({"url": "not a url"}, "url"),
        ({"webhook_secret": "x"}, "webhook_secret"),  # unknown keys are refused
    ],
)
def test_invalid_settings_name_the_field_but_not_the_secrets(change, field):
    with pytest.raises(ConfigError) as error:
        DjangoHelpdesk({**SETTINGS, **change})
    assert field in str(error.value)
    assert TOKEN not in str(error.value) and WEBHOOK_TOKEN not in str(error.value)


def test_missing_webhook_token_is_a_config_error():
    settings = {k: v for k, v in SETTINGS.items() if k != "webhook_token"}
    with pytest.raises(ConfigError, match="webhook_token"):
        DjangoHelpdesk(settings)


# -- create_ticket ----------------------------------------------------------------------------
def test_create_ticket_posts_the_draft_and_returns_the_opening_followup(helpdesk, mocked):
    call = mocked.post(TICKETS, json=fixture("ticket_create"), status=201)

    created = helpdesk.create_ticket(ticket_draft())

    assert created == CreatedTicket(ticket_id="1", article_id="1")
    assert sent_json(call.calls[0]) == {
        "queue": 1,
        "title": "@acme my order #1234 never arrived",
        "description": CUSTOMER_TEXT,
        "submitter_email": "",
        "priority": 2,
        "due_date": None,
    }
    assert call.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"


def test_create_ticket_sets_the_sla_due_date(helpdesk, mocked):
    call = mocked.post(TICKETS, json=fixture("ticket_create"), status=201)
    due = datetime(2026, 7, 24, 21, 53, tzinfo=timezone.utc)
    helpdesk.create_ticket(ticket_draft(due_at=due))
    assert sent_json(call.calls[0])["due_date"] == "2026-07-24T21:53:00+00:00"


def test_escalate_raises_priority_and_notes_the_tag(helpdesk, mocked):
    patch = mocked.patch(f"{TICKETS}1/", json={"id": 1}, status=200)
    note = mocked.post(FOLLOWUPS, json=fixture("followup_create_note"), status=201)
    helpdesk.escalate("1", Priority.URGENT, "sla-breached", "First response overdue.")
    assert sent_json(patch.calls[0]) == {"priority": 1}
    assert sent_json(note.calls[0]) == {"ticket": 1, "comment": "[sla-breached] First response overdue.", "public": False}


@pytest.mark.parametrize("priority, expected", [(Priority.URGENT, 1), (Priority.NORMAL, 3), (Priority.LOW, 4)])
def test_create_ticket_maps_priorities(helpdesk, mocked, priority, expected):
    call = mocked.post(TICKETS, json=fixture("ticket_create"), status=201)
    helpdesk.create_ticket(ticket_draft(priority=priority))
    assert sent_json(call.calls[0])["priority"] == expected


def test_create_ticket_takes_a_numeric_queue_as_its_id(helpdesk, mocked):
    call = mocked.post(TICKETS, json=fixture("ticket_create"), status=201)
    helpdesk.create_ticket(ticket_draft(queue="7"))
    assert sent_json(call.calls[0])["queue"] == 7


def test_create_ticket_in_an_unknown_queue_is_a_config_error_without_a_request(helpdesk, mocked):
    with pytest.raises(ConfigError) as error:
        helpdesk.create_ticket(ticket_draft(queue="Billing"))
    assert "'Billing'" in str(error.value) and "'queues'" in str(error.value)
    assert len(mocked.calls) == 0


def test_create_ticket_shortens_a_title_to_the_column_size(helpdesk, mocked):
    call = mocked.post(TICKETS, json=fixture("ticket_create"), status=201)
    helpdesk.create_ticket(ticket_draft(title="x" * 300))
    title = sent_json(call.calls[0])["title"]
    assert len(title) == 200 and title.endswith("…")


def test_create_ticket_answer_without_followups_needs_a_person(helpdesk, mocked):
    answer = {**fixture("ticket_create"), "followup_set": []}
    mocked.post(TICKETS, json=answer, status=201)
    with pytest.raises(PermanentError, match="no ticket or follow-up id"):
        helpdesk.create_ticket(ticket_draft())


# -- add_article and add_note -----------------------------------------------------------------
def test_add_article_to_an_open_ticket_is_a_public_followup_without_title(helpdesk, mocked):
    mocked.get(TICKETS + "1/", json=fixture("ticket_get_open"))
    call = mocked.post(FOLLOWUPS, json=fixture("followup_create_public"), status=201)

    article_id = helpdesk.add_article("1", article_draft())

    assert article_id == "2"
    # No "title": django-helpdesk renames the ticket to a follow-up's title.
    assert sent_json(call.calls[0]) == {"ticket": 1, "comment": "From @jane_doe: any news?", "public": True}


@pytest.mark.parametrize("status", [3, 4], ids=["resolved", "closed"])
def test_add_article_reopens_a_resolved_or_closed_ticket(helpdesk, mocked, status):
    mocked.get(TICKETS + "1/", json={**fixture("ticket_get_resolved"), "status": status})
    call = mocked.post(FOLLOWUPS, json=fixture("followup_create_reopen"), status=201)

    article_id = helpdesk.add_article("1", article_draft("From @jane_doe: it broke again"))

    assert article_id == "7"
    assert sent_json(call.calls[0]) == {
        "ticket": 1,
        "comment": "From @jane_doe: it broke again",
        "public": True,
        "new_status": 2,
    }


def test_add_article_keeps_template_syntax_literal(helpdesk, mocked):
    # django-helpdesk renders follow-up comments as Django templates.
    mocked.get(TICKETS + "1/", json=fixture("ticket_get_open"))
    call = mocked.post(FOLLOWUPS, json=fixture("followup_create_public"), status=201)

    text = "50%} off {{ ticket.title }} {{{ queue.title }}} {# a #} {% if %} {%}"
    helpdesk.add_article("1", article_draft(text))

    comment = sent_json(call.calls[0])["comment"]
    for marker in ("{{", "{%", "{#", "%}"):
        assert marker not in comment
    assert comment.replace(ZERO_WIDTH_SPACE, "") == text


def test_add_note_is_a_private_followup(helpdesk, mocked):
    call = mocked.post(FOLLOWUPS, json=fixture("followup_create_note"), status=201)

    note_id = helpdesk.add_note("1", "Delivered to x as post 99")

    assert note_id == "3"
    assert sent_json(call.calls[0]) == {"ticket": 1, "comment": "Delivered to x as post 99", "public": False}


@pytest.mark.parametrize("ticket_id", ["", "1/../../users", "abc", "²"])
def test_ticket_ids_must_be_numeric_before_any_request(helpdesk, mocked, ticket_id):
    with pytest.raises(PermanentError, match="not a ticket id"):
        helpdesk.add_article(ticket_id, article_draft())
    with pytest.raises(PermanentError, match="not a ticket id"):
        helpdesk.add_note(ticket_id, "note")
    assert len(mocked.calls) == 0


# -- errors -----------------------------------------------------------------------------------
def test_unknown_queue_id_400_is_permanent_and_names_no_customer_text(helpdesk, mocked):
    mocked.post(TICKETS, json=fixture("error_400_queue"), status=400)
    with pytest.raises(PermanentError) as error:
        helpdesk.create_ticket(ticket_draft(queue="99"))
    assert error.value.status == 400
    assert "Invalid pk" in str(error.value)
    assert "never arrived" not in str(error.value) and "jane" not in str(error.value).lower()


def test_bad_token_401_is_permanent_and_does_not_show_the_token(helpdesk, mocked):
    mocked.post(TICKETS, json=fixture("error_401"), status=401)
    with pytest.raises(PermanentError) as error:
        helpdesk.create_ticket(ticket_draft())
    assert error.value.status == 401
    assert TOKEN not in str(error.value)


def test_missing_ticket_404_is_permanent(helpdesk, mocked):
    mocked.get(TICKETS + "999/", json=fixture("error_404"), status=404)
    with pytest.raises(PermanentError) as error:
        helpdesk.add_article("999", article_draft())
    assert error.value.status == 404
    assert len(mocked.calls) == 1  # no follow-up attempted


def test_server_error_500_is_transient(helpdesk, mocked):
    # A failing webhook or mail send inside django-helpdesk surfaces as this page.
    page = (FIXTURES / "error_500.html").read_text(encoding="utf-8")
    mocked.post(FOLLOWUPS, body=page, status=500, content_type="text/html; charset=utf-8")
    with pytest.raises(TransientError) as error:
        helpdesk.add_note("1", "note")
    assert error.value.status == 500


def test_read_timeout_on_a_followup_is_ambiguous_but_on_reading_a_ticket_transient(helpdesk, mocked):
    mocked.get(TICKETS + "1/", body=requests.ReadTimeout())
    with pytest.raises(TransientError):
        helpdesk.add_article("1", article_draft())
    mocked.post(FOLLOWUPS, body=requests.ReadTimeout())
    with pytest.raises(AmbiguousError):
        helpdesk.add_note("1", "note")


def test_unreachable_helpdesk_is_transient(helpdesk, mocked):
    mocked.post(TICKETS, body=refused())
    with pytest.raises(TransientError, match="cannot connect"):
        helpdesk.create_ticket(ticket_draft())


# -- webhook ----------------------------------------------------------------------------------
def test_verify_webhook_compares_the_url_token(helpdesk):
    body = json.dumps(fixture("webhook_agent_public")).encode()
    assert helpdesk.verify_webhook({}, body, {"token": WEBHOOK_TOKEN}) is True
    assert helpdesk.verify_webhook({}, body, {"token": WEBHOOK_TOKEN + "x"}) is False
    assert helpdesk.verify_webhook({}, body, {"token": "é"}) is False
    assert helpdesk.verify_webhook({}, body, {}) is False


def test_agent_public_followup_is_one_reply(helpdesk):
    replies = helpdesk.parse_webhook(fixture("webhook_agent_public"), {})
    assert replies == [
        Reply(
            helpdesk="django-helpdesk",
            ticket_id="1",
            article_id="4",
            text="Hi Jane, sorry about that. We have sent a replacement.",
            requested_mode=ReplyMode.PUBLIC,
            agent="1",
        )
    ]


@pytest.mark.parametrize("name", ["webhook_agent_private", "webhook_bridge_own", "webhook_bridge_note"])
def test_private_followups_and_the_bridges_own_are_ignored(helpdesk, name):
    assert helpdesk.parse_webhook(fixture(name), {}) == []


def payload_with_followup(**changes) -> dict:
    payload = copy.deepcopy(fixture("webhook_agent_public"))
    followup = next(f for f in payload["ticket"]["followup_set"] if f["id"] == payload["followup_id"])
    followup.update(changes)
    return payload


@pytest.mark.parametrize("comment", ["", "  \n ", None], ids=["empty", "blank", "null"])
def test_followup_without_text_is_ignored(helpdesk, comment):
    assert helpdesk.parse_webhook(payload_with_followup(comment=comment), {}) == []


def test_followup_without_a_staff_author_is_ignored(helpdesk):
    assert helpdesk.parse_webhook(payload_with_followup(user=None), {}) == []


def test_reply_text_is_stripped(helpdesk):
    [reply] = helpdesk.parse_webhook(payload_with_followup(comment="\n  Thanks!  \n"), {})
    assert reply.text == "Thanks!"


def test_followup_missing_from_its_ticket_is_a_payload_error(helpdesk):
    payload = fixture("webhook_agent_public")
    payload["followup_id"] = 999
    with pytest.raises(PayloadError, match="999"):
        helpdesk.parse_webhook(payload, {})


@pytest.mark.parametrize(
    "payload",
    [
        [],
        "text",
        {},
        {"ticket": {"id": 1, "followup_set": []}},  # no followup_id
        {"ticket": "1", "followup_id": 1},
        {"ticket": {"id": 1, "followup_set": "x"}, "followup_id": 1},
        {"ticket": {"id": 1, "followup_set": [{"id": 1, "user": 1, "comment": "hi"}]}, "followup_id": 1},
        {"ticket": {"id": 1, "followup_set": [{"id": 1, "user": 1, "public": True, "comment": 5}]}, "followup_id": 1},
    ],
    ids=["list", "string", "empty", "no-followup-id", "ticket-not-object", "set-not-list", "no-public", "comment-not-text"],
)
def test_malformed_payloads_are_payload_errors(helpdesk, payload):
    with pytest.raises(PayloadError):
        helpdesk.parse_webhook(payload, {})


# -- against a real django-helpdesk -----------------------------------------------------------
BRIDGE_TOKEN = "b7c1d2e3f4a5968778695a4b3c2d1e0f9a8b7c6d"
AGENT_PASSWORD = "agent-pass-for-tests"


class WebhookReceiver:
    """Loopback HTTP server that records every POST, standing in for the bridge's webhook endpoint."""

    def __init__(self) -> None:
        self.received: queue.Queue[tuple[dict[str, str], bytes]] = queue.Queue()
        self.port = free_port()
        self._server: ThreadingHTTPServer | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/webhooks/helpdesk/django-helpdesk"

    def start(self) -> None:
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.put((dict(parse_qsl(urlsplit(self.path).query)), body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def next(self, timeout: float = 10) -> tuple[dict[str, str], bytes]:
        return self.received.get(timeout=timeout)

    def drain(self) -> int:
        count = 0
        while not self.received.empty():
            self.received.get_nowait()
            count += 1
        return count


@pytest.fixture(scope="module")
def webhooks():
    receiver = WebhookReceiver()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def local_helpdesk(webhooks, tmp_path_factory):
    python = default_helpdesk_python()
    need_service("django-helpdesk", Path(python).is_file(), f"no python at {python}; run `make helpdesk-env`")
    helpdesk = LocalHelpdesk(
        python=python,
        port=free_port(),
        data_dir=tmp_path_factory.mktemp("django-helpdesk"),
        followup_webhook_url=f"{webhooks.url}?token={WEBHOOK_TOKEN}",
        bridge_token=BRIDGE_TOKEN,
        agent_password=AGENT_PASSWORD,
    )
    try:
        helpdesk.start()
    except StartError as exc:
        need_service("django-helpdesk", False, str(exc))
    yield helpdesk
    helpdesk.stop()


@pytest.fixture(scope="module")
def real(local_helpdesk) -> DjangoHelpdesk:
    return DjangoHelpdesk(
        {
            "url": local_helpdesk.url,
            "token": BRIDGE_TOKEN,
            "queues": {"Social": local_helpdesk.seed.queue_id},
            "bridge_user_id": local_helpdesk.seed.bridge_user_id,
            "webhook_token": WEBHOOK_TOKEN,
        }
    )


@pytest.fixture
def agent(local_helpdesk) -> requests.Session:
    """The agent, a second staff user, through the API with basic auth."""
    session = requests.Session()
    session.auth = ("agent", AGENT_PASSWORD)
    return session


@pytest.fixture
def received(webhooks, real):
    """Webhooks from this test only, each as (url args, raw body, parsed replies)."""
    webhooks.drain()

    def take() -> tuple[dict[str, str], bytes, list[Reply]]:
        args, body = webhooks.next()
        assert real.verify_webhook({}, body, args), "the webhook URL must carry the shared token"
        return args, body, real.parse_webhook(json.loads(body), {})

    return take


def read_ticket(local_helpdesk, ticket_id: str) -> dict:
    response = requests.get(
        f"{local_helpdesk.url}/api/tickets/{ticket_id}/", headers={"Authorization": f"Token {BRIDGE_TOKEN}"}, timeout=10
    )
    response.raise_for_status()
    return response.json()


def agent_followup(local_helpdesk, agent, ticket_id: str, **fields) -> dict:
    response = agent.post(f"{local_helpdesk.url}/api/followups/", json={"ticket": int(ticket_id), **fields}, timeout=10)
    assert response.status_code == 201, response.text[:200]
    return response.json()


@pytest.mark.helpdesk
def test_real_create_ticket_lands_in_the_queue_with_its_priority(local_helpdesk, real, webhooks):
    webhooks.drain()
    created = real.create_ticket(ticket_draft(priority=Priority.URGENT))

    ticket = read_ticket(local_helpdesk, created.ticket_id)
    assert (ticket["queue"], ticket["priority"], ticket["status"]) == (local_helpdesk.seed.queue_id, 1, 1)
    assert ticket["title"] == "@acme my order #1234 never arrived"
    assert ticket["description"] == CUSTOMER_TEXT
    [opened] = ticket["followup_set"]
    assert str(opened["id"]) == created.article_id
    assert opened["user"] == local_helpdesk.seed.bridge_user_id
    assert webhooks.drain() == 0  # only follow-ups are sent; there is no new-ticket webhook


@pytest.mark.helpdesk
def test_real_add_article_reopens_a_resolved_ticket_and_keeps_its_title(local_helpdesk, real, agent, received):
    created = real.create_ticket(ticket_draft())
    agent_followup(local_helpdesk, agent, created.ticket_id, comment="Replacement sent.", public=True, new_status=3)
    _, _, replies = received()
    assert [r.text for r in replies] == ["Replacement sent."]  # resolving with a comment is a reply
    assert read_ticket(local_helpdesk, created.ticket_id)["status"] == 3

    article_id = real.add_article(created.ticket_id, article_draft("From @jane_doe: it broke again"))

    ticket = read_ticket(local_helpdesk, created.ticket_id)
    assert ticket["status"] == 2
    assert ticket["title"] == "@acme my order #1234 never arrived"
    article = ticket["followup_set"][-1]
    assert (str(article["id"]), article["comment"], article["public"]) == (article_id, "From @jane_doe: it broke again", True)
    assert article["user"] == local_helpdesk.seed.bridge_user_id
    _, _, replies = received()
    assert replies == []  # the bridge's own follow-up


@pytest.mark.helpdesk
def test_real_add_note_is_private_and_not_a_reply(local_helpdesk, real, received):
    created = real.create_ticket(ticket_draft())

    note_id = real.add_note(created.ticket_id, "Delivered to x as post 99")

    [note] = [f for f in read_ticket(local_helpdesk, created.ticket_id)["followup_set"] if str(f["id"]) == note_id]
    assert (note["public"], note["comment"]) == (False, "Delivered to x as post 99")
    _, body, replies = received()
    assert json.loads(body)["followup_id"] == int(note_id)
    assert replies == []


@pytest.mark.helpdesk
def test_real_agent_followup_is_exactly_one_reply(local_helpdesk, real, agent, received):
    created = real.create_ticket(ticket_draft())

    followup = agent_followup(local_helpdesk, agent, created.ticket_id, comment="Hi Jane, a replacement is on its way.", public=True)

    args, _, replies = received()
    assert args == {"token": WEBHOOK_TOKEN}
    assert replies == [
        Reply(
            helpdesk="django-helpdesk",
            ticket_id=created.ticket_id,
            article_id=str(followup["id"]),
            text="Hi Jane, a replacement is on its way.",
            requested_mode=ReplyMode.PUBLIC,
            agent=str(local_helpdesk.seed.agent_user_id),
        )
    ]


@pytest.mark.helpdesk
def test_real_agent_private_followup_is_no_reply(local_helpdesk, real, agent, received):
    created = real.create_ticket(ticket_draft())
    agent_followup(local_helpdesk, agent, created.ticket_id, comment="Checked with the warehouse.", public=False)
    _, _, replies = received()
    assert replies == []


@pytest.mark.helpdesk
def test_real_customer_text_with_template_syntax_is_stored_literally(local_helpdesk, real, received):
    created = real.create_ticket(ticket_draft())
    text = "50%} off? {{}} {{ ticket.title }} {{{ queue.title }}} {# hidden #} {% if"

    article_id = real.add_article(created.ticket_id, article_draft(text))

    [article] = [f for f in read_ticket(local_helpdesk, created.ticket_id)["followup_set"] if str(f["id"]) == article_id]
    assert article["comment"].replace(ZERO_WIDTH_SPACE, "") == text
    received()  # its webhook


@pytest.mark.helpdesk
def test_real_agent_reply_in_the_web_ui_fires_the_webhook(local_helpdesk, real, received):
    created = real.create_ticket(ticket_draft())
    browser = requests.Session()
    login_page = f"{local_helpdesk.url}/login/"
    browser.get(login_page, timeout=10)
    landed = browser.post(
        login_page,
        data={"username": "agent", "password": AGENT_PASSWORD, "csrfmiddlewaretoken": browser.cookies["csrftoken"]},
        headers={"Referer": login_page},
        allow_redirects=False,
        timeout=10,
    )
    assert (landed.status_code, landed.headers["Location"]) == (302, "/helpdesk/")  # LOGIN_REDIRECT_URL

    ticket_page = f"{local_helpdesk.url}/tickets/{created.ticket_id}/"
    form = RespondForm.read(browser.get(ticket_page, timeout=10).text)
    assert "public" not in form.fields, "the 'Send to the customer' switch must be off by default"

    def submit(fields: dict[str, str]) -> None:
        answer = browser.post(f"{local_helpdesk.url}/tickets/{created.ticket_id}/update/", data=fields,
                              headers={"Referer": ticket_page}, allow_redirects=False, timeout=10)
        assert answer.status_code == 302

    # left as it comes: an internal note, which the webhook reports and the bridge does not deliver
    submit({**form.fields, "comment": "Checked the order history"})
    _, _, replies = received()
    assert replies == []
    [note] = [f for f in read_ticket(local_helpdesk, created.ticket_id)["followup_set"]
              if f["comment"] == "Checked the order history"]
    assert note["public"] is False

    # switched on: the customer-facing reply
    form = RespondForm.read(browser.get(ticket_page, timeout=10).text)
    submit({**form.fields, "comment": "Hello from the agent UI", "public": "1"})
    _, _, replies = received()
    assert [(r.ticket_id, r.text, r.agent) for r in replies] == [
        (created.ticket_id, "Hello from the agent UI", str(local_helpdesk.seed.agent_user_id))
    ]


@pytest.mark.helpdesk
def test_real_unreachable_webhook_rolls_the_followup_back(local_helpdesk, real, webhooks):
    # django-helpdesk sends the webhook inside the request; ATOMIC_REQUESTS undoes the follow-up
    # when the receiver refuses the connection, so a retry cannot duplicate it.
    created = real.create_ticket(ticket_draft())
    webhooks.stop()
    try:
        with pytest.raises(TransientError) as error:
            real.add_note(created.ticket_id, "while the bridge is down")
    finally:
        webhooks.start()
    assert error.value.status == 500
    assert len(read_ticket(local_helpdesk, created.ticket_id)["followup_set"]) == 1


class RespondForm(HTMLParser):
    """The values a browser would submit from the ticket page's reply form (#ticket-respond-form)."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._inside = False
        self._select: str | None = None
        self._textarea: str | None = None

    @classmethod
    def read(cls, html: str) -> RespondForm:
        form = cls()
        form.feed(html)
        assert form.fields, "no #ticket-respond-form on the ticket page"
        return form

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == "ticket-respond-form":
            self._inside = True
        elif not self._inside:
            return
        elif tag == "input" and attributes.get("name"):
            kind = attributes.get("type", "text")
            if kind == "file" or (kind in ("checkbox", "radio") and "checked" not in attributes):
                return
            self.fields[attributes["name"]] = attributes.get("value") or ""
        elif tag == "select":
            self._select = attributes.get("name")
        elif tag == "option" and self._select and "selected" in attributes:
            self.fields[self._select] = attributes.get("value") or ""
        elif tag == "textarea":
            self._textarea = attributes.get("name")
            self.fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._inside and self._textarea:
            self.fields[self._textarea] += data


@pytest.mark.parametrize("comment, mode, text", [
    ("#private We've refunded you.", ReplyMode.PRIVATE, "We've refunded you."),
    ("#PHONE\nCalling you today.", ReplyMode.PHONE, "Calling you today."),
    ("#privately speaking, no", ReplyMode.PUBLIC, "#privately speaking, no"),
    ("Thanks! #private is not at the start", ReplyMode.PUBLIC, "Thanks! #private is not at the start"),
])
def test_agent_marks_a_follow_up_private_or_phone(comment, mode, text):
    from bridge.helpdesks.django_helpdesk.adapter import reply_mode_marker

    assert reply_mode_marker(comment) == (mode, text)


# -- start-up check of the mappings' queues ---------------------------------------------------
def test_unknown_queues_are_names_missing_from_the_setting_and_ids_the_helpdesk_refuses(helpdesk, mocked):
    plugin = Path(__file__).resolve().parents[2] / "fixtures" / "django_helpdesk_plugin"
    mocked.post(TICKETS, json=json.loads((plugin / "queue_probe_known.json").read_text()), status=400)
    mocked.post(TICKETS, json=json.loads((plugin / "queue_probe_unknown.json").read_text()), status=400)
    assert helpdesk.unknown_queues(["Social", "Billing", "99"]) == ["Billing", "99 (id 99)"]
    probes = [json.loads(c.request.body) for c in mocked.calls]
    assert [p["queue"] for p in probes] == [1, 99] and all(p["title"] == "" for p in probes)


# -- what agents see: headings, outcomes, context ------------------------------------------------
def followup_title_patch(mocked, followup_id: int):
    return mocked.patch(f"{FOLLOWUPS}{followup_id}/", json={"id": followup_id}, status=200)


def test_notes_and_customer_posts_cost_one_request_each(helpdesk, mocked):
    """Who wrote them is shown by the bridge's app in the site, from the ticket's first author: no extra calls."""
    note = mocked.post(FOLLOWUPS, json=fixture("followup_create_note"), status=201)
    helpdesk.add_note("1", "Delivered.")
    assert len(mocked.calls) == 1 and sent_json(note.calls[0])["public"] is False


def test_priority_names_are_django_helpdesks_own(helpdesk):
    assert [helpdesk.priority_label(p) for p in Priority] == ["Low", "Normal", "High", "Critical"]


def ticket_with(**changes) -> dict:
    return {**fixture("ticket_get_open"), **changes}


@pytest.mark.parametrize("outcome, route, heading, title", [
    (DeliveryState.FAILED, "public", "Agent reply · NOT SENT: failed (see the bridge's note)",
     "[reply not sent] Order late"),
    (DeliveryState.REJECTED, "public", "Agent reply · NOT SENT: rejected (see the bridge's note)",
     "[reply not sent] Order late"),
    (DeliveryState.AWAITING_APPROVAL, None, "Agent reply · held for approval, not sent yet", "[reply held] Order late"),
])
def test_a_reply_that_did_not_go_out_is_flagged_on_the_reply_and_in_the_ticket_title(
        helpdesk, mocked, outcome, route, heading, title):
    retitle = followup_title_patch(mocked, 9)
    mocked.get(f"{TICKETS}1/", json=ticket_with(title="Order late", due_date="2026-11-26T01:00:00Z"))
    change = mocked.patch(f"{TICKETS}1/", json={"id": 1}, status=200)

    helpdesk.record_reply_outcome("1", "9", outcome, route, "X")

    assert sent_json(retitle.calls[0]) == {"title": heading}
    assert sent_json(change.calls[0]) == {"title": title}  # the due date stays: nobody answered yet


def test_a_reply_that_went_out_clears_the_flag_and_the_due_date_and_keeps_the_sensitive_flag(helpdesk, mocked):
    retitle = followup_title_patch(mocked, 9)
    mocked.get(f"{TICKETS}1/", json=ticket_with(title="[reply not sent] [sensitive] Order late",
                                                due_date="2026-11-26T01:00:00Z"))
    change = mocked.patch(f"{TICKETS}1/", json={"id": 1}, status=200)

    helpdesk.record_reply_outcome("1", "9", DeliveryState.SENT, "private", "X")

    assert sent_json(retitle.calls[0]) == {"title": "Agent reply · sent as a private message on X"}
    assert sent_json(change.calls[0]) == {"title": "[sensitive] Order late", "due_date": None}


def test_an_automatic_acknowledgement_has_no_follow_up_to_retitle(helpdesk, mocked):
    mocked.get(f"{TICKETS}1/", json=ticket_with(title="Order late", due_date=None))
    helpdesk.record_reply_outcome("1", "auto-ack:3", DeliveryState.SENT, "public", "X")  # nothing else is called


@pytest.mark.parametrize("title, flag, expected", [
    ("Order late", None, "Order late"),
    ("[reply held] Order late", "[reply not sent]", "[reply not sent] Order late"),
    ("[sensitive] Order late", "[reply held]", "[reply held] [sensitive] Order late"),
    ("[reply not sent] [sensitive] Order late", None, "[sensitive] Order late"),
    ("[reply not sent]Order late", None, "[reply not sent]Order late"),  # not the bridge's flag: left alone
])
def test_flagged_title(title, flag, expected):
    assert flagged_title(title, flag) == expected


def test_a_sensitive_ticket_is_flagged_and_carries_the_social_context(helpdesk, mocked):
    created = mocked.post(TICKETS, json=fixture("ticket_create"), status=201)
    context = SocialContext(channel="x", channel_label="X", kind=PostKind.PUBLIC_POST, handle="@jane_doe",
                            display_name="Jane Doe", followers=1200, verified=True,
                            profile_url="https://x.com/jane_doe", post_url=POST_URL, brand="@acme",
                            reply_destination="Private message on X to @jane_doe, as @acme", reply_limit=10000,
                            counting="characters", earlier_tickets=("3", "7"), sensitive=True)

    helpdesk.create_ticket(ticket_draft(tags=("social", "sensitive"), context=context))

    sent = sent_json(created.calls[0])
    assert sent["title"] == "[sensitive] @acme my order #1234 never arrived"
    assert {k: v for k, v in sent.items() if k.startswith("custom_")} == {
        "custom_social_customer": "@jane_doe (Jane Doe) on X · 1,200 followers · verified",
        "custom_social_profile": "https://x.com/jane_doe",
        "custom_social_post": POST_URL,
        "custom_social_earlier_tickets": "#3, #7",
        "custom_social_sensitive": True,
        "custom_social_destination": "Private message on X to @jane_doe, as @acme",
        "custom_social_handle": "@jane_doe",
        "custom_social_platform": "X",
        "custom_social_limit": "10000",
        "custom_social_counting": "characters",
    }
    assert len(mocked.calls) == 1


def test_the_wiring_probe_is_the_bridges_internal_note_with_its_id(helpdesk):
    probe = "0123456789abcdef0123456789abcdef"
    text = PROBE_TEXT.format(probe=probe)
    assert helpdesk.probe_id(payload_with_followup(comment=text, public=False)) == probe
    assert helpdesk.probe_id(payload_with_followup(comment=text, public=True)) is None  # an agent's public text
    assert helpdesk.probe_id(payload_with_followup(comment="Social bridge wiring check soon", public=False)) is None
    assert helpdesk.probe_id({"unexpected": True}) is None


AGENT_URL = "http://helpdesk.test/social-bridge/agents/1.json"


def test_review_rules_see_the_agents_e_mail_from_the_bridges_app(helpdesk, mocked):
    lookup = mocked.get(AGENT_URL, json={"id": 1, "username": "agent", "email": "Agent.Smith@acme.test"})
    assert helpdesk.agent_login("1") == "Agent.Smith@acme.test"
    assert helpdesk.agent_login("1") == "Agent.Smith@acme.test"
    assert len(lookup.calls) == 1  # remembered
    assert lookup.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"


def test_without_the_app_review_rules_see_the_user_id(helpdesk, mocked):
    mocked.get(AGENT_URL, status=404, body="<h1>Not Found</h1>")
    assert helpdesk.agent_login("1") == "1"
    assert helpdesk.agent_login("agent@acme.test") == "agent@acme.test"  # not an id: nothing to look up


@pytest.mark.helpdesk
def test_real_agent_login_comes_from_the_app(local_helpdesk, real):
    assert real.agent_login(str(local_helpdesk.seed.agent_user_id)) == "agent@example.invalid"
    assert real.agent_login("999999") == "999999"  # no such staff user


# -- attachments of an agent's follow-up ----------------------------------------------------------------
ATTACHED = {"id": 3, "followup": 4, "file": "/media/helpdesk/attachments/DH-1-ab12cd34/4/label.png",
            "filename": "label.png", "mime_type": "image/png", "size": 68}


def test_a_followups_attachments_are_named_with_their_file_address_type_and_size(helpdesk):
    payload = copy.deepcopy(fixture("webhook_agent_public"))
    followup = next(f for f in payload["ticket"]["followup_set"] if f["id"] == payload["followup_id"])
    followup["followupattachment_set"] = [ATTACHED, {"filename": "notes.txt"}]
    [reply] = helpdesk.parse_webhook(payload, {})
    assert reply.attachments == (
        Attachment("label.png", "/media/helpdesk/attachments/DH-1-ab12cd34/4/label.png", "image/png", 68),
        Attachment("notes.txt"))
    # kept in the outbox as lines, and read back the same
    assert [Attachment.from_line(a.to_line()) for a in reply.attachments] == list(reply.attachments)
    assert reply.attachments[1].to_line() == "notes.txt"  # a bare name, as rows written before


def test_an_attachment_is_fetched_from_the_site_with_the_api_token(helpdesk, mocked):
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 60
    mocked.get("http://helpdesk.test/media/helpdesk/attachments/DH-1-ab12cd34/4/label.png", body=png,
               content_type="image/png")
    got = helpdesk.fetch_attachment("1", Attachment("label.png", ATTACHED["file"], "image/png", 68), 1_000_000)
    assert (got.name, got.content_type, got.data) == ("label.png", "image/png", png)
    assert mocked.calls[0].request.headers["Authorization"] == f"Token {TOKEN}"
    with pytest.raises(PermanentError, match="more than 10"):
        mocked.get("http://helpdesk.test/media/helpdesk/attachments/DH-1-ab12cd34/4/label.png", body=png)
        helpdesk.fetch_attachment("1", Attachment("label.png", ATTACHED["file"], "image/png", 68), 10)


@pytest.mark.parametrize("ref", ["", "https://elsewhere.example/media/x.png", "relative/x.png"])
def test_only_a_file_on_the_helpdesks_own_site_is_fetched(helpdesk, ref):
    with responses.RequestsMock() as nothing_called, pytest.raises(PermanentError, match="no file address"):
        helpdesk.fetch_attachment("1", Attachment("x.png", ref, "image/png"), 1_000_000)
    assert not nothing_called.calls


# -- recovering replies whose webhook was lost --------------------------------------------------
def followups_page(followups: list[dict], *, previous: str | None = None) -> dict:
    """GET /api/followups/ as django-helpdesk 2.6.1 pages it (DRF's PageNumberPagination), with the follow-ups
    of the recorded webhook_agent_public.json: the customer's two posts and the bridge's note (user 2, the
    bridge), the agent's public reply (user 1)."""
    return {"count": len(followups), "next": None, "previous": previous, "results": followups}


def recorded_followups() -> list[dict]:
    return [{**f, "ticket": 1} for f in fixture("webhook_agent_public")["ticket"]["followup_set"]]


@responses.activate
def test_recent_replies_are_the_agents_public_followups_read_from_the_last_page():
    responses.get(FOLLOWUPS, json=followups_page(recorded_followups()),
                  match=[responses.matchers.query_param_matcher({"page": "last", "page_size": "100"})])
    replies = DjangoHelpdesk(SETTINGS).recent_replies(datetime(2026, 11, 22, tzinfo=timezone.utc))
    webhook = DjangoHelpdesk(SETTINGS).parse_webhook(fixture("webhook_agent_public"), {})
    assert replies == webhook and [r.article_id for r in replies] == ["4"]  # the same reply the webhook brings


@responses.activate
def test_recent_replies_go_back_a_page_until_they_are_older_than_asked():
    newer, older = recorded_followups()[3:], recorded_followups()[:3]
    agent_reply_on_older_page = {**older[0], "id": 9, "user": 1, "comment": "Hello again", "public": True}
    responses.get(FOLLOWUPS, json=followups_page(newer, previous=f"{FOLLOWUPS}?page=7&page_size=100"),
                  match=[responses.matchers.query_param_matcher({"page": "last", "page_size": "100"})])
    responses.get(FOLLOWUPS, json=followups_page([agent_reply_on_older_page, *older[1:]]),  # the first page
                  match=[responses.matchers.query_param_matcher({"page": "7", "page_size": "100"})])
    since = datetime(2026, 11, 22, 7, 16, 39, 500000, tzinfo=timezone.utc)  # after the older page's first follow-up
    replies = DjangoHelpdesk(SETTINGS).recent_replies(since)
    assert [r.article_id for r in replies] == ["4"]
    assert len(responses.calls) == 2  # the older page ended before `since`: no third read
    replies = DjangoHelpdesk(SETTINGS).recent_replies(datetime(2026, 11, 22, tzinfo=timezone.utc))
    assert sorted(r.article_id for r in replies) == ["4", "9"]


@responses.activate
def test_recent_replies_that_cannot_be_read_raise_a_clear_error():
    responses.get(FOLLOWUPS, json={"detail": "not a page"})
    with pytest.raises(PermanentError, match="read recent follow-ups: unexpected answer"):
        DjangoHelpdesk(SETTINGS).recent_replies(datetime(2026, 11, 22, tzinfo=timezone.utc))
    responses.replace(responses.GET, FOLLOWUPS, status=503)
    with pytest.raises(TransientError):
        DjangoHelpdesk(SETTINGS).recent_replies(datetime(2026, 11, 22, tzinfo=timezone.utc))


@pytest.mark.helpdesk
def test_real_recent_replies_find_what_the_webhook_brought(local_helpdesk, real, agent, received, monkeypatch):
    monkeypatch.setattr("bridge.helpdesks.django_helpdesk.adapter.RECENT_PAGE_SIZE", 2)  # several pages, for real
    since = datetime.now(timezone.utc)
    created = real.create_ticket(ticket_draft())
    real.add_note(created.ticket_id, "Delivered to x as post 99")
    agent_followup(local_helpdesk, agent, created.ticket_id, comment="Checked with the warehouse.", public=False)
    first = agent_followup(local_helpdesk, agent, created.ticket_id, comment="Hi Jane, it ships today.", public=True)
    second = agent_followup(local_helpdesk, agent, created.ticket_id, comment="#private Your tracking link.",
                            public=True)
    brought = [reply for _ in range(4) for reply in received()[2]]  # the note, the private one and the two replies

    recovered = real.recent_replies(since)

    assert sorted(recovered, key=lambda r: int(r.article_id)) == brought
    assert [r.article_id for r in brought] == [str(first["id"]), str(second["id"])]
    assert brought[1].requested_mode is ReplyMode.PRIVATE and brought[1].text == "Your tracking link."
    assert real.recent_replies(datetime.now(timezone.utc)) == []
