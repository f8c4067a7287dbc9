"""The last check before anything is posted publicly holds on its own: even when a decision before it is
wrong (here: routing forced to public), sensitive data never reaches a public endpoint."""
from __future__ import annotations

import json

import pytest

from bridge.model import ReplyMode
from bridge.pipeline.routing import Route
from bridge.usecases import deliver
from tests.test_flow import MENTION, X, agent_reply, calls, post_x, post_zammad, zammad  # noqa: F401 (fixture)

CARD = "4111 1111 1111 1111"


@pytest.fixture
def routing_always_public(monkeypatch):
    """A routing bug: everything goes public, whatever it holds."""
    monkeypatch.setattr(deliver, "decide_route", lambda *args, **kwargs: Route(ReplyMode.PUBLIC, "forced public", False))


def test_a_card_number_is_not_posted_even_when_routing_says_public(client, work, zammad, routing_always_public):
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply(body=f"<p>Your card {CARD} is refunded.</p>"))
    work()
    assert not calls(zammad, "POST", f"{X}/2/tweets")
    notes = [json.loads(c.request.body)["body"] for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert any("refused to post publicly: it contains card" in n for n in notes)


@pytest.mark.parametrize("text", [f"card {CARD}", "mail me at jane.doe@example.org", "my pw is Lantern42!"])
def test_publish_refuses_sensitive_text_before_calling_the_platform(rt, text):
    class Recorder:
        sent: list = []

        def send_public(self, text, target):
            self.sent.append(text)

    recorder = Recorder()
    with pytest.raises(Exception, match="refused to post publicly"):
        deliver.publish(rt, recorder, text, target=None)
    assert recorder.sent == []
