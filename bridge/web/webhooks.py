"""Webhooks: HTTP in, use cases (bridge/usecases/receive.py) do the rest."""
from __future__ import annotations

from collections.abc import Mapping
from typing import cast

from flask import Blueprint, Response, current_app, jsonify, request

from bridge.runtime import Runtime
from bridge.usecases.receive import receive, receive_helpdesk

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


@bp.route("/webhooks/<channel>/<account>", methods=["POST"])
def platform_webhook(channel: str, account: str):
    rt = runtime()
    with rt.webhooks_in_flight:
        answer = receive(rt, channel, account, _headers(), request.get_data(cache=False))
    return jsonify(answer.body), answer.status


@bp.route("/webhooks/helpdesk/<name>", methods=["POST"])
def helpdesk_webhook(name: str):
    answer = receive_helpdesk(runtime(), name, _headers(), request.args, request.get_data(cache=False))
    return jsonify(answer.body), answer.status
