"""Reading platform payloads: each helper returns the value or raises PayloadError saying where."""
from __future__ import annotations

from typing import Any

from bridge.errors import PayloadError


def as_object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise PayloadError(f"{where} is missing or not an object")
    return value


def as_list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise PayloadError(f"{where} is missing or not a list")
    return value


def required_text(obj: dict[str, Any], key: str, where: str, *, allow_empty: bool = False) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not (value or allow_empty):
        raise PayloadError(f"{where}: {key} is missing, empty or not a string")
    return value


def optional_text(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise PayloadError(f"{where}: {key} is not a string")
    return value


def required_id(obj: dict[str, Any], key: str, where: str) -> str:
    """A Graph id: a string of digits (and underscores for post and comment ids), sometimes sent as a number."""
    value = optional_id(obj, key, where)
    if value is None:
        raise PayloadError(f"{where}: {key} is missing")
    return value


def optional_id(obj: dict[str, Any], key: str, where: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise PayloadError(f"{where}: {key} is not an id")
    return value
