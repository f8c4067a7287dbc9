"""ZammadHelpdesk against the documented REST answers and webhook payloads (tests/fixtures/zammad)."""
from __future__ import annotations

import copy
import hashlib
import hmac
import json
from pathlib import Path

import marshmallow
import pytest
import requests
import responses
from requests.structures import CaseInsensitiveDict

from bridge.errors import AmbiguousError, ConfigError, PayloadError, PermanentError, TransientError
from bridge.helpdesks.base import Helpdesk, ReviewDecision
from bridge.helpdesks.zammad.adapter import ZammadHelpdesk
from bridge.model import (
    ArticleDraft,
    CreatedTicket,
    Customer,
    DeliveryState,
    PostKind,
    Priority,
    Reply,
    ReplyMode,
    SocialContext,
    TicketDraft,
)
from tests.faults import refused

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "zammad"
BASE = "https://zammad.example.com"
TOKEN = "tok-3f9a7c1e-not-for-logs"
SECRET = "whsec-4d2b8e"
SETTINGS = {"url": BASE + "/", "token": TOKEN, "webhook_secret": SECRET, "bridge_login": "Social-Bridge"}

USERS = BASE + "/api/v1/users"
USERS_SEARCH = BASE + "/api/v1/users/search"
TICKETS = BASE + "/api/v1/tickets"
ARTICLES = BASE + "/api/v1/ticket_articles"

ALICE = Customer(login="X:2244994945", display_name="Alice Example", fields={"web": "https://x.com/alice_example"})
BOB = Customer(login="x:1500000000000000001", display_name="Bob Builder", fields={"web": "https://x.com/bob_builds"})
POST_URL = "https://x.com/bob_builds/status/1893000000000000555"
LATER_POST_URL = "https://x.com/bob_builds/status/1893000000000000777"


def fixture(name: str):
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def sent_json(call) -> dict:
    return json.loads(call.request.body)


def ticket_draft(**overrides) -> TicketDraft:
    values = dict(
        title="Post from @bob_builds: the app crashes on login",
        queue="Social",
        priority=Priority.HIGH,
        customer=BOB,
        body="the app crashes on login\n\n— @bob_builds",
        tags=("social", "x", "public_post"),
        fields={"social_channel": "x", "social_author_handle": "@bob_builds"},
        post_url=POST_URL,
    )
    values.update(overrides)
    return TicketDraft(**values)


@pytest.fixture
def helpdesk() -> ZammadHelpdesk:
    return ZammadHelpdesk(SETTINGS)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


def existing_customer(mocked, user_id: int = 42) -> None:
    """A search answer holding the exact login among fuzzy hits."""
    hits = fixture("users_search")
    hits.append({**hits[1], "id": user_id, "login": BOB.login})
    mocked.get(USERS_SEARCH, json=hits)


# -- settings ---------------------------------------------------------------------------------
def test_settings_defaults_and_url_without_trailing_slash(helpdesk):
    assert helpdesk.settings["url"] == BASE
    assert helpdesk.settings["customer_article_type"] == "web"
    assert helpdesk.settings["priorities"] == {"low": "1 low", "normal": "2 normal", "high": "3 high", "urgent": "3 high"}
    assert helpdesk.settings["reopen_state"] == "open"
    assert helpdesk.settings["closed_states"] == ["closed"]


def test_settings_keep_closed_and_add_configured_states():
    helpdesk = ZammadHelpdesk({**SETTINGS, "closed_states": ["Merged", "pending close"]})
    assert sorted(helpdesk.settings["closed_states"]) == ["closed", "merged", "pending close"]


def test_settings_override_some_priorities_and_keep_the_rest():
    helpdesk = ZammadHelpdesk({**SETTINGS, "priorities": {"urgent": "4 urgent"}})
    assert helpdesk.settings["priorities"]["urgent"] == "4 urgent"
    assert helpdesk.settings["priorities"]["low"] == "1 low"


@pytest.mark.parametrize(
    "settings, field",
    [
        ({k: v for k, v in SETTINGS.items() if k != "token"}, "token"),
        ({k: v for k, v in SETTINGS.items() if k != "bridge_login"}, "bridge_login"),
        ({**SETTINGS, "url": "not a url"}, "url"),
        ({**SETTINGS, "api_key": "x"}, "api_key"),
        ({**SETTINGS, "priorities": {"critical": "4 critical"}}, "priorities"),
    ],
)
def test_invalid_settings_name_the_field_and_never_the_secrets(settings, field):
    with pytest.raises(ConfigError) as excinfo:
        ZammadHelpdesk(settings)
    assert field in str(excinfo.value)
    assert TOKEN not in str(excinfo.value) and SECRET not in str(excinfo.value)


