"""On X nothing can be hidden by the brand: the agent is told to ask the customer to delete the post."""
from __future__ import annotations

import json

from tests.test_flow import MENTION, calls, post_x, zammad  # noqa: F401 (fixture)

CARD = "4111 1111 1111 1111"


def test_a_card_number_posted_on_x_is_masked_and_the_agent_asked_to_have_it_deleted(client, work, zammad):
    post_x(client, MENTION.replace(b"arrived broken", f"arrived broken, card {CARD} charged twice".encode()))
    work()
    notes = [json.loads(c.request.body)["body"] for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    [note] = [n for n in notes if "publicly" in n]
    assert "shows a card number publicly; x does not let the brand hide it. Ask the customer to delete it" in note
    [ticket] = [json.loads(c.request.body) for c in calls(zammad, "POST", "/api/v1/tickets")]
    assert CARD not in json.dumps(ticket) and "sensitive" in ticket["tags"]
