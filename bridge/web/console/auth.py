"""Admin login (users with hashed passwords, created by `social-bridge admin create`), the session
cookie, and CSRF protection: every POST to the console carries the session's token."""
from __future__ import annotations

import hmac
import secrets

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for

bp = Blueprint("console", __name__, url_prefix="/admin", template_folder="templates", static_folder="static",
               static_url_path="/static")

OPEN_ENDPOINTS = {"console.login", "console.static"}


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


@bp.app_context_processor
def _template_globals():
    return {"csrf_token": csrf_token, "admin_user": session.get("admin")}


@bp.before_request
def _guard():
    if request.method == "POST":
        given = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token", "")
        expected = session.get("csrf", "")
        if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
            abort(400, description="The form has expired or did not come from this console (CSRF check). "
                                   "Reload the page and try again.")
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    if not session.get("admin"):
        if request.method == "GET":
            return redirect(url_for("console.login", next=request.full_path.rstrip("?")))
        abort(401, description="Sign in first.")
    return None


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    target = request.values.get("next") or url_for("console.overview")
    if not target.startswith("/admin"):  # never redirect elsewhere
        target = url_for("console.overview")
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        store = current_app.extensions["bridge"].store
        if username and password and store.admins.check(username, password):
            session.clear()
            session.permanent = True
            session["admin"] = username
            csrf_token()
            return redirect(target)
        error = "Unknown user or wrong password."
        current_app.logger.warning("console: failed sign-in")
    no_users = current_app.extensions["bridge"].store.admins.count() == 0
    return render_template("console/login.html", error=error, next=target, no_users=no_users), 401 if error else 200


@bp.post("/logout")
def logout():
    session.clear()
    return redirect(url_for("console.login"))
