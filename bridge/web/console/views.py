"""Console pages. Each one reads through the store's queries and acts only through use cases."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, session, url_for

from bridge import registry
from bridge.errors import BridgeError
from bridge.metrics import KPI_WINDOW_DAYS, kpi_report
from bridge.model import DeliveryState, ReplyMode
from bridge.runtime import Runtime
from bridge.usecases import failed_events, mappings, preview, resend, review, simulate
from bridge.usecases.overview import overview as build_overview
from bridge.web.console.auth import bp as console_bp
from bridge.web.console.charts import line_chart

MAX_PREVIEW_BYTES = 256 * 1024


def rt() -> Runtime:
    return current_app.extensions["bridge"]


def _masked(text: str | None) -> str:
    if not text:
        return ""
    found = rt().detector.find(text)
    return rt().detector.mask(text, found) if found else text


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    try:
        value = int(request.args.get(name, default))
    except ValueError:
        abort(400, description=f"{name}: a whole number from {low} to {high}")
    if not low <= value <= high:
        abort(400, description=f"{name}: a whole number from {low} to {high}")
    return value


def overview():
    return render_template("console/overview.html", page="overview", data=build_overview(rt()),
                           helpdesk=rt().helpdesk.name, queue="celery" if rt().settings.redis_url else "embedded")


# -- mappings ------------------------------------------------------------------------------------
def mapping_list():
    channels = sorted(registry.channels())
    configured = {c for c, _ in rt().settings.accounts}
    return render_template("console/mappings.html", page="mappings", channels=channels, configured=configured,
                           loaded=rt().mappings)


def _known_channel(channel: str) -> None:
    if channel not in registry.channels():
        abort(404, description=f"unknown channel {channel!r}")


def mapping_edit(channel: str):
    _known_channel(channel)
    samples = preview.recent_samples(rt().store, rt().detector, channel)
    return render_template("console/mapping_edit.html", page="mappings", channel=channel,
                           text=mappings.read(rt(), channel), samples=[s for s, _ in samples], errors=[])


def mapping_check(channel: str):
    """Validation as you type, and the live preview: JSON {yaml, payload?, sample?}."""
    _known_channel(channel)
    if (request.content_length or 0) > MAX_PREVIEW_BYTES:
        return jsonify(ok=False, errors=["too large: at most 256 KB"], previews=[]), 413
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("yaml"), str):
        return jsonify(ok=False, errors=['send JSON {"yaml": "...", "payload": "...", "sample": id}'], previews=[]), 400
    mapping, errors = mappings.check(rt(), channel, body["yaml"])
    answer: dict[str, Any] = {"ok": mapping is not None, "errors": errors, "previews": [], "preview_error": None}
    given = body.get("payload")
    payload: str = given if isinstance(given, str) else ""
    sample = body.get("sample")
    if not payload.strip() and sample not in (None, ""):
        bodies = dict((s.event_id, text) for s, text in preview.recent_samples(rt().store, rt().detector, channel))
        try:
            payload = bodies.get(int(sample), "") or ""
        except (TypeError, ValueError):
            payload = ""
        if not payload:
            answer["preview_error"] = "that recent post is no longer available"
    if mapping is not None and payload.strip():
        try:
            channel_obj = preview.preview_channel(rt().settings, channel)
            found = preview.preview_text(mapping, rt().detector, channel_obj, payload,
                                         show_full=bool(rt().settings.privacy.get("show_full_in_ticket")))
            answer["previews"] = [p.as_dict() for p in found]
            if not found:
                answer["preview_error"] = "no posts in this payload (an event type the bridge ignores, or the brand's own post)"
        except BridgeError as exc:
            answer["preview_error"] = str(exc)
    return jsonify(answer)


def mapping_save(channel: str):
    _known_channel(channel)
    text = request.form.get("yaml", "")
    backup, errors = mappings.save(rt(), channel, text)
    if errors:
        samples = preview.recent_samples(rt().store, rt().detector, channel)
        return render_template("console/mapping_edit.html", page="mappings", channel=channel, text=text,
                               samples=[s for s, _ in samples], errors=errors), 422
    current_app.logger.info("console: %s saved mappings/%s.yaml", session.get("admin"), channel)
    flash(f"Saved {channel}.yaml and applied it" + (f" (previous version kept as {backup.name})" if backup else "") + ".")
    return redirect(url_for("console.mapping_edit", channel=channel))


# -- routing simulator ---------------------------------------------------------------------------
def routing():
    conversations = rt().store.conversations.recent(50)
    result = None
    form = {"conversation": "", "text": "", "mode": "public", "agent": ""}
    if request.method == "POST":
        form = {k: request.form.get(k, "") for k in form}
        try:
            conversation_id = int(form["conversation"])
            mode = ReplyMode(form["mode"])
        except ValueError:
            abort(400, description="pick a conversation and a reply mode (public, private or phone)")
        if not form["text"].strip():
            abort(400, description="type the reply to simulate")
        result = simulate.simulate(rt(), conversation_id, form["text"], mode, form["agent"])
        if result is None:
            abort(404, description=f"no conversation {conversation_id}")
    return render_template("console/routing.html", page="routing", conversations=conversations, form=form,
                           result=result)


# -- outbox --------------------------------------------------------------------------------------
def outbox():
    state = request.args.get("state") or None
    if state and state not in {s.value for s in DeliveryState}:
        abort(400, description=f"state: one of {', '.join(s.value for s in DeliveryState)}")
    rows = rt().store.outbox.recent(state=state, limit=100)
    counts = {row.state: row.count for row in rt().store.backlog()["deliveries"]}
    return render_template("console/outbox.html", page="outbox", rows=rows, state=state, counts=counts,
                           states=[s.value for s in DeliveryState], masked=_masked, why_not_resend=resend.why_not,
                           held_state=DeliveryState.AWAITING_APPROVAL.value)


def outbox_decide(delivery_id: int, decision: str):
    reviewer = session["admin"]
    text = request.form.get("text", "").strip() or None
    reason = request.form.get("reason", "").strip()
    result = review.decide(rt(), delivery_id, reviewer, approve=decision == "approve", text=text, reason=reason)
    if result.done:
        flash(f"Reply {delivery_id} {result.status}.")
    else:
        flash(f"Reply {delivery_id} not changed: {reviewer} {result.reason}" if result.status == "refused"
              else f"Reply {delivery_id} not changed: {result.reason}.", "error")
    return redirect(url_for("console.outbox", state=request.form.get("back_state") or None))


def outbox_resend(delivery_id: int):
    result = resend.resend(rt(), delivery_id, session["admin"])
    if result.reason:
        flash(f"Reply {delivery_id} not resent: {result.reason}.", "error")
    else:
        flash(f"Reply {delivery_id} is being sent again as reply {result.new_delivery}.")
    return redirect(url_for("console.outbox", state=request.form.get("back_state") or None))


# -- failed inbound events -----------------------------------------------------------------------
def events():
    return render_template("console/events.html", page="events", rows=failed_events.failed(rt()))


def event_action(event_id: int, action: str):
    done = failed_events.retry(rt(), event_id) if action == "retry" else failed_events.dismiss(rt(), event_id)
    if done:
        flash(f"Event {event_id} {'offered again' if action == 'retry' else 'dismissed'}.")
    else:
        flash(f"Event {event_id} has not failed (retried or dismissed already?).", "error")
    return redirect(url_for("console.events"))


# -- KPIs ----------------------------------------------------------------------------------------
def kpis():
    days = _int_arg("days", KPI_WINDOW_DAYS, 1, 366)
    now = datetime.now(timezone.utc)
    report = kpi_report(rt().store, now, days)
    first = now.date() - timedelta(days=days - 1)
    axis = [first + timedelta(days=i) for i in range(days)]
    by_channel: dict[str, dict[date, Any]] = {}
    for row in report.by_channel_day:
        by_channel.setdefault(row.channel or "", {})[row.day] = row
    p50 = {c: [getattr(rows.get(d), "first_response_p50_minutes", None) for d in axis] for c, rows in by_channel.items()}
    p90 = {c: [getattr(rows.get(d), "first_response_p90_minutes", None) for d in axis] for c, rows in by_channel.items()}
    met = {c: [(rows[d].sla_met_share * 100 if d in rows and rows[d].sla_met_share is not None else None) for d in axis]
           for c, rows in by_channel.items()}
    charts = [line_chart("First response p50 (minutes)", axis, p50, unit="m"),
              line_chart("First response p90 (minutes)", axis, p90, unit="m"),
              line_chart("SLA met (% of decided)", axis, met, unit="%", y_max=100)]
    return render_template("console/kpis.html", page="kpis", days=days, report=report, charts=charts)


# -- audit log -----------------------------------------------------------------------------------
def audit():
    filters = {k: request.args.get(k, "").strip() for k in ("channel", "action", "reviewer", "since", "until")}
    dates = {}
    for key in ("since", "until"):
        if filters[key]:
            try:
                dates[key] = datetime.fromisoformat(filters[key])
            except ValueError:
                abort(400, description=f"{key}: a date like 2026-11-26")
            if dates[key].tzinfo:
                dates[key] = dates[key].astimezone(timezone.utc).replace(tzinfo=None)
    if "until" in dates and len(filters["until"]) == 10:
        dates["until"] += timedelta(days=1)  # a whole day, inclusive
    rows = rt().store.audit.search(channel=filters["channel"] or None, action=filters["action"] or None,
                                   reviewer=filters["reviewer"] or None, since=dates.get("since"),
                                   until=dates.get("until"))
    return render_template("console/audit.html", page="audit", rows=rows, filters=filters,
                           channels=sorted(registry.channels()),
                           actions=["posted_public", "sent_private", "phone_handoff", "rejected", "failed"])


def _register(bp: Blueprint) -> None:
    bp.add_url_rule("/", "overview", overview)
    bp.add_url_rule("/mappings/", "mappings", mapping_list)
    bp.add_url_rule("/mappings/<channel>", "mapping_edit", mapping_edit)
    bp.add_url_rule("/mappings/<channel>", "mapping_save", mapping_save, methods=["POST"])
    bp.add_url_rule("/mappings/<channel>/check", "mapping_check", mapping_check, methods=["POST"])
    bp.add_url_rule("/routing", "routing", routing, methods=["GET", "POST"])
    bp.add_url_rule("/outbox", "outbox", outbox)
    bp.add_url_rule("/outbox/<int(max=2147483647):delivery_id>/approve", "outbox_approve",
                    lambda delivery_id: outbox_decide(delivery_id, "approve"), methods=["POST"])
    bp.add_url_rule("/outbox/<int(max=2147483647):delivery_id>/reject", "outbox_reject",
                    lambda delivery_id: outbox_decide(delivery_id, "reject"), methods=["POST"])
    bp.add_url_rule("/outbox/<int(max=2147483647):delivery_id>/resend", "outbox_resend", outbox_resend,
                    methods=["POST"])
    bp.add_url_rule("/events", "events", events)
    bp.add_url_rule("/events/<int(max=2147483647):event_id>/retry", "event_retry",
                    lambda event_id: event_action(event_id, "retry"), methods=["POST"])
    bp.add_url_rule("/events/<int(max=2147483647):event_id>/dismiss", "event_dismiss",
                    lambda event_id: event_action(event_id, "dismiss"), methods=["POST"])
    bp.add_url_rule("/kpis", "kpis", kpis)
    bp.add_url_rule("/audit", "audit", audit)


_register(console_bp)
