"""`social-bridge plugin install zammad` against a state-backed fake Zammad (tests/helpdesks/zammad/fake_zammad.py)."""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import shutil
from datetime import date

import pytest
import responses
import yaml

from bridge import registry
from bridge.cli import main
from bridge.errors import AuthError, ConfigError, PermanentError
from bridge.helpdesks.base import OUTCOME_TAGS, REPLY_HELD_TAG, REPLY_NOT_SENT_TAG
from bridge.helpdesks.zammad.installer import PLUGIN_DIR, ZammadInstaller, channel_slas, describe_plan, load_rendering
from bridge.pipeline.mapping import load_mappings
from bridge.plugin.manifest import CalendarSpec, SlaSpec, load_manifest
from tests.conftest import REPO, X_ACCOUNT, ZAMMAD, write_config
from tests.helpdesks.zammad.fake_zammad import ALL_ADMIN, BASE, FakeZammad, fixture

PUBLIC_URL = "https://bridge.example.com"
BRIDGE_TOKEN = ZAMMAD["token"]
BRIDGE_USER_ID = fixture("users_me.json")["id"]
MANIFEST = load_manifest(registry.channel_labels())
RENDERING = load_rendering()
ATTRIBUTE_NAMES = [f.name for f in MANIFEST.fields] + [MANIFEST.review_field.name]
MACRO_NAMES = [m.name for m in MANIFEST.macros]
TEXT_MODULE_NAMES = [r.name for r in MANIFEST.canned_replies]
TRIGGER_NAME = "zz social-bridge: agent reply"
REVIEW_TRIGGER_NAME = "zz social-bridge: review decision"
WEBHOOK_NAME = MANIFEST.reply_webhook.name
OVERVIEW_NAME = "Social replies not sent"


@pytest.fixture
def mock():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def zammad(mock) -> FakeZammad:
    return FakeZammad(mock, tokens={BRIDGE_TOKEN: ALL_ADMIN})


def installer(manifest=MANIFEST, **settings) -> ZammadInstaller:
    return ZammadInstaller({**ZAMMAD, **settings}, PUBLIC_URL, manifest, RENDERING)


def install(**settings):
    target = installer(**settings)
    plan = target.plan()
    return plan, target.apply(plan)


def planned(plan, action: str) -> list[tuple[str, str]]:
    return [(step.kind.key, step.name) for step in plan.steps_to(action)]


EVERYTHING = (
    [("object_manager_attributes", name) for name in ATTRIBUTE_NAMES]
    + [("webhooks", WEBHOOK_NAME), ("triggers", TRIGGER_NAME), ("triggers", REVIEW_TRIGGER_NAME)]
    + [("macros", name) for name in MACRO_NAMES]
    + [("text_modules", name) for name in TEXT_MODULE_NAMES]
    + [("overviews", OVERVIEW_NAME)]
)


# -- dry run ----------------------------------------------------------------------------------
def test_dry_run_on_an_empty_zammad_lists_exactly_what_it_would_create_and_writes_nothing(zammad, mock):
    plan = installer().plan()

    assert planned(plan, "create") == EVERYTHING
    assert plan.steps_to("update") == [] and plan.steps_to("unchanged") == []
    assert plan.run_migrations
    assert {call.request.method for call in mock.calls} == {"GET"}
    assert zammad.writes == []
    lines = describe_plan(plan, dry_run=True)
    assert "  + create ticket attribute 'social_channel'" in lines
    assert f"  + create trigger {TRIGGER_NAME!r}" in lines
    assert lines[-1] == f"dry run: nothing was changed ({len(EVERYTHING)} to create, 0 to update, 0 unchanged)"


def test_an_empty_sla_section_reads_and_installs_no_slas_or_calendars(zammad, mock):
    install()
    assert not [c for c in mock.calls if "/slas" in c.request.url or "/calendars" in c.request.url]