# -- create_ticket ----------------------------------------------------------------------------
NEW_BOB = {"login": "x:1500000000000000001", "firstname": "Bob Builder", "web": "https://x.com/bob_builds"}


def test_create_ticket_sends_the_documented_body_and_token_header(helpdesk, mocked):
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)

    created = helpdesk.create_ticket(ticket_draft())

    assert created == CreatedTicket(ticket_id="82", article_id="310")
    request = mocked.calls[0].request
    assert request.headers["Authorization"] == f"Token token={TOKEN}"
    # One call: Zammad takes the user with this login, or creates them, from the "customer" hash; the
    # article's origin is then the ticket's customer (a web article), so origin_by_id stays out.
    assert sent_json(mocked.calls[0]) == {
        "title": "Post from @bob_builds: the app crashes on login",
        "group": "Social",
        "customer": NEW_BOB,
        "priority": "3 high",
        "tags": "social,x,public_post",
        "social_channel": "x",
        "social_author_handle": "@bob_builds",
        "article": {
            "body": "the app crashes on login\n\n— @bob_builds",
            "type": "web",
            "sender": "Customer",
            "internal": False,
            "content_type": "text/plain",
            "preferences": {"links": [{"url": POST_URL, "target": "_blank", "name": "View post"}]},
        },
    }


def test_the_customer_id_zammad_answers_is_kept_for_the_next_ticket_and_article(helpdesk, mocked):
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)  # its customer_id is 42
    mocked.post(ARTICLES, json=fixture("article_created"), status=201)
    mocked.get(TICKETS + "/82", json=fixture("ticket_open"))

    helpdesk.create_ticket(ticket_draft())
    helpdesk.create_ticket(ticket_draft(customer=Customer(login="X:1500000000000000001", display_name="Bob")))
    helpdesk.add_article("82", later_post())

    assert [c.request.url.split("?")[0] for c in mocked.calls] == [TICKETS, TICKETS, TICKETS + "/82", ARTICLES]
    second = sent_json(mocked.calls[1])
    assert "customer" not in second
    assert (second["customer_id"], second["article"]["origin_by_id"]) == (42, 42)
    assert sent_json(mocked.calls[3])["origin_by_id"] == 42


def test_an_article_type_zammad_does_not_attribute_looks_the_customer_up_first(mocked):
    """Zammad sets a customer article's origin only for phone, note and web: any other type needs the id."""
    mocked.get(USERS_SEARCH, json=fixture("users_search"))
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)

    ZammadHelpdesk({**SETTINGS, "customer_article_type": "x post"}).create_ticket(ticket_draft(customer=ALICE))

    search = mocked.calls[0].request
    # Zammad lowercases logins; the colon is search syntax and must be escaped.
    assert search.params == {"query": "login:x\\:2244994945", "limit": "20"}
    # The fuzzy hits "x:22449949451" (id 31) and an e-mail user (id 9) come first; only 27 is Alice.
    sent = sent_json(mocked.calls[1])
    assert (sent["customer_id"], sent["article"]["origin_by_id"], sent["article"]["type"]) == (27, 27, "x post")
    assert "customer" not in sent


def test_a_missing_customer_of_such_a_type_is_created_without_email(mocked):
    mocked.get(USERS_SEARCH, json=fixture("users_search"))  # fuzzy hits only: none is Bob
    mocked.post(USERS, json=fixture("user_created"), status=201)
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)

    ZammadHelpdesk({**SETTINGS, "customer_article_type": "x post"}).create_ticket(ticket_draft())

    assert sent_json(mocked.calls[1]) == NEW_BOB
    assert sent_json(mocked.calls[2])["customer_id"] == 42
    assert sent_json(mocked.calls[2])["article"]["origin_by_id"] == 42


def test_create_user_warns_when_zammad_renamed_the_new_login(mocked, caplog):
    mocked.get(USERS_SEARCH, json=[])
    mocked.post(USERS, json={**fixture("user_created"), "login": "x:15000000000000000011"}, status=201)
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)

    ZammadHelpdesk({**SETTINGS, "customer_article_type": "x post"}).create_ticket(ticket_draft())

    assert "renamed" in caplog.text
    assert BOB.login not in caplog.text


@pytest.mark.parametrize("kind, private", [(PostKind.DIRECT_MESSAGE, "true"), (PostKind.PUBLIC_REPLY, "false")])
def test_a_new_ticket_carries_what_the_reply_form_reads(helpdesk, mocked, kind, private):
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)
    context = SocialContext(channel="x", channel_label="X", kind=kind, handle="@bob_builds", brand="@AcmeSupport")

    helpdesk.create_ticket(ticket_draft(context=context))

    sent = sent_json(mocked.calls[0])
    assert (sent["social_brand"], sent["social_private_thread"]) == ("@AcmeSupport", private)
    assert sent["social_channel"] == "x" and sent["social_author_handle"] == "@bob_builds"


