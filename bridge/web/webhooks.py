"""Webhooks: HTTP in, use cases (bridge/usecases/receive.py) do the rest. A platform's delivery is answered
in front of Flask (PlatformWebhooks); its handshake and the helpdesk's webhook are Flask routes."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from http import HTTPStatus
from typing import Any, cast

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.datastructures import EnvironHeaders
from werkzeug.exceptions import BadRequest, RequestEntityTooLarge
from werkzeug.wsgi import get_input_stream

from bridge.runtime import Runtime
from bridge.usecases.receive import Answer, receive, receive_helpdesk

log = logging.getLogger("bridge.webhooks")

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
PLATFORM_PREFIX = "/webhooks/"

bp = Blueprint("webhooks", __name__)


def runtime() -> Runtime:
    return current_app.extensions["bridge"]


def _headers() -> Mapping[str, str]:
    return cast(Mapping[str, str], request.headers)  # case-insensitive, as header names are


@bp.route("/webhooks/<channel>/<account>", methods=["GET"])
def platform_handshake(channel: str, account: str):
    rt = runtime()
    if (channel, account) not in rt.settings.accounts:
        return jsonify(error=f"unknown account {channel}/{account}"), 404
    answer = rt.channel(channel, account).handshake(request.args)
    if answer is None:
        return jsonify(error=f"{channel} has no GET handshake"), 405
    status, content = answer
    if isinstance(content, (dict, list)):
        return jsonify(content), status
    return Response(str(content), status=status, mimetype="text/plain")


class PlatformWebhooks:
    """`POST /webhooks/<channel>/<account>`, answered in front of Flask; every other request goes on to it.

    A platform's delivery is the one request that comes in storms, and its answer is only verify, store,
    acknowledge. Flask's request and application contexts, URL map and response object cost the process
    about half as much CPU again as all of that (on PostgreSQL, calling the app in-process: 450 µs a delivery
    through Flask, 290 µs in front of it), so this route reads the WSGI environ itself."""

    def __init__(self, app: WsgiApp, rt: Runtime, max_body: int) -> None:
        self.app = app
        self.rt = rt
        self.max_body = max_body

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        route = self._route(environ)
        if route is None:
            return self.app(environ, start_response)
        try:
            body = get_input_stream(environ, max_content_length=self.max_body).read()
        except RequestEntityTooLarge:
            answer = Answer(413, {"error": f"request body over the limit of {self.max_body} bytes"})
        except BadRequest:  # (the client went away before its body's last byte)
            answer = Answer(400, {"error": "the request body ended before its Content-Length"})
        else:
            try:
                with self.rt.webhooks_in_flight:
                    answer = receive(self.rt, *route, cast(Mapping[str, str], EnvironHeaders(environ)), body)
            except Exception as exc:  # the store is unreachable, or a bug: the platform sends it again later
                # (the error's type only: a driver's message may quote the values it was given)
                log.error("webhook %s/%s: could not store the delivery (%s)", *route, type(exc).__name__)
                answer = Answer(503, {"error": "could not store the delivery; send it again"})
        content = json.dumps(answer.body, separators=(",", ":")).encode() + b"\n"
        start_response(f"{answer.status} {HTTPStatus(answer.status).phrase}",
                       [("Content-Type", "application/json"), ("Content-Length", str(len(content)))])
        return [content]

    @staticmethod
    def _route(environ: dict[str, Any]) -> tuple[str, str] | None:
        """(channel, account) of a platform's delivery; None for any other request (the helpdesk's webhook,
        a handshake, a path of another shape: Flask answers those)."""
        path = environ.get("PATH_INFO", "")
        if environ.get("REQUEST_METHOD") != "POST" or not path.startswith(PLATFORM_PREFIX):
            return None
        parts = path[len(PLATFORM_PREFIX):].split("/")
        if len(parts) != 2 or not all(parts) or parts[0] == "helpdesk":
            return None
        # (WSGI gives the path's bytes as Latin-1 characters; Flask reads them as UTF-8, and so do we)
        channel, account = (part.encode("latin-1").decode("utf-8", "replace") for part in parts)
        return channel, account


@bp.route("/webhooks/helpdesk/<name>", methods=["POST"])
def helpdesk_webhook(name: str):
    answer = receive_helpdesk(runtime(), name, _headers(), request.args, request.get_data(cache=False))
    return jsonify(answer.body), answer.status
