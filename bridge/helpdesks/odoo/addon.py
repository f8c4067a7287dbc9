"""`social-bridge plugin build odoo`: the Odoo addon in addon_files/, checked and zipped.

The addon adds the manifest's fields to helpdesk.ticket, shows them on the ticket form and list,
installs the automation rule (on Messages) whose webhook action sends agents' replies to the
bridge, and ships the canned social replies. Both helpdesks that define helpdesk.ticket are supported, one
build each: the source targets OCA's helpdesk_mgmt (Odoo Community); the "helpdesk" flavour
(Odoo Enterprise) swaps the dependency and the inherited view, menu and group references.

Before zipping, the addon is checked against the manifest, so the two cannot drift apart. What the
manifest holds is not copied into the source: the build writes the social_channel options and each
channel's reply limits and counting rules (models/social_channels.py) and the canned replies
(data/social_canned_replies.xml) from it.

Besides the manifest's fields the addon has a few of its own on helpdesk.ticket (ADDON_OWN_FIELDS):
the first response's due time and the last reply's fate, which the bridge's adapter writes, and the
form's "Social reply" box. Views may also show fields that both helpdesks' helpdesk.ticket define
(HELPDESK_TICKET_FIELDS).
"""
from __future__ import annotations

import ast
import csv
import io
import pprint
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from bridge import __version__
from bridge.errors import ConfigError
from bridge.plugin.manifest import CHANNEL_FIELD, Manifest

ADDON_NAME = "social_bridge_helpdesk"
ADDON_DIR = Path(__file__).parent / "addon_files" / ADDON_NAME
TICKET_MODEL = "helpdesk.ticket"
CANNED_REPLY_MODEL = "social.bridge.canned.reply"
REQUIRED_MANIFEST_KEYS = ("name", "version", "license", "depends", "data")
ACCESS_HEADER = ["id", "name", "model_id:id", "group_id:id", "perm_read", "perm_write", "perm_create", "perm_unlink"]
ODOO_FIELD_CLASSES = {"select": "Selection", "text": "Char", "url": "Char", "integer": "Integer", "boolean": "Boolean"}
_SOURCE_MODULE = "helpdesk_mgmt"
_SOURCE_REF = re.compile(rf"\b{_SOURCE_MODULE}\.[a-z0-9_]+")
_SKIPPED = ("__pycache__",)
CHANNELS_MODULE = "models/social_channels.py"  # written by the build
CHANNELS_NAME = "SOCIAL_CHANNELS"  # what helpdesk_ticket.py imports from it
RULES_NAME = "SOCIAL_REPLY_RULES"  # and this: channel → (label, public limit, counting, private limit, counting)
CANNED_REPLIES_FILE = "data/social_canned_replies.xml"  # written by the build from the manifest's canned_replies
GENERATED = (CHANNELS_MODULE, CANNED_REPLIES_FILE)
# helpdesk.ticket fields this addon adds beyond the manifest's, by kind (fields.<Kind>).
ADDON_OWN_FIELDS = {
    "social_first_response_due": "Datetime",  # the adapter's DUE_FIELD
    "social_reply_state": "Selection",  # the adapter's REPLY_STATE_FIELD
    "social_reply_draft": "Text",
    "social_reply_destination": "Char",
    "social_reply_length": "Char",
}
# Fields of helpdesk.ticket in both OCA's helpdesk_mgmt and Odoo's Helpdesk, which the views may show too.
HELPDESK_TICKET_FIELDS = frozenset({"name", "partner_id", "stage_id", "tag_ids", "priority", "team_id", "user_id"})


@dataclass(frozen=True)
class Flavour:
    module: str  # the helpdesk module the addon depends on
    refs: dict[str, str]  # an external id in the source → the same thing in this flavour


