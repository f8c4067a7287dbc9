"""The behaviour the core relies on, checked the same way for every helpdesk adapter.

Each helpdesk has a scenario that knows its wire format: it registers the helpdesk's recorded
answers with `responses`, builds its webhook deliveries, and reads back what the adapter sent.
The assertions below are shared and use only the Helpdesk interface.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
import responses

from bridge import registry
from bridge.errors import AuthError, PermanentError, TransientError
from bridge.helpdesks.base import Helpdesk
from bridge.helpdesks.django_helpdesk.adapter import DjangoHelpdesk
from bridge.helpdesks.odoo.adapter import OdooHelpdesk
from bridge.helpdesks.zammad.adapter import ZammadHelpdesk
from bridge.model import ArticleDraft, Customer, Priority, ReplyMode, TicketDraft
from tests.helpdesks.odoo.test_adapter import ENDPOINT as ODOO_ENDPOINT
from tests.helpdesks.odoo.test_adapter import SETTINGS as ODOO_SETTINGS
from tests.helpdesks.odoo.test_adapter import TICKET as ODOO_TICKET
from tests.helpdesks.odoo.test_adapter import WEBHOOK_TOKEN as ODOO_WEBHOOK_TOKEN
from tests.helpdesks.odoo.test_adapter import OdooRpc, logged_in

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CUSTOMER = Customer(login="x:1500000000000000001", display_name="Bob Builder", fields={"web": "https://x.com/bob"})
POST_URL = "https://x.com/bob/status/1893000000000000555"

# What a webhook delivery is about, from the bridge's point of view.
AGENT_REPLY, INTERNAL_NOTE, CUSTOMER_MESSAGE, BRIDGE_MESSAGE = "agent reply", "internal note", "customer", "bridge"
# What a failing helpdesk call looks like.
AUTH, SERVER, VALIDATION = "auth", "server", "validation"


def load(path: str) -> Any:
    return json.loads((FIXTURES / path).read_text(encoding="utf-8"))


def ticket_draft() -> TicketDraft:
    return TicketDraft(
        title="Post from @bob: the app crashes on login",
        queue="Social",
        priority=Priority.HIGH,
        customer=CUSTOMER,
        body="the app crashes on login\n\n— @bob",
        tags=("social", "x"),
        post_url=POST_URL,
    )


def article_draft() -> ArticleDraft:
    return ArticleDraft(body="still crashing after the update", customer=CUSTOMER, post_url=POST_URL)


@dataclass(frozen=True)
class Delivery:
    headers: dict[str, str]
    body: bytes
    args: dict[str, str]

    @property
    def payload(self) -> Any:
        return json.loads(self.body)


@dataclass(frozen=True)
class ExpectedReply:
    ticket_id: str
    article_id: str
    text: str


class Scenario(Protocol):
    name: str
    created: tuple[str, str]  # ticket id, first article id
    article_id: str  # the article added to the closed ticket
    note_id: str
    reply: ExpectedReply

    def make(self) -> Helpdesk: ...
    def mock_create(self, mocked: responses.RequestsMock) -> None: ...
    def mock_add_article_to_closed_ticket(self, mocked: responses.RequestsMock) -> None: ...
    def mock_add_note(self, mocked: responses.RequestsMock) -> None: ...
    def mock_failing_note(self, mocked: responses.RequestsMock, failure: str) -> None: ...
    def mock_webhook_reads(self, mocked: responses.RequestsMock, kind: str) -> None: ...
    def effects(self, mocked: responses.RequestsMock) -> list[str]: ...
    def delivery(self, kind: str) -> Delivery: ...
    def forged(self, delivery: Delivery) -> Delivery: ...


# -- Zammad -----------------------------------------------------------------------------------
class ZammadScenario:
    name = "zammad"
    base = "https://zammad.example.com"
    secret = "whsec-4d2b8e"
    created = ("82", "310")
    article_id = "311"
    note_id = "320"
    reply = ExpectedReply("81", "105", "Hi Alice,\n\nsorry about the delay & thanks for waiting. Your order #123 ships "
                          "today, tracking: here (https://track.example.com/123).")
    webhooks = {
        AGENT_REPLY: "webhook_agent_reply",
        INTERNAL_NOTE: "webhook_internal_note",
        CUSTOMER_MESSAGE: "webhook_customer_article",
        BRIDGE_MESSAGE: "webhook_bridge_article",
    }

    def make(self) -> Helpdesk:
        return ZammadHelpdesk({"url": self.base, "token": "zammad-token-not-for-logs", "webhook_secret": self.secret,
                               "bridge_login": "social-bridge"})

    def _customer_found(self, mocked) -> None:
        hits = load("zammad/users_search.json")
        hits.append({**hits[1], "id": 42, "login": CUSTOMER.login})
        mocked.get(self.base + "/api/v1/users/search", json=hits)

    def mock_create(self, mocked) -> None:
        self._customer_found(mocked)
        mocked.post(self.base + "/api/v1/tickets", json=load("zammad/ticket_created.json"), status=201)

    def mock_add_article_to_closed_ticket(self, mocked) -> None:
        self._customer_found(mocked)
        closed = load("zammad/ticket_closed.json")
        mocked.get(self.base + "/api/v1/tickets/82", json=closed)
        mocked.put(self.base + "/api/v1/tickets/82", json={**closed, "state": "open"})
        mocked.post(self.base + "/api/v1/ticket_articles", json=load("zammad/article_created.json"), status=201)

    def mock_add_note(self, mocked) -> None:
        note = {**load("zammad/article_created.json"), "id": 320, "internal": True}
        mocked.post(self.base + "/api/v1/ticket_articles", json=note, status=201)

    def mock_failing_note(self, mocked, failure: str) -> None:
        status, answer = {AUTH: (401, "error_401"), SERVER: (502, "error_500"), VALIDATION: (422, "error_422")}[failure]
        mocked.post(self.base + "/api/v1/ticket_articles", json=load(f"zammad/{answer}.json"), status=status)

    def mock_webhook_reads(self, mocked, kind: str) -> None:
        pass  # the default payload carries everything

    def effects(self, mocked) -> list[str]:
        found = []
        for recorded in mocked.calls:
            request = recorded.request
            sent = json.loads(request.body) if request.body else {}
            if request.method == "PUT" and sent.get("state") == "open":
                found.append("reopen")
            elif request.method == "POST" and request.url.endswith("/ticket_articles"):
                found.append("internal note" if sent.get("internal") else "article")
        return found

    def delivery(self, kind: str) -> Delivery:
        body = (FIXTURES / "zammad" / f"{self.webhooks[kind]}.json").read_bytes()
        signature = "sha1=" + hmac.new(self.secret.encode(), body, hashlib.sha1).hexdigest()
        return Delivery({"X-Hub-Signature": signature, "Content-Type": "application/json"}, body, {})

    def forged(self, delivery: Delivery) -> Delivery:
        signature = "sha1=" + hmac.new(b"not-the-secret", delivery.body, hashlib.sha1).hexdigest()
        return Delivery({**delivery.headers, "X-Hub-Signature": signature}, delivery.body, delivery.args)


# -- django-helpdesk --------------------------------------------------------------------------
class DjangoHelpdeskScenario:
    name = "django-helpdesk"
    base = "http://helpdesk.test/helpdesk/api"
    token = "hook-token-5b8e1f0c9a7d"
    created = ("1", "1")
    article_id = "7"
    note_id = "3"
    reply = ExpectedReply("1", "4", "Hi Jane, sorry about that. We have sent a replacement.")

    def make(self) -> Helpdesk:
        return DjangoHelpdesk({"url": "http://helpdesk.test/helpdesk", "token": "drf-token-not-for-logs",
                               "queues": {"Social": 1}, "bridge_user_id": 2, "webhook_token": self.token})

    def mock_create(self, mocked) -> None:
        mocked.post(self.base + "/tickets/", json=load("django_helpdesk/ticket_create.json"), status=201)

    def mock_add_article_to_closed_ticket(self, mocked) -> None:
        mocked.get(self.base + "/tickets/1/", json=load("django_helpdesk/ticket_get_resolved.json"))
        mocked.post(self.base + "/followups/", json=load("django_helpdesk/followup_create_reopen.json"), status=201)

    def mock_add_note(self, mocked) -> None:
        mocked.post(self.base + "/followups/", json=load("django_helpdesk/followup_create_note.json"), status=201)

    def mock_failing_note(self, mocked, failure: str) -> None:
        if failure == SERVER:
            page = (FIXTURES / "django_helpdesk" / "error_500.html").read_text(encoding="utf-8")
            mocked.post(self.base + "/followups/", body=page, status=500, content_type="text/html")
            return
        status, answer = {AUTH: (401, "error_401"), VALIDATION: (400, "error_400_queue")}[failure]
        mocked.post(self.base + "/followups/", json=load(f"django_helpdesk/{answer}.json"), status=status)

    def mock_webhook_reads(self, mocked, kind: str) -> None:
        pass  # the follow-up webhook carries the whole ticket

    def effects(self, mocked) -> list[str]:
        found = []
        for recorded in mocked.calls:
            request = recorded.request
            if request.method == "POST" and request.url.endswith("/followups/"):
                sent = json.loads(request.body)
                if sent.get("new_status") == 2:  # django-helpdesk reopens, then adds the follow-up
                    found.append("reopen")
                found.append("article" if sent["public"] else "internal note")
        return found

    def delivery(self, kind: str) -> Delivery:
        if kind == CUSTOMER_MESSAGE:
            # django-helpdesk records staff authors only: a customer's follow-up has no user.
            payload = load("django_helpdesk/webhook_agent_public.json")
            for followup in payload["ticket"]["followup_set"]:
                if followup["id"] == payload["followup_id"]:
                    followup["user"] = None
        else:
            name = {AGENT_REPLY: "webhook_agent_public", INTERNAL_NOTE: "webhook_agent_private",
                    BRIDGE_MESSAGE: "webhook_bridge_own"}[kind]
            payload = load(f"django_helpdesk/{name}.json")
        return Delivery({"Content-Type": "application/json"}, json.dumps(payload).encode(), {"token": self.token})

    def forged(self, delivery: Delivery) -> Delivery:
        return Delivery(delivery.headers, delivery.body, {"token": self.token[:-1] + "x"})


# -- Odoo -------------------------------------------------------------------------------------
class OdooScenario:
    name = "odoo"
    created = ("42", "901")
    article_id = "901"
    note_id = "903"
    reply = ExpectedReply("42", "912", "Hi Alice,\n\nsorry about the delay & thanks for waiting. Your order #123 ships "
                          "today, tracking: here (https://track.example.com/123).")
    webhooks = {
        AGENT_REPLY: "webhook_agent_reply",
        INTERNAL_NOTE: "webhook_agent_note",
        CUSTOMER_MESSAGE: "webhook_customer_message",
        BRIDGE_MESSAGE: "webhook_bridge_note",
    }

    def make(self) -> Helpdesk:
        return OdooHelpdesk(ODOO_SETTINGS)

    def mock_create(self, mocked) -> None:
        rpc = OdooRpc(mocked)
        logged_in(rpc)
        rpc.execute("res.partner", "search_read", "partner_found")
        rpc.execute("helpdesk.team", "search_read", "team_found")
        rpc.execute("helpdesk.tag", "search_read", "tags_found")
        rpc.execute(ODOO_TICKET, "create", "ticket_created")
        rpc.execute(ODOO_TICKET, "message_post", "message_posted")

    def mock_add_article_to_closed_ticket(self, mocked) -> None:
        rpc = OdooRpc(mocked)
        logged_in(rpc)
        rpc.execute("res.partner", "search_read", "partner_found")
        rpc.execute(ODOO_TICKET, "read", "ticket_closed")
        rpc.execute("helpdesk.stage", "fields_get", "fields_enterprise_stage")
        rpc.execute("helpdesk.stage", "read", "stage_folded")
        rpc.execute("helpdesk.stage", "search_read", "stage_open_found")
        rpc.execute(ODOO_TICKET, "write", "written")
        rpc.execute(ODOO_TICKET, "message_post", "message_posted")

    def mock_add_note(self, mocked) -> None:
        rpc = OdooRpc(mocked)
        rpc.common("authenticate", "authenticate")
        rpc.execute("res.users", "read", "bridge_user")
        rpc.execute(ODOO_TICKET, "message_post", "note_posted")

    def mock_failing_note(self, mocked, failure: str) -> None:
        rpc = OdooRpc(mocked)
        if failure == AUTH:
            rpc.common("authenticate", "authenticate_refused")
        elif failure == SERVER:
            mocked.post(ODOO_ENDPOINT, body="<html>502 Bad Gateway</html>", status=502,
                        content_type="text/html")
        else:
            rpc.common("authenticate", "authenticate")
            rpc.execute("res.users", "read", "bridge_user")
            rpc.execute(ODOO_TICKET, "message_post", "error_validation")

    def mock_webhook_reads(self, mocked, kind: str) -> None:
        rpc = OdooRpc(mocked)
        rpc.common("authenticate", "authenticate")
        rpc.execute("res.users", "read", "bridge_user")  # the bridge's partner: its own messages
        if kind == BRIDGE_MESSAGE:
            return
        rpc.execute("ir.model.data", "search_read", "subtype_comment")  # notes have another subtype
        if kind == INTERNAL_NOTE:
            return
        rpc.execute("res.users", "search_read", "agent_user" if kind == AGENT_REPLY else "no_internal_user")
        if kind == AGENT_REPLY:
            rpc.execute(ODOO_TICKET, "fields_get", "fields_enterprise_ticket")
            rpc.execute(ODOO_TICKET, "search_read", "ticket_reply_mode_unset")

    def effects(self, mocked) -> list[str]:
        found = []
        for call in OdooRpc(mocked).calls():
            if (call.model, call.method) == (ODOO_TICKET, "write") and "stage_id" in call.args[1]:
                found.append("reopen")
            elif (call.model, call.method) == (ODOO_TICKET, "message_post"):
                internal = call.kwargs["subtype_xmlid"] == "mail.mt_note"
                found.append("internal note" if internal else "article")
        return found

    def delivery(self, kind: str) -> Delivery:
        body = (FIXTURES / "odoo" / f"{self.webhooks[kind]}.json").read_bytes()
        return Delivery({"Content-Type": "application/json"}, body, {"token": ODOO_WEBHOOK_TOKEN})

    def forged(self, delivery: Delivery) -> Delivery:
        return Delivery(delivery.headers, delivery.body, {"token": "guessed-token-0000"})


SCENARIOS = [ZammadScenario(), DjangoHelpdeskScenario(), OdooScenario()]


@pytest.fixture(params=SCENARIOS, ids=lambda scenario: scenario.name)
def scenario(request) -> Scenario:
    return request.param


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


def test_every_registered_helpdesk_has_a_scenario():
    assert sorted(registry.helpdesks()) == sorted(s.name for s in SCENARIOS)


def test_create_ticket_returns_string_ids(scenario, mocked):
    scenario.mock_create(mocked)

    created = scenario.make().create_ticket(ticket_draft())

    assert (created.ticket_id, created.article_id) == scenario.created
    assert all(isinstance(value, str) and value.isdigit() for value in (created.ticket_id, created.article_id))


def test_add_article_reopens_a_closed_ticket_before_adding(scenario, mocked):
    scenario.mock_add_article_to_closed_ticket(mocked)

    article_id = scenario.make().add_article(scenario.created[0], article_draft())

    assert article_id == scenario.article_id
    assert scenario.effects(mocked) == ["reopen", "article"]


def test_add_note_is_internal(scenario, mocked):
    scenario.mock_add_note(mocked)

    note_id = scenario.make().add_note(scenario.created[0], "Posted publicly on x: https://x.com/acme/status/77")

    assert note_id == scenario.note_id
    assert scenario.effects(mocked) == ["internal note"]


def test_verify_webhook_accepts_the_right_secret_only(scenario):
    helpdesk = scenario.make()
    delivery = scenario.delivery(AGENT_REPLY)

    assert helpdesk.verify_webhook(delivery.headers, delivery.body, delivery.args) is True
    forged = scenario.forged(delivery)
    assert helpdesk.verify_webhook(forged.headers, forged.body, forged.args) is False
    assert helpdesk.verify_webhook({}, delivery.body, {}) is False


def test_an_agents_public_reply_is_exactly_one_reply(scenario, mocked):
    scenario.mock_webhook_reads(mocked, AGENT_REPLY)
    helpdesk = scenario.make()
    delivery = scenario.delivery(AGENT_REPLY)

    replies = helpdesk.parse_webhook(delivery.payload, delivery.headers)

    assert len(replies) == 1
    [reply] = replies
    assert reply.helpdesk == helpdesk.name == scenario.name
    assert (reply.ticket_id, reply.article_id, reply.text) == (
        scenario.reply.ticket_id, scenario.reply.article_id, scenario.reply.text
    )
    assert reply.requested_mode is ReplyMode.PUBLIC
    assert reply.agent


@pytest.mark.parametrize("kind", [INTERNAL_NOTE, CUSTOMER_MESSAGE, BRIDGE_MESSAGE])
def test_notes_customer_messages_and_the_bridges_own_are_no_replies(scenario, mocked, kind):
    scenario.mock_webhook_reads(mocked, kind)
    delivery = scenario.delivery(kind)
    assert scenario.make().parse_webhook(delivery.payload, delivery.headers) == []


@pytest.mark.parametrize(
    "failure, error",
    [(AUTH, AuthError), (SERVER, TransientError), (VALIDATION, PermanentError)],
)
def test_failures_map_to_the_bridges_error_types(scenario, mocked, failure, error):
    scenario.mock_failing_note(mocked, failure)

    with pytest.raises(error) as raised:
        scenario.make().add_note(scenario.created[0], "Posted publicly on x")

    if failure == VALIDATION:
        assert not isinstance(raised.value, AuthError)  # needs a person, but the account is fine
