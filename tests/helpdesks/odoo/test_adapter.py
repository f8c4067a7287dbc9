"""OdooHelpdesk against JSON-RPC answers shaped like Odoo 17's (tests/fixtures/odoo), for both
Odoo's own Helpdesk and OCA helpdesk_mgmt."""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests
import responses

from bridge.errors import AmbiguousError, AuthError, ConfigError, PayloadError, PermanentError, TransientError
from bridge.helpdesks.base import REPLY_HELD_TAG, REPLY_NOT_SENT_TAG
from bridge.helpdesks.odoo.adapter import OdooHelpdesk, text_to_html
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

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "odoo"
BASE = "https://odoo.example.com"
ENDPOINT = BASE + "/jsonrpc"
API_KEY = "8c1f3e9a0b7d4c2e6f5a1b3c9d7e2f40a6b8c1d3"
WEBHOOK_TOKEN = "odoo-hook-7f3a9c1e5b"
SETTINGS = {
    "url": BASE + "/",
    "database": "acme",
    "login": "social-bridge@acme.example",
    "api_key": API_KEY,
    "webhook_token": WEBHOOK_TOKEN,
}
TICKET = "helpdesk.ticket"
BRIDGE_EMAIL = "social-bridge@acme.example"

ALICE = Customer(login="x:2244994945", display_name="Alice Example", fields={"web": "https://x.com/alice"})
POST_URL = "https://x.com/alice/status/1893000000000000555"
CUSTOMER_TEXT = "my card number is 4111 1111 1111 1111 <b>help</b> & quick\n\n— @alice"


