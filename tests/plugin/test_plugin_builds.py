"""`social-bridge plugin build zammad|odoo`: the Zammad package and the Odoo addon, built and checked."""
from __future__ import annotations

import ast
import base64
import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

import pytest

from bridge import __version__, registry
from bridge.cli import main
from bridge.errors import ConfigError
from bridge.helpdesks.base import OUTCOME_TAGS
from bridge.helpdesks.odoo.adapter import WEBHOOK_MESSAGE_FIELDS, OdooHelpdesk
from bridge.helpdesks.odoo.addon import (
    ADDON_DIR,
    ADDON_NAME,
    ADDON_OWN_FIELDS,
    CANNED_REPLIES_FILE,
    CHANNELS_MODULE,
    CHANNELS_NAME,
    FLAVOURS,
    GENERATED,
    HELPDESK_TICKET_FIELDS,
    RULES_NAME,
    build_addon,
    check_addon,
)
from bridge.helpdesks.zammad.installer import PLUGIN_DIR
from bridge.helpdesks.zammad.package import CHANNEL_RULES_MARKER, build_package, check_package
from bridge.plugin.manifest import load_manifest

MANIFEST = load_manifest(registry.channel_labels(), reply_rules=registry.reply_rules())
ADDON = ADDON_DIR
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NOW = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)
ARTICLE_TYPES = {"social public reply", "social private message", "social phone handoff"}


# -- the Zammad package -----------------------------------------------------------------------
@pytest.fixture
def szpm(tmp_path, monkeypatch) -> dict:
    monkeypatch.chdir(tmp_path)
    assert main(["plugin", "build", "zammad"]) == 0
    [path] = tmp_path.glob("*.szpm")
    assert path.name == f"SocialBridge-{__version__}.szpm"
    return json.loads(path.read_text(encoding="utf-8"))


def decoded(package: dict) -> dict[str, str]:
    return {f["location"]: base64.b64decode(f["content"], validate=True).decode("utf-8") for f in package["files"]}


def test_the_package_is_json_with_zammads_keys(szpm):
    for key in ("name", "version", "vendor", "license", "url", "description", "change_log", "files"):
        assert key in szpm, key
    assert (szpm["name"], szpm["version"]) == ("SocialBridge", __version__)
    assert szpm["description"][0]["language"] == "en" and szpm["description"][0]["text"]
    assert all({"version", "date", "log"} <= set(entry) for entry in szpm["change_log"])
    assert all(f["encode"] == "base64" and f["permission"] == 644 for f in szpm["files"])


def test_the_package_locations_are_safe_and_its_content_decodes(szpm):
    for location in decoded(szpm):
        path = PurePosixPath(location)
        assert not path.is_absolute() and ".." not in path.parts and "%2e%2e" not in location.lower()


def test_the_migrations_create_the_article_types_zammad_can_run(szpm):
    migrations = [(loc, text) for loc, text in decoded(szpm).items() if loc.startswith("db/addon/")]
    assert len(migrations) == 2
    created: set[str] = set()
    for location, ruby in migrations:
        # Zammad: db/addon/<package name underscored>/<version>_<name>.rb, class <name camelcased>.
        match = re.fullmatch(r"db/addon/social_bridge/(\d{14})_([a-z_]+)\.rb", location)
        assert match, location
        class_name = "".join(part.capitalize() for part in match.group(2).split("_"))
        classes, methods = ruby_outline(ruby)
        assert classes == [class_name]
        assert {"up", "down"} <= methods  # Zammad calls <Class>.up / .down
        assert "communication: true" in ruby
        created |= set(re.findall(r"'(social [a-z -]+)'", ruby))
    assert created == ARTICLE_TYPES | {"social reply"}


def test_the_reply_form_offers_the_social_reply_type_on_social_tickets_only(szpm):
    [(location, coffee)] = [(loc, text) for loc, text in decoded(szpm).items() if loc.endswith(".coffee")]
    assert location == "app/assets/javascripts/app/controllers/ticket_zoom/article_action/social_reply.coffee"
    assert "App.Config.set('500-SocialReply', SocialReply, 'TicketZoomArticleAction')" in coffee
    assert "name:              'social reply'" in coffee and "internal:          false" in coffee
    assert "return articleTypes if !@isSocial(ticket)" in coffee  # other tickets keep Zammad's own types
    assert "ticket.social_channel" in coffee  # the attribute the bridge fills in on its tickets
    assert "adapter" not in coffee  # nothing of the bridge's internals leaks into the helpdesk


