"""Driving a running LocalStack over HTTP, the way a customer and an agent would."""
from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from bridge.devstack import LocalStack, StartError, default_helpdesk_python
from tests.conftest import free_port, need_service, wait_for


@contextmanager
def running_stack(data_dir: Path, **options) -> Iterator[LocalStack]:
    """A LocalStack (real django-helpdesk + the bridge) on free ports, stopped afterwards. Without the
    helpdesk's environment the test skips (fails with CI set); a stack that does not start fails it."""
    python = default_helpdesk_python()
    need_service("django-helpdesk", Path(python).is_file(), f"no helpdesk python at {python}; run `make helpdesk-env`")
    stack = LocalStack(data_dir, bridge_port=free_port(), helpdesk_port=free_port(), **options)
    try:
        stack.start()
    except StartError as exc:
        stack.stop()
        pytest.fail(f"the stack did not start: {str(exc)[:2000]}")
    try:
        yield stack
    finally:
        stack.stop()


class Driver:
    def __init__(self, stack: LocalStack):
        self.stack = stack
        self.bridge = stack.bridge_url
        self.helpdesk = stack.helpdesk.url
        self.bridge_api = requests.Session()
        self.bridge_api.headers["Authorization"] = f"Token {stack.bridge_token}"
        self.agent = requests.Session()
        self.agent.auth = ("agent", stack.agent_password)

    # the customer, on the sandbox
    def post(self, text: str, *, handle: str = "alice", kind: str = "public", in_reply_to: int | None = None,
             followers: int | None = 120) -> dict:
        answer = requests.post(f"{self.bridge}/sandbox/api/posts", timeout=10, json={
            "author": {"handle": handle, "name": handle.title(), "followers": followers},
            "text": text, "kind": kind, "in_reply_to": in_reply_to})
        assert answer.status_code == 201, answer.text
        return answer.json()

    def timeline(self) -> list[dict]:
        return requests.get(f"{self.bridge}/sandbox/api/posts", timeout=10).json()

    def brand_replies_to(self, post_id: int) -> list[dict]:
        return [p for p in self.timeline() if p["from_brand"] and p["in_reply_to"] == post_id]

    # the helpdesk
    def tickets(self) -> list[dict]:
        return self.bridge_api.get(f"{self.helpdesk}/api/tickets/", params={"page_size": 100}, timeout=10).json()["results"]

    def ticket(self, ticket_id: int) -> dict:
        return self.bridge_api.get(f"{self.helpdesk}/api/tickets/{ticket_id}/", timeout=10).json()

    def ticket_containing(self, text: str, timeout: float = 30) -> dict:
        return wait_for(lambda: next((t for t in self.tickets() if text in t["description"]), None),
                        timeout=timeout, what=f"a ticket containing {text!r}")

    def agent_reply(self, ticket_id: int, text: str, *, public: bool = True,
                    files: tuple[tuple[str, bytes, str], ...] = ()) -> dict:
        """A follow-up as an agent writes it; `files` (name, content, type) attached as the reply form does."""
        if files:
            answer = self.agent.post(f"{self.helpdesk}/api/followups/", timeout=15,
                                     data={"ticket": ticket_id, "comment": text, "public": str(public).lower()},
                                     files=[("attachments", file) for file in files])
        else:
            answer = self.agent.post(f"{self.helpdesk}/api/followups/", timeout=15,
                                     json={"ticket": ticket_id, "comment": text, "public": public})
        assert answer.status_code == 201, answer.text
        return answer.json()

    def redeliver_followup_webhook(self, ticket_id: int, followup_id: int) -> requests.Response:
        """What django-helpdesk would send again (a retry, a proxy replay)."""
        body = json.dumps({"ticket": self.ticket(ticket_id), "queue_slug": "social", "followup_id": followup_id})
        return requests.post(self.stack.helpdesk.followup_webhook_url, data=body, timeout=10,
                             headers={"Content-Type": "application/json"})

    def health(self) -> dict:
        return requests.get(f"{self.bridge}/healthz", timeout=10).json()
