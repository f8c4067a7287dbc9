"""Checks made when the service starts, beyond what loading the config and mappings checks: that each
mapping's queue exists in the helpdesk (when the helpdesk answers), a port that can be used, and what in the
set-up keeps reply images from going (a warning, not an error: the replies still go, as text)."""
from __future__ import annotations

import logging

from bridge import registry, secret_key
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
    return _number_in(value, where, "a port number", 1, 65535)


SERVE_THREADS = 8  # serve's threads unless told: 16 measured no faster on PostgreSQL, with a longer p99 (docs/benchmarks.md)


def serve_threads(value: str | None, where: str) -> int:
    """serve's thread count: as given (--threads or BRIDGE_THREADS), else SERVE_THREADS."""
    return _number_in(value, where, "a number of threads", 1, 256) if value else SERVE_THREADS


def _number_in(value: str, where: str, what: str, low: int, high: int) -> int:
    """A whole number from low to high, or one clear line saying where it came from and what it should be."""
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{where}: {value!r} is not {what} ({low}–{high})") from None
    if not low <= number <= high:
        raise ConfigError(f"{where}: {number} is not {what} ({low}–{high})")
    return number


def media_warnings(rt: Runtime) -> list[str]:
    """One line per thing in the set-up that keeps accounts' reply images from going: a platform that fetches
    them by link (Instagram DMs) cannot reach a loopback BRIDGE_PUBLIC_URL; with Celery, serve and the workers
    must sign the links with one key. Logged once when `serve` starts, and listed in /healthz."""
    channels = registry.channels()
    accounts = [f"{c}/{n}" for c, n in sorted(rt.settings.accounts) if c in channels and channels[c].media_by_link]
    if not accounts:
        return []
    warnings = []
    why = rt.media_links.unreachable()
    if why:
        warnings.append(f"{', '.join(accounts)}: images in replies need BRIDGE_PUBLIC_URL reachable from the internet "
                        f"({why}); until it is, those replies go as text and the agent is told why")
    if rt.settings.redis_url and not secret_key.configured():
        warnings.append(f"{', '.join(accounts)}: set BRIDGE_SECRET_KEY, the same for serve and every worker: the "
                        "image links a worker signs are checked by serve, and without it each keeps its own key")
    return warnings