def test_the_reply_form_counts_against_the_channels_own_rules_written_by_the_build(szpm):
    [coffee] = [text for loc, text in decoded(szpm).items() if loc.endswith(".coffee")]
    assert CHANNEL_RULES_MARKER not in coffee
    [line] = [line.strip() for line in coffee.splitlines() if line.strip().startswith("@CHANNELS: ")]
    table = json.loads(line.removeprefix("@CHANNELS: "))
    assert table == {name: {"label": rule.label, "public": [rule.public_limit, rule.public_counting],
                            "private": [rule.private_limit, rule.private_counting]}
                     for name, rule in registry.reply_rules().items()}
    assert table["x"] == {"label": "X", "public": [280, "x-weighted"], "private": [10000, "characters"]}
    assert table["instagram"]["private"] == [1000, "utf8-bytes"] and table["bluesky"]["public"] == [300, "graphemes"]
    # every counting rule the channels use is one the form knows
    known = {"characters", "graphemes", "x-weighted", "utf8-bytes"}
    assert {rule[1] for entry in table.values() for rule in (entry["public"], entry["private"])} <= known
    assert all(f"'{rule}'" in coffee for rule in known - {"characters"})
    # where the reply goes is read from the ticket the bridge filled in, as the bridge routes it
    for attribute in ("social_private_thread", "social_brand", "social_sensitive", "social_reply_mode",
                      "social_author_handle", "social_channel"):
        assert f"ticket.{attribute}" in coffee, attribute
    assert {f.name for f in MANIFEST.fields} >= {"social_private_thread", "social_brand"}


def test_the_package_build_needs_the_rules_and_their_line(tmp_path):
    with pytest.raises(ConfigError, match="needs the channels' reply rules"):
        build_package(PLUGIN_DIR, NOW, {})
    directory = tmp_path / "plugin"
    shutil.copytree(PLUGIN_DIR, directory)
    [script] = directory.rglob("*.coffee")
    script.write_text(script.read_text().replace(CHANNEL_RULES_MARKER, "@CHANNELS: {}"))
    with pytest.raises(ConfigError, match="exactly one script must hold the line"):
        build_package(directory, NOW, registry.reply_rules())


def ruby_outline(source: str) -> tuple[list[str], set[str]]:
    """Parse Ruby (no Ruby here: tree-sitter's grammar) and return its top-level classes and class methods."""
    import tree_sitter_ruby
    from tree_sitter import Language, Parser

    tree = Parser(Language(tree_sitter_ruby.language())).parse(source.encode("utf-8"))
    assert not tree.root_node.has_error, "the migration is not valid Ruby"
    classes = [n for n in tree.root_node.children if n.type == "class"]
    methods = {method.child_by_field_name("name").text.decode()
               for c in classes for body in c.children_by_field_name("body")
               for method in body.children if method.type == "singleton_method"}
    return [c.child_by_field_name("name").text.decode() for c in classes], methods


def test_the_ruby_check_notices_broken_ruby():
    with pytest.raises(AssertionError, match="not valid Ruby"):
        ruby_outline("class SocialBridgeArticleTypes\n  def self.up\n    [1].each do |x|\n  end\nend\n")


def test_check_package_catches_what_zammad_would_refuse(szpm):
    assert check_package(szpm) == []
    first = next(f for f in szpm["files"] if f["location"].startswith("db/addon/"))
    unsafe = {**szpm, "files": [{**first, "location": "../../etc/cron.d/x"}]}
    assert "locations are relative" in check_package(unsafe)[0]
    ruby = decoded(szpm)[first["location"]]
    renamed = {**szpm, "files": [{**first,
                                  "content": base64.b64encode(ruby.replace("class SocialBridge", "class Other").encode()).decode()}]}
    assert "defines no class SocialBridgeArticleTypes" in check_package(renamed)[0]
    wrong_folder = {**szpm, "files": [{**first, "location": first["location"].replace("social_bridge/", "bridge/")}]}
    assert "from db/addon/social_bridge/" in check_package(wrong_folder)[0]
    assert check_package({k: v for k, v in szpm.items() if k != "vendor"}) == ["missing key vendor"]


