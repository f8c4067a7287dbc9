"""The queue's entry point: a kind of work and a row id → its use case (bridge/usecases/)."""
from __future__ import annotations

import logging
import time

from bridge.runtime import Runtime
from bridge.usecases.deliver import deliver
from bridge.usecases.ingest import ingest

log = logging.getLogger("bridge.tasks")

RUNNERS = {"ingest": ingest, "deliver": deliver}


def run(rt: Runtime, kind: str, row_id: int) -> str:
    started = time.monotonic()
    outcome = RUNNERS[kind](rt, row_id)
    log.debug("%s %s → %s in %.3fs", kind, row_id, outcome, time.monotonic() - started)
    return outcome
