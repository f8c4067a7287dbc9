"""Flask blueprints: webhooks in, the admin API, health and metrics (a channel may add its own, as the sandbox does)."""
