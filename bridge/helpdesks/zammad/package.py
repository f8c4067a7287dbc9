"""`social-bridge plugin build zammad`: the Zammad package file (.szpm) for what only a package can add.

A Zammad package is one JSON document: name, version, vendor, license, url, description,
change_log and files[] ({location relative to Zammad's root, permission, encode, content in
base64}). Zammad refuses locations containing "..", writes the files on install, and runs the
migrations in db/addon/<name underscored>/<version>_<name>.rb (class <Name camelcased>, with
class methods up and down) when the admin runs `zammad run rake zammad:package:migrate`
(app/models/package.rb and package/migration.rb in Zammad's source).

The reply form's script holds each channel's limits and counting rules, written into it here from
the bridge's channels (CHANNEL_RULES_MARKER), so a new channel or limit needs no edit of the script.
"""
from __future__ import annotations

import base64
import json
import re
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate

from bridge import __version__
from bridge.errors import ConfigError
from bridge.plugin.manifest import ReplyRule
from bridge.schemas import describe
from bridge.yamlfile import load_yaml_mapping

FILE_PERMISSION = 644
REQUIRED_KEYS = ("name", "version", "vendor", "license", "url", "description", "change_log", "files")
# The line of the reply form's script that the build fills in with the channels' rules.
CHANNEL_RULES_MARKER = "@CHANNELS: {}  # social-bridge: channel rules"
_MIGRATION = re.compile(r"^db/addon/(?P<package>[a-z0-9_]+)/(?P<version>\d{14})_(?P<name>[a-z0-9_]+)\.rb$")


class _ChangeSchema(Schema):
    class Meta:
        unknown = RAISE

    version = fields.String(required=True)
    log = fields.String(required=True)


class PackageMetaSchema(Schema):
    class Meta:
        unknown = RAISE

    name = fields.String(required=True, validate=validate.Regexp(r"^[A-Z][A-Za-z0-9]+$", error="a CamelCase name"))
    vendor = fields.String(required=True, validate=validate.Length(min=1))
    license = fields.String(required=True, validate=validate.Length(min=1))
    url = fields.String(required=True)
    description = fields.String(required=True, validate=validate.Length(min=1))
    change_log = fields.List(fields.Nested(_ChangeSchema), required=True)


def underscore(name: str) -> str:
    """Rails' String#underscore for a CamelCase name: SocialBridge → social_bridge."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def camelcase(name: str) -> str:
    """Rails' String#camelcase for a snake_case name: social_bridge_article_types → SocialBridgeArticleTypes."""
    return "".join(part.capitalize() for part in name.split("_"))


def channel_rules_literal(reply_rules: Mapping[str, ReplyRule]) -> str:
    """The channels' rules as the script's @CHANNELS (JSON, which CoffeeScript reads as an object literal)."""
    table = {name: {"label": rule.label, "public": [rule.public_limit, rule.public_counting],
                    "private": [rule.private_limit, rule.private_counting]}
             for name, rule in sorted(reply_rules.items())}
    return "@CHANNELS: " + json.dumps(table, ensure_ascii=False, sort_keys=True)


def _content(path: Path, reply_rules: Mapping[str, ReplyRule]) -> bytes:
    data = path.read_bytes()
    if path.suffix != ".coffee":
        return data
    text = data.decode("utf-8")
    if CHANNEL_RULES_MARKER in text:
        text = text.replace(CHANNEL_RULES_MARKER, channel_rules_literal(reply_rules), 1)
    return text.encode("utf-8")


def build_package(plugin_dir: Path, now: datetime, reply_rules: Mapping[str, ReplyRule]) -> dict[str, Any]:
    meta_path = Path(plugin_dir) / "package.yaml"
    try:
        meta = PackageMetaSchema().load(load_yaml_mapping(meta_path))
    except ValidationError as exc:
        raise ConfigError(f"{meta_path}: {describe(exc)}") from exc
    files_dir = Path(plugin_dir) / "package"
    sources = sorted(path for path in files_dir.rglob("*") if path.is_file())
    if not sources:
        raise ConfigError(f"{files_dir}: no package files")
    if not reply_rules:
        raise ConfigError("the reply form needs the channels' reply rules (bridge.registry.reply_rules)")
    marked = [p for p in sources if p.suffix == ".coffee" and CHANNEL_RULES_MARKER in p.read_text(encoding="utf-8")]
    if len(marked) != 1:
        raise ConfigError(f"{files_dir}: exactly one script must hold the line {CHANNEL_RULES_MARKER!r} "
                          f"for the channels' rules ({len(marked)} do)")
    package = {
        "name": meta["name"],
        "version": __version__,
        "vendor": meta["vendor"],
        "license": meta["license"],
        "url": meta["url"],
        "buildhost": "",
        "builddate": now.isoformat(timespec="seconds"),
        "change_log": [{"version": c["version"], "date": "", "log": c["log"]} for c in meta["change_log"]],
        "description": [{"language": "en", "text": meta["description"]}],
        "files": [
            {
                "location": path.relative_to(files_dir).as_posix(),
                "permission": FILE_PERMISSION,
                "encode": "base64",
                "content": base64.b64encode(_content(path, reply_rules)).decode("ascii"),
            }
            for path in sources
        ],
    }
    problems = check_package(package)
    if problems:
        raise ConfigError(f"{files_dir}: " + "; ".join(problems))
    return package


def check_package(package: dict[str, Any]) -> list[str]:
    """What Zammad would refuse or mis-run in a package; empty when it is sound."""
    problems = [f"missing key {key}" for key in REQUIRED_KEYS if key not in package]
    if problems:
        return problems
    folder = underscore(package["name"])
    for entry in package["files"]:
        location = entry.get("location", "")
        path = PurePosixPath(location)
        if not location or path.is_absolute() or ".." in path.parts or "\\" in location:
            problems.append(f"{location!r}: locations are relative to Zammad's root, without ..")
            continue
        try:
            content = base64.b64decode(entry["content"], validate=True)
        except (KeyError, ValueError):
            problems.append(f"{location}: content is not base64")
            continue
        if not location.startswith("db/addon/"):
            continue
        match = _MIGRATION.match(location)
        if match is None:
            problems.append(f"{location}: migrations are named db/addon/<package>/<14-digit version>_<name>.rb")
        elif match["package"] != folder:
            problems.append(f"{location}: Zammad runs the migrations of package {package['name']} from db/addon/{folder}/")
        elif not re.search(rf"^class {camelcase(match['name'])}\b", content.decode("utf-8"), re.MULTILINE):
            problems.append(f"{location}: defines no class {camelcase(match['name'])}, which Zammad calls up/down on")
    return problems


def write_package(package: dict[str, Any], output: Path | None) -> Path:
    path = Path(output) if output else Path(f"{package['name']}-{package['version']}.szpm")
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