# -- install, re-install ----------------------------------------------------------------------
def test_a_real_run_creates_everything_and_executes_the_migrations_once(zammad):
    plan, report = install()

    assert [(s.kind.key, s.name) for s in report.created] == EVERYTHING
    assert report.migrations_executed
    assert [w[1] for w in zammad.writes].count("/api/v1/object_manager_attributes_execute_migrations") == 1
    for name in ATTRIBUTE_NAMES:
        attribute = zammad.find("object_manager_attributes", name)
        assert attribute["object"] == "Ticket" and not attribute["to_create"]
    reply_mode = zammad.find("object_manager_attributes", "social_reply_mode")["data_option"]
    assert reply_mode["options"] == {"public": "Public reply in the thread", "private": "Private message",
                                     "phone": "Phone call (nothing is posted)"}
    assert reply_mode["default"] == "public"
    assert zammad.find("object_manager_attributes", "social_followers")["data_type"] == "integer"
    assert zammad.find("object_manager_attributes", "social_sensitive")["data_option"]["default"] is False

    webhook = zammad.find("webhooks", WEBHOOK_NAME)
    assert webhook["endpoint"] == f"{PUBLIC_URL}/webhooks/helpdesk/zammad"
    assert zammad.secrets[webhook["id"]] == ZAMMAD["webhook_secret"]
    trigger = zammad.find("triggers", TRIGGER_NAME)
    assert trigger["perform"] == {"notification.webhook": {"webhook_id": webhook["id"]}}
    assert trigger["condition"]["article.created_by_id"] == {
        "operator": "is not", "pre_condition": "specific", "value": [str(BRIDGE_USER_ID)]}
    assert trigger["condition"]["article.sender_id"] == {"operator": "is", "value": ["1"]}
    assert trigger["condition"]["article.internal"] == {"operator": "is", "value": ["false"]}
    assert trigger["condition"]["ticket.tags"] == {"operator": "contains one", "value": "social"}
    private = zammad.find("macros", "Social: reply privately")
    assert private["perform"] == {"ticket.social_reply_mode": {"value": "private"}}
    assert zammad.find("macros", "Social: approve held reply")["perform"] == {"ticket.social_review": {"value": "approve"}}
    assert zammad.find("macros", "Social: reject held reply")["perform"] == {"ticket.social_review": {"value": "reject"}}
    review = zammad.find("object_manager_attributes", "social_review")
    assert review["data_option"]["options"] == {"approve": "Approve (publish it)", "reject": "Reject (do not publish)"}
    assert review["data_option"]["default"] == ""  # no decision until a reviewer makes one
    review_trigger = zammad.find("triggers", REVIEW_TRIGGER_NAME)
    assert review_trigger["perform"] == {"notification.webhook": {"webhook_id": webhook["id"]}}
    assert review_trigger["execution_condition_mode"] == "selective"  # fires when the decision is set, not after
    assert review_trigger["condition"] == {
        "ticket.action": {"operator": "is", "value": "update"},
        "ticket.social_review": {"operator": "is", "value": ["approve", "reject"]},
        "ticket.updated_by_id": {"operator": "is not", "pre_condition": "specific", "value": [str(BRIDGE_USER_ID)]},
        "ticket.tags": {"operator": "contains one", "value": "social"},
    }
    ack = zammad.find("text_modules", "Social: acknowledge")
    assert ack["content"] == MANIFEST.canned_replies[0].text and ack["keywords"] == "social ack thanks"


def test_migrations_run_before_macros_that_use_the_new_attributes(zammad):
    install()
    paths = [w[1] for w in zammad.writes]
    migrations = paths.index("/api/v1/object_manager_attributes_execute_migrations")
    assert all(p == "/api/v1/object_manager_attributes" for p in paths[:migrations])
    assert paths.index("/api/v1/macros") > migrations


def test_a_second_run_changes_nothing(zammad):
    install()
    zammad.writes.clear()

    plan, report = install()

    assert plan.nothing_to_change
    assert planned(plan, "unchanged") == EVERYTHING
    assert zammad.writes == []
    assert report.created == report.updated == [] and not report.migrations_executed
    assert describe_plan(plan, dry_run=False)[-1] == "nothing to change"


def test_answers_in_other_shapes_still_count_as_unchanged(zammad):
    """Zammad may return a condition in the AND form and ids as strings; that is no difference."""
    install()
    trigger = zammad.find("triggers", TRIGGER_NAME)
    trigger["condition"] = {"operator": "AND", "conditions": [
        {"name": name, **spec} for name, spec in trigger["condition"].items()]}
    trigger["condition"]["conditions"][0]["value"] = ["create"]
    trigger["perform"]["notification.webhook"]["webhook_id"] = str(trigger["perform"]["notification.webhook"]["webhook_id"])
    zammad.find("object_manager_attributes", "social_followers")["data_option"]["max"] = "2147483647"

    assert installer().plan().nothing_to_change


# -- updates ------------------------------------------------------------------------------------
def test_a_text_module_changed_in_zammad_is_detected_and_put_back(zammad):
    install()
    edited = zammad.find("text_modules", "Social: apology")
    edited["content"] = "Sorry!"
    edited["note"] = "an admin's own note stays"
    zammad.writes.clear()

    plan = installer().plan()
    [step] = plan.changes
    assert (step.kind.key, step.name, step.action) == ("text_modules", "Social: apology", "update")
    assert [d.path for d in step.differences] == ["content"]
    assert (f"  ~ update text module 'Social: apology': content ('Sorry!' → {MANIFEST.canned_replies[2].text!r})"
            in describe_plan(plan, dry_run=True))
    assert not plan.run_migrations

    installer().apply(plan)
    [(method, path, body)] = zammad.writes
    assert (method, path) == ("PUT", f"/api/v1/text_modules/{edited['id']}")
    assert body["content"] == MANIFEST.canned_replies[2].text
    assert edited["note"] == "an admin's own note stays"
    assert installer().plan().nothing_to_change


