"""django-helpdesk's scenario for the adapter contract suite."""
from __future__ import annotations

import json

from bridge.helpdesks.base import Helpdesk
from bridge.helpdesks.django_helpdesk.adapter import DjangoHelpdesk
from tests.helpdesks.contract import (
    AGENT_REPLY,
    AUTH,
    BRIDGE_MESSAGE,
    CUSTOMER_MESSAGE,
    FIXTURES,
    INTERNAL_NOTE,
    SERVER,
    VALIDATION,
    Delivery,
    ExpectedReply,
    load,
)


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



SCENARIO = DjangoHelpdeskScenario()