def test_a_bad_package_description_names_the_file_and_key(tmp_path):
    directory = tmp_path / "plugin"
    shutil.copytree(PLUGIN_DIR, directory)
    meta = directory / "package.yaml"
    meta.write_text(meta.read_text().replace("name: SocialBridge", "name: social bridge"))
    with pytest.raises(ConfigError, match=rf"{meta}: name: a CamelCase name"):
        build_package(directory, NOW, registry.reply_rules())


def test_build_writes_where_asked(tmp_path, capsys):
    output = tmp_path / "out" / "bridge.szpm"
    output.parent.mkdir()
    assert main(["plugin", "build", "zammad", "--output", str(output)]) == 0
    assert json.loads(output.read_text())["builddate"].startswith(str(datetime.now(timezone.utc).year))
    assert f"wrote {output}" in capsys.readouterr().out


# -- the Odoo addon ---------------------------------------------------------------------------
def odoo_manifest(text: str) -> dict:
    return ast.literal_eval(text)


def test_the_addon_manifest_has_odoos_keys_and_both_dependencies():
    data = odoo_manifest((ADDON / "__manifest__.py").read_text())
    assert {"name", "version", "depends", "data", "license"} <= set(data)
    assert data["version"] == __version__
    assert {"helpdesk_mgmt", "mail", "base_automation"} <= set(data["depends"])
    assert all((ADDON / name).is_file() for name in data["data"] if name not in GENERATED)
    assert CANNED_REPLIES_FILE in data["data"] and not (ADDON / CANNED_REPLIES_FILE).exists()  # the build writes it
    assert data["data"][0] == "security/ir.model.access.csv"  # access rules load before the views use the model


def test_every_addon_file_parses():
    files = [p for p in ADDON.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert {p.suffix for p in files} == {".py", ".xml", ".csv"}
    for path in files:
        if path.suffix == ".py":
            compile(path.read_text(), str(path), "exec")
        elif path.suffix == ".xml":
            ET.parse(path)


def test_the_access_rules_are_valid_rows():
    rows = list(csv.DictReader(io.StringIO((ADDON / "security" / "ir.model.access.csv").read_text())))
    assert rows and list(rows[0]) == ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write",
                                      "perm_create", "perm_unlink"]
    assert {row["model_id:id"] for row in rows} == {"model_social_bridge_canned_reply"}
    assert all(row[p] in ("0", "1") for row in rows for p in ("perm_read", "perm_write", "perm_create", "perm_unlink"))
    everyone = next(row for row in rows if row["group_id:id"] == "base.group_user")
    assert (everyone["perm_read"], everyone["perm_write"], everyone["perm_unlink"]) == ("1", "0", "0")


def test_the_views_show_only_fields_the_model_defines_or_both_helpdesks_have():
    model_source = (ADDON / "models" / "helpdesk_ticket.py").read_text()
    defined = set(re.findall(r"^    (social_[a-z_]+) = fields\.", model_source, re.MULTILINE))
    assert defined == {f.name for f in MANIFEST.fields} | set(ADDON_OWN_FIELDS)
    root = ET.parse(ADDON / "views" / "helpdesk_ticket_views.xml").getroot()
    shown = {el.get("name") for arch in root.iter("field") if arch.get("name") == "arch" for el in arch.iter("field")} - {"arch"}
    assert shown <= defined | HELPDESK_TICKET_FIELDS
    assert {"social_channel", "social_reply_mode", "social_author_handle", "social_sensitive", "social_brand",
            "social_reply_state", "social_first_response_due", "tag_ids"} <= shown
    # the fields the views may take from the helpdesk are in both helpdesks' helpdesk.ticket (fields_get answers)
    for flavour in ("enterprise", "oca"):
        answer = json.loads((FIXTURES / "odoo" / f"fields_{flavour}_ticket.json").read_text())["result"]
        assert HELPDESK_TICKET_FIELDS <= set(answer), flavour


def view(record_id: str) -> ET.Element:
    root = ET.parse(ADDON / "views" / "helpdesk_ticket_views.xml").getroot()
    record = next(r for r in root.iter("record") if r.get("id") == record_id)
    return next(f for f in record.findall("field") if f.get("name") == "arch")


def test_the_ticket_list_shows_the_replys_fate_tags_due_time_and_the_sensitive_flag():
    columns = {f.get("name"): f for f in view("helpdesk_ticket_view_list_social").iter("field")}
    assert columns["tag_ids"].get("widget") == "many2many_tags"  # social-reply-not-sent / -held show here
    assert columns["social_reply_state"].get("widget") == "badge"
    assert "'failed', 'rejected'" in columns["social_reply_state"].get("decoration-danger")
    for name in ("social_reply_state", "tag_ids", "social_first_response_due", "social_sensitive", "social_channel"):
        assert columns[name].get("optional") == "show", name


