"""What the bridge does, one module per use case. Each takes the Runtime and row ids, claims its row,
does what is left, and can run again safely. The web layer, the embedded queue and Celery only call
these.

    receive   a platform's webhook delivery: verify, store, enqueue (and the helpdesk's webhook)
    ingest    stored event → posts → tickets / articles (masked, prioritised, SLA clock started)
    deliver   agent reply → privacy route → platform → note on the ticket (clock stopped)
    review    approve / reject held replies (from the helpdesk or the admin API)
    sweep     SLA warnings and escalations, interrupted sends
    failures  the one decision of what a failed remote call means: retry, wait, or stop
"""