def test_create_ticket_without_tags_or_link_leaves_them_out(helpdesk, mocked):
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)

    helpdesk.create_ticket(ticket_draft(tags=(), post_url=None, fields={}))

    body = sent_json(mocked.calls[0])
    assert "tags" not in body
    assert "preferences" not in body["article"]
    assert set(body) == {"title", "group", "customer", "priority", "article"}


@pytest.mark.parametrize("known", [False, True])
def test_custom_fields_cannot_replace_the_tickets_own_keys(helpdesk, mocked, known):
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)
    fields = {"group": "Sales", "customer_id": "1", "customer": "eve", "social_channel": "x"}
    if known:
        helpdesk.create_ticket(ticket_draft())  # Zammad answers customer 42

    helpdesk.create_ticket(ticket_draft(fields=fields))

    body = sent_json(mocked.calls[-1])
    assert (body["group"], body["social_channel"]) == ("Social", "x")
    # Exactly one way of naming the customer, and it is the post's author: Zammad would take a
    # customer_id over a customer hash.
    who = {key: body[key] for key in ("customer_id", "customer") if key in body}
    assert who == ({"customer_id": 42} if known else {"customer": NEW_BOB})


@pytest.mark.parametrize(
    "settings, priority, expected",
    [
        ({}, Priority.LOW, "1 low"),
        ({}, Priority.NORMAL, "2 normal"),
        ({}, Priority.URGENT, "3 high"),
        ({"priorities": {"urgent": "4 urgent"}}, Priority.URGENT, "4 urgent"),
    ],
)
def test_priority_is_mapped_to_the_zammad_name(mocked, settings, priority, expected):
    mocked.post(TICKETS, json=fixture("ticket_created"), status=201)

    ZammadHelpdesk({**SETTINGS, **settings}).create_ticket(ticket_draft(priority=priority))

    assert sent_json(mocked.calls[0])["priority"] == expected


def test_first_article_is_the_lowest_id_when_a_trigger_already_added_one(helpdesk, mocked):
    mocked.post(TICKETS, json={**fixture("ticket_created"), "article_ids": [311, 310]}, status=201)

    assert helpdesk.create_ticket(ticket_draft()).article_id == "310"


def test_first_article_is_looked_up_when_the_answer_lists_none(helpdesk, mocked):
    answer = fixture("ticket_created")
    del answer["article_ids"]
    mocked.post(TICKETS, json=answer, status=201)
    mocked.get(ARTICLES + "/by_ticket/82", json=[{"id": 310, "ticket_id": 82}, {"id": 311, "ticket_id": 82}])

    assert helpdesk.create_ticket(ticket_draft()) == CreatedTicket(ticket_id="82", article_id="310")


# -- add_article --------------------------------------------------------------------------------
def later_post() -> ArticleDraft:
    return ArticleDraft(body="still crashing after the update", customer=BOB, post_url=LATER_POST_URL)


def test_add_article_reopens_a_closed_ticket_first(helpdesk, mocked):
    existing_customer(mocked)
    mocked.get(TICKETS + "/82", json=fixture("ticket_closed"))
    mocked.put(TICKETS + "/82", json={**fixture("ticket_closed"), "state": "open", "state_id": 2})
    mocked.post(ARTICLES, json=fixture("article_created"), status=201)

    article_id = helpdesk.add_article("82", later_post())

    assert article_id == "311"
    assert [(c.request.method, c.request.url.split("?")[0]) for c in mocked.calls] == [
        ("GET", USERS_SEARCH),
        ("GET", TICKETS + "/82"),
        ("PUT", TICKETS + "/82"),
        ("POST", ARTICLES),
    ]
    assert mocked.calls[1].request.params == {"expand": "true"}  # state by name, not state_id
    assert sent_json(mocked.calls[2]) == {"state": "open"}
    assert sent_json(mocked.calls[3]) == {
        "ticket_id": 82,
        "body": "still crashing after the update",
        "type": "web",
        "sender": "Customer",
        "internal": False,
        "content_type": "text/plain",
        "origin_by_id": 42,
        "preferences": {"links": [{"url": LATER_POST_URL, "target": "_blank", "name": "View post"}]},
    }
    assert mocked.calls[3].request.headers["Authorization"] == f"Token token={TOKEN}"


