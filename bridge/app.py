"""Flask application factory."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, redirect
from werkzeug.exceptions import RequestEntityTooLarge

from bridge.config import load_settings
from bridge.runtime import Runtime

log = logging.getLogger("bridge")

# The largest request body taken (webhooks and API alike); a larger one is answered 413. Platform deliveries
# are a few kilobytes; Meta's batches stay far below this.
MAX_BODY_BYTES = 1024 * 1024


def make_queue(rt: Runtime):
    """Embedded durable queue by default; Celery over Redis when REDIS_URL is set."""
    from bridge import queue

    if rt.settings.redis_url:
        from bridge.celery_app import configure

        return queue.CeleryQueue(rt, configure(rt.settings))
    return queue.EmbeddedQueue(rt)


def create_app(rt: Runtime | None = None, *, start_queue: bool = True) -> Flask:
    from bridge import registry
    from bridge.web import admin, console, health, media, webhooks

    rt = rt or Runtime(load_settings())
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.extensions["bridge"] = rt

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_exc: RequestEntityTooLarge):
        return jsonify(error=f"request body over the limit of {MAX_BODY_BYTES} bytes"), 413
    app.register_blueprint(webhooks.bp)
    for channel in registry.channels().values():
        blueprint = channel.blueprint()
        if blueprint is not None:
            app.register_blueprint(blueprint)
    app.register_blueprint(health.bp)
    app.register_blueprint(media.bp)
    app.register_blueprint(admin.bp)
    console.init_app(app)

    @app.get("/")
    def index():
        return redirect("/sandbox/") if any(c == "sandbox" for c, _ in rt.settings.accounts) else redirect("/healthz")

    app.wsgi_app = webhooks.PlatformWebhooks(app.wsgi_app, rt, MAX_BODY_BYTES)  # type: ignore[method-assign]
    work_queue = make_queue(rt)
    app.extensions["bridge_queue"] = work_queue
    if start_queue:
        work_queue.start()
    return app
