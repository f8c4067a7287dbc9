"""Settings: a YAML config file (accounts, helpdesk) plus environment variables for the deployment.

Values in the file may reference the environment as ${NAME} or ${NAME:-default}, so secrets stay
out of the file. Everything is validated at start-up; errors name the file and the key.
"""
from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

from bridge.errors import ConfigError
from bridge.schemas import (
    ADMIN_TOKEN_MIN,
    AccountEntrySchema,
    ConfigFileSchema,
    HelpdeskEntrySchema,
    describe,
)
from bridge.yamlfile import load_yaml_mapping

DEFAULT_CONFIG = Path(__file__).parent / "defaults" / "bridge.yaml"
_ENV_REF = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?\}")


@dataclass(frozen=True)
class Account:
    channel: str
    name: str
    settings: dict[str, Any]  # validated by the channel's account_schema


@dataclass(frozen=True)
class Settings:
    config_path: str
    database_url: str
    redis_url: str | None
    public_url: str
    mappings_dir: Path
    helpdesk_kind: str
    helpdesk_settings: dict[str, Any]
    accounts: dict[tuple[str, str], Account] = field(default_factory=dict)
    admin_token: str | None = None  # the admin API is off without one
    privacy: dict[str, Any] = field(default_factory=dict)
    review_rules: list[dict[str, Any]] = field(default_factory=list)
    escalation_url: str | None = None  # escalations are also POSTed here (chat or pager webhook)


def _substitute(value: Any, env: Mapping[str, str], where: str) -> Any:
    if isinstance(value, dict):
        return {k: _substitute(v, env, f"{where}.{k}" if where else str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_substitute(v, env, f"{where}[{i}]") for i, v in enumerate(value)]
    if not isinstance(value, str):
        return value

    def replace(match: re.Match) -> str:
        name, default = match.group(1), match.group(2)
        if name in env:
            return env[name]
        if default is not None:
            return default
        raise ConfigError(f"{where}: environment variable {name} is not set")

    return _ENV_REF.sub(replace, value)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read BRIDGE_CONFIG (default: the embedded sandbox + local django-helpdesk setup)."""
    from bridge import registry

    CHANNELS, HELPDESKS = registry.channels(), registry.helpdesks()
    env = os.environ if env is None else env
    path = Path(env.get("BRIDGE_CONFIG") or DEFAULT_CONFIG)
    source = str(path)
    document = load_yaml_mapping(path)
    try:
        document = _substitute(document, env, "")
    except ConfigError as exc:
        raise ConfigError(f"{source}: {exc}") from exc
    errors: list[str] = []  # every problem is reported at once, not one section at a time
    try:
        data = ConfigFileSchema().load(document)
    except ValidationError as exc:
        # the rest of the file is still checked: the valid part of what was read
        errors.append(describe(exc))
        valid = exc.valid_data if isinstance(exc.valid_data, dict) else {}
        data = dict(valid)
        for section in ("helpdesk", "accounts"):
            if isinstance(document.get(section), (dict, list)):
                data.setdefault(section, document[section])
        for name in ("database_url", "redis_url", "public_url", "mappings_dir", "admin_token", "escalation_url"):
            data.setdefault(name, None)
        data.setdefault("privacy", {})
        data.setdefault("review", [])

    helpdesk_kind, helpdesk_settings = "", {}
    raw_helpdesk = data.get("helpdesk") if isinstance(data.get("helpdesk"), dict) else None
    try:
        if raw_helpdesk is None:
            raise ConfigError("helpdesk: missing")
        helpdesk = HelpdeskEntrySchema().load(raw_helpdesk)
        helpdesk_cls = HELPDESKS.get(helpdesk["kind"])
        if helpdesk_cls is None:
            raise ConfigError(f"helpdesk.kind: unknown {helpdesk['kind']!r}; known: {', '.join(sorted(HELPDESKS))}")
        helpdesk_kind = helpdesk["kind"]
        helpdesk_settings = helpdesk_cls.settings_schema().load({k: v for k, v in raw_helpdesk.items() if k != "kind"})
    except ValidationError as exc:
        errors.append(f"helpdesk: {describe(exc)}")
    except ConfigError as exc:
        errors.append(str(exc))

    accounts: dict[tuple[str, str], Account] = {}
    for i, entry in enumerate(data.get("accounts") or []):
        try:
            head = AccountEntrySchema().load(entry)
        except ValidationError as exc:
            errors.append(f"accounts[{i}]: {describe(exc)}")
            continue
        channel_cls = CHANNELS.get(head["channel"])
        if channel_cls is None:
            errors.append(f"accounts[{i}].channel: unknown {head['channel']!r}; known: {', '.join(sorted(CHANNELS))}")
            continue
        try:
            settings = channel_cls.account_schema().load({k: v for k, v in entry.items() if k not in ("channel", "name")})
        except ValidationError as exc:
            errors.append(f"accounts[{i}] ({head['channel']}/{head['name']}): {describe(exc)}")
            continue
        key = (head["channel"], head["name"])
        if key in accounts:
            errors.append(f"accounts[{i}]: {key[0]}/{key[1]} is listed twice")
            continue
        accounts[key] = Account(channel=head["channel"], name=head["name"], settings=settings)
    public_url = env.get("BRIDGE_PUBLIC_URL")
    if public_url and not _is_http_url(public_url):
        errors.append(f"BRIDGE_PUBLIC_URL: not an http(s) URL: {public_url!r}")
    if errors:
        raise ConfigError("\n".join(f"{source}: {e}" for e in errors))

    admin_token = env.get("BRIDGE_ADMIN_TOKEN") or data["admin_token"]
    if admin_token is not None and len(admin_token) < ADMIN_TOKEN_MIN:
        # The same rule for the environment as for the file; the token itself is never quoted.
        raise ConfigError(f"BRIDGE_ADMIN_TOKEN: at least {ADMIN_TOKEN_MIN} characters (it has {len(admin_token)})"
                          if env.get("BRIDGE_ADMIN_TOKEN") else f"{source}: admin_token: at least {ADMIN_TOKEN_MIN} "
                          "characters")

    data_dir = Path(env.get("BRIDGE_DATA_DIR", "var"))
    return Settings(
        config_path=source,
        database_url=env.get("DATABASE_URL") or data["database_url"] or f"sqlite:///{data_dir / 'bridge.db'}",
        redis_url=env.get("REDIS_URL") or data["redis_url"] or None,
        public_url=(env.get("BRIDGE_PUBLIC_URL") or data["public_url"] or "http://127.0.0.1:8000").rstrip("/"),
        mappings_dir=Path(env.get("BRIDGE_MAPPINGS_DIR") or data["mappings_dir"] or "mappings"),
        helpdesk_kind=helpdesk_kind,
        helpdesk_settings=helpdesk_settings,
        accounts=accounts,
        admin_token=admin_token,
        privacy=data["privacy"],
        review_rules=data["review"],
        escalation_url=data["escalation_url"],
    )


def _is_http_url(value: str) -> bool:
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)