def test_add_article_leaves_an_open_ticket_alone(helpdesk, mocked):
    existing_customer(mocked)
    mocked.get(TICKETS + "/82", json=fixture("ticket_open"))
    mocked.post(ARTICLES, json=fixture("article_created"), status=201)

    assert helpdesk.add_article("82", later_post()) == "311"
    assert [c.request.method for c in mocked.calls] == ["GET", "GET", "POST"]


def test_add_article_uses_configured_closed_and_reopen_states(mocked):
    helpdesk = ZammadHelpdesk({**SETTINGS, "closed_states": ["pending close"], "reopen_state": "new"})
    existing_customer(mocked)
    mocked.get(TICKETS + "/82", json={**fixture("ticket_open"), "state": "Pending Close"})
    mocked.put(TICKETS + "/82", json=fixture("ticket_open"))
    mocked.post(ARTICLES, json=fixture("article_created"), status=201)

    helpdesk.add_article("82", later_post())

    assert sent_json(mocked.calls[2]) == {"state": "new"}


def test_add_article_without_a_state_name_in_the_answer_is_permanent(helpdesk, mocked):
    existing_customer(mocked)
    answer = fixture("ticket_open")
    del answer["state"]
    mocked.get(TICKETS + "/82", json=answer)

    with pytest.raises(PermanentError, match="state"):
        helpdesk.add_article("82", later_post())


@pytest.mark.parametrize("ticket_id", ["", "82/../../users", "abc"])
def test_ticket_ids_that_are_not_numbers_never_reach_a_url(helpdesk, mocked, ticket_id):
    with pytest.raises(PermanentError):
        helpdesk.add_article(ticket_id, later_post())
    with pytest.raises(PermanentError):
        helpdesk.add_note(ticket_id, "delivered")
    assert len(mocked.calls) == 0


# -- add_note -------------------------------------------------------------------------------------
def test_add_note_is_an_internal_agent_note(helpdesk, mocked):
    mocked.post(ARTICLES, json={**fixture("article_created"), "id": 320, "internal": True}, status=201)

    assert helpdesk.add_note("82", "Delivered on X: https://x.com/brand/status/1") == "320"
    assert sent_json(mocked.calls[0]) == {
        "ticket_id": 82,
        "body": "Delivered on X: https://x.com/brand/status/1",
        "type": "note",
        "internal": True,
        "sender": "Agent",
        "content_type": "text/plain",
    }
    assert mocked.calls[0].request.headers["Authorization"] == f"Token token={TOKEN}"


# -- errors ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [401, 403, 404, 422])
def test_client_errors_are_permanent_with_the_status(helpdesk, mocked, status):
    mocked.post(ARTICLES, json=fixture(f"error_{status}"), status=status)

    with pytest.raises(PermanentError) as excinfo:
        helpdesk.add_note("82", "customer wrote: my card number is 4111")

    assert excinfo.value.status == status
    assert TOKEN not in str(excinfo.value)
    assert "4111" not in str(excinfo.value)


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_server_errors_and_rate_limits_are_transient(helpdesk, mocked, status):
    mocked.get(USERS_SEARCH, json=fixture("error_500"), status=status, headers={"Retry-After": "30"})

    with pytest.raises(TransientError) as excinfo:
        helpdesk.add_article("82", later_post())  # a new customer's article: their id is looked up first

    assert excinfo.value.status == status
    assert excinfo.value.retry_after == 30.0
    assert [c.request.method for c in mocked.calls] == ["GET"]  # nothing was created


def test_connection_error_is_transient(helpdesk, mocked):
    mocked.post(ARTICLES, body=refused())

    with pytest.raises(TransientError):
        helpdesk.add_note("82", "delivered")


def test_read_timeout_on_a_post_is_ambiguous(helpdesk, mocked):
    mocked.post(TICKETS, body=requests.ReadTimeout("no answer"))

    with pytest.raises(AmbiguousError):
        helpdesk.create_ticket(ticket_draft())


def test_read_timeout_on_a_get_is_transient(helpdesk, mocked):
    mocked.get(USERS_SEARCH, body=requests.ReadTimeout("no answer"))

    with pytest.raises(TransientError) as excinfo:
        helpdesk.add_article("82", later_post())
    assert not isinstance(excinfo.value, AmbiguousError)


def test_a_created_answer_that_is_not_json_needs_a_person(helpdesk, mocked):
    mocked.post(ARTICLES, body="<html>proxy</html>", status=201, content_type="text/html")

    with pytest.raises(PermanentError, match="not JSON"):
        helpdesk.add_note("82", "delivered")


# -- verify_webhook -------------------------------------------------------------------------------
def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()


def raw(name: str) -> bytes:
    return (FIXTURES / f"{name}.json").read_bytes()


