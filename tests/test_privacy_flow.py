"""Outbound control end to end (X + Zammad over `responses`): sensitive data never reaches a public
endpoint, whatever the agent asks, and the agent sees why a reply went private or to phone."""
import itertools
import json
import re

import pytest
import responses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bridge.pipeline.privacy import Detector, is_card_number, is_role_mailbox
from bridge.runtime import Runtime
from bridge.store.tables import AuditEntry, Delivery, InboundEvent
from tests.test_flow import DM, MENTION, ZAMMAD, X, agent_reply, calls, post_x, post_zammad
from tests.web.test_webhooks import x_signature

CARD = "4111 1111 1111 1111"


def zammad_and_x(mock):
    mock.get(re.compile(rf"{ZAMMAD}/api/v1/users/search.*"), json=[])
    mock.post(f"{ZAMMAD}/api/v1/users", json={"id": 42, "login": "x:2222222222222222222"}, status=201)
    tickets = itertools.count(82)
    mock.add_callback("POST", f"{ZAMMAD}/api/v1/tickets",
                      callback=lambda request: (201, {}, json.dumps({"id": next(tickets), "article_ids": [501]})))
    mock.post(f"{ZAMMAD}/api/v1/ticket_articles", json={"id": 777}, status=201)
    ids = itertools.count(3000000000000000200)
    mock.add_callback("POST", f"{X}/2/tweets",
                      callback=lambda request: (201, {}, json.dumps({"data": {"id": str(next(ids))}})))
    mock.add_callback("POST", re.compile(rf"{X}/2/dm_conversations/with/\d+/messages"),
                      callback=lambda request: (201, {}, json.dumps({"data": {"dm_event_id": str(next(ids))}})))


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as m:
        zammad_and_x(m)
        yield m


def bodies(mock, method, part):
    return [json.loads(c.request.body) for c in calls(mock, method, part)]


def notes(mock):
    return [b["body"] for b in bodies(mock, "POST", "/api/v1/ticket_articles")]


def test_customer_posting_a_card_publicly_is_flagged_masked_and_answered_privately(client, work, mock, rt):
    payload = json.loads(MENTION)
    payload["data"]["payload"]["text"] = f"@ExampleUser charged twice on my card {CARD} exp 09/29, fix it"
    body = json.dumps(payload).encode()
    client.post("/webhooks/x/acme", data=body, headers={"x-twitter-webhooks-signature": x_signature(body)})
    work()
    [ticket] = bodies(mock, "POST", "/api/v1/tickets")
    assert "4111" not in ticket["title"] and "•••• 1111" in ticket["title"]
    assert "4111 1111" not in ticket["article"]["body"]  # masked by default (privacy.show_full_in_ticket)
    assert "sensitive" in ticket["tags"] and ticket["social_sensitive"] == "true"
    with rt.store.session() as s:
        assert "4111" not in s.scalar(select(InboundEvent.body))  # the stored raw payload is masked too
    # the agent answers without asking for anything special: it still goes privately
    post_zammad(client, agent_reply(body="<p>We refunded the second charge.</p>"))
    work()
    assert [b["text"] for b in bodies(mock, "POST", "/dm_conversations/")] == ["We refunded the second charge."]
    assert [b["text"] for b in bodies(mock, "POST", "/2/tweets")] == ["We've sent you a private message."]
    assert "replies default to private" in notes(mock)[-1]


def test_reply_with_an_email_goes_privately_and_the_audit_keeps_kinds_only(client, work, mock, rt):
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply(body="<p>Write to dana.okafor@acme-corp.com and quote 4521.</p>"))
    work()
    assert len(bodies(mock, "POST", "/dm_conversations/")) == 1
    assert [b["text"] for b in bodies(mock, "POST", "/2/tweets")] == ["We've sent you a private message."]
    note = notes(mock)[-1]
    assert "contains sensitive data (email)" in note and "dana.okafor" not in note
    with rt.store.session() as s:
        delivery = s.scalar(select(Delivery))
        audit = s.scalar(select(AuditEntry))
    assert (delivery.route, delivery.sensitive_kinds) == ("private", "email")
    assert "dana.okafor@acme-corp.com" not in delivery.text  # only the masked text stays in the store
    assert (audit.action, audit.requested_mode, audit.sensitive_kinds) == ("sent_private", "public", "email")
    assert "dana.okafor" not in audit.reason


