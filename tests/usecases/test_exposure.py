"""A customer posts a card number publicly: hidden where the platform lets the brand (Meta), the agent told
either way, and the values masked on the ticket."""
from __future__ import annotations

import hashlib
import hmac
import json

from tests.conftest import FIXTURES
from tests.test_flow import calls
from tests.test_flow_meta import APP_SECRET, COMMENT, GRAPH, config_env, mock, notes  # noqa: F401 (fixtures)

CARD = "4111 1111 1111 1111"


def facebook_comment(client, text: str):
    payload = json.loads((FIXTURES / "facebook" / "feed_comment_add.json").read_text())
    payload["entry"][0]["changes"][0]["value"]["message"] = text
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return client.post("/webhooks/facebook/acme", data=body, headers={"X-Hub-Signature-256": signature,
                                                                      "Content-Type": "application/json"})


def test_a_card_number_in_a_facebook_comment_is_hidden_and_the_agent_told(client, work, mock):
    mock.post(f"{GRAPH}/{COMMENT}", json={"success": True})
    facebook_comment(client, f"charged twice, my card is {CARD} fix it")
    work()
    [hide] = calls(mock, "POST", f"/{COMMENT}")
    assert hide.request.body == "is_hidden=true" and hide.request.url == f"{GRAPH}/{COMMENT}"
    [note] = [n["body"] for n in notes(mock) if "showed" in n["body"]]
    assert "showed a card number publicly: the bridge hid it" in note
    assert "Tell the customer why in your private reply." in note  # Meta's one private reply stays the agent's
    assert CARD not in json.dumps([c.request.body for c in mock.calls if isinstance(c.request.body, str)])


def test_when_hiding_fails_the_agent_is_asked_to_act(client, work, mock):
    mock.post(f"{GRAPH}/{COMMENT}", status=403, json={"error": {"message": "(#200) Permissions error", "type": "OAuthException",
                                                                 "code": 200}})
    facebook_comment(client, f"my card {CARD} was charged twice")
    work()
    [note] = [n["body"] for n in notes(mock) if "publicly" in n["body"]]
    assert "could not hide it" in note and "ask the customer to delete it" in note


def test_an_ordinary_comment_is_not_hidden(client, work, mock):
    facebook_comment(client, "charged twice for order 4521, please fix")
    work()
    assert not calls(mock, "POST", f"/{COMMENT}")
    assert not [n for n in notes(mock) if "publicly" in n["body"]]