def test_valid_signature_is_accepted(helpdesk):
    body = raw("webhook_agent_reply")
    headers = CaseInsensitiveDict({"x-hub-signature": sign(body), "X-Zammad-Delivery": "6b2c"})
    assert helpdesk.verify_webhook(headers, body, {}) is True


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Hub-Signature": ""},
        {"X-Hub-Signature": sign(raw("webhook_agent_reply"), secret="other-secret")},
        {"X-Hub-Signature": sign(raw("webhook_agent_reply")).removeprefix("sha1=")},
        {"X-Hub-Signature": "sha256=" + hmac.new(SECRET.encode(), raw("webhook_agent_reply"), hashlib.sha256).hexdigest()},
    ],
    ids=["missing", "empty", "wrong-secret", "no-prefix", "sha256"],
)
def test_missing_or_wrong_signature_is_rejected(helpdesk, headers):
    assert helpdesk.verify_webhook(CaseInsensitiveDict(headers), raw("webhook_agent_reply"), {}) is False


def test_signature_covers_the_raw_body(helpdesk):
    body = raw("webhook_agent_reply")
    tampered = body.replace(b"ships today", b"ships never")
    assert helpdesk.verify_webhook(CaseInsensitiveDict({"X-Hub-Signature": sign(body)}), tampered, {}) is False


# -- parse_webhook --------------------------------------------------------------------------------
def test_agent_public_reply_becomes_one_plain_text_reply(helpdesk):
    replies = helpdesk.parse_webhook(fixture("webhook_agent_reply"), CaseInsensitiveDict())

    assert replies == [
        Reply(
            helpdesk="zammad",
            ticket_id="81",
            article_id="105",
            text=(
                "Hi Alice,\n\nsorry about the delay & thanks for waiting. Your order #123 ships today, "
                "tracking: here (https://track.example.com/123)."
            ),
            requested_mode=ReplyMode.PUBLIC,
            agent="jacob@chrispresso.com",
        )
    ]


@pytest.mark.parametrize(
    "name", ["webhook_internal_note", "webhook_customer_article", "webhook_bridge_article", "webhook_ticket_update"]
)
def test_events_that_are_not_agent_replies_are_ignored(helpdesk, name):
    assert helpdesk.parse_webhook(fixture(name), CaseInsensitiveDict()) == []


def test_each_ignored_fixture_would_be_delivered_but_for_its_one_difference(helpdesk):
    """Guards the test above: it must not pass for some other reason."""
    note = fixture("webhook_internal_note")
    note["article"]["internal"] = False
    customer = fixture("webhook_customer_article")
    customer["article"]["sender"] = "Agent"
    customer["article"]["created_by"] = "jacob@chrispresso.com"  # the bridge wrote it, as it does
    own = fixture("webhook_bridge_article")
    own["article"]["created_by"] = fixture("webhook_agent_reply")["article"]["created_by"]
    for payload in (note, customer, own):
        payload["article"]["type"] = "social reply"  # and what an agent picks to answer the customer
        assert len(helpdesk.parse_webhook(payload, CaseInsensitiveDict())) == 1


@pytest.mark.parametrize("article_type", ["note", "phone", "email", "web", "sms", "twitter status", None])
def test_a_public_agent_article_of_any_other_type_is_never_delivered(helpdesk, article_type):
    """Safe by default: only the SocialBridge package's "social reply", which the agent picks on purpose."""
    payload = fixture("webhook_agent_reply")
    payload["article"]["type"] = article_type
    assert helpdesk.parse_webhook(payload, CaseInsensitiveDict()) == []
    assert len(helpdesk.parse_webhook(fixture("webhook_agent_reply"), CaseInsensitiveDict())) == 1


def test_an_admin_may_name_other_reply_types():
    helpdesk = ZammadHelpdesk({**SETTINGS, "reply_article_types": ["social reply", "web"]})
    payload = fixture("webhook_agent_reply")
    payload["article"]["type"] = "web"
    assert len(helpdesk.parse_webhook(payload, CaseInsensitiveDict())) == 1
    with pytest.raises(ConfigError):
        ZammadHelpdesk({**SETTINGS, "reply_article_types": []})


def test_bridge_login_is_compared_without_case_and_as_a_plain_login():
    payload = fixture("webhook_bridge_article")
    payload["article"]["created_by"] = "SOCIAL-BRIDGE"  # nested users carry just the login
    helpdesk = ZammadHelpdesk({**SETTINGS, "bridge_login": "social-bridge"})
    assert helpdesk.parse_webhook(payload, CaseInsensitiveDict()) == []


