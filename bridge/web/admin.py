"""The admin API (token-protected): review held replies, see and retry failed work, KPIs."""
from __future__ import annotations

import hmac
from dataclasses import asdict
from datetime import datetime, timezone
from functools import wraps
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Blueprint, jsonify, request
from marshmallow import Schema, ValidationError, fields, validate

from bridge.metrics import KPI_WINDOW_DAYS, kpi_report
from bridge.model import DeliveryState
from bridge.schemas import describe
from bridge.usecases import failed_events
from bridge.usecases.review import decide
from bridge.web.webhooks import runtime

bp = Blueprint("admin", __name__, url_prefix="/admin/api")


def admin_only(view):
    @wraps(view)
    def checked(*args, **kwargs):
        token = runtime().settings.admin_token
        if not token:
            return jsonify(error="the admin API is off: set admin_token in the config or BRIDGE_ADMIN_TOKEN"), 403
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), token.encode()):
            return jsonify(error="admin token required (Authorization: Bearer <token>)"), 401
        return view(*args, **kwargs)

    return checked


class ReviewSchema(Schema):
    reviewer = fields.String(required=True, validate=validate.Length(min=1, max=200))
    text = fields.String(load_default=None, validate=validate.Length(min=1))  # an edited reply, on approve
    reason = fields.String(load_default="", validate=validate.Length(max=500))  # on reject


def _body(schema: Schema):
    try:
        return schema.load(request.get_json(force=True, silent=True) or {}), None
    except ValidationError as exc:
        return None, (jsonify(error=f"invalid request: {describe(exc)}"), 400)


def _delivery_json(d, with_text: bool) -> dict:
    data = {
        "id": d.id, "helpdesk": d.helpdesk, "ticket_id": d.ticket_id, "article_id": d.article_id, "state": d.state,
        "route": d.route, "requested_mode": d.requested_mode, "agent": d.agent, "review": d.review,
        "reviewed_by": d.reviewed_by, "sensitive_kinds": [k for k in d.sensitive_kinds.split(",") if k],
        "external_url": d.external_url, "last_error": d.last_error, "created_at": d.created_at.isoformat() + "+00:00",
    }
    if with_text:
        data["text"] = d.text
    return data


@bp.get("/deliveries")
@admin_only
def list_deliveries():
    """?state=awaiting_approval (held replies, with their text) | ?review=after (published, to review)."""
    store = runtime().store
    state = request.args.get("state")
    if state is not None and state not in {s.value for s in DeliveryState}:
        return jsonify(error=f"state: one of {', '.join(s.value for s in DeliveryState)}"), 400
    if request.args.get("review") not in (None, "after"):
        return jsonify(error="review: only 'after' (published replies still to be reviewed)"), 400
    unreviewed_after = request.args.get("review") == "after"
    rows = store.outbox.recent(state=state, unreviewed_after=unreviewed_after)
    return jsonify([_delivery_json(d, with_text=d.state == "awaiting_approval" or unreviewed_after) for d in rows])


def _review(delivery_id: int, approve: bool):
    data, error = _body(ReviewSchema())
    if error:
        return error
    rt = runtime()
    result = decide(rt, delivery_id, data["reviewer"], approve=approve, text=data["text"], reason=data["reason"])
    if result.status == "refused":
        return jsonify(error=f"{data['reviewer']} {result.reason}"), 403
    if not result.done:
        return jsonify(error=result.reason), 409
    return jsonify(_delivery_json(rt.store.outbox.get(delivery_id), with_text=False)), 200


@bp.post("/deliveries/<int(max=2147483647):delivery_id>/approve")
@admin_only
def approve(delivery_id: int):
    return _review(delivery_id, approve=True)


@bp.post("/deliveries/<int(max=2147483647):delivery_id>/reject")
@admin_only
def reject(delivery_id: int):
    return _review(delivery_id, approve=False)


@bp.post("/deliveries/<int(max=2147483647):delivery_id>/reviewed")
@admin_only
def reviewed(delivery_id: int):
    """Mark a reply published under "review after" as reviewed."""
    data, error = _body(ReviewSchema())
    if error:
        return error
    rt = runtime()
    if not rt.store.outbox.mark_reviewed(delivery_id, data["reviewer"]):
        return jsonify(error=f"delivery {delivery_id} has no review pending"), 409
    return jsonify(_delivery_json(rt.store.outbox.get(delivery_id), with_text=False)), 200


@bp.get("/events")
@admin_only
def list_events():
    """?state=failed: inbound events that need a person, newest first, with the reason (never the payload),
    and the id that POST /events/<id>/retry takes."""
    state = request.args.get("state", "failed")
    if state != "failed":
        return jsonify(error="state: only failed events are listed (?state=failed)"), 400
    rt = runtime()

    def masked(text: str | None) -> str | None:
        found = rt.detector.find(text) if text else None
        return rt.detector.mask(text, found) if text and found else text

    return jsonify([{"id": e.id, "channel": e.channel, "account": e.account, "event_id": e.event_id,
                     "state": e.state, "attempts": e.attempts, "reason": masked(e.last_error),
                     "received_at": e.received_at.isoformat() + "+00:00",
                     "failed_at": e.done_at.isoformat() + "+00:00" if e.done_at else None}
                    for e in rt.store.events.failed()])


@bp.post("/events/<int(max=2147483647):event_id>/retry")
@admin_only
def retry_event(event_id: int):
    """Offer a failed inbound event again (after fixing a mapping or the helpdesk, say)."""
    if not failed_events.retry(runtime(), event_id):
        return jsonify(error=f"event {event_id} has not failed"), 409
    return jsonify(id=event_id, state="pending"), 200


@bp.get("/kpis")
@admin_only
def kpis():
    """First-response KPIs per channel and day: ?days=30 (1–366), ?tz=Europe/Berlin for the days' boundaries."""
    try:
        days = int(request.args.get("days", KPI_WINDOW_DAYS))
        if not 1 <= days <= 366:
            raise ValueError
    except ValueError:
        return jsonify(error="days: a whole number from 1 to 366"), 400
    try:
        zone = ZoneInfo(request.args.get("tz", "UTC"))
    except (ZoneInfoNotFoundError, ValueError):
        return jsonify(error="tz: not a known time zone, e.g. Europe/Berlin"), 400
    report = kpi_report(runtime().store, datetime.now(timezone.utc), days, zone)

    def row(r):
        data = asdict(r)
        data["day"] = r.day.isoformat() if r.day else None
        data["sla_met_share"] = r.sla_met_share
        return data

    return jsonify(days=days, tz=str(zone), total=row(report.total), by_channel=[row(r) for r in report.by_channel],
                   by_day=[row(r) for r in report.by_day], by_channel_day=[row(r) for r in report.by_channel_day])
