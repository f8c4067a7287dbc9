"""Checks made when the service starts, beyond what loading the config and mappings checks: that each
mapping's queue exists in the helpdesk (when the helpdesk answers), and a port that can be used."""
from __future__ import annotations

import logging

from bridge.errors import ConfigError, RemoteError
from bridge.pipeline.mapping import SAMPLE_POST, ChannelMapping
from bridge.runtime import Runtime

log = logging.getLogger("bridge.startup")


def unknown_queue_errors(rt: Runtime, mappings: list[ChannelMapping] | None = None) -> list[str]:
    """One line per mapping (default: all loaded) whose queue (group, team) the helpdesk does not have.
    Empty when all are known, when the adapter cannot tell, or when the helpdesk cannot be asked now (logged)."""
    queues: dict[str, list[str]] = {}
    for mapping in rt.mappings.values() if mappings is None else mappings:
        try:
            queues.setdefault(mapping.render("queue", SAMPLE_POST), []).append(mapping.source)
        except ConfigError:
            continue  # reported when the mapping was loaded
    try:
        unknown = rt.helpdesk.unknown_queues(sorted(queues))
    except ConfigError as exc:
        return [str(exc)]
    except RemoteError as exc:
        log.warning("the mappings' queues were not checked: helpdesk %s could not be asked: %s", rt.helpdesk.name, exc)
        return []
    if unknown is None:
        return []
    errors = []
    for queue in unknown:
        name = queue.split(" (id ")[0]
        for source in queues.get(name, [name]):
            errors.append(f"{source}: queue: {rt.helpdesk.name} has no queue {queue!r}")
    return errors


def parse_port(value: str, where: str = "BRIDGE_PORT") -> int:
    try:
        port = int(value)
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not a port number (1–65535)") from None
    if not 1 <= port <= 65535:
        raise ConfigError(f"{where}: {port} is not a port number (1–65535)")
    return port
