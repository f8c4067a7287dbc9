"""The admin console at /admin/: server-rendered pages (Jinja, a little plain JavaScript, no build step),
behind an admin login with CSRF-protected forms. Every action calls a use case (bridge/usecases/):
the console shows and decides nothing of its own."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask

from bridge.web.console import openapi, views  # noqa: F401  (views adds its routes to the blueprint)
from bridge.web.console.auth import bp


def _secret_key() -> str:
    """BRIDGE_SECRET_KEY, else a random key kept in the data directory (so restarts keep sessions)."""
    given = os.environ.get("BRIDGE_SECRET_KEY")
    if given:
        return given
    path = Path(os.environ.get("BRIDGE_DATA_DIR", "var")) / "console_secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_hex(32))
    except FileExistsError:
        pass
    return path.read_text().strip()


def init_app(app: Flask) -> None:
    app.secret_key = app.secret_key or _secret_key()
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=app.extensions["bridge"].settings.public_url.startswith("https://"),
                      PERMANENT_SESSION_LIFETIME=timedelta(hours=12))
    app.register_blueprint(bp)
    app.register_blueprint(openapi.bp)