@pytest.mark.parametrize(
    "value, mode",
    [
        ("public", ReplyMode.PUBLIC),
        ("private", ReplyMode.PRIVATE),
        ("phone", ReplyMode.PHONE),
        (" Private ", ReplyMode.PRIVATE),
        (None, ReplyMode.PUBLIC),
        ("", ReplyMode.PUBLIC),
        ("carrier pigeon", ReplyMode.PUBLIC),
    ],
)
def test_requested_mode_comes_from_the_ticket_attribute(helpdesk, value, mode):
    payload = fixture("webhook_agent_reply")
    payload["ticket"]["social_reply_mode"] = value
    [reply] = helpdesk.parse_webhook(payload, CaseInsensitiveDict())
    assert reply.requested_mode is mode


def test_requested_mode_defaults_to_public_without_the_attribute(helpdesk):
    payload = fixture("webhook_agent_reply")
    del payload["ticket"]["social_reply_mode"]
    [reply] = helpdesk.parse_webhook(payload, CaseInsensitiveDict())
    assert reply.requested_mode is ReplyMode.PUBLIC


def test_agent_falls_back_to_the_article_from(helpdesk):
    payload = fixture("webhook_agent_reply")
    del payload["article"]["created_by"]
    [reply] = helpdesk.parse_webhook(payload, CaseInsensitiveDict())
    assert reply.agent == "Jacob Smith"


def test_plain_text_reply_is_kept_as_written(helpdesk):
    payload = fixture("webhook_agent_reply")
    payload["article"].update(body="  Line one\n\nLine <two>  \n", content_type="text/plain")
    [reply] = helpdesk.parse_webhook(payload, CaseInsensitiveDict())
    assert reply.text == "Line one\n\nLine <two>"


@pytest.mark.parametrize(
    "body", ['<div><span class="js-signatureMarker"></span>Jacob Smith</div>', "<div><br></div>", ""]
)
def test_reply_with_nothing_left_after_conversion_is_ignored(helpdesk, body):
    payload = fixture("webhook_agent_reply")
    payload["article"]["body"] = body
    assert helpdesk.parse_webhook(payload, CaseInsensitiveDict()) == []


def _without(section: str, key: str):
    payload = fixture("webhook_agent_reply")
    del payload[section][key]
    return payload


def _with(section: str, key: str, value):
    payload = fixture("webhook_agent_reply")
    payload[section][key] = value
    return payload


@pytest.mark.parametrize(
    "payload",
    [
        None,
        [],
        "ticket",
        {"ticket": fixture("webhook_agent_reply")["ticket"]},
        {"article": {}},
        {"ticket": [], "article": {}},
        {"ticket": fixture("webhook_agent_reply")["ticket"], "article": "text"},
        _without("article", "internal"),
        _with("article", "internal", "false"),
        _without("article", "sender"),
        _without("article", "id"),
        _without("article", "body"),
        _without("ticket", "id"),
        _with("ticket", "id", "eighty-one"),
    ],
    ids=[
        "null", "list", "string", "no-article", "no-ticket", "ticket-list", "article-string",
        "no-internal", "internal-string", "no-sender", "no-article-id", "no-body", "no-ticket-id", "bad-ticket-id",
    ],
)
def test_unknown_payload_shapes_are_payload_errors(helpdesk, payload):
    with pytest.raises(PayloadError):
        helpdesk.parse_webhook(copy.deepcopy(payload), CaseInsensitiveDict())


def test_signed_delivery_round_trip(helpdesk):
    """What the web layer does: verify over the raw bytes, then parse the decoded JSON."""
    body = raw("webhook_agent_reply")
    headers = CaseInsensitiveDict({"X-Hub-Signature": sign(body), "Content-Type": "application/json; charset=utf-8"})
    assert helpdesk.verify_webhook(headers, body, {})
    [reply] = helpdesk.parse_webhook(json.loads(body), headers)
    assert (reply.ticket_id, reply.article_id) == ("81", "105")


@responses.activate
def test_escalate_raises_priority_tags_and_notes():
    helpdesk = ZammadHelpdesk(SETTINGS)
    put = responses.put(f"{BASE}/api/v1/tickets/82", json={"id": 82}, status=200)
    tag = responses.post(f"{BASE}/api/v1/tags/add", json=True, status=201)
    note = responses.post(f"{BASE}/api/v1/ticket_articles", json={"id": 900}, status=201)
    helpdesk.escalate("82", Priority.URGENT, "sla-breached", "First response overdue.")
    assert json.loads(put.calls[0].request.body) == {"priority": "3 high"}
    assert json.loads(tag.calls[0].request.body) == {"item": "sla-breached", "object": "Ticket", "o_id": 82}
    assert json.loads(note.calls[0].request.body)["internal"] is True