def test_an_attribute_update_is_put_and_migrated(zammad):
    install()
    zammad.find("object_manager_attributes", "social_reply_mode")["data_option"]["options"].pop("phone")
    zammad.writes.clear()

    plan, report = install()

    assert planned(plan, "update") == [("object_manager_attributes", "social_reply_mode")]
    assert [d.path for d in plan.steps_to("update")[0].differences] == ["data_option.options.phone"]
    assert [(m, p) for m, p, _ in zammad.writes] == [
        ("PUT", f"/api/v1/object_manager_attributes/{zammad.find('object_manager_attributes', 'social_reply_mode')['id']}"),
        ("POST", "/api/v1/object_manager_attributes_execute_migrations"),
    ]
    assert "phone" in zammad.find("object_manager_attributes", "social_reply_mode")["data_option"]["options"]
    assert report.migrations_executed


def test_migrations_left_waiting_by_an_interrupted_run_are_executed(zammad):
    install()
    zammad.find("object_manager_attributes", "social_post_url")["to_create"] = True
    zammad.writes.clear()

    plan, report = install()

    assert plan.changes == [] and plan.run_migrations and not plan.nothing_to_change
    assert zammad.writes == [("POST", "/api/v1/object_manager_attributes_execute_migrations", None)]


def test_the_manual_setup_from_the_readme_is_updated_not_duplicated(zammad):
    zammad.add("webhooks", fixture("webhook_manual_setup.json"))
    zammad.add("triggers", fixture("trigger_manual_setup.json"))

    plan, _ = install()

    webhook_step = next(s for s in plan.steps if s.kind.key == "webhooks")
    assert webhook_step.action == "update" and [d.path for d in webhook_step.differences] == ["note"]
    trigger_step = next(s for s in plan.steps if s.kind.key == "triggers")
    assert trigger_step.action == "update"
    assert [d.path for d in trigger_step.differences] == ["condition.article.created_by_id", "note"]
    assert zammad.names("webhooks") == [WEBHOOK_NAME]
    assert zammad.names("triggers") == [TRIGGER_NAME, REVIEW_TRIGGER_NAME]  # the README's kept, the new one added
    assert zammad.secrets[4] == ZAMMAD["webhook_secret"]  # the secret is sent with the update
    assert zammad.find("triggers", TRIGGER_NAME)["perform"] == {"notification.webhook": {"webhook_id": 4}}


def test_names_match_regardless_of_case_as_in_zammad(zammad):
    zammad.add("macros", {"id": 40, "name": "social: reply privately", "perform": {}, "active": True})

    plan, _ = install()

    step = next(s for s in plan.steps if s.kind.key == "macros")
    assert step.action == "update" and "name" in [d.path for d in step.differences]
    assert zammad.find("macros", "Social: reply privately")["id"] == 40
    assert len(zammad.state["macros"]) == len(MACRO_NAMES)


def test_a_changed_webhook_secret_is_noticed_through_its_fingerprint(zammad):
    install()
    zammad.writes.clear()

    plan, _ = install(webhook_secret="a-new-secret")

    assert planned(plan, "update") == [("webhooks", WEBHOOK_NAME)]
    [(method, _, body)] = zammad.writes
    assert method == "PUT" and body["signature_token"] == "a-new-secret"
    webhook = zammad.find("webhooks", WEBHOOK_NAME)
    assert zammad.secrets[webhook["id"]] == "a-new-secret"
    expected = hmac.new(b"a-new-secret", b"social-bridge webhook signature token", hashlib.sha256).hexdigest()[:12]
    assert webhook["note"].endswith(f"fingerprint: {expected}.")
    assert "a-new-secret" not in "\n".join(describe_plan(plan, dry_run=True))


def test_a_dry_run_with_a_new_webhook_shows_the_trigger_pointing_at_it(zammad):
    zammad.add("triggers", fixture("trigger_manual_setup.json") | {"perform": {"notification.webhook": {"webhook_id": 99}}})

    plan = installer().plan()

    [line] = [line for line in describe_plan(plan, dry_run=True) if line.startswith(f"  ~ update trigger {TRIGGER_NAME!r}: ")]
    assert "perform.notification.webhook.webhook_id → (id of the new webhook 'social-bridge')" in line


