"""The behaviour the core relies on, checked the same way for every helpdesk adapter.

Each helpdesk keeps a scenario in its own tests (tests/helpdesks/<package>/contract.py, SCENARIO)
that knows its wire format: it registers the helpdesk's recorded answers with `responses`, builds
its webhook deliveries, and reads back what the adapter sent. The assertions below are shared and
use only the Helpdesk interface; every registered helpdesk must have a scenario.
"""
from __future__ import annotations

import importlib

import pytest
import responses

from bridge import registry
from bridge.errors import AuthError, PermanentError, TransientError
from bridge.model import ReplyMode
from tests.helpdesks.contract import (
    AGENT_REPLY,
    AUTH,
    BRIDGE_MESSAGE,
    CUSTOMER_MESSAGE,
    INTERNAL_NOTE,
    SERVER,
    VALIDATION,
    Scenario,
    article_draft,
    ticket_draft,
)


def scenario_of(helpdesk) -> Scenario | None:
    """tests/helpdesks/<the helpdesk's package>/contract.py's SCENARIO, if there is one."""
    package = helpdesk.__module__.split(".")[2]
    try:
        return importlib.import_module(f"tests.helpdesks.{package}.contract").SCENARIO
    except ModuleNotFoundError:
        return None


SCENARIOS = [s for s in (scenario_of(h) for h in registry.helpdesks().values()) if s is not None]


@pytest.fixture(params=SCENARIOS, ids=lambda scenario: scenario.name)
def scenario(request) -> Scenario:
    return request.param


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=True) as rsps:
        yield rsps


def test_every_registered_helpdesk_has_a_scenario():
    missing = [name for name, helpdesk in registry.helpdesks().items() if scenario_of(helpdesk) is None]
    assert missing == [], "add tests/helpdesks/<package>/contract.py with a SCENARIO"


def test_create_ticket_returns_string_ids(scenario, mocked):
    scenario.mock_create(mocked)

    created = scenario.make().create_ticket(ticket_draft())

    assert (created.ticket_id, created.article_id) == scenario.created
    assert all(isinstance(value, str) and value.isdigit() for value in (created.ticket_id, created.article_id))


def test_add_article_reopens_a_closed_ticket_before_adding(scenario, mocked):
    scenario.mock_add_article_to_closed_ticket(mocked)

    article_id = scenario.make().add_article(scenario.created[0], article_draft())

    assert article_id == scenario.article_id
    assert scenario.effects(mocked) == ["reopen", "article"]


def test_add_note_is_internal(scenario, mocked):
    scenario.mock_add_note(mocked)

    note_id = scenario.make().add_note(scenario.created[0], "Posted publicly on x: https://x.com/acme/status/77")

    assert note_id == scenario.note_id
    assert scenario.effects(mocked) == ["internal note"]


def test_verify_webhook_accepts_the_right_secret_only(scenario):
    helpdesk = scenario.make()
    delivery = scenario.delivery(AGENT_REPLY)

    assert helpdesk.verify_webhook(delivery.headers, delivery.body, delivery.args) is True
    forged = scenario.forged(delivery)
    assert helpdesk.verify_webhook(forged.headers, forged.body, forged.args) is False
    assert helpdesk.verify_webhook({}, delivery.body, {}) is False


def test_an_agents_public_reply_is_exactly_one_reply(scenario, mocked):
    scenario.mock_webhook_reads(mocked, AGENT_REPLY)
    helpdesk = scenario.make()
    delivery = scenario.delivery(AGENT_REPLY)

    replies = helpdesk.parse_webhook(delivery.payload, delivery.headers)

    assert len(replies) == 1
    [reply] = replies
    assert reply.helpdesk == helpdesk.name == scenario.name
    assert (reply.ticket_id, reply.article_id, reply.text) == (
        scenario.reply.ticket_id, scenario.reply.article_id, scenario.reply.text
    )
    assert reply.requested_mode is ReplyMode.PUBLIC
    assert reply.agent


@pytest.mark.parametrize("kind", [INTERNAL_NOTE, CUSTOMER_MESSAGE, BRIDGE_MESSAGE])
def test_notes_customer_messages_and_the_bridges_own_are_no_replies(scenario, mocked, kind):
    scenario.mock_webhook_reads(mocked, kind)
    delivery = scenario.delivery(kind)
    assert scenario.make().parse_webhook(delivery.payload, delivery.headers) == []


@pytest.mark.parametrize(
    "failure, error",
    [(AUTH, AuthError), (SERVER, TransientError), (VALIDATION, PermanentError)],
)
def test_failures_map_to_the_bridges_error_types(scenario, mocked, failure, error):
    scenario.mock_failing_note(mocked, failure)

    with pytest.raises(error) as raised:
        scenario.make().add_note(scenario.created[0], "Posted publicly on x")

    if failure == VALIDATION:
        assert not isinstance(raised.value, AuthError)  # needs a person, but the account is fine