def fixture(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class RpcCall:
    service: str
    method: str  # "authenticate", or the model's method for execute_kw
    model: str | None
    args: list[Any]
    kwargs: dict[str, Any]
    credentials: list[Any]  # [database, uid, api key] or [database, login, api key]


def _matcher(service: str, method: str, model: str | None = None, model_method: str | None = None):
    def match(request) -> tuple[bool, str]:
        params = json.loads(request.body)["params"]
        if (params["service"], params["method"]) != (service, method):
            return False, "another service"
        if model is not None and params["args"][3:5] != [model, model_method]:
            return False, f"not {model}.{model_method}"
        return True, ""

    return match


class OdooRpc:
    """The mocked /jsonrpc endpoint: answers registered per call, taken in order when one repeats."""

    def __init__(self, mocked: responses.RequestsMock) -> None:
        self.mocked = mocked

    def common(self, method: str, answer: Any) -> None:
        self._add(_matcher("common", method), answer)

    def execute(self, model: str, method: str, answer: Any, status: int = 200) -> None:
        self._add(_matcher("object", "execute_kw", model, method), answer, status)

    def _add(self, match, answer: Any, status: int = 200) -> None:
        if isinstance(answer, BaseException):
            self.mocked.post(ENDPOINT, body=answer, match=[match])
        else:
            self.mocked.post(ENDPOINT, json=fixture(answer) if isinstance(answer, str) else answer,
                             status=status, match=[match])

    def calls(self) -> list[RpcCall]:
        recorded = []
        for recorded_call in self.mocked.calls:
            request = json.loads(recorded_call.request.body)
            assert (request["jsonrpc"], request["method"]) == ("2.0", "call")
            params = request["params"]
            args = params["args"]
            if params["service"] == "object":
                recorded.append(RpcCall("object", args[4], args[3], args[5], args[6], args[:3]))
            else:
                recorded.append(RpcCall(params["service"], params["method"], None, args[3:], {}, args[:3]))
        return recorded

    def names(self) -> list[str]:
        return [f"{c.model}.{c.method}" if c.model else c.method for c in self.calls()]

    def last(self, model: str, method: str) -> RpcCall:
        return [c for c in self.calls() if (c.model, c.method) == (model, method)][-1]


def logged_in(rpc: OdooRpc, flavour: str = "enterprise") -> None:
    """What the adapter reads once per process: uid, ticket fields, the bridge's own user."""
    rpc.common("authenticate", "authenticate")
    rpc.execute(TICKET, "fields_get", f"fields_{flavour}_ticket")
    rpc.execute("res.users", "read", "bridge_user")


def ticket_draft(**overrides) -> TicketDraft:
    values = dict(
        title="DM from @alice: my card number is…",
        queue="Social",
        priority=Priority.HIGH,
        customer=ALICE,
        body=CUSTOMER_TEXT,
        tags=("social", "x", "direct_message"),
        fields={"social_channel": "x", "social_author_handle": "@alice", "social_sensitive": "true",
                "social_followers": "1200", "social_post_url": POST_URL},
        post_url=POST_URL,
    )
    values.update(overrides)
    return TicketDraft(**values)


def article_draft(body: str = "still nothing, any news?") -> ArticleDraft:
    return ArticleDraft(body=body, customer=ALICE, post_url=POST_URL)


@pytest.fixture
def helpdesk() -> OdooHelpdesk:
    return OdooHelpdesk(SETTINGS)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


@pytest.fixture
def rpc(mocked) -> OdooRpc:
    return OdooRpc(mocked)


# -- settings ---------------------------------------------------------------------------------
def test_settings_defaults(helpdesk):
    assert helpdesk.endpoint == ENDPOINT
    assert helpdesk.settings["model"] == "helpdesk.ticket"
    assert helpdesk.settings["team"] is None
    assert helpdesk.settings["reply_mode_field"] is None  # found among the ticket's fields
    assert helpdesk.settings["priorities"] == {"low": "0", "normal": "1", "high": "2", "urgent": "3"}


def test_settings_take_numbers_for_team_and_priorities_and_load_twice_unchanged():
    # Values substituted from the environment or written as YAML numbers.
    once = OdooHelpdesk({**SETTINGS, "team": 3, "priorities": {"urgent": 2, "low": "1"}}).settings
    assert once["team"] == "3"
    assert once["priorities"] == {"low": "1", "normal": "1", "high": "2", "urgent": "2"}
    assert OdooHelpdesk(once).settings == once  # config.py loads the schema before the adapter does


@pytest.mark.parametrize(
    "change, field",
    [
        ({"api_key": None}, "api_key"),
        ({"database": ""}, "database"),
        ({"webhook_token": "short"}, "webhook_token"),
        ({"url": "not a url"}, "url"),
        ({"model": "helpdesk ticket; drop"}, "model"),
        ({"priorities": {"critical": "3"}}, "priorities"),
        ({"priorities": {"high": "5"}}, "priorities"),
        ({"reply_mode_field": "x social"}, "reply_mode_field"),
        ({"password": "x"}, "password"),  # unknown keys are refused
    ],
)
def test_invalid_settings_name_the_field_but_not_the_secrets(change, field):
    with pytest.raises(ConfigError) as error:
        OdooHelpdesk({**SETTINGS, **change})
    assert field in str(error.value)
    assert API_KEY not in str(error.value) and WEBHOOK_TOKEN not in str(error.value)


def test_missing_required_settings_are_config_errors():
    for key in ("url", "database", "login", "api_key", "webhook_token"):
        with pytest.raises(ConfigError, match=key):
            OdooHelpdesk({k: v for k, v in SETTINGS.items() if k != key})


# -- create_ticket ----------------------------------------------------------------------------
def test_create_ticket_on_odoo_helpdesk_sends_only_fields_that_exist(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute("helpdesk.tag", "search_read", "tags_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")

    created = helpdesk.create_ticket(ticket_draft())

    assert created == CreatedTicket(ticket_id="42", article_id="901")
    assert rpc.names() == [
        "authenticate", "helpdesk.ticket.fields_get", "res.users.read", "res.partner.search_read",
        "helpdesk.team.search_read", "helpdesk.tag.search_read", "helpdesk.ticket.create",
        "helpdesk.ticket.message_post",
    ]
    calls = rpc.calls()
    assert calls[0].credentials == ["acme", "social-bridge@acme.example", API_KEY] and calls[0].args == [{}]
    assert all(c.credentials == ["acme", 7, API_KEY] for c in calls[1:])
    assert calls[1].kwargs == {"attributes": ["type", "relation", "required", "selection"]}
    assert rpc.last("helpdesk.team", "search_read").args == [[["name", "=", "Social"]]]
    assert rpc.last("helpdesk.tag", "search_read").args == [[["name", "in", ["social", "x", "direct_message"]]]]
    create = rpc.last(TICKET, "create")
    assert create.args == [{
        "social_channel": "x",
        "social_author_handle": "@alice",
        "social_sensitive": True,
        "social_followers": 1200,  # social_post_url is no field of this model: left out
        "name": "DM from @alice: my card number is…",
        "partner_id": 55,
        "description": "<p>my card number is 4111 1111 1111 1111 &lt;b&gt;help&lt;/b&gt; &amp; quick<br><br>— @alice</p>",
        "partner_name": "Alice Example",
        "priority": "2",
        "team_id": 1,
        "tag_ids": [[6, 0, [3, 4]]],
    }]
    assert create.kwargs == {"context": {"mail_create_nosubscribe": True}}


def test_first_message_is_posted_as_the_customer_with_the_bridges_address(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute("helpdesk.tag", "search_read", "tags_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")

    helpdesk.create_ticket(ticket_draft())

    post = rpc.last(TICKET, "message_post")
    assert post.args == [[42]]
    assert post.kwargs == {
        "body": (
            "<p>my card number is 4111 1111 1111 1111 &lt;b&gt;help&lt;/b&gt; &amp; quick<br><br>— @alice</p>"
            f'<p><a href="{POST_URL}" target="_blank" rel="noopener noreferrer">View post</a></p>'
        ),
        "body_is_html": True,
        "message_type": "comment",
        "subtype_xmlid": "mail.mt_comment",
        "author_id": 55,
        "email_from": BRIDGE_EMAIL,
        "context": {"mail_create_nosubscribe": True},
    }


def test_create_ticket_on_oca_helpdesk_uses_its_models_and_fields(helpdesk, rpc):
    logged_in(rpc, "oca")
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.ticket.team", "search_read", "team_found")
    rpc.execute("helpdesk.ticket.tag", "search_read", {"jsonrpc": "2.0", "id": 6, "result": [{"id": 8, "name": "x"}]})
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")

    assert helpdesk.create_ticket(ticket_draft()) == CreatedTicket(ticket_id="42", article_id="901")

    assert rpc.last(TICKET, "create").args == [{
        # OCA has no social_* fields here: none are sent.
        "name": "DM from @alice: my card number is…",
        "partner_id": 55,
        "description": "<p>my card number is 4111 1111 1111 1111 &lt;b&gt;help&lt;/b&gt; &amp; quick<br><br>— @alice</p>",
        "partner_name": "Alice Example",
        "priority": "2",
        "team_id": 1,
        "tag_ids": [[6, 0, [8]]],  # only the tag that exists
    }]


def test_a_model_without_helpdesk_fields_is_a_config_error_before_anything_is_written(rpc):
    helpdesk = OdooHelpdesk({**SETTINGS, "model": "project.task"})
    rpc.common("authenticate", "authenticate")
    rpc.execute("project.task", "fields_get", "fields_not_a_helpdesk")

    with pytest.raises(ConfigError) as error:
        helpdesk.create_ticket(ticket_draft())

    assert "partner_id" in str(error.value) and "message_ids" in str(error.value)
    assert rpc.names() == ["authenticate", "project.task.fields_get"]


def test_a_new_customer_becomes_a_partner_without_an_email(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_none")
    rpc.execute("res.partner", "create", "partner_created")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")

    helpdesk.create_ticket(ticket_draft(tags=()))

    search = rpc.last("res.partner", "search_read")
    assert search.args == [[["ref", "=", "x:2244994945"]]]
    assert search.kwargs == {"fields": ["id"], "limit": 1, "order": "id", "context": {"active_test": False}}
    assert rpc.last("res.partner", "create").args == [
        {"name": "Alice Example", "ref": "x:2244994945", "website": "https://x.com/alice"}
    ]
    assert rpc.last(TICKET, "create").args[0]["partner_id"] == 56
    assert rpc.last(TICKET, "message_post").kwargs["author_id"] == 56
    assert "tag_ids" not in rpc.last(TICKET, "create").args[0]


def test_a_customer_without_profile_or_name_gets_the_login_as_name(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_none")
    rpc.execute("res.partner", "create", "partner_created")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")

    helpdesk.create_ticket(ticket_draft(customer=Customer(login=" sandbox:17 ", display_name=""), tags=()))

    assert rpc.last("res.partner", "create").args == [{"name": "sandbox:17", "ref": "sandbox:17"}]


def test_partners_and_teams_are_looked_up_once_per_process(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    for _ in range(2):
        rpc.execute(TICKET, "create", "ticket_created")
        rpc.execute(TICKET, "message_post", "message_posted")

    helpdesk.create_ticket(ticket_draft(tags=()))
    helpdesk.create_ticket(ticket_draft(tags=()))

    assert rpc.names()[-2:] == ["helpdesk.ticket.create", "helpdesk.ticket.message_post"]
    assert rpc.names().count("res.partner.search_read") == 1
    assert rpc.names().count("authenticate") == 1


def test_the_team_setting_wins_over_the_queue_and_a_team_id_needs_no_lookup(rpc):
    helpdesk = OdooHelpdesk({**SETTINGS, "team": 4})
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")

    helpdesk.create_ticket(ticket_draft(tags=()))

    assert rpc.last(TICKET, "create").args[0]["team_id"] == 4
    assert "helpdesk.team.search_read" not in rpc.names()


@pytest.mark.parametrize("answer, words", [("team_none", "no helpdesk team"), ("team_two", "more than one")])
def test_a_team_name_that_is_not_exactly_one_team_is_a_config_error(helpdesk, rpc, answer, words):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.team", "search_read", answer)

    with pytest.raises(ConfigError) as error:
        helpdesk.create_ticket(ticket_draft(tags=()))

    assert words in str(error.value) and "'Social'" in str(error.value)
    assert "helpdesk.ticket.create" not in rpc.names()


def test_a_bridge_user_without_an_email_is_a_config_error_before_anything_is_written(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute(TICKET, "fields_get", "fields_enterprise_ticket")
    rpc.execute("res.users", "read", {"jsonrpc": "2.0", "id": 2,
                                      "result": [{"id": 7, "partner_id": [3, "Social Bridge"], "email": False}]})

    with pytest.raises(ConfigError, match="no e-mail address"):
        helpdesk.create_ticket(ticket_draft())

    assert rpc.names() == ["authenticate", "helpdesk.ticket.fields_get", "res.users.read"]


def test_an_empty_customer_login_never_reaches_odoo(helpdesk, rpc):
    logged_in(rpc)
    with pytest.raises(ConfigError, match="customer login is empty"):
        helpdesk.create_ticket(ticket_draft(customer=Customer(login="  ", display_name="Alice")))
    assert "res.partner.search_read" not in rpc.names()


@pytest.mark.parametrize(
    "values, sent",
    [
        ({"social_followers": "12k", "social_sensitive": "maybe"}, {}),
        ({"social_followers": " -3 ", "social_sensitive": "No"}, {"social_followers": -3, "social_sensitive": False}),
        ({"ticket_type_id": "2", "sla_deadline": "2026-01-01"}, {}),  # relations and dates are never set from text
    ],
)
def test_mapping_fields_are_sent_only_as_values_their_field_takes(helpdesk, rpc, values, sent):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")

    helpdesk.create_ticket(ticket_draft(fields=values, tags=()))

    created = rpc.last(TICKET, "create").args[0]
    assert {name: created[name] for name in values if name in created} == sent


def test_text_to_html_escapes_and_keeps_line_breaks():
    assert text_to_html("a < b & c\r\nnext\rlast\n") == "<p>a &lt; b &amp; c<br>next<br>last</p>"
    assert text_to_html('say "hi"') == '<p>say "hi"</p>'


# -- add_article ------------------------------------------------------------------------------
def test_add_article_reopens_a_folded_ticket_in_its_teams_first_open_stage(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute(TICKET, "read", "ticket_closed")
    rpc.execute("helpdesk.stage", "fields_get", "fields_enterprise_stage")
    rpc.execute("helpdesk.stage", "read", "stage_folded")
    rpc.execute("helpdesk.stage", "search_read", "stage_open_found")
    rpc.execute(TICKET, "write", "written")
    rpc.execute(TICKET, "message_post", "message_posted")

    assert helpdesk.add_article("42", article_draft()) == "901"

    names = rpc.names()
    assert names.index("helpdesk.ticket.write") < names.index("helpdesk.ticket.message_post")
    assert rpc.last(TICKET, "read").args == [[42]]
    assert rpc.last(TICKET, "read").kwargs == {"fields": ["stage_id", "team_id"]}
    assert rpc.last("helpdesk.stage", "read").kwargs == {"fields": ["fold"]}
    search = rpc.last("helpdesk.stage", "search_read")
    assert search.args == [[["fold", "=", False], "|", ["team_ids", "=", False], ["team_ids", "in", [1]]]]
    assert search.kwargs == {"fields": ["id"], "order": "sequence, id", "limit": 1}
    assert rpc.last(TICKET, "write").args == [[42], {"stage_id": 1}]
    post = rpc.last(TICKET, "message_post")
    assert (post.args, post.kwargs["author_id"], post.kwargs["subtype_xmlid"]) == ([[42]], 55, "mail.mt_comment")
    assert post.kwargs["body"].startswith("<p>still nothing, any news?</p>")


def test_add_article_on_oca_goes_by_the_closed_flag(helpdesk, rpc):
    logged_in(rpc, "oca")
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute(TICKET, "read", "ticket_closed")
    rpc.execute("helpdesk.ticket.stage", "fields_get", "fields_oca_stage")
    rpc.execute("helpdesk.ticket.stage", "read", "stage_closed_oca")
    rpc.execute("helpdesk.ticket.stage", "search_read", "stage_open_found")
    rpc.execute(TICKET, "write", "written")
    rpc.execute(TICKET, "message_post", "message_posted")

    helpdesk.add_article("42", article_draft())

    assert rpc.last("helpdesk.ticket.stage", "read").kwargs == {"fields": ["closed"]}
    assert rpc.last("helpdesk.ticket.stage", "search_read").args[0][0] == ["closed", "=", False]


def test_add_article_leaves_an_open_ticket_where_it_is(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute(TICKET, "read", "ticket_open")
    rpc.execute("helpdesk.stage", "fields_get", "fields_enterprise_stage")
    rpc.execute("helpdesk.stage", "read", "stage_not_folded")
    rpc.execute(TICKET, "message_post", "message_posted")

    assert helpdesk.add_article("42", article_draft()) == "901"
    assert "helpdesk.ticket.write" not in rpc.names()


def test_a_closed_ticket_without_an_open_stage_is_a_config_error_and_no_message_is_posted(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute(TICKET, "read", "ticket_closed")
    rpc.execute("helpdesk.stage", "fields_get", "fields_enterprise_stage")
    rpc.execute("helpdesk.stage", "read", "stage_folded")
    rpc.execute("helpdesk.stage", "search_read", "stage_open_none")

    with pytest.raises(ConfigError, match="no open stage"):
        helpdesk.add_article("42", article_draft())
    assert "helpdesk.ticket.message_post" not in rpc.names()


def test_a_missing_ticket_is_permanent(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute(TICKET, "read", "error_missing")

    with pytest.raises(PermanentError) as error:
        helpdesk.add_article("999", article_draft())
    assert "MissingError" in str(error.value)
    assert not isinstance(error.value, AuthError)


@pytest.mark.parametrize("ticket_id", ["", "0", "42/../1", "abc", "²", "-1"])
def test_ticket_ids_must_be_positive_numbers_before_any_request(helpdesk, rpc, ticket_id):
    with pytest.raises(PermanentError, match="positive numbers"):
        helpdesk.add_article(ticket_id, article_draft())
    with pytest.raises(PermanentError, match="positive numbers"):
        helpdesk.add_note(ticket_id, "note")
    assert rpc.calls() == []


# -- add_note ---------------------------------------------------------------------------------
def test_add_note_is_an_internal_note_by_the_bridge_user(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute("res.users", "read", "bridge_user")
    rpc.execute(TICKET, "message_post", "note_posted")

    assert helpdesk.add_note("42", "Posted publicly on x:\nhttps://x.com/acme/status/77") == "903"

    note = rpc.last(TICKET, "message_post")
    assert note.args == [[42]]
    assert note.kwargs == {
        "body": "<p>Posted publicly on x:<br>https://x.com/acme/status/77</p>",
        "body_is_html": True,
        "message_type": "comment",
        "subtype_xmlid": "mail.mt_note",
        "context": {"mail_create_nosubscribe": True},
    }


# -- errors -----------------------------------------------------------------------------------
def test_a_refused_login_is_an_auth_error_and_nothing_else_is_tried(helpdesk, rpc):
    rpc.common("authenticate", "authenticate_refused")

    with pytest.raises(AuthError) as error:
        helpdesk.add_note("42", "note")

    assert API_KEY not in str(error.value)
    assert rpc.names() == ["authenticate"]


def test_a_revoked_api_key_is_an_auth_error(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute("res.users", "read", "error_access_denied")

    with pytest.raises(AuthError) as error:
        helpdesk.add_note("42", "note")
    assert "AccessDenied" in str(error.value) and API_KEY not in str(error.value)


@pytest.mark.parametrize(
    "answer, name",
    [
        ("error_access_error", "AccessError"),
        ("error_validation", "ValidationError"),
        ("error_missing", "MissingError"),
        ("error_user_error", "UserError"),
        ("error_not_found", "NotFound"),
    ],
)
def test_refusals_are_permanent_and_quote_no_customer_text(helpdesk, rpc, answer, name):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute("helpdesk.tag", "search_read", "tags_found")
    rpc.execute(TICKET, "create", answer)

    with pytest.raises(PermanentError) as error:
        helpdesk.create_ticket(ticket_draft())

    assert not isinstance(error.value, AuthError)
    assert name in str(error.value)
    assert "4111" not in str(error.value) and API_KEY not in str(error.value)
    assert "helpdesk.ticket.message_post" not in rpc.names()


def test_an_unexpected_server_exception_is_transient(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute("res.users", "read", "bridge_user")
    rpc.execute(TICKET, "message_post", "error_serialization")

    with pytest.raises(TransientError, match="SerializationFailure"):
        helpdesk.add_note("42", "note")


def test_an_error_answer_without_details_is_transient(helpdesk, rpc):
    rpc.common("authenticate", {"jsonrpc": "2.0", "id": 1, "error": {"code": 200, "message": "Odoo Server Error"}})
    with pytest.raises(TransientError, match="unknown error"):
        helpdesk.add_note("42", "note")


@pytest.mark.parametrize("status", [429, 502, 503])
def test_http_failures_in_front_of_odoo_are_transient(helpdesk, rpc, status):
    rpc.mocked.post(ENDPOINT, body="<html>Bad gateway</html>", status=status, content_type="text/html")
    with pytest.raises(TransientError) as error:
        helpdesk.add_note("42", "note")
    assert error.value.status == status


def test_a_read_timeout_is_ambiguous_on_a_post_but_transient_on_a_read(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute("res.users", "read", "bridge_user")
    rpc.execute(TICKET, "message_post", requests.ReadTimeout("no answer"))
    with pytest.raises(AmbiguousError):
        helpdesk.add_note("42", "note")

    rpc.execute("res.partner", "search_read", requests.ReadTimeout("no answer"))
    rpc.execute(TICKET, "fields_get", "fields_enterprise_ticket")
    with pytest.raises(TransientError) as error:
        helpdesk.create_ticket(ticket_draft())
    assert not isinstance(error.value, AmbiguousError)


def test_an_answer_that_is_not_json_rpc_needs_a_person(helpdesk, rpc):
    rpc.mocked.post(ENDPOINT, body="<html>Odoo login</html>", status=200, content_type="text/html")
    with pytest.raises(PermanentError, match="not JSON"):
        helpdesk.add_note("42", "note")


# -- verify_webhook ---------------------------------------------------------------------------
def test_verify_webhook_compares_the_url_token(helpdesk):
    body = json.dumps(fixture("webhook_agent_reply")).encode()
    assert helpdesk.verify_webhook({}, body, {"token": WEBHOOK_TOKEN}) is True
    assert helpdesk.verify_webhook({}, body, {"token": WEBHOOK_TOKEN[:-1]}) is False
    assert helpdesk.verify_webhook({}, body, {"token": "é" * 16}) is False
    assert helpdesk.verify_webhook({}, body, {}) is False


# -- parse_webhook ----------------------------------------------------------------------------
def webhook_session(rpc: OdooRpc) -> None:
    """What the first webhook reads once: uid, the bridge's partner, the Discussions subtype, ticket fields."""
    rpc.common("authenticate", "authenticate")
    rpc.execute("res.users", "read", "bridge_user")
    rpc.execute("ir.model.data", "search_read", "subtype_comment")


def test_an_agents_public_reply_is_one_plain_text_reply_in_the_mode_the_ticket_asks(helpdesk, rpc):
    webhook_session(rpc)
    rpc.execute("res.users", "search_read", "agent_user")
    rpc.execute(TICKET, "fields_get", "fields_enterprise_ticket")
    rpc.execute(TICKET, "search_read", "ticket_reply_mode_private")

    replies = helpdesk.parse_webhook(fixture("webhook_agent_reply"), {})

    assert replies == [
        Reply(
            helpdesk="odoo",
            ticket_id="42",
            article_id="912",
            text=("Hi Alice,\n\nsorry about the delay & thanks for waiting. Your order #123 ships today, "
                  "tracking: here (https://track.example.com/123)."),
            requested_mode=ReplyMode.PRIVATE,
            agent="Jacob Smith",
        )
    ]
    assert rpc.last("ir.model.data", "search_read").args == [
        [["module", "=", "mail"], ["name", "=", "mt_comment"], ["model", "=", "mail.message.subtype"]]
    ]
    assert rpc.last("res.users", "search_read").args == [[["partner_id", "=", 9], ["share", "=", False]]]
    assert rpc.last(TICKET, "search_read").args == [[["id", "=", 42]]]
    assert rpc.last(TICKET, "search_read").kwargs == {"fields": ["social_reply_mode"], "limit": 1}


@pytest.mark.parametrize(
    "settings, field",
    [({}, "x_social_reply_mode"), ({"reply_mode_field": "x_studio_reply_mode"}, "x_studio_reply_mode")],
    ids=["hand-made-field", "configured"],
)
def test_the_reply_mode_field_is_found_or_configured(rpc, settings, field):
    helpdesk = OdooHelpdesk({**SETTINGS, **settings})
    ticket_fields = fixture("fields_oca_ticket")
    ticket_fields["result"][field] = {"type": "selection", "required": False,
                                      "selection": [["public", "Public"], ["private", "Private"], ["phone", "Phone"]]}
    webhook_session(rpc)
    rpc.execute("res.users", "search_read", "agent_user")
    rpc.execute(TICKET, "fields_get", ticket_fields)
    rpc.execute(TICKET, "search_read", {"jsonrpc": "2.0", "id": 6, "result": [{"id": 42, field: "phone"}]})

    [reply] = helpdesk.parse_webhook(fixture("webhook_agent_reply"), {})

    assert reply.requested_mode is ReplyMode.PHONE
    assert rpc.last(TICKET, "search_read").kwargs == {"fields": [field], "limit": 1}


def test_later_webhooks_make_two_reads(helpdesk, rpc):
    webhook_session(rpc)
    rpc.execute(TICKET, "fields_get", "fields_enterprise_ticket")
    for _ in range(2):
        rpc.execute("res.users", "search_read", "agent_user")
        rpc.execute(TICKET, "search_read", "ticket_reply_mode_unset")

    helpdesk.parse_webhook(fixture("webhook_agent_reply"), {})
    before = len(rpc.calls())
    [reply] = helpdesk.parse_webhook(fixture("webhook_agent_reply"), {})

    assert rpc.names()[before:] == ["res.users.search_read", "helpdesk.ticket.search_read"]
    assert reply.requested_mode is ReplyMode.PUBLIC


def test_without_a_reply_mode_field_the_reply_is_public_and_the_ticket_is_not_read(helpdesk, rpc):
    webhook_session(rpc)
    rpc.execute("res.users", "search_read", "agent_user")
    rpc.execute(TICKET, "fields_get", "fields_oca_ticket")

    [reply] = helpdesk.parse_webhook(fixture("webhook_agent_reply"), {})

    assert reply.requested_mode is ReplyMode.PUBLIC
    assert "helpdesk.ticket.search_read" not in rpc.names()


def test_a_reply_on_a_deleted_ticket_is_ignored(helpdesk, rpc):
    webhook_session(rpc)
    rpc.execute("res.users", "search_read", "agent_user")
    rpc.execute(TICKET, "fields_get", "fields_enterprise_ticket")
    rpc.execute(TICKET, "search_read", "ticket_gone")
    assert helpdesk.parse_webhook(fixture("webhook_agent_reply"), {}) == []


def test_an_agents_internal_note_is_ignored_without_reading_its_author(helpdesk, rpc):
    webhook_session(rpc)
    assert helpdesk.parse_webhook(fixture("webhook_agent_note"), {}) == []
    assert "res.users.search_read" not in rpc.names()


def test_the_bridges_own_messages_are_ignored(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute("res.users", "read", "bridge_user")
    own_comment = {**fixture("webhook_bridge_note"), "subtype_id": 1}
    assert helpdesk.parse_webhook(fixture("webhook_bridge_note"), {}) == []
    assert helpdesk.parse_webhook(own_comment, {}) == []
    assert rpc.names() == ["authenticate", "res.users.read"]


def test_a_customers_message_is_ignored(helpdesk, rpc):
    # The bridge posts customers' messages with the customer's partner as author: no internal user.
    webhook_session(rpc)
    rpc.execute("res.users", "search_read", "no_internal_user")
    assert helpdesk.parse_webhook(fixture("webhook_customer_message"), {}) == []
    assert rpc.last("res.users", "search_read").args == [[["partner_id", "=", 55], ["share", "=", False]]]


@pytest.mark.parametrize(
    "change",
    [{"model": "sale.order"}, {"message_type": "email"}, {"message_type": "notification"}, {"author_id": False}],
    ids=["other-model", "email", "notification", "no-author"],
)
def test_messages_that_are_no_chatter_reply_on_a_ticket_are_ignored_without_a_call(helpdesk, rpc, change):
    assert helpdesk.parse_webhook({**fixture("webhook_agent_reply"), **change}, {}) == []
    assert rpc.calls() == []


@pytest.mark.parametrize("body", ["<p><br></p>", "", False], ids=["blank-html", "empty", "false"])
def test_a_reply_with_no_text_is_ignored(helpdesk, rpc, body):
    webhook_session(rpc)
    assert helpdesk.parse_webhook({**fixture("webhook_agent_reply"), "body": body}, {}) == []


def test_a_rule_on_tickets_is_refused_with_the_reason(helpdesk):
    with pytest.raises(PayloadError, match="must run on Messages"):
        helpdesk.parse_webhook(fixture("webhook_ticket_rule"), {})


def _without(key: str) -> dict:
    payload = fixture("webhook_agent_reply")
    del payload[key]
    return payload


@pytest.mark.parametrize(
    "payload, words",
    [
        ([], "JSON object"),
        ("text", "JSON object"),
        ({**fixture("webhook_agent_reply"), "_model": "res.partner"}, "Messages"),
        (_without("_model"), "Messages"),
        (_without("body"), "missing body"),
        (_without("subtype_id"), "missing subtype_id"),
        ({**fixture("webhook_agent_reply"), "_id": "912"}, "_id"),
        ({**fixture("webhook_agent_reply"), "res_id": True}, "res_id"),
    ],
    ids=["list", "string", "other-model", "no-model", "no-body", "no-subtype", "id-as-text", "res-id-bool"],
)
def test_unknown_payload_shapes_are_payload_errors(helpdesk, payload, words):
    with pytest.raises(PayloadError, match=words):
        helpdesk.parse_webhook(copy.deepcopy(payload), {})


def test_a_body_that_is_not_text_is_a_payload_error(helpdesk, rpc):
    webhook_session(rpc)
    with pytest.raises(PayloadError, match="not text"):
        helpdesk.parse_webhook({**fixture("webhook_agent_reply"), "body": ["<p>hi</p>"]}, {})


# -- start-up check of the mappings' queues ---------------------------------------------------
def test_unknown_queues_are_the_team_names_odoo_does_not_have(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute(TICKET, "fields_get", "fields_enterprise_ticket")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute("helpdesk.team", "search_read", "team_none")
    assert helpdesk.unknown_queues(["Social", "Nowhere"]) == ["Nowhere"]


# -- what agents see: the reply form's facts, the reply's fate, priorities ----------------------------
def test_a_new_ticket_carries_the_reply_forms_facts_and_the_first_responses_due_time(helpdesk, rpc):
    logged_in(rpc)
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.team", "search_read", "team_found")
    rpc.execute("helpdesk.tag", "search_read", "tags_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")
    context = SocialContext(channel="x", channel_label="X", kind=PostKind.DIRECT_MESSAGE, handle="@alice",
                            brand="@AcmeSupport")
    due = datetime(2026, 5, 4, 14, 30, tzinfo=timezone(timedelta(hours=2)))

    helpdesk.create_ticket(ticket_draft(context=context, due_at=due))

    sent = rpc.last(TICKET, "create").args[0]
    assert sent["social_brand"] == "@AcmeSupport"
    assert sent["social_private_thread"] is True  # a DM: every reply goes privately
    assert sent["social_first_response_due"] == "2026-05-04 12:30:00"  # UTC, as Odoo reads datetimes


def test_without_the_addon_the_forms_facts_and_due_time_are_left_out(helpdesk, rpc):
    logged_in(rpc, "oca")
    rpc.execute("res.partner", "search_read", "partner_found")
    rpc.execute("helpdesk.ticket.team", "search_read", "team_found")
    rpc.execute("helpdesk.ticket.tag", "search_read", "tags_found")
    rpc.execute(TICKET, "create", "ticket_created")
    rpc.execute(TICKET, "message_post", "message_posted")
    context = SocialContext(channel="x", channel_label="X", kind=PostKind.PUBLIC_POST, handle="@alice", brand="@Acme")

    helpdesk.create_ticket(ticket_draft(context=context, due_at=datetime(2026, 5, 4, 12, 30, tzinfo=timezone.utc)))

    sent = rpc.last(TICKET, "create").args[0]
    assert not {"social_brand", "social_private_thread", "social_first_response_due"} & set(sent)


@pytest.mark.parametrize("flavour, priority, label", [
    ("enterprise", Priority.HIGH, "High priority"), ("enterprise", Priority.URGENT, "Urgent"),
    ("oca", Priority.URGENT, "Very High"), ("oca", Priority.LOW, "Low"),
])
def test_notes_name_priorities_as_the_ticket_form_does(rpc, flavour, priority, label):
    rpc.common("authenticate", "authenticate")
    rpc.execute(TICKET, "fields_get", f"fields_{flavour}_ticket")
    assert OdooHelpdesk(SETTINGS).priority_label(priority) == label


def test_a_priority_name_falls_back_to_the_bridges_when_odoo_cannot_say(helpdesk, mocked):
    mocked.post(ENDPOINT, body=requests.ConnectionError("refused"))
    assert helpdesk.priority_label(Priority.HIGH) == "high"


def outcome_calls(rpc, *, flavour="enterprise", tags=()):
    """What record_reply_outcome reads: the ticket's fields, then each outcome tag by name."""
    rpc.common("authenticate", "authenticate")
    rpc.execute(TICKET, "fields_get", f"fields_{flavour}_ticket")
    relation = "helpdesk.tag" if flavour == "enterprise" else "helpdesk.ticket.tag"
    for answer in tags:
        rpc.execute(relation, "search_read", answer)
    return relation


def tag_rows(*rows):
    return {"jsonrpc": "2.0", "id": 5, "result": [{"id": tag_id, "name": name} for tag_id, name in rows]}


def test_a_failed_reply_flags_the_ticket_with_its_state_and_the_not_sent_tag(helpdesk, rpc):
    # the tags by name, held first: held exists, not-sent is new
    relation = outcome_calls(rpc, tags=[tag_rows((71, REPLY_HELD_TAG)), tag_rows()])
    rpc.execute(relation, "create", {"jsonrpc": "2.0", "id": 6, "result": 70})
    rpc.execute(TICKET, "write", "written")

    helpdesk.record_reply_outcome("42", "912", DeliveryState.FAILED, None, "x")

    assert rpc.last(relation, "create").args == [{"name": REPLY_NOT_SENT_TAG}]
    write = rpc.last(TICKET, "write")
    assert write.args == [[42], {"social_reply_state": "failed", "tag_ids": [[3, 71], [4, 70]]}]
    assert [c.method for c in rpc.calls()].count("write") == 1


@pytest.mark.parametrize("outcome, route, state", [
    (DeliveryState.SENT, "public", "sent_public"), (DeliveryState.SENT, "private", "sent_private"),
    (DeliveryState.HANDED_OFF, "phone", "handed_off"),
])
def test_a_reply_that_went_out_clears_the_flags_and_the_due_time(helpdesk, rpc, outcome, route, state):
    outcome_calls(rpc, tags=[tag_rows(), tag_rows((70, REPLY_NOT_SENT_TAG))])  # no held tag exists: none is made
    rpc.execute(TICKET, "write", "written")

    helpdesk.record_reply_outcome("42", "912", outcome, route, "x")

    assert rpc.last(TICKET, "write").args == [[42], {"social_reply_state": state, "tag_ids": [[3, 70]],
                                                     "social_first_response_due": False}]
    assert "create" not in [c.method for c in rpc.calls()]


def test_a_held_reply_is_tagged_and_the_due_time_stays(helpdesk, rpc):
    outcome_calls(rpc, tags=[tag_rows((71, REPLY_HELD_TAG)), tag_rows((70, REPLY_NOT_SENT_TAG))])
    rpc.execute(TICKET, "write", "written")

    helpdesk.record_reply_outcome("42", "912", DeliveryState.AWAITING_APPROVAL, None, "x")

    assert rpc.last(TICKET, "write").args == [[42], {"social_reply_state": "awaiting_approval",
                                                     "tag_ids": [[4, 71], [3, 70]]}]


def test_without_the_addon_only_the_tags_show_the_outcome(helpdesk, rpc):
    relation = outcome_calls(rpc, flavour="oca", tags=[tag_rows((71, REPLY_HELD_TAG)), tag_rows((70, REPLY_NOT_SENT_TAG))])
    rpc.execute(TICKET, "write", "written")

    helpdesk.record_reply_outcome("42", "912", DeliveryState.REJECTED, None, "x")

    assert relation == "helpdesk.ticket.tag"
    assert rpc.last(TICKET, "write").args == [[42], {"tag_ids": [[3, 71], [4, 70]]}]


def test_outcome_tags_are_looked_up_once_per_process(helpdesk, rpc):
    outcome_calls(rpc, tags=[tag_rows((71, REPLY_HELD_TAG)), tag_rows((70, REPLY_NOT_SENT_TAG))])
    rpc.execute(TICKET, "write", "written")
    rpc.execute(TICKET, "write", "written")

    helpdesk.record_reply_outcome("42", "912", DeliveryState.FAILED, None, "x")
    helpdesk.record_reply_outcome("43", "913", DeliveryState.SENT, "public", "x")

    assert [c.method for c in rpc.calls()].count("search_read") == 2


def test_an_outcome_never_puts_a_non_numeric_ticket_id_in_a_call(helpdesk, rpc):
    with pytest.raises(PermanentError, match="positive numbers"):
        helpdesk.record_reply_outcome("42 OR 1=1", "912", DeliveryState.FAILED, None, "x")
    assert rpc.calls() == []


def test_escalation_raises_the_priority_and_tags_in_one_write_then_notes(helpdesk, rpc):
    rpc.common("authenticate", "authenticate")
    rpc.execute(TICKET, "fields_get", "fields_enterprise_ticket")
    rpc.execute("helpdesk.tag", "search_read", tag_rows((80, "sla-breached")))
    rpc.execute(TICKET, "write", "written")
    rpc.execute("res.users", "read", "bridge_user")
    rpc.execute(TICKET, "message_post", "note_posted")

    helpdesk.escalate("42", Priority.URGENT, "sla-breached", "First response overdue.")

    assert rpc.last(TICKET, "write").args == [[42], {"priority": "3", "tag_ids": [[4, 80]]}]
    assert rpc.last(TICKET, "message_post").kwargs["subtype_xmlid"] == "mail.mt_note"