def test_a_loopback_public_url_is_pointed_out(zammad):
    plan = ZammadInstaller(ZAMMAD, "http://127.0.0.1:8000", MANIFEST, RENDERING).plan()
    assert "note: public_url is http://127.0.0.1:8000: Zammad must be able to reach the webhook there." in \
        describe_plan(plan, dry_run=True)


def test_attribute_changes_waiting_elsewhere_are_pointed_out_before_they_are_migrated_too(zammad):
    zammad.find("object_manager_attributes", "type")["to_config"] = True
    assert any("(type); executing the migrations applies them too" in note for note in installer().plan().notes)


# -- SLAs -------------------------------------------------------------------------------------
def with_slas(**changes):
    calendar = CalendarSpec(name="Social hours", timezone="Europe/Berlin",
                            business_hours={"mon": (("08:00", "20:00"),), "sat": (("10:00", "16:00"),)}, ical_url="")
    sla = SlaSpec(name="Social X", channel="x", calendar="Social hours", first_response_minutes=60,
                  response_minutes=None, update_minutes=240, solution_minutes=1440)
    return dataclasses.replace(MANIFEST, **{"calendars": (calendar,), "slas": (sla,), **changes})


def test_slas_are_installed_with_their_calendar_per_channel(zammad):
    manifest = with_slas()
    target = installer(manifest)
    plan = target.plan()
    assert planned(plan, "create")[-2:] == [("calendars", "Social hours"), ("slas", "Social X")]

    target.apply(plan)

    calendar = zammad.find("calendars", "Social hours")
    assert calendar["business_hours"]["mon"] == {"active": True, "timeframes": [["08:00", "20:00"]]}
    assert calendar["business_hours"]["sun"]["active"] is False
    sla = zammad.find("slas", "Social X")
    assert sla["calendar_id"] == calendar["id"]
    assert sla["condition"] == {"ticket.social_channel": {"operator": "is", "value": ["x"]}}
    assert (sla["first_response_time"], sla["update_time"], sla["response_time"], sla["solution_time"]) == (60, 240, None, 1440)
    assert installer(manifest).plan().nothing_to_change


def test_an_sla_may_use_a_calendar_that_already_exists_in_zammad(zammad):
    zammad.add("calendars", {"id": 1, "name": "Default", "timezone": "Europe/Berlin", "business_hours": {}})
    manifest = with_slas(calendars=())
    manifest = dataclasses.replace(manifest, slas=(dataclasses.replace(manifest.slas[0], calendar="Default"),))

    installer(manifest).apply(installer(manifest).plan())

    assert zammad.find("slas", "Social X")["calendar_id"] == 1


def test_an_sla_with_an_unknown_calendar_is_a_clear_error(zammad):
    manifest = with_slas(calendars=())
    with pytest.raises(ConfigError, match=r"manifest.yaml: slas.0.calendar: no calendar 'Social hours' in the manifest or in Zammad"):
        installer(manifest).plan()


# -- the overview of replies that did not go out ----------------------------------------------------
def test_the_overview_lists_the_tickets_tagged_with_the_adapters_outcome_tags(zammad):
    install()

    [(method, path, body)] = zammad.writes_to("overviews")
    assert (method, path) == ("POST", "/api/v1/overviews")
    assert body == {
        "name": OVERVIEW_NAME,
        "roles": ["Agent"],  # by name: Zammad looks the role up
        "condition": {"ticket.tags": {"operator": "contains one", "value": "social-reply-not-sent, social-reply-held"}},
        "order": {"by": "escalation_at", "direction": "ASC"},
        "view": {
            "d": ["number", "title", "customer", "priority", "escalation_at", "updated_at"],
            "s": ["number", "title", "customer", "priority", "escalation_at", "updated_at"],
            "m": ["number", "title", "customer", "group", "owner", "priority", "escalation_at", "updated_at"],
            "view_mode_default": "s",
        },
        "active": True,
    }
    # the tags the Zammad adapter sets while a ticket's latest reply did not go out, and no other
    tags = {tag.strip() for tag in body["condition"]["ticket.tags"]["value"].split(",")}
    assert tags == set(OUTCOME_TAGS.values()) == {REPLY_NOT_SENT_TAG, REPLY_HELD_TAG}
    assert zammad.find("overviews", OVERVIEW_NAME)["role_ids"] == [2]


def test_an_existing_overview_is_left_alone_not_duplicated(zammad):
    zammad.add("overviews", fixture("overview_made_by_hand.json"))  # as Zammad answers: AND form, role_ids

    plan, report = install()

    [step] = [s for s in plan.steps if s.kind.key == "overviews"]
    assert (step.action, step.record_id) == ("unchanged", 61)
    assert zammad.writes_to("overviews") == []
    assert zammad.names("overviews") == [OVERVIEW_NAME]
    assert zammad.find("overviews", OVERVIEW_NAME)["role_ids"] == [2, 4]  # an admin's extra role stays


