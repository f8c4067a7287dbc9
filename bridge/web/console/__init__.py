"""The admin console at /admin/: server-rendered pages (Jinja, a little plain JavaScript, no build step),
behind an admin login with CSRF-protected forms. Every action calls a use case (bridge/usecases/):
the console shows and decides nothing of its own."""
from __future__ import annotations

from datetime import timedelta

from flask import Flask

from bridge.secret_key import secret_key
from bridge.web.console import openapi, views  # noqa: F401  (views adds its routes to the blueprint)
from bridge.web.console.auth import bp


def init_app(app: Flask) -> None:
    app.secret_key = app.secret_key or secret_key()  # BRIDGE_SECRET_KEY, else kept in the data directory
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=app.extensions["bridge"].settings.public_url.startswith("https://"),
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=12))
    app.register_blueprint(bp)
    app.register_blueprint(openapi.bp)
