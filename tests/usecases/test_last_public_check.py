"""The last check before anything is posted publicly holds on its own: even when a decision before it is
wrong (here: routing forced to public), sensitive data never reaches a public endpoint."""
from __future__ import annotations

import json
import re

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


def agent_answers_a_mention(client, work, text: str) -> None:
    """A customer's mention becomes a ticket, and the agent replies `text` from it."""
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply(body=f"<p>{text}</p>"))
    work()


def test_a_card_number_is_not_posted_even_when_routing_says_public(client, work, zammad, routing_always_public):
    agent_answers_a_mention(client, work, f"Your card {CARD} is refunded.")
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


# The learned second opinion (bridge/pipeline/second_opinion.py): a code the rules let through
DOUBTED = "Hi Ivy, the side gate wants 660913 tonight."


def test_a_reply_only_the_second_opinion_doubts_is_not_posted_even_when_routing_says_public(
        client, work, zammad, routing_always_public):
    agent_answers_a_mention(client, work, DOUBTED)
    assert not calls(zammad, "POST", f"{X}/2/tweets")
    notes = [json.loads(c.request.body)["body"] for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert any("refused to post publicly: the second opinion" in n for n in notes)


def test_a_reply_the_second_opinion_doubts_goes_privately_and_the_agent_is_told_why(client, work, zammad):
    zammad.post(re.compile(rf"{X}/2/dm_conversations/with/\d+/messages"),
                json={"data": {"dm_conversation_id": "1-2", "dm_event_id": "4000"}}, status=201)
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000009", "text": "…"}}, status=201)
    agent_answers_a_mention(client, work, DOUBTED)
    dms = [json.loads(c.request.body)["text"] for c in calls(zammad, "POST", "/2/dm_conversations/with/")]
    assert dms == [DOUBTED]
    assert all("660913" not in c.request.body.decode() for c in calls(zammad, "POST", "/2/tweets"))
    notes = [json.loads(c.request.body)["body"] for c in calls(zammad, "POST", "/api/v1/ticket_articles")]
    assert any("suspected" in n for n in notes)


def test_the_second_opinion_can_be_switched_off(client, work, zammad, rt):
    rt.settings.privacy["second_opinion"] = False
    zammad.post(f"{X}/2/tweets", json={"data": {"id": "3000000000000000009", "text": "…"}}, status=201)
    agent_answers_a_mention(client, work, DOUBTED)
    [public] = calls(zammad, "POST", f"{X}/2/tweets")
    assert json.loads(public.request.body)["text"] == DOUBTED