def test_phone_handoff_posts_only_the_acknowledgement(client, work, mock, rt):
    post_x(client, MENTION)
    work()
    post_zammad(client, agent_reply(body="<p>Your account number is 12345678, we'll fix it.</p>",
                                    social_reply_mode="phone"))
    work()
    assert bodies(mock, "POST", "/dm_conversations/") == []
    assert [b["text"] for b in bodies(mock, "POST", "/2/tweets")] == [
        "We'd like to call you about this. Please send us your phone number in a private message."]
    assert notes(mock)[-1].startswith("Phone callback needed: the reply was NOT posted.")
    with rt.store.session() as s:
        assert s.scalar(select(Delivery.state)) == "handed_off"


def test_acknowledgement_with_sensitive_data_is_refused_at_start(tmp_path, settings, store):
    from bridge.errors import ConfigError
    from tests.conftest import REPO

    mappings = tmp_path / "m"
    mappings.mkdir()
    for name in ("x", "sandbox"):
        (mappings / f"{name}.yaml").write_text((REPO / "mappings" / f"{name}.yaml").read_text())
    with open(mappings / "x.yaml", "a") as f:
        f.write('\nacknowledgements: {phone: "Call us back at +1 212 555 0187"}\n')
    from dataclasses import replace
    with pytest.raises(ConfigError, match="acknowledgements.phone: holds sensitive data"):
        Runtime(replace(settings, mappings_dir=mappings), store)


SEPARATORS = st.sampled_from([" ", "-", ".", "", "  "])
WORDS = st.lists(st.sampled_from(["thanks", "please", "your", "order", "is", "fine", "ok", "😀", "we", "fixed"]),
                 max_size=6).map(" ".join)


@st.composite
def luhn_card(draw):
    digits = [draw(st.sampled_from("3456"))] + [draw(st.sampled_from("0123456789")) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):  # Luhn check digit for the 16th position
        n = int(d)
        if i % 2 == 0:
            n = n * 2 - 9 if n * 2 > 9 else n * 2
        total += n
    digits.append(str((10 - total % 10) % 10))
    sep = draw(SEPARATORS)
    return sep.join("".join(digits[i:i + 4]) for i in range(0, 16, 4))


# a role mailbox (support@, account@ …) of any organisation is public by design; a person's address is not
SENSITIVE = st.one_of(luhn_card(), st.emails().filter(lambda e: not is_role_mailbox(e.rpartition("@")[0]))
                      .map(lambda e: f"mail {e}"),
                      st.sampled_from(["call +1 (212) 555-0187", "ring me on 020 7946 0018", "+44 7911 123456", "+49 30 901820"]))
MODES = st.sampled_from(["public", "private", "phone", None])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=WORDS, secret=SENSITIVE, after=WORDS, mode=MODES, dm=st.booleans())
def test_no_public_post_ever_holds_a_card_or_a_detected_email_or_phone(client, work, mock, before, secret, after,
                                                                         mode, dm):
    if not bodies(mock, "POST", "/api/v1/tickets"):
        post_x(client, MENTION)  # ticket 82, a public thread
        post_x(client, DM)  # ticket 83, a DM conversation
        work()
    ARTICLES.append(len(ARTICLES) + 10_000)
    tweets_before = len(calls(mock, "POST", "/2/tweets"))
    dms_before = len(calls(mock, "POST", "/dm_conversations/"))
    extra = {"social_reply_mode": mode} if mode else {}
    post_zammad(client, agent_reply(ticket_id=83 if dm else 82, article_id=ARTICLES[-1],
                                    body=f"<p>{before} {secret} {after}</p>", **extra))
    work()
    new_tweets = [b["text"] for b in bodies(mock, "POST", "/2/tweets")[tweets_before:]]
    went_private = len(calls(mock, "POST", "/dm_conversations/")) - dms_before == 1
    assert went_private or notes(mock)[-1].startswith("Phone callback needed")
    detector = Detector()
    for text in new_tweets:
        runs = re.findall(r"\d[\d .-]{11,}\d", text)
        assert not any(is_card_number(re.sub(r"\D", "", r)) for r in runs)
        assert not [f for f in detector.find(text) if f.kind in ("email", "phone", "card")]
        assert secret not in text


ARTICLES: list[int] = []