FLAVOURS = {
    "helpdesk_mgmt": Flavour("helpdesk_mgmt", {}),
    # Odoo Enterprise's ids are not in any public source; these are the ones its customisations use.
    "helpdesk": Flavour("helpdesk", {
        "helpdesk_mgmt.ticket_view_form": "helpdesk.helpdesk_ticket_view_form",
        "helpdesk_mgmt.ticket_view_tree": "helpdesk.helpdesk_tickets_view_tree",
        "helpdesk_mgmt.helpdesk_ticket_main_menu": "helpdesk.menu_helpdesk_root",
        "helpdesk_mgmt.group_helpdesk_manager": "helpdesk.group_helpdesk_manager",
        "helpdesk_mgmt.helpdesk_ticket_view_search": "helpdesk.helpdesk_tickets_view_search",
    }),
}


# -- building ---------------------------------------------------------------------------------
def build_addon(addon_dir: Path, manifest: Manifest, flavour_name: str, output: Path | None) -> Path:
    flavour = FLAVOURS.get(flavour_name)
    if flavour is None:
        raise ConfigError(f"unknown Odoo flavour {flavour_name!r}; known: {', '.join(FLAVOURS)}")
    problems = check_addon(addon_dir, manifest)
    if problems:
        raise ConfigError(f"{addon_dir}: " + "; ".join(problems))
    path = Path(output) if output else Path(f"{ADDON_NAME}-{flavour_name}-{__version__}.zip")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for source in _addon_files(addon_dir):
            relative = source.relative_to(addon_dir).as_posix()
            archive.writestr(f"{ADDON_NAME}/{relative}", _for_flavour(relative, source.read_text(encoding="utf-8"), flavour))
        archive.writestr(f"{ADDON_NAME}/{CHANNELS_MODULE}", channels_module(manifest))
        archive.writestr(f"{ADDON_NAME}/{CANNED_REPLIES_FILE}", canned_replies_xml(manifest))
    return path


def channels_module(manifest: Manifest) -> str:
    options = list(manifest.field(CHANNEL_FIELD).options.items())
    rules = {name: (rule.label, rule.public_limit, rule.public_counting, rule.private_limit, rule.private_counting)
             for name, rule in manifest.reply_rules.items()}
    return (f"# Written by `social-bridge plugin build odoo`: the channels the bridge knows, and each one's\n"
            f"# reply limits and counting rules (label, public limit, counting, private limit, counting).\n"
            f"{CHANNELS_NAME} = {pprint.pformat(options, width=100)}\n"
            f"{RULES_NAME} = {pprint.pformat(rules, width=100)}\n")


def canned_replies_xml(manifest: Manifest) -> str:
    """The manifest's canned replies as records of the addon's canned-reply model."""
    records = []
    for number, reply in enumerate(manifest.canned_replies, start=1):
        xml_id = "canned_reply_" + re.sub(r"[^a-z0-9]+", "_", reply.name.lower()).strip("_")
        records.append(
            f'        <record id="{xml_id}" model="{CANNED_REPLY_MODEL}">\n'
            f'            <field name="sequence">{number * 10}</field>\n'
            f'            <field name="name">{escape(reply.name)}</field>\n'
            f'            <field name="keywords">{escape(" ".join(reply.keywords))}</field>\n'
            f'            <field name="body">{escape(reply.text)}</field>\n'
            f'        </record>\n')
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            "<!-- Written by `social-bridge plugin build odoo` from the plugin manifest's canned_replies.\n"
            "     noupdate: replies an admin edited survive module updates. -->\n"
            '<odoo>\n    <data noupdate="1">\n' + "".join(records) + "    </data>\n</odoo>\n")


def _addon_files(addon_dir: Path) -> list[Path]:
    return sorted(p for p in addon_dir.rglob("*")
                  if p.is_file() and not any(part in _SKIPPED for part in p.parts) and p.suffix != ".pyc")


