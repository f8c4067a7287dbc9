"""Mapping files edited from the console: checked exactly as start-up loads them, saved with a backup,
and applied to the running process without a restart. An invalid mapping is never saved."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from bridge import registry
from bridge.errors import ConfigError
from bridge.pipeline.mapping import ChannelMapping, load_mapping
from bridge.runtime import Runtime, mapping_problems
from bridge.startup import unknown_queue_errors
from bridge.store import utcnow


def mapping_path(rt: Runtime, channel: str) -> Path:
    if channel not in registry.channels():
        raise ConfigError(f"unknown channel {channel!r}")
    return rt.settings.mappings_dir / f"{channel}.yaml"


def read(rt: Runtime, channel: str) -> str:
    path = mapping_path(rt, channel)
    return path.read_text(encoding="utf-8") if path.exists() else f"channel: {channel}\n"


def check(rt: Runtime, channel: str, text: str) -> tuple[ChannelMapping | None, list[str]]:
    """Load the text as its file would be loaded (schema, templates test-rendered, SLA, priority rules) and
    check the texts the bridge posts by itself. Errors name the key; the path shown is the real file's."""
    path = mapping_path(rt, channel)
    with tempfile.TemporaryDirectory() as directory:
        candidate = Path(directory) / f"{channel}.yaml"
        candidate.write_text(text, encoding="utf-8")
        try:
            mapping = load_mapping(candidate, registry.sla_defaults().get(channel))
        except ConfigError as exc:
            return None, [line.replace(str(candidate), str(path)) for line in str(exc).splitlines()]
    mapping = _with_source(mapping, str(path))
    problems = mapping_problems(mapping, rt.detector)
    return (None, problems) if problems else (mapping, [])


def save(rt: Runtime, channel: str, text: str) -> tuple[Path | None, list[str]]:
    """Write the file (as typed, so its comments stay), keeping the previous one as
    <channel>.yaml.<time>.bak, and use the new mapping from now on. Returns (backup path, errors).
    A queue the helpdesk does not have is refused too, as the next start-up would refuse it."""
    mapping, errors = check(rt, channel, text)
    if mapping is None:
        return None, errors
    errors = unknown_queue_errors(rt, [mapping])  # as start-up would refuse it (when the helpdesk answers)
    if errors:
        return None, errors
    path = mapping_path(rt, channel)
    backup = None
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{channel}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        if path.exists():
            backup = path.with_name(f"{path.name}.{utcnow():%Y%m%dT%H%M%S%f}.bak")
            backup.write_bytes(path.read_bytes())
        os.replace(temporary, path)  # readers see the old file or the new one, never half of one
    except OSError as exc:
        return None, [f"{path}: cannot write it here ({exc.strerror}); nothing changed"]
    rt.mappings[channel] = mapping
    return backup, []


def _with_source(mapping: ChannelMapping, source: str) -> ChannelMapping:
    from dataclasses import replace

    return replace(mapping, source=source)