def test_the_filter_lists_tickets_whose_latest_reply_did_not_go_out_by_the_adapters_tags():
    filters = {f.get("name"): f for f in view("helpdesk_ticket_view_search_social").iter("filter")}
    not_sent = filters["social_reply_not_sent"]
    assert not_sent.get("string") == "Social reply not sent"
    [(path, operator, tags)] = ast.literal_eval(not_sent.get("domain"))
    assert (path, operator) == ("tag_ids.name", "in") and set(tags) == set(OUTCOME_TAGS.values())
    assert ast.literal_eval(filters["social_sensitive"].get("domain")) == [("social_sensitive", "=", True)]


def test_the_form_flags_sensitive_data_and_a_reply_that_did_not_go_out_and_offers_the_reply_box():
    arch = view("helpdesk_ticket_view_form_social")
    alerts = [div for div in arch.iter("div") if "alert" in (div.get("class") or "")]
    assert [a.get("invisible") for a in alerts] == [
        "not social_sensitive", "social_reply_state not in ('failed', 'rejected', 'awaiting_approval')"]
    [box] = [g for g in arch.iter("group") if g.get("name") == "social_bridge_reply"]
    assert [f.get("name") for f in box.iter("field")] == ["social_reply_destination", "social_reply_draft",
                                                         "social_reply_length"]
    [button] = box.iter("button")
    assert (button.get("type"), button.get("name")) == ("object", "action_send_social_reply")
    model_source = (ADDON / "models" / "helpdesk_ticket.py").read_text()
    assert "def action_send_social_reply(self):" in model_source
    assert 'message_type="comment", subtype_xmlid="mail.mt_comment"' in model_source  # as "Send message" posts


def test_the_automation_sends_new_ticket_messages_as_the_odoo_adapter_reads_them_and_starts_inactive():
    root = ET.parse(ADDON / "data" / "agent_reply_automation.xml").getroot()
    rule = next(r for r in root.iter("record") if r.get("model") == "base.automation")
    values = {f.get("name"): f for f in rule.findall("field")}
    # On Messages, not on tickets: Odoo 17/18 send the webhook before the message is saved.
    assert values["model_id"].get("ref") == "mail.model_mail_message"
    assert values["trigger"].text == "on_create"
    assert ast.literal_eval(values["filter_domain"].text) == [("model", "=", "helpdesk.ticket"), ("message_type", "=", "comment")]
    assert values["active"].get("eval") == "False"
    action = next(r for r in root.iter("record") if r.get("model") == "ir.actions.server")
    values = {f.get("name"): f for f in action.findall("field")}
    assert values["state"].text == "webhook"
    assert values["model_id"].get("ref") == "mail.model_mail_message"
    assert values["base_automation_id"].get("ref") == rule.get("id")
    assert f"/webhooks/helpdesk/{OdooHelpdesk.name}?token=" in values["webhook_url"].text
    sent = re.findall(r"mail\.field_mail_message__(\w+)", values["webhook_field_ids"].get("eval"))
    assert sorted(sent) == sorted(WEBHOOK_MESSAGE_FIELDS)


def test_the_addon_agrees_with_the_manifest():
    assert check_addon(ADDON, MANIFEST) == []


@pytest.fixture
def addon_copy(tmp_path) -> Path:
    directory = tmp_path / ADDON_NAME
    shutil.copytree(ADDON_DIR, directory)
    return directory