def test_a_changed_overview_is_put_back_without_its_roles_or_place(zammad):
    zammad.add("overviews", fixture("overview_made_by_hand.json") | {
        "condition": {"ticket.tags": {"operator": "contains one", "value": "social-reply-not-sent"}}})

    plan, _ = install()

    [step] = [s for s in plan.steps if s.kind.key == "overviews"]
    assert step.action == "update" and [d.path for d in step.differences] == ["condition.ticket.tags.value[0]"]
    [(method, path, body)] = zammad.writes_to("overviews")
    assert (method, path) == ("PUT", "/api/v1/overviews/61")
    assert "roles" not in body and "prio" not in body and "link" not in body
    overview = zammad.find("overviews", OVERVIEW_NAME)
    assert overview["role_ids"] == [2, 4] and overview["prio"] == 1090
    assert installer().plan().nothing_to_change


def test_the_overview_is_installed_once_over_repeated_runs(zammad):
    install()
    install()
    install()
    assert zammad.names("overviews") == [OVERVIEW_NAME]
    assert [m for m, _, _ in zammad.writes_to("overviews")] == ["POST"]


def test_a_token_without_the_overview_permission_is_named(mock):
    FakeZammad(mock, tokens={BRIDGE_TOKEN: ALL_ADMIN - {"admin.overview"}})
    with pytest.raises(PermanentError, match=r"list overviews: the token \(helpdesk.token\) lacks the admin.overview permission"):
        installer().plan()


# -- errors -----------------------------------------------------------------------------------
def test_a_refused_token_says_so(mock):
    FakeZammad(mock, tokens={"another-token": ALL_ADMIN})
    with pytest.raises(AuthError, match=r"the token is refused \(HTTP 401\); check helpdesk.token"):
        installer().plan()


def test_a_missing_permission_is_named(mock):
    FakeZammad(mock, tokens={BRIDGE_TOKEN: ALL_ADMIN - {"admin.webhook"}})
    with pytest.raises(PermanentError, match=r"list webhooks: the token \(helpdesk.token\) lacks the admin.webhook permission"):
        installer().plan()


def test_a_refused_object_stops_the_run_and_a_rerun_finishes(zammad):
    zammad.fail("POST", "triggers", 422, "error_422_trigger.json")
    with pytest.raises(PermanentError) as caught:
        install()
    message = str(caught.value)
    assert "create trigger 'zz social-bridge: agent reply': HTTP 422" in message
    assert "webhook_id is required" in message
    before = len(ATTRIBUTE_NAMES) + 1  # the attributes and the webhook
    assert f"({before} of {len(EVERYTHING)} changes were applied before this" in message

    zammad.failures.clear()
    plan, report = install()
    assert [(s.kind.key, s.name) for s in report.created] == EVERYTHING[before:]
    assert zammad.names("webhooks") == [WEBHOOK_NAME]


def test_a_token_of_another_user_than_bridge_login_is_refused(mock):
    FakeZammad(mock, tokens={BRIDGE_TOKEN: ALL_ADMIN}, me=fixture("users_me.json") | {"login": "admin@acme.test"})
    with pytest.raises(ConfigError, match="helpdesk.token belongs to the Zammad user 'admin@acme.test', but bridge_login is"):
        installer().plan()


def test_an_admin_token_makes_the_admin_calls(mock):
    zammad = FakeZammad(mock, tokens={BRIDGE_TOKEN: frozenset(), "admin-token": ALL_ADMIN},
                        me=fixture("users_me.json"))
    target = ZammadInstaller(ZAMMAD, PUBLIC_URL, MANIFEST, RENDERING, admin_token="admin-token")
    target.apply(target.plan())

    tokens = {c.request.url.endswith("/users/me"): c.request.headers["Authorization"] for c in mock.calls}
    assert tokens == {True: f"Token token={BRIDGE_TOKEN}", False: "Token token=admin-token"}
    assert zammad.find("triggers", TRIGGER_NAME)["condition"]["article.created_by_id"]["value"] == [str(BRIDGE_USER_ID)]


def test_a_missing_permission_of_the_admin_token_names_it(mock):
    FakeZammad(mock, tokens={BRIDGE_TOKEN: frozenset(), "admin-token": ALL_ADMIN - {"admin.macro"}})
    target = ZammadInstaller(ZAMMAD, PUBLIC_URL, MANIFEST, RENDERING, admin_token="admin-token")
    with pytest.raises(PermanentError, match=r"list macros: the token \(ZAMMAD_ADMIN_TOKEN\) lacks the admin.macro permission"):
        target.plan()


