"""Zammad's scenario for the adapter contract suite."""
from __future__ import annotations

import hashlib
import hmac
import json

from bridge.helpdesks.base import Helpdesk
from bridge.helpdesks.zammad.adapter import ZammadHelpdesk
from tests.helpdesks.contract import (
    AGENT_REPLY,
    AUTH,
    BRIDGE_MESSAGE,
    CUSTOMER,
    CUSTOMER_MESSAGE,
    FIXTURES,
    INTERNAL_NOTE,
    SERVER,
    VALIDATION,
    Delivery,
    ExpectedReply,
    load,
)


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
        # no look-up: the ticket names its customer by login, and Zammad finds or creates them
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



SCENARIO = ZammadScenario()