@pytest.mark.parametrize("relative, old, new, problem", [
    ("models/helpdesk_ticket.py", '("phone", "Phone call (nothing is posted)"),', "",
     "helpdesk.ticket.social_reply_mode: selection differs from the manifest's options"),
    ("models/helpdesk_ticket.py", 'social_followers = fields.Integer(', "social_followers = fields.Float(",
     "social_followers is fields.Float; the manifest's integer needs fields.Integer"),
    ("views/helpdesk_ticket_views.xml", '<field name="social_sensitive"/>', '<field name="social_mood"/>',
     "shows helpdesk.ticket.social_mood, which neither the addon's models nor both helpdesks define"),
    ("views/helpdesk_ticket_views.xml", "('social_sensitive', '=', True)", "('social_mood', '=', True)",
     "filter social_sensitive searches helpdesk.ticket.social_mood"),
    ("models/helpdesk_ticket.py", '("failed", "NOT SENT: failed"),', "",
     "helpdesk.ticket.social_reply_state lacks the states failed, which the bridge writes"),
    ("models/helpdesk_ticket.py", "social_first_response_due = fields.Datetime(", "social_first_response_due = fields.Char(",
     "helpdesk.ticket.social_first_response_due must be fields.Datetime"),
    ("data/agent_reply_automation.xml", "</odoo>", "", "not well-formed XML"),
    ("data/agent_reply_automation.xml", ", ref('mail.field_mail_message__body')", "",
     "the webhook sends the message fields model, res_id, message_type, subtype_id, author_id; the bridge reads"),
    ("models/social_canned_reply.py", "_order = ", "_order = = ", "does not compile"),
    ("security/ir.model.access.csv", "base.group_user,1,0,0,0", "base.group_user,1,0,0,yes", "permissions are 0 or 1"),
    ("__manifest__.py", '"version": "0.1.0"', '"version": "9.9.9"', "version '9.9.9' is not the bridge's"),
])
def test_drift_between_addon_and_manifest_stops_the_build(addon_copy, tmp_path, relative, old, new, problem):
    path = addon_copy / relative
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(ConfigError) as caught:
        build_addon(addon_copy, MANIFEST, "helpdesk_mgmt", tmp_path / "addon.zip")
    assert problem in str(caught.value)
    assert not (tmp_path / "addon.zip").exists()


def test_canned_replies_in_the_source_are_refused_the_build_writes_them(addon_copy):
    (addon_copy / CANNED_REPLIES_FILE).write_text("<odoo/>")
    assert check_addon(addon_copy, MANIFEST) == [
        f"{CANNED_REPLIES_FILE}: the build writes it from the manifest; remove it from the source"]


def test_the_build_needs_every_channels_reply_rules():
    bare = load_manifest(registry.channel_labels())
    assert check_addon(ADDON, bare)[-1].startswith("the manifest has no reply rules for the channels bluesky, facebook")


def test_an_unlisted_data_file_is_reported(addon_copy):
    (addon_copy / "views" / "extra.xml").write_text("<odoo/>")
    assert check_addon(addon_copy, MANIFEST) == [
        "views/extra.xml: not listed in __manifest__.py data, so Odoo never loads it"]


def test_the_zip_holds_the_addon_folder(tmp_path, capsys):
    output = tmp_path / "addon.zip"
    assert main(["plugin", "build", "odoo", "--output", str(output)]) == 0
    assert f"wrote {output}" in capsys.readouterr().out
    with zipfile.ZipFile(output) as archive:
        names = archive.namelist()
        assert all(name.startswith(f"{ADDON_NAME}/") for name in names)
        assert f"{ADDON_NAME}/__manifest__.py" in names and f"{ADDON_NAME}/models/helpdesk_ticket.py" in names
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
        assert archive.read(f"{ADDON_NAME}/views/helpdesk_ticket_views.xml") == (ADDON / "views" / "helpdesk_ticket_views.xml").read_bytes()
        # the channel options are written from the registry, one per channel the bridge knows
        written = archive.read(f"{ADDON_NAME}/{CHANNELS_MODULE}").decode()
        canned = archive.read(f"{ADDON_NAME}/{CANNED_REPLIES_FILE}").decode()
    namespace: dict = {}
    exec(compile(written, CHANNELS_MODULE, "exec"), namespace)
    assert namespace[CHANNELS_NAME] == list(registry.channel_labels().items())
    assert ("x", "X") in namespace[CHANNELS_NAME]
    assert namespace[RULES_NAME] == {name: (r.label, r.public_limit, r.public_counting, r.private_limit, r.private_counting)
                                     for name, r in registry.reply_rules().items()}
    assert namespace[RULES_NAME]["x"] == ("X", 280, "x-weighted", 10000, "characters")
    # the canned replies come from the manifest, one record each, in its order
    records = [{f.get("name"): f.text for f in r.findall("field")} for r in ET.fromstring(canned).iter("record")]
    assert [(r["name"], r["keywords"], r["body"]) for r in records] == [
        (c.name, " ".join(c.keywords), c.text) for c in MANIFEST.canned_replies]
    assert all(r.get("model") == "social.bridge.canned.reply" for r in ET.fromstring(canned).iter("record"))
    assert len({r.get("id") for r in ET.fromstring(canned).iter("record")}) == len(records)


