"""How often the periodic work runs, in either mode (the embedded queue's scheduler, Celery beat)."""

SWEEP_EVERY = 30.0  # seconds between sweeps: SLA clocks, interrupted sends, rows whose message was lost
POLL_CHECK_EVERY = 2.0  # seconds between looks for polling accounts that are due