@responses.activate
@pytest.mark.parametrize("outcome, added, removed", [
    (DeliveryState.FAILED, ["social-reply-not-sent"], ["social-reply-held"]),
    (DeliveryState.REJECTED, ["social-reply-not-sent"], ["social-reply-held"]),
    (DeliveryState.AWAITING_APPROVAL, ["social-reply-held"], ["social-reply-not-sent"]),
    (DeliveryState.SENT, [], ["social-reply-held", "social-reply-not-sent"]),
    (DeliveryState.HANDED_OFF, [], ["social-reply-held", "social-reply-not-sent"]),
])
def test_a_replys_fate_is_a_tag_while_the_latest_reply_did_not_go_out(outcome, added, removed):
    add = responses.post(f"{BASE}/api/v1/tags/add", json=True, status=201)
    remove = responses.delete(f"{BASE}/api/v1/tags/remove", json=True, status=201)
    ZammadHelpdesk(SETTINGS).record_reply_outcome("82", "105", outcome, "public", "x")
    assert [json.loads(c.request.body)["item"] for c in add.calls] == added
    assert [json.loads(c.request.body)["item"] for c in remove.calls] == removed
    assert all(json.loads(c.request.body)["o_id"] == 82 for c in [*add.calls, *remove.calls])


def test_notes_name_priorities_as_zammad_does():
    assert ZammadHelpdesk(SETTINGS).priority_label(Priority.URGENT) == "3 high"
    assert ZammadHelpdesk({**SETTINGS, "priorities": {"urgent": "4 urgent"}}).priority_label(Priority.URGENT) == "4 urgent"


# -- delivery records -----------------------------------------------------------------------------
def typed(**settings) -> ZammadHelpdesk:
    return ZammadHelpdesk({**SETTINGS, **settings})


def test_delivery_records_are_internal_notes_until_the_package_setting_is_on(mocked):
    assert typed().settings["delivery_article_types"] is False
    mocked.post(ARTICLES, json={**fixture("article_created"), "id": 330}, status=201)

    assert typed().add_delivery_record("82", "Posted publicly on x: https://x.com/brand/status/1", "public") == "330"
    assert sent_json(mocked.calls[0])["type"] == "note" and sent_json(mocked.calls[0])["internal"] is True


@pytest.mark.parametrize("route, article_type", [
    ("public", "social public reply"), ("private", "social private message"), ("phone", "social phone handoff")])
def test_a_delivered_reply_is_a_public_agent_article_of_the_packages_type(mocked, route, article_type):
    mocked.post(ARTICLES, json={**fixture("article_created"), "id": 331, "internal": False}, status=201)

    assert typed(delivery_article_types=True).add_delivery_record("82", "Sent as a private message.", route) == "331"
    assert sent_json(mocked.calls[0]) == {
        "ticket_id": 82,
        "body": "Sent as a private message.",
        "type": article_type,
        "internal": False,  # sender Agent + a communication type: Zammad's first response
        "sender": "Agent",
        "content_type": "text/plain",
    }


def test_holds_failures_and_rejections_stay_internal_notes_with_the_setting_on(mocked):
    mocked.post(ARTICLES, json={**fixture("article_created"), "id": 332}, status=201)

    typed(delivery_article_types=True).add_delivery_record("82", "Reply not sent: X refused it.", None)

    assert (sent_json(mocked.calls[0])["type"], sent_json(mocked.calls[0])["internal"]) == ("note", True)


def test_a_refused_article_type_falls_back_to_an_internal_note(mocked, caplog):
    mocked.post(ARTICLES, json=fixture("error_422"), status=422)
    mocked.post(ARTICLES, json={**fixture("article_created"), "id": 333}, status=201)

    assert typed(delivery_article_types=True).add_delivery_record("82", "Posted publicly on x: …", "public") == "333"

    assert [sent_json(c)["type"] for c in mocked.calls] == ["social public reply", "note"]
    assert "is the SocialBridge package installed?" in caplog.text


def test_other_errors_of_a_delivery_record_are_raised_for_the_task_to_retry(mocked):
    mocked.post(ARTICLES, json=fixture("error_500"), status=503)

    with pytest.raises(TransientError):
        typed(delivery_article_types=True).add_delivery_record("82", "Posted publicly on x: …", "public")
    assert len(mocked.calls) == 1  # no note on top: the retry writes the record once


def test_the_bridges_own_delivery_articles_are_never_delivered(helpdesk):
    for article_type in ("social public reply", "social private message", "social phone handoff"):
        payload = fixture("webhook_agent_reply")  # an agent's login: only the type tells it apart
        payload["article"]["type"] = article_type
        assert helpdesk.parse_webhook(payload, CaseInsensitiveDict()) == []