def _for_flavour(relative: str, text: str, flavour: Flavour) -> str:
    if flavour.module == _SOURCE_MODULE:
        return text
    if relative == "__manifest__.py":
        manifest = ast.literal_eval(text)
        manifest["depends"] = [flavour.module if d == _SOURCE_MODULE else d for d in manifest["depends"]]
        return (f"# Built by `social-bridge plugin build odoo --flavour {flavour.module}` from the {_SOURCE_MODULE} source.\n"
                + pprint.pformat(manifest, sort_dicts=False, width=100) + "\n")

    def swap(match: re.Match) -> str:
        try:
            return flavour.refs[match.group()]
        except KeyError:
            raise ConfigError(f"{ADDON_NAME}/{relative}: {match.group()} has no {flavour.module} counterpart") from None

    return _SOURCE_REF.sub(swap, text)


# -- checking ---------------------------------------------------------------------------------
def check_addon(addon_dir: Path, manifest: Manifest) -> list[str]:
    """Everything that would break the install or let the addon drift from the manifest; empty when sound."""
    problems: list[str] = []
    odoo_manifest = _read_odoo_manifest(addon_dir, problems)
    if odoo_manifest is None:
        return problems
    for path in _addon_files(addon_dir):
        relative = path.relative_to(addon_dir).as_posix()
        if path.suffix == ".py":
            try:
                compile(path.read_text(encoding="utf-8"), relative, "exec")
            except SyntaxError as exc:
                problems.append(f"{relative}: does not compile: {exc.msg} (line {exc.lineno})")
        elif path.suffix == ".xml":
            try:
                ET.parse(path)
            except ET.ParseError as exc:
                problems.append(f"{relative}: not well-formed XML: {exc}")
        if path.parent != addon_dir and path.suffix in (".xml", ".csv") and relative not in odoo_manifest["data"]:
            problems.append(f"{relative}: not listed in __manifest__.py data, so Odoo never loads it")
    if problems:
        return problems

    models = _models(addon_dir, problems)
    _check_ticket_fields(models.get(TICKET_MODEL, {}), manifest, problems)
    _check_access(addon_dir, models, problems)
    for relative in odoo_manifest["data"]:
        if relative.endswith(".xml") and relative not in GENERATED:
            _check_xml(relative, ET.parse(addon_dir / relative).getroot(), models, problems)
    try:
        ET.fromstring(canned_replies_xml(manifest))
    except ET.ParseError as exc:
        problems.append(f"{CANNED_REPLIES_FILE}: the build would write malformed XML: {exc}")
    missing_rules = sorted(set(manifest.field(CHANNEL_FIELD).options) - set(manifest.reply_rules))
    if missing_rules:
        problems.append(f"the manifest has no reply rules for the channels {', '.join(missing_rules)} "
                        "(load it with bridge.registry.reply_rules())")
    return problems


def _read_odoo_manifest(addon_dir: Path, problems: list[str]) -> dict[str, Any] | None:
    path = addon_dir / "__manifest__.py"
    try:
        data = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError) as exc:
        problems.append(f"__manifest__.py: not a readable dict literal ({exc})")
        return None
    missing = [key for key in REQUIRED_MANIFEST_KEYS if key not in data]
    if missing:
        problems.append(f"__manifest__.py: missing {', '.join(missing)}")
        return None
    if data["version"] != __version__:
        problems.append(f"__manifest__.py: version {data['version']!r} is not the bridge's {__version__!r}")
    if not {_SOURCE_MODULE, "mail", "base_automation"} <= set(data["depends"]):
        problems.append(f"__manifest__.py: depends must include {_SOURCE_MODULE} (swapped per flavour), mail and base_automation")
    problems += [f"__manifest__.py: data file {name} does not exist" for name in data["data"]
                 if not (addon_dir / name).is_file() and name not in GENERATED]
    problems += [f"{name}: the build writes it from the manifest; remove it from the source"
                 for name in GENERATED if (addon_dir / name).exists()]
    if CANNED_REPLIES_FILE not in data["data"]:
        problems.append(f"__manifest__.py: data must list {CANNED_REPLIES_FILE}, which the build writes")
    return data


