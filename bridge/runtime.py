"""Everything a process needs, built once from Settings: store, mappings, helpdesk, channels."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable

import requests

from bridge import registry
from bridge.channels.base import Channel
from bridge.config import Settings
from bridge.errors import ConfigError
from bridge.helpdesks.base import Helpdesk
from bridge.media_links import MediaLinks
from bridge.pipeline.mapping import ChannelMapping, load_mappings
from bridge.pipeline.privacy import Detector
from bridge.pipeline.second_opinion import SecondOpinion, second_opinion_on
from bridge.secret_key import secret_key
from bridge.store import Store
from bridge.store.usage import AccountUsage


def mapping_problems(mapping: ChannelMapping, detector: Detector) -> list[str]:
    """What a loaded mapping may not hold: texts the bridge posts by itself with sensitive data in them."""
    automatic = {f"auto_acknowledge.{k}": v for k, v in mapping.auto_acknowledge.items() if v}
    if mapping.exposure_notice:
        automatic["exposure.notice"] = mapping.exposure_notice
    texts = {**{f"acknowledgements.{k}": v for k, v in mapping.acknowledgements.items()}, **automatic}
    return [f"{mapping.source}: {key}: holds sensitive data; the bridge sends it by itself"
            for key, text in texts.items() if detector.find(text)]


FLOOD_WINDOW = 1.0  # seconds over which webhook arrivals are counted


class InFlight:
    """Webhook requests being answered right now, and how fast they arrive. In embedded mode the queue's
    threads share the process (and its GIL) with the server: they wait for a quiet moment before each task,
    a bounded time, and during a flood all but one of them wait, so acknowledgements stay fast under a
    burst and the queue catches up after it."""

    def __init__(self, flood_rate: float = 300.0) -> None:
        self.flood_rate = flood_rate  # arrivals per second above which the queue runs one task at a time
        self._count = 0
        self._lock = threading.Lock()
        self._quiet = threading.Event()
        self._quiet.set()
        self._window_start = time.monotonic()
        self._arrivals = 0  # since _window_start
        self._last_rate = 0.0  # arrivals per second in the last full window

    def __enter__(self) -> None:
        now = time.monotonic()
        with self._lock:
            self._count += 1
            self._quiet.clear()
            if now - self._window_start >= FLOOD_WINDOW:
                self._last_rate = self._arrivals / (now - self._window_start)
                self._window_start, self._arrivals = now, 0
            self._arrivals += 1

    def __exit__(self, *_exc) -> None:
        with self._lock:
            self._count -= 1
            if self._count == 0:
                self._quiet.set()

    def wait_quiet(self, at_most: float) -> bool:
        return self._quiet.wait(at_most)

    def flooding(self) -> bool:
        """Whether webhooks arrive faster than flood_rate: in the last full window, or already in this one
        (a window is closed by the next arrival; one still open past its length is measured as it stands)."""
        now = time.monotonic()
        with self._lock:
            elapsed = now - self._window_start
            if elapsed >= FLOOD_WINDOW:
                return self._arrivals / elapsed > self.flood_rate
            return self._last_rate > self.flood_rate or self._arrivals > self.flood_rate * FLOOD_WINDOW


class Runtime:
    def __init__(self, settings: Settings, store: Store | None = None, session: requests.Session | None = None):
        self.settings = settings
        self.store = store or Store(settings.database_url)
        errors: list[str] = []  # every problem at once
        try:
            self.mappings: dict[str, ChannelMapping] = load_mappings(settings.mappings_dir, registry.sla_defaults())
        except ConfigError as exc:
            errors.append(str(exc))
            self.mappings = {}
        for channel, _name in settings.accounts:
            if channel not in self.mappings and not errors:
                errors.append(f"{settings.mappings_dir}/{channel}.yaml: missing; every channel with an account needs a mapping")
        try:
            self.detector = Detector.from_settings(settings.privacy)
            self._second_opinion: SecondOpinion | None = None  # loaded when first asked (8 MB)
            self._second_opinion_lock = threading.Lock()
        except ConfigError as exc:
            raise ConfigError("\n".join([*errors, f"{settings.config_path}: {exc}"])) from exc
        for mapping in self.mappings.values():
            errors.extend(mapping_problems(mapping, self.detector))
            channel_class = registry.channels().get(mapping.channel)
            if mapping.listening and channel_class is not None and not channel_class.searches:
                errors.append(f"{mapping.source}: listening: {channel_class.label} cannot search; remove the section")
        if errors:
            raise ConfigError("\n".join(dict.fromkeys(errors)))
        self.session = session or requests.Session()
        self.helpdesk: Helpdesk = registry.helpdesks()[settings.helpdesk_kind](settings.helpdesk_settings, self.session)
        # an agent's images at short-lived signed links, for platforms that fetch them (Instagram DMs)
        self.media_links = MediaLinks(self.store.media, settings.public_url, secret_key)
        self._channels: dict[tuple[str, str], Channel] = {}
        self.webhooks_in_flight = InFlight()
        self._lock = threading.Lock()
        # set by the queue in use: schedules ("ingest" | "deliver", row id, delay in seconds)
        self.enqueue: Callable[..., None] = lambda kind, row_id, delay=0.0: None

    def public_doubt(self, text: str) -> float | None:
        """The learned second opinion's score when it keeps a reply from public though the rules found nothing
        in it (see bridge/pipeline/second_opinion.py); None when it does not, or is switched off."""
        if not second_opinion_on(self.settings.privacy):
            return None
        with self._second_opinion_lock:
            if self._second_opinion is None:
                self._second_opinion = SecondOpinion.load()
        return self._second_opinion.doubts(text)

    def channel(self, channel: str, account: str) -> Channel:
        key = (channel, account)
        with self._lock:
            if key not in self._channels:
                found = self.settings.accounts.get(key)
                if found is None:
                    raise ConfigError(f"{self.settings.config_path}: no account {channel}/{account}")
                instance = registry.channels()[channel](account, found.settings, self.session)
                instance.usage = AccountUsage(self.store.usage, channel, account)  # counted across processes
                instance.media_links = self.media_links
                self._channels[key] = instance
            return self._channels[key]
