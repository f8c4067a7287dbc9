"""Flask application factory."""
from __future__ import annotations

import logging

from flask import Flask, redirect

from bridge.config import load_settings
from bridge.runtime import Runtime

log = logging.getLogger("bridge")


def make_queue(rt: Runtime):
    """Embedded durable queue by default; Celery over Redis when REDIS_URL is set."""
    from bridge import queue

    if rt.settings.redis_url:
        from bridge.celery_app import configure

        return queue.CeleryQueue(rt, configure(rt.settings))
    return queue.EmbeddedQueue(rt)


def create_app(rt: Runtime | None = None, *, start_queue: bool = True) -> Flask:
    from bridge import registry
    from bridge.web import admin, console, health, webhooks

    rt = rt or Runtime(load_settings())
    app = Flask(__name__)
    app.extensions["bridge"] = rt
    app.register_blueprint(webhooks.bp)
    for channel in registry.channels().values():
        blueprint = channel.blueprint()
        if blueprint is not None:
            app.register_blueprint(blueprint)
    app.register_blueprint(health.bp)
    app.register_blueprint(admin.bp)
    console.init_app(app)

    @app.get("/")
    def index():
        return redirect("/sandbox/") if any(c == "sandbox" for c, _ in rt.settings.accounts) else redirect("/healthz")

    work_queue = make_queue(rt)
    app.extensions["bridge_queue"] = work_queue
    if start_queue:
        work_queue.start()
    return app