@dataclass(frozen=True)
class OdooField:
    kind: str  # Selection, Char, …
    string: str | None
    selection: tuple[tuple[str, str], ...] | str | None  # a str: the name of a list the build writes
    default: Any


def _models(addon_dir: Path, problems: list[str]) -> dict[str, dict[str, OdooField]]:
    """Model name → the fields this addon defines on it, read from the Python source without Odoo."""
    models: dict[str, dict[str, OdooField]] = {}
    for path in sorted((addon_dir / "models").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.ClassDef):
                continue
            attributes = {t.id: stmt.value for stmt in node.body if isinstance(stmt, ast.Assign)
                          for t in stmt.targets if isinstance(t, ast.Name)}
            name_node = attributes.get("_name") or attributes.get("_inherit")
            if not isinstance(name_node, ast.Constant) or not isinstance(name_node.value, str):
                continue
            fields_here = models.setdefault(name_node.value, {})
            for attribute, value in attributes.items():
                odoo_field = _odoo_field(value)
                if odoo_field is not None:
                    fields_here[attribute] = odoo_field
    if not models:
        problems.append("models/: no model classes found")
    return models


def _odoo_field(node: ast.expr) -> OdooField | None:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "fields"):
        return None
    keywords = {k.arg: k.value for k in node.keywords}

    def literal(value: ast.expr | None) -> Any:
        return ast.literal_eval(value) if value is not None else None

    selection = node.args[0] if node.args and node.func.attr == "Selection" else keywords.get("selection")
    if isinstance(selection, ast.Name):
        options: tuple[tuple[str, str], ...] | str | None = selection.id  # a name the build fills in
    else:
        options = tuple(tuple(pair) for pair in literal(selection)) if selection is not None else None
    return OdooField(
        kind=node.func.attr,
        string=literal(keywords.get("string")),
        selection=options,
        default=literal(keywords.get("default")),
    )


def _check_ticket_fields(defined: dict[str, OdooField], manifest: Manifest, problems: list[str]) -> None:
    from bridge.helpdesks.odoo.adapter import DUE_FIELD, REPLY_STATE_FIELD, REPLY_STATES  # what the adapter writes

    wanted = {spec.name: spec for spec in manifest.fields}
    for name in sorted(set(defined) - set(wanted) - set(ADDON_OWN_FIELDS)):
        problems.append(f"models: {TICKET_MODEL}.{name} is not in the manifest")
    for name, kind in ADDON_OWN_FIELDS.items():
        found = defined.get(name)
        if found is None or found.kind != kind:
            problems.append(f"models: {TICKET_MODEL}.{name} must be fields.{kind}")
    if not {DUE_FIELD, REPLY_STATE_FIELD} <= set(ADDON_OWN_FIELDS):
        problems.append("the adapter writes fields the addon does not define")
    state = defined.get(REPLY_STATE_FIELD)
    keys = {pair[0] for pair in state.selection} if state and isinstance(state.selection, tuple) else set()
    if state is not None and not set(REPLY_STATES.values()) <= keys:
        problems.append(f"models: {TICKET_MODEL}.{REPLY_STATE_FIELD} lacks the states "
                        f"{', '.join(sorted(set(REPLY_STATES.values()) - keys))}, which the bridge writes")
    for name, spec in wanted.items():
        found = defined.get(name)
        where = f"models: {TICKET_MODEL}.{name}"
        if found is None:
            problems.append(f"{where} is missing")
            continue
        if found.kind != ODOO_FIELD_CLASSES[spec.type]:
            problems.append(f"{where} is fields.{found.kind}; the manifest's {spec.type} needs fields.{ODOO_FIELD_CLASSES[spec.type]}")
        if found.string != spec.label:
            problems.append(f"{where}: string {found.string!r} is not the manifest's label {spec.label!r}")
        if name == CHANNEL_FIELD:
            if found.selection != CHANNELS_NAME:
                problems.append(f"{where}: its selection must be {CHANNELS_NAME}, which the build writes from the registry")
        elif spec.type == "select" and found.selection != tuple(spec.options.items()):
            problems.append(f"{where}: selection differs from the manifest's options")
        if spec.default is not None and found.default != spec.default:
            problems.append(f"{where}: default {found.default!r} is not the manifest's {spec.default!r}")


