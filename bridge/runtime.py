"""Everything a process needs, built once from Settings: store, mappings, helpdesk, channels."""
from __future__ import annotations

import threading
from collections.abc import Callable

import requests

from bridge import registry
from bridge.channels.base import Channel
from bridge.config import Settings
from bridge.errors import ConfigError
from bridge.helpdesks.base import Helpdesk
from bridge.pipeline.mapping import ChannelMapping, load_mappings
from bridge.pipeline.privacy import Detector
from bridge.store import Store


class InFlight:
    """Webhook requests being answered right now. In embedded mode the queue's threads share the process
    (and its GIL) with the server: they wait for a quiet moment before each task, a bounded time, so
    acknowledgements stay fast under a burst and the queue catches up after it."""

    def __init__(self) -> None:
        self._count = 0
        self._lock = threading.Lock()
        self._quiet = threading.Event()
        self._quiet.set()

    def __enter__(self) -> None:
        with self._lock:
            self._count += 1
            self._quiet.clear()

    def __exit__(self, *_exc) -> None:
        with self._lock:
            self._count -= 1
            if self._count == 0:
                self._quiet.set()

    def wait_quiet(self, at_most: float) -> bool:
        return self._quiet.wait(at_most)


class Runtime:
    def __init__(self, settings: Settings, store: Store | None = None, session: requests.Session | None = None):
        self.settings = settings
        self.store = store or Store(settings.database_url)
        self.mappings: dict[str, ChannelMapping] = load_mappings(settings.mappings_dir, registry.sla_defaults())
        for channel, _name in settings.accounts:
            if channel not in self.mappings:
                raise ConfigError(f"{settings.mappings_dir}/{channel}.yaml: missing; every channel with an account needs a mapping")
        try:
            self.detector = Detector.from_settings(settings.privacy)
        except ConfigError as exc:
            raise ConfigError(f"{settings.config_path}: {exc}") from exc
        for mapping in self.mappings.values():
            automatic = {f"auto_acknowledge.{k}": v for k, v in mapping.auto_acknowledge.items() if v}
            for key, text in {**{f"acknowledgements.{k}": v for k, v in mapping.acknowledgements.items()},
                              **automatic}.items():
                if self.detector.find(text):
                    raise ConfigError(f"{mapping.source}: {key}: holds sensitive data; the bridge sends it by itself")
        self.session = session or requests.Session()
        self.helpdesk: Helpdesk = registry.helpdesks()[settings.helpdesk_kind](settings.helpdesk_settings, self.session)
        self._channels: dict[tuple[str, str], Channel] = {}
        self.webhooks_in_flight = InFlight()
        self._lock = threading.Lock()
        # set by the queue in use: schedules ("ingest" | "deliver", row id, delay in seconds)
        self.enqueue: Callable[..., None] = lambda kind, row_id, delay=0.0: None

    def channel(self, channel: str, account: str) -> Channel:
        key = (channel, account)
        with self._lock:
            if key not in self._channels:
                found = self.settings.accounts.get(key)
                if found is None:
                    raise ConfigError(f"{self.settings.config_path}: no account {channel}/{account}")
                self._channels[key] = registry.channels()[channel](account, found.settings, self.session)
            return self._channels[key]
