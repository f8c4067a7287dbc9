"""Where integrations are found. Nothing else lists channels or helpdesks by hand.

Built-in ones are the packages under bridge/channels/ and bridge/helpdesks/ that export CHANNEL (a
Channel subclass) or HELPDESK (a Helpdesk subclass): adding one is adding its package, as with
Apprise's plugins. Other distributions add theirs through entry points, the way pytest and Flask
find plugins:

    [project.entry-points."social_bridge.channels"]
    acme_chat = "acme_bridge_chat:AcmeChatChannel"
"""
from __future__ import annotations

import functools
import importlib
import pkgutil
from importlib.metadata import entry_points
from types import ModuleType
from typing import Any

from bridge import channels as channels_package
from bridge import helpdesks as helpdesks_package
from bridge.channels.base import Channel
from bridge.errors import ConfigError
from bridge.helpdesks.base import Helpdesk
from bridge.plugin.manifest import ReplyRule

CHANNEL_GROUP = "social_bridge.channels"
HELPDESK_GROUP = "social_bridge.helpdesks"



@functools.cache
def channels() -> dict[str, type[Channel]]:
    """Every channel, by name."""
    return _find(channels_package, "CHANNEL", CHANNEL_GROUP, Channel)


@functools.cache
def helpdesks() -> dict[str, type[Helpdesk]]:
    """Every helpdesk, by name (the config's helpdesk.kind)."""
    return _find(helpdesks_package, "HELPDESK", HELPDESK_GROUP, Helpdesk)


def sla_defaults() -> dict[str, tuple[str, str]]:
    """Each channel's first response (target, maximum) for a mapping without an `sla:` section."""
    return {name: cls.first_response_default for name, cls in channels().items()}


def channel_labels() -> dict[str, str]:
    """name → label, in the order agents see them (built-in first, then by label)."""
    return {name: cls.label for name, cls in channels().items()}


def reply_rules() -> dict[str, ReplyRule]:
    """Each channel's reply limits and counting rules, for the helpdesks' reply forms (the plugin builds)."""
    return {name: ReplyRule(label=cls.label, public_limit=cls.public_limit, public_counting=cls.counting,
                            private_limit=cls.private_limit, private_counting=cls.private_counting)
            for name, cls in channels().items()}


def _find(package: ModuleType, attribute: str, group: str, base: type) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue  # shared modules (base.py, payload.py, …), not integrations
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        cls = getattr(module, attribute, None)
        if cls is not None:
            _add(found, _checked(cls, base, f"{module.__name__}.{attribute}"))
    for point in entry_points(group=group):
        try:
            cls = point.load()
        except Exception as exc:  # a broken third-party plugin must not stop the bridge from naming it
            raise ConfigError(f"entry point {group}:{point.name} ({point.value}) does not load: {exc}") from exc
        _add(found, _checked(cls, base, f"entry point {group}:{point.name}"))
    return found


def _checked(cls: Any, base: type, where: str) -> Any:
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise ConfigError(f"{where}: not a {base.__name__} subclass")
    for attribute in ("name", "label") if base is Channel else ("name",):
        if not isinstance(getattr(cls, attribute, None), str):
            raise ConfigError(f"{where}: {cls.__name__} has no {attribute}")
    return cls


def _add(found: dict[str, Any], cls: Any) -> None:
    if cls.name in found and found[cls.name] is not cls:
        raise ConfigError(f"two integrations are named {cls.name!r}: {found[cls.name].__module__} and {cls.__module__}")
    found[cls.name] = cls
