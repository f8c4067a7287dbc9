"""`social-bridge plugin install zammad` against a state-backed fake Zammad (tests/plugin/fake_zammad.py)."""
from __future__ import annotations

import dataclasses
import hashlib
import hmac

import pytest
import responses

from bridge.cli import main
from bridge.errors import AuthError, ConfigError, PermanentError
from bridge.plugin.manifest import DEFAULT_MANIFEST_DIR, CalendarSpec, SlaSpec, load_manifest
from bridge.plugin.zammad import ZammadInstaller, describe_plan, load_rendering
from tests.conftest import X_ACCOUNT, ZAMMAD, write_config
from tests.plugin.fake_zammad import ALL_ADMIN, BASE, FakeZammad, fixture

PUBLIC_URL = "https://bridge.example.com"
BRIDGE_TOKEN = ZAMMAD["token"]
BRIDGE_USER_ID = fixture("users_me.json")["id"]
MANIFEST = load_manifest()
RENDERING = load_rendering(DEFAULT_MANIFEST_DIR)
ATTRIBUTE_NAMES = [f.name for f in MANIFEST.fields]
MACRO_NAMES = [m.name for m in MANIFEST.macros]
TEXT_MODULE_NAMES = [r.name for r in MANIFEST.canned_replies]
TRIGGER_NAME = "zz social-bridge: agent reply"
WEBHOOK_NAME = MANIFEST.reply_webhook.name


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
    + [("webhooks", WEBHOOK_NAME), ("triggers", TRIGGER_NAME)]
    + [("macros", name) for name in MACRO_NAMES]
    + [("text_modules", name) for name in TEXT_MODULE_NAMES]
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
    assert f"  + create ticket attribute 'social_channel'" in lines
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
    assert zammad.find("macros", "Social: approve held reply")["perform"] == {
        "ticket.tags": {"operator": "add", "value": "social-approved"}}
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
    assert zammad.names("webhooks") == [WEBHOOK_NAME] and zammad.names("triggers") == [TRIGGER_NAME]
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
    assert f"(8 of {len(EVERYTHING)} changes were applied before this" in message

    zammad.failures.clear()
    plan, report = install()
    assert [(s.kind.key, s.name) for s in report.created] == EVERYTHING[8:]
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
    monkeypatch.delenv("BRIDGE_PUBLIC_URL", raising=False)
    monkeypatch.delenv("ZAMMAD_ADMIN_TOKEN", raising=False)


def test_the_command_dry_run_then_install_then_nothing_to_change(zammad, zammad_env, capsys):
    assert main(["plugin", "install", "zammad", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"Zammad at {BASE}; the bridge writes as 'bridge@acme.test' (user id {BRIDGE_USER_ID})" in out
    assert "+ execute the ticket attribute migrations" in out and zammad.writes == []

    assert main(["plugin", "install", "zammad"]) == 0
    out = capsys.readouterr().out
    assert f"applied: {len(EVERYTHING)} created, 0 updated" in out
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
