"""Flask blueprints: webhooks in, the sandbox platform, health and metrics."""