def test_the_channel_field_must_take_the_generated_options(addon_copy):
    path = addon_copy / "models" / "helpdesk_ticket.py"
    path.write_text(path.read_text().replace("        SOCIAL_CHANNELS,\n", '        [("x", "X")],\n', 1))
    assert check_addon(addon_copy, MANIFEST) == [
        "models: helpdesk.ticket.social_channel: its selection must be SOCIAL_CHANNELS, which the build writes from the registry"]


def test_the_enterprise_flavour_swaps_dependency_and_references(tmp_path):
    path = build_addon(ADDON_DIR, MANIFEST, "helpdesk", tmp_path / "enterprise.zip")
    with zipfile.ZipFile(path) as archive:
        texts = {name: archive.read(name).decode() for name in archive.namelist()}
    data = odoo_manifest(texts[f"{ADDON_NAME}/__manifest__.py"])
    assert data["depends"] == ["helpdesk", "mail", "base_automation"]
    assert not [name for name, text in texts.items() if "helpdesk_mgmt" in text and not name.endswith("__manifest__.py")]
    views = texts[f"{ADDON_NAME}/views/helpdesk_ticket_views.xml"]
    assert 'ref="helpdesk.helpdesk_ticket_view_form"' in views and 'ref="helpdesk.helpdesk_tickets_view_tree"' in views
    assert 'ref="helpdesk.helpdesk_tickets_view_search"' in views
    assert "helpdesk.group_helpdesk_manager" in texts[f"{ADDON_NAME}/security/ir.model.access.csv"]
    for name, text in texts.items():
        if name.endswith(".xml"):
            ET.fromstring(text)
    assert set(FLAVOURS) == {"helpdesk_mgmt", "helpdesk"}


def test_a_reference_without_an_enterprise_counterpart_stops_the_build(addon_copy, tmp_path):
    views = addon_copy / "views" / "helpdesk_ticket_views.xml"
    views.write_text(views.read_text().replace("helpdesk_mgmt.ticket_view_tree", "helpdesk_mgmt.ticket_view_kanban"))
    with pytest.raises(ConfigError, match="helpdesk_mgmt.ticket_view_kanban has no helpdesk counterpart"):
        build_addon(addon_copy, MANIFEST, "helpdesk", tmp_path / "x.zip")


# -- the django-helpdesk app ---------------------------------------------------------------------
def test_the_django_helpdesk_app_zip_carries_the_app_and_the_manifests_canned_replies(tmp_path, monkeypatch, capsys):
    from bridge.helpdesks.django_helpdesk.app import APP_DIR, APP_NAME, canned_replies_json
    from bridge.plugin.manifest import load_manifest

    monkeypatch.chdir(tmp_path)
    assert main(["plugin", "build", "django-helpdesk", "--output", "app.zip"]) == 0
    assert "add 'social_bridge_helpdesk' to INSTALLED_APPS before 'helpdesk'" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "app.zip") as archive:
        names = set(archive.namelist())
        replies = json.loads(archive.read(f"{APP_NAME}/canned_replies.json"))
    for needed in ("apps.py", "setup.py", "webhook.py", "urls.py", "views.py", "templatetags/social_bridge.py",
                   "templates/helpdesk/include/ticket_respond_form.html", "templates/helpdesk/ticket.html"):
        assert f"{APP_NAME}/{needed}" in names
    assert not any("__pycache__" in name for name in names)
    manifest = load_manifest(registry.channel_labels())
    assert replies == [{"name": r.name, "text": r.text} for r in manifest.canned_replies]
    # the copy the repository's site uses must not drift from the manifest either
    assert (APP_DIR / "canned_replies.json").read_text(encoding="utf-8") == canned_replies_json(manifest)


def test_the_reply_form_never_starts_public():
    from bridge.helpdesks.django_helpdesk.app import APP_DIR

    form = (APP_DIR / "templates" / "helpdesk" / "include" / "ticket_respond_form.html").read_text(encoding="utf-8")
    [switch] = re.findall(r"<input[^>]*name=\"public\"[^>]*>", form)
    assert "checked" not in switch and 'type="checkbox"' in switch
    assert "HELPDESK_UPDATE_PUBLIC_DEFAULT %}" not in form  # that setting would post every follow-up