# -- the command ------------------------------------------------------------------------------
@pytest.fixture
def zammad_env(monkeypatch, tmp_path):
    path = write_config(tmp_path, helpdesk=ZAMMAD, accounts=[X_ACCOUNT], extra=f"public_url: {PUBLIC_URL}\n")
    monkeypatch.setenv("BRIDGE_CONFIG", str(path))
    monkeypatch.setenv("BRIDGE_MAPPINGS_DIR", str(REPO / "mappings"))
    monkeypatch.delenv("BRIDGE_PUBLIC_URL", raising=False)
    monkeypatch.delenv("ZAMMAD_ADMIN_TOKEN", raising=False)


def test_the_command_dry_run_then_install_then_nothing_to_change(zammad, zammad_env, capsys):
    assert main(["plugin", "install", "zammad", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Zammad at {BASE}; the bridge writes as 'bridge@acme.test' (user id {BRIDGE_USER_ID})" in out
    assert "+ execute the ticket attribute migrations" in out and zammad.writes == []
    # the one account is on X: its mapping's SLA, on the shared always-open calendar
    assert "  + create SLA '0 social-bridge x': social_channel is 'x': first response 30 min; " \
           "calendar 'social-bridge 24/7'" in out
    assert "sandbox" not in out

    assert main(["plugin", "install", "zammad"]) == 0
    out = capsys.readouterr().out
    assert f"applied: {len(EVERYTHING) + 2} created, 0 updated" in out
    assert zammad.names("slas") == ["0 social-bridge x"] and zammad.names("calendars") == ["social-bridge 24/7"]
    assert "Zammad must be restarted" in out
    assert zammad.find("webhooks", WEBHOOK_NAME)["endpoint"] == f"{PUBLIC_URL}/webhooks/helpdesk/zammad"

    assert main(["plugin", "install", "zammad"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("nothing to change")


def test_the_command_reports_errors_without_secrets(mock, zammad_env, capsys):
    FakeZammad(mock, tokens={BRIDGE_TOKEN: ALL_ADMIN - {"admin.trigger"}})
    assert main(["plugin", "install", "zammad"]) == 2
    err = capsys.readouterr().err
    assert "lacks the admin.trigger permission" in err
    assert BRIDGE_TOKEN not in err and ZAMMAD["webhook_secret"] not in err


def test_the_command_needs_a_zammad_config(monkeypatch, tmp_path, capsys):
    path = write_config(tmp_path, helpdesk={"kind": "django-helpdesk", "url": "http://hd.test/helpdesk", "token": "t",
                                            "bridge_user_id": 2, "webhook_token": "w" * 16, "queues": {"Social": 1}},
                        accounts=[X_ACCOUNT])
    monkeypatch.setenv("BRIDGE_CONFIG", str(path))
    assert main(["plugin", "install", "zammad", "--dry-run"]) == 2
    assert "helpdesk.kind is django-helpdesk; `plugin install zammad` needs helpdesk.kind zammad" in capsys.readouterr().err


# -- per-channel SLAs from the mapping files ----------------------------------------------------
TODAY = date(2026, 5, 4)
ALWAYS_OPEN = "social-bridge 24/7"
BERLIN_HOURS = {"timezone": "Europe/Berlin", "weekly": {day: [["09:00", "17:00"]] for day in ("mon", "tue", "wed", "thu", "fri")},
                "holidays": {"country": "DE", "subdivision": "BE"}, "closed_dates": [date(2026, 12, 24)]}


@pytest.fixture
def mappings_dir(tmp_path):
    directory = tmp_path / "mappings"
    shutil.copytree(REPO / "mappings", directory)
    return directory


def edit_mapping(directory, channel: str, change) -> None:
    path = directory / f"{channel}.yaml"
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False))


def sla_installer(directory, channels=("x", "sandbox"), manifest=MANIFEST, today=TODAY) -> ZammadInstaller:
    return ZammadInstaller(ZAMMAD, PUBLIC_URL, manifest, RENDERING, today=today,
                           channel_slas=channel_slas(load_mappings(directory, registry.sla_defaults()), channels))


def install_slas(directory, **options):
    target = sla_installer(directory, **options)
    plan = target.plan()
    return plan, target.apply(plan)


def test_dry_run_lists_the_channel_slas_with_their_minutes(zammad, mappings_dir):
    plan = sla_installer(mappings_dir).plan()

    assert planned(plan, "create")[len(EVERYTHING):] == [
        ("calendars", ALWAYS_OPEN), ("slas", "0 social-bridge sandbox"), ("slas", "0 social-bridge x")]
    lines = describe_plan(plan, dry_run=True)
    assert "  + create SLA '0 social-bridge x': social_channel is 'x': first response 30 min; calendar 'social-bridge 24/7'" \
        in lines
    assert "  + create SLA '0 social-bridge sandbox': social_channel is 'sandbox': first response 10 min; " \
           "calendar 'social-bridge 24/7'" in lines
    assert f"  + create calendar {ALWAYS_OPEN!r}: UTC, every day all day; 0 closed days in 2026-2027" in lines
    assert zammad.writes == []


def test_install_creates_the_slas_with_their_minutes_and_conditions_then_changes_nothing(zammad, mappings_dir):
    install_slas(mappings_dir)

    calendar = zammad.find("calendars", ALWAYS_OPEN)
    assert calendar["business_hours"] == {day: {"active": True, "timeframes": [["00:00", "23:59"]]}
                                          for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    assert (calendar["timezone"], calendar["public_holidays"]) == ("UTC", {})
    x = zammad.find("slas", "0 social-bridge x")
    assert x["condition"] == {"ticket.social_channel": {"operator": "is", "value": ["x"]}}
    assert x["calendar_id"] == calendar["id"]
    assert (x["first_response_time"], x["response_time"], x["update_time"], x["solution_time"]) == (30, None, None, None)
    assert zammad.find("slas", "0 social-bridge sandbox")["first_response_time"] == 10
    zammad.writes.clear()

    plan, _ = install_slas(mappings_dir)

    assert plan.nothing_to_change and zammad.writes == []


def test_business_hours_and_holidays_become_the_channels_own_calendar(zammad, mappings_dir):
    edit_mapping(mappings_dir, "x", lambda d: d["sla"].update(next_response="2h", resolution="3d", business_hours=BERLIN_HOURS))

    plan, _ = install_slas(mappings_dir, channels=("x",))

    [line] = [line for line in describe_plan(plan, dry_run=True) if line.startswith("  + create calendar")]
    assert line.startswith("  + create calendar 'social-bridge x': Europe/Berlin, mon 09:00-17:00, tue 09:00-17:00, ")
    assert line.endswith(" closed days in 2026-2027") and "sat" not in line

    calendar = zammad.find("calendars", "social-bridge x")
    assert calendar["timezone"] == "Europe/Berlin"
    assert calendar["business_hours"]["mon"] == {"active": True, "timeframes": [["09:00", "17:00"]]}
    assert calendar["business_hours"]["sat"]["active"] is False
    holidays = calendar["public_holidays"]
    assert holidays["2026-12-24"] == {"active": True, "summary": "closed"}
    assert holidays["2026-03-08"]["active"] and holidays["2027-01-01"]["active"]  # Berlin's Women's Day; next year's too
    assert "2026-05-01" in holidays and not any(day.startswith("2028") for day in holidays)
    sla = zammad.find("slas", "0 social-bridge x")
    assert sla["calendar_id"] == calendar["id"]
    # business minutes, as the bridge counts them: "3d" is 72 open hours
    assert (sla["first_response_time"], sla["response_time"], sla["update_time"], sla["solution_time"]) == (30, 120, None, 4320)
    assert ALWAYS_OPEN not in zammad.names("calendars")


def test_a_changed_mapping_target_updates_exactly_that_sla(zammad, mappings_dir):
    install_slas(mappings_dir)
    edit_mapping(mappings_dir, "x", lambda d: d["sla"].update(first_response={"target": "15m", "max": "45m"}))
    zammad.writes.clear()

    plan, report = install_slas(mappings_dir)

    [step] = plan.changes
    assert (step.kind.key, step.name, [d.path for d in step.differences]) == ("slas", "0 social-bridge x", ["first_response_time"])
    assert "  ~ update SLA '0 social-bridge x': first_response_time (30 → 45)" in describe_plan(plan, dry_run=True)
    [(method, path, body)] = zammad.writes
    assert (method, path) == ("PUT", f"/api/v1/slas/{zammad.find('slas', '0 social-bridge x')['id']}")
    assert body["first_response_time"] == 45
    assert zammad.find("slas", "0 social-bridge sandbox")["first_response_time"] == 10
    assert sla_installer(mappings_dir).plan().nothing_to_change


def test_an_update_time_set_by_hand_is_cleared_for_the_response_time(zammad, mappings_dir):
    install_slas(mappings_dir)
    zammad.find("slas", "0 social-bridge x")["update_time"] = 60  # Zammad refuses both times in one SLA
    edit_mapping(mappings_dir, "x", lambda d: d["sla"].update(next_response="1h"))

    install_slas(mappings_dir)

    sla = zammad.find("slas", "0 social-bridge x")
    assert (sla["response_time"], sla["update_time"]) == (60, None)


def test_a_new_year_replaces_the_holidays_of_the_year_gone(zammad, mappings_dir):
    edit_mapping(mappings_dir, "x", lambda d: d["sla"].update(business_hours=BERLIN_HOURS))
    install_slas(mappings_dir, channels=("x",))

    plan, _ = install_slas(mappings_dir, channels=("x",), today=date(2027, 1, 2))

    [step] = plan.changes
    assert (step.kind.key, step.name) == ("calendars", "social-bridge x")
    paths = [d.path for d in step.differences]
    assert "public_holidays.2028-01-01" in paths and "public_holidays.2026-12-25" in paths  # added, and gone
    holidays = zammad.find("calendars", "social-bridge x")["public_holidays"]
    assert min(holidays) == "2027-01-01" and "2028-12-25" in holidays


def test_dms_with_other_targets_get_the_shorter_and_the_plan_says_so(zammad, mappings_dir):
    edit_mapping(mappings_dir, "x", lambda d: d["sla"].update(dm={"first_response": {"target": "1h", "max": "2h"},
                                                                   "resolution": "1d"}))
    plan, _ = install_slas(mappings_dir, channels=("x",))

    sla = zammad.find("slas", "0 social-bridge x")
    assert (sla["first_response_time"], sla["solution_time"]) == (30, 1440)
    assert any(note.startswith("x: public posts and DMs have different targets in x.yaml") for note in plan.notes)


def test_a_mapping_without_the_channel_field_gets_no_sla_and_a_note(zammad, mappings_dir):
    edit_mapping(mappings_dir, "x", lambda d: d["fields"].pop("social_channel"))

    plan = sla_installer(mappings_dir).plan()

    assert [name for kind, name in planned(plan, "create") if kind == "slas"] == ["0 social-bridge sandbox"]
    assert "x.yaml sets no fields.social_channel, so Zammad cannot tell its tickets apart: no SLA for x." in plan.notes


def test_an_sla_declared_in_the_manifest_replaces_the_mappings(zammad, mappings_dir):
    plan = sla_installer(mappings_dir, manifest=with_slas()).plan()

    assert [name for kind, name in planned(plan, "create") if kind == "slas"] == ["Social X", "0 social-bridge sandbox"]
    assert any(note.startswith("x: the manifest declares the SLA 'Social X'") for note in plan.notes)


def test_other_conditional_slas_in_zammad_are_pointed_out(zammad, mappings_dir):
    zammad.add("slas", {"id": 3, "name": "Default", "condition": {}, "calendar_id": 1, "first_response_time": 480})
    zammad.add("slas", {"id": 4, "name": "High priority", "calendar_id": 1, "first_response_time": 60,
                        "condition": {"ticket.priority_id": {"operator": "is", "value": ["3"]}}})

    plan = sla_installer(mappings_dir).plan()

    assert any(note.startswith("Zammad has other SLAs with conditions (High priority): one that also matches")
               for note in plan.notes)


def test_a_manifest_calendar_named_like_a_generated_one_is_a_clear_error(zammad, mappings_dir):
    manifest = dataclasses.replace(with_slas(slas=()), calendars=(dataclasses.replace(with_slas().calendars[0],
                                                                                    name="Social-Bridge 24/7"),))
    with pytest.raises(ConfigError, match="calendar names social-bridge 24/7: declared in the manifest and made from"):
        sla_installer(mappings_dir, manifest=manifest).plan()


def test_a_channel_with_an_account_but_no_mapping_is_a_clear_error(mappings_dir):
    with pytest.raises(ConfigError, match="tiktok.yaml: missing from the mappings directory"):
        channel_slas(load_mappings(mappings_dir, registry.sla_defaults()), ["tiktok"])


def test_channels_without_an_account_get_no_sla(mappings_dir):
    assert [item.channel for item in channel_slas(load_mappings(mappings_dir, registry.sla_defaults()), ["x", "x"])] == ["x"]


@pytest.mark.parametrize("change, message", [
    (lambda r: r["review_trigger"]["condition"].pop("ticket.social_review"),
     "review_trigger.condition: the condition must test ticket.social_review"),
    (lambda r: r["channel_slas"].update(sla_name="social-bridge"), "channel_slas.sla_name: needs {channel}"),
    (lambda r: r["channel_slas"].update(calendar_name="social-bridge {account}"),
     "channel_slas.calendar_name: only {channel} may be filled in"),
    (lambda r: r["overview"].update(roles=[]), "overview.roles: Shorter than minimum length 1"),
    (lambda r: r["overview"]["order"].update(direction="down"), "overview.order.direction: Must be one of: ASC, DESC"),
])
def test_an_invalid_rendering_names_the_key(tmp_path, change, message):
    directory = tmp_path / "plugin"
    shutil.copytree(PLUGIN_DIR, directory)
    path = directory / "rendering.yaml"
    document = yaml.safe_load(path.read_text())
    change(document)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    with pytest.raises(ConfigError, match=re.escape(message)):
        load_rendering(directory)