def _check_access(addon_dir: Path, models: dict[str, dict[str, OdooField]], problems: list[str]) -> None:
    path = addon_dir / "security" / "ir.model.access.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    if not rows or rows[0] != ACCESS_HEADER:
        problems.append(f"security/ir.model.access.csv: header must be {','.join(ACCESS_HEADER)}")
        return
    own_models = {f"model_{name.replace('.', '_')}" for name in models if name != TICKET_MODEL}
    covered = set()
    for number, row in enumerate(rows[1:], start=2):
        where = f"security/ir.model.access.csv line {number}"
        if len(row) != len(ACCESS_HEADER):
            problems.append(f"{where}: {len(row)} columns, expected {len(ACCESS_HEADER)}")
            continue
        if row[2] not in own_models:
            problems.append(f"{where}: {row[2]} is not a model this addon defines")
        if any(flag not in ("0", "1") for flag in row[4:]):
            problems.append(f"{where}: permissions are 0 or 1")
        covered.add(row[2])
    problems += [f"security/ir.model.access.csv: no access rule for {model}" for model in sorted(own_models - covered)]


def _check_xml(relative: str, root: ET.Element, models: dict[str, dict[str, OdooField]], problems: list[str]) -> None:
    for record in root.iter("record"):
        values = {f.get("name"): f for f in record.findall("field")}
        if record.get("model") == "ir.ui.view":
            model_field = values.get("model")
            model = (model_field.text or "").strip() if model_field is not None else ""
            arch = values.get("arch")
            known = models.get(model)
            if arch is None or known is None:
                continue
            base = HELPDESK_TICKET_FIELDS if model == TICKET_MODEL else frozenset()
            for element in (e for child in arch for e in child.iter("field")):  # not the arch element itself
                if element.get("name") not in known and element.get("name") not in base:
                    problems.append(f"{relative}: view {record.get('id')} shows {model}.{element.get('name')}, "
                                    "which neither the addon's models nor both helpdesks define")
            for element in (e for child in arch for e in child.iter("filter") if e.get("domain")):
                for name in _domain_fields(element.get("domain", "")):
                    if name not in known and name not in base:
                        problems.append(f"{relative}: filter {element.get('name')} searches {model}.{name}, "
                                        "which neither the addon's models nor both helpdesks define")
        webhook_fields = values.get("webhook_field_ids")
        if webhook_fields is not None:
            from bridge.helpdesks.odoo.adapter import (
                WEBHOOK_MESSAGE_FIELDS,  # what the bridge's Odoo adapter reads
            )

            sent = re.findall(r"ref\('mail\.field_mail_message__([a-z0-9_]+)'\)", webhook_fields.get("eval", ""))
            if sorted(sent) != sorted(WEBHOOK_MESSAGE_FIELDS):
                problems.append(f"{relative}: the webhook sends the message fields {', '.join(sent)}; "
                                f"the bridge reads {', '.join(WEBHOOK_MESSAGE_FIELDS)}")


def _domain_fields(domain: str) -> list[str]:
    """The fields a filter's domain names (the first part of each path), or [] for one that is not a literal."""
    try:
        terms = ast.literal_eval(domain)
    except (ValueError, SyntaxError):
        return []
    return [term[0].split(".")[0] for term in terms if isinstance(term, (list, tuple)) and term and isinstance(term[0], str)]
