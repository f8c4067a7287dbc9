"""Failed inbound events: listed with their reason and a masked payload, offered again, or dismissed."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bridge.pipeline.privacy import Detector
from bridge.runtime import Runtime


@dataclass(frozen=True)
class FailedEvent:
    id: int
    channel: str
    account: str
    received_at: datetime
    attempts: int
    reason: str  # the error the bridge recorded (safe to show: no secrets, no customer data)
    payload: str  # masked


def masked_body(detector: Detector, body: str) -> str:
    """A stored payload with every sensitive value masked (structure kept); not JSON: a placeholder."""
    def walk(value):
        if isinstance(value, str):
            found = detector.find(value)
            return detector.mask(value, found) if found else value
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    try:
        document = json.loads(body)
    except ValueError:
        return json.dumps({"unreadable": "the stored payload is not JSON"})
    return json.dumps(walk(document), ensure_ascii=False, indent=2)


def failed(rt: Runtime, limit: int = 200) -> list[FailedEvent]:
    return [FailedEvent(e.id, e.channel, e.account, e.received_at, e.attempts, e.last_error or "",
                        masked_body(rt.detector, e.body)) for e in rt.store.events.failed(limit)]


def retry(rt: Runtime, event_id: int) -> bool:
    """Offer a failed event again (after fixing a mapping or the helpdesk, say). False: it has not failed."""
    if not rt.store.events.reoffer_failed(event_id):
        return False
    rt.enqueue("ingest", event_id)
    return True


def dismiss(rt: Runtime, event_id: int) -> bool:
    """A person decided the failed event needs nothing more. False: it has not failed."""
    return rt.store.events.dismiss_failed(event_id)
