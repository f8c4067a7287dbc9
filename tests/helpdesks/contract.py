"""What the helpdesk adapter contract suite (tests/helpdesks/test_adapter_contract.py) needs from
each helpdesk: a scenario, kept in the helpdesk's own tests as tests/helpdesks/<name>/contract.py
(SCENARIO), that knows its wire format."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import responses

from bridge.helpdesks.base import Helpdesk
from bridge.model import ArticleDraft, Customer, Priority, TicketDraft

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