# -- review decisions -----------------------------------------------------------------------------
def test_an_approval_names_the_ticket_and_the_reviewer(helpdesk):
    payload = fixture("webhook_review_decision")

    assert helpdesk.parse_approvals(payload, CaseInsensitiveDict()) == [
        ReviewDecision(ticket_id="81", reviewer="emma@chrispresso.com", approve=True)]
    assert helpdesk.parse_webhook(payload, CaseInsensitiveDict()) == []  # and it holds no reply


@pytest.mark.parametrize("value, approve", [("reject", False), (" Approve ", True)])
def test_a_rejection_and_odd_spelling_are_read(helpdesk, value, approve):
    payload = fixture("webhook_review_decision")
    payload["ticket"]["social_review"] = value
    [decision] = helpdesk.parse_approvals(payload, CaseInsensitiveDict())
    assert decision.approve is approve


@pytest.mark.parametrize("name, value", [
    ("webhook_ticket_update", None), ("webhook_agent_reply", None), ("webhook_review_decision", ""),
    ("webhook_review_decision", "maybe")])
def test_payloads_without_a_decision_hold_no_approvals(helpdesk, name, value):
    payload = fixture(name)
    payload["ticket"]["social_review"] = value
    assert helpdesk.parse_approvals(payload, CaseInsensitiveDict()) == []


def test_a_decision_in_the_same_update_as_a_reply_is_found_with_it(helpdesk):
    payload = fixture("webhook_agent_reply")
    payload["ticket"]["social_review"] = "approve"
    assert [d.reviewer for d in helpdesk.parse_approvals(payload, CaseInsensitiveDict())] == ["jacob@chrispresso.com"]
    assert len(helpdesk.parse_webhook(payload, CaseInsensitiveDict())) == 1


def test_the_bridges_own_update_is_no_decision():
    payload = fixture("webhook_review_decision")
    payload["ticket"]["updated_by"] = "SOCIAL-BRIDGE"  # a nested user is just the login
    assert ZammadHelpdesk({**SETTINGS, "bridge_login": "social-bridge"}).parse_approvals(payload, CaseInsensitiveDict()) == []


@pytest.mark.parametrize("payload", [
    None, [], {"article": {}}, {"ticket": "81", "article": {}},
    {**fixture("webhook_review_decision"), "ticket": {**fixture("webhook_review_decision")["ticket"], "updated_by": None}},
    {**fixture("webhook_review_decision"), "ticket": {**fixture("webhook_review_decision")["ticket"], "id": "x81"}},
], ids=["null", "list", "no-ticket", "ticket-string", "no-reviewer", "bad-ticket-id"])
def test_decisions_in_unknown_shapes_are_payload_errors(helpdesk, payload):
    with pytest.raises(PayloadError):
        helpdesk.parse_approvals(copy.deepcopy(payload), CaseInsensitiveDict())


def test_clearing_the_decision_empties_the_attribute(helpdesk, mocked):
    mocked.put(f"{TICKETS}/81", json={"id": 81, "social_review": ""}, status=200)

    helpdesk.clear_review_request("81")

    assert sent_json(mocked.calls[0]) == {"social_review": ""}


@pytest.mark.parametrize("status, error", [(401, PermanentError), (503, TransientError)])
def test_clearing_errors_are_raised(helpdesk, mocked, status, error):
    mocked.put(f"{TICKETS}/81", json=fixture("error_500" if status == 503 else "error_401"), status=status)
    with pytest.raises(error):
        helpdesk.clear_review_request("81")


def test_clearing_never_puts_a_non_numeric_ticket_id_in_a_url(helpdesk, mocked):
    with pytest.raises(PermanentError):
        helpdesk.clear_review_request("81/../../users")
    assert len(mocked.calls) == 0


# -- the interface's defaults, for helpdesks without these features ---------------------------------
class NotesOnly(Helpdesk):
    name = "notes-only"
    settings_schema = marshmallow.Schema  # no settings

    def __init__(self):
        super().__init__({})
        self.notes: list[tuple[str, str]] = []

    def create_ticket(self, draft):
        return CreatedTicket(ticket_id="1", article_id="1")

    def add_article(self, ticket_id, draft):
        return "1"

    def add_note(self, ticket_id, text):
        self.notes.append((ticket_id, text))
        return "1"

    def verify_webhook(self, headers, body, args):
        return True

    def parse_webhook(self, payload, headers):
        return []


def test_by_default_a_delivery_record_is_a_note_and_no_webhook_holds_decisions():
    helpdesk = NotesOnly()
    assert helpdesk.add_delivery_record("5", "Posted publicly on x: …", "public") == "1"
    assert helpdesk.notes == [("5", "Posted publicly on x: …")]
    assert helpdesk.parse_approvals(fixture("webhook_review_decision"), CaseInsensitiveDict()) == []
