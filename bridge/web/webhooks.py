"""Webhooks. A platform delivery is verified on the raw body, stored, and acknowledged; the work
happens in the ingest task. A helpdesk webhook becomes an outbox row and a deliver task, or carries a
reviewer's decision on held replies."""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request

from bridge import metrics
from bridge.errors import PayloadError, RemoteError
from bridge.helpdesks.base import ReviewDecision
from bridge.pipeline.review import approval_refused, review_mode
from bridge.runtime import Runtime

log = logging.getLogger("bridge.web")
bp = Blueprint("webhooks", __name__)


def runtime() -> Runtime:
    return current_app.extensions["bridge"]


def receive(rt: Runtime, channel: str, account: str, headers: Mapping[str, str], body: bytes) -> tuple[dict[str, Any], int]:
    """The one ingest path for every platform (the sandbox included): verify, store, enqueue."""
    source = f"{channel}/{account}"
    if (channel, account) not in rt.settings.accounts:
        metrics.WEBHOOKS.labels(channel, "unknown_account").inc()
        return {"error": f"unknown account {source}"}, 404
    platform = rt.channel(channel, account)
    if not platform.verify(headers, body):
        metrics.WEBHOOKS.labels(channel, "bad_signature").inc()
        log.warning("webhook %s: signature check failed", source)
        return {"error": "signature check failed"}, 401
    try:
        payload = json.loads(body)
        if not isinstance(payload, dict):
            raise PayloadError("expected a JSON object")
        event_id = platform.event_id(payload, body)
    except (ValueError, PayloadError) as exc:
        metrics.WEBHOOKS.labels(channel, "malformed").inc()
        message = str(exc) if isinstance(exc, PayloadError) else "body is not valid JSON"
        return {"error": f"malformed delivery: {message}"}, 400
    row_id, created = rt.store.add_event(channel, account, event_id, body.decode("utf-8"))
    if created:
        rt.enqueue("ingest", row_id)
    metrics.WEBHOOKS.labels(channel, "accepted" if created else "duplicate").inc()
    return {"status": "accepted" if created else "duplicate", "event": row_id}, 200


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
    content, status = receive(runtime(), channel, account, request.headers, request.get_data(cache=False))
    return jsonify(content), status


@bp.route("/webhooks/helpdesk/<name>", methods=["POST"])
def helpdesk_webhook(name: str):
    rt = runtime()
    helpdesk = rt.helpdesk
    if name != helpdesk.name:
        return jsonify(error=f"unknown helpdesk {name}; this bridge talks to {helpdesk.name}"), 404
    body = request.get_data(cache=False)
    if not helpdesk.verify_webhook(request.headers, body, request.args):
        metrics.WEBHOOKS.labels(f"helpdesk:{name}", "bad_signature").inc()
        log.warning("helpdesk webhook %s: verification failed", name)
        return jsonify(error="signature check failed"), 401
    try:
        payload = json.loads(body)
        decisions = helpdesk.parse_approvals(payload, request.headers)
        replies = helpdesk.parse_webhook(payload, request.headers)
    except (ValueError, PayloadError) as exc:
        metrics.WEBHOOKS.labels(f"helpdesk:{name}", "malformed").inc()
        message = str(exc) if isinstance(exc, PayloadError) else "body is not valid JSON"
        return jsonify(error=f"malformed webhook: {message}"), 400
    except RemoteError as exc:
        # Some helpdesks are read back while parsing (Odoo); a non-2xx answer lets the sender retry.
        metrics.WEBHOOKS.labels(f"helpdesk:{name}", "helpdesk_unreachable").inc()
        log.warning("helpdesk webhook %s: could not read the reply back: %s", name, exc)
        return jsonify(error="could not read the reply from the helpdesk; send it again"), 503
    reviews = []
    for decision in decisions:  # before the replies: a reply in this same payload is not yet held
        try:
            # Cleared first: a decision left set would come back with the ticket's next update and
            # approve replies held after it. If this fails, nothing is approved and the helpdesk retries.
            helpdesk.clear_review_request(decision.ticket_id)
        except RemoteError as exc:
            metrics.WEBHOOKS.labels(f"helpdesk:{name}", "helpdesk_unreachable").inc()
            log.warning("helpdesk webhook %s: could not clear the review decision on ticket %s: %s", name,
                        decision.ticket_id, exc)
            return jsonify(error="could not clear the review decision in the helpdesk; send it again"), 503
        reviews += _apply_review(rt, helpdesk.name, decision)
    results = []
    for reply in replies:
        conversation = rt.store.conversation_for_ticket(helpdesk.name, reply.ticket_id)
        if conversation is None:
            results.append({"article": reply.article_id, "status": "ignored", "reason": "ticket is not from a social conversation"})
            continue
        delivery_id, created = rt.store.add_delivery(reply, conversation.id,
                                                     review=review_mode(reply.agent, rt.settings.review_rules))
        if created:
            rt.enqueue("deliver", delivery_id)
        results.append({"article": reply.article_id, "status": "queued" if created else "duplicate", "delivery": delivery_id})
    metrics.WEBHOOKS.labels(f"helpdesk:{name}", "accepted" if results or reviews else "ignored").inc()
    return jsonify(replies=results, reviews=reviews), 200


def _apply_review(rt: Runtime, helpdesk: str, decision: ReviewDecision) -> list[dict[str, Any]]:
    """Approve or reject every reply the ticket holds. Nobody approves their own reply, nor does an agent
    whose own replies are held for review; such a reply stays held and its agent is told why."""
    results = []
    for delivery in rt.store.held_deliveries(helpdesk, decision.ticket_id):
        why = approval_refused(decision.reviewer, delivery.agent, rt.settings.review_rules)
        if decision.approve and why:
            rt.store.update_delivery(delivery.id, note=f"Reply still held: {decision.reviewer} cannot approve {why}; "
                                     "another reviewer must approve it.", noted_at=None)
            rt.enqueue("deliver", delivery.id)  # writes that note; the reply stays held
            results.append({"delivery": delivery.id, "status": "refused", "reason": f"reviewer cannot approve {why}"})
            continue
        if decision.approve:
            done = rt.store.approve_delivery(delivery.id, decision.reviewer, None)
        else:
            done = rt.store.reject_delivery(delivery.id, decision.reviewer, "")
        if done:
            rt.enqueue("deliver", delivery.id)  # sends it, or writes the rejection note
        status = ("approved" if decision.approve else "rejected") if done else "already decided"
        results.append({"delivery": delivery.id, "status": status})
    return results
