"""What arrives by webhook. A platform delivery is verified on the raw body, stored and acknowledged;
the work happens in ingest. A helpdesk webhook becomes outbox rows (one per agent article), or
carries a reviewer's decision on held replies."""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from typing import Any

from bridge import metrics, registry
from bridge.errors import PayloadError, RemoteError
from bridge.model import Reply
from bridge.pipeline.incident import Member, fan_out_times
from bridge.pipeline.review import review_mode
from bridge.runtime import Runtime
from bridge.usecases.review import decide_ticket

log = logging.getLogger("bridge.receive")

PROBE_ACTION = "wiring_probe"  # audit action: a helpdesk's webhook reached the bridge


EVENT_ID_MAX = 200  # inbound_events.event_id
ID_MAX = 64  # deliveries.ticket_id and article_id
NAME_MAX = 200  # deliveries.agent, reviewed_by


def read_json(body: bytes) -> tuple[str, Any]:
    """The body as text and as JSON. Raises PayloadError (a 400) for anything else: not UTF-8 (JSON on the
    web is UTF-8, RFC 8259), not JSON, or nested too deep to read."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise PayloadError("body is not UTF-8 text") from None
    try:
        return text, json.loads(text)
    except RecursionError:
        raise PayloadError("body is nested too deep") from None
    except ValueError:
        raise PayloadError("body is not valid JSON") from None


def check_reply_fits(reply: Reply) -> None:
    """What the outbox stores of a reply fits its columns; a longer value is refused whole, never cut."""
    for what, value, limit in (("ticket id", reply.ticket_id, ID_MAX), ("article id", reply.article_id, ID_MAX),
                               ("agent", reply.agent, NAME_MAX)):
        if len(value) > limit:
            raise PayloadError(f"the {what} is {len(value)} characters; at most {limit}")


@dataclass(frozen=True)
class Answer:
    """What the webhook answers: an HTTP status and a JSON body."""

    status: int
    body: dict[str, Any] = field(default_factory=dict)


def receive(rt: Runtime, channel: str, account: str, headers: Mapping[str, str], body: bytes) -> Answer:
    """The one way in for every platform's webhook (the sandbox included): verify, store, enqueue."""
    source = f"{channel}/{account}"
    if (channel, account) not in rt.settings.accounts:
        metrics.WEBHOOKS.labels(channel, "unknown_account").inc()
        return Answer(404, {"error": f"unknown account {source}"})
    platform = rt.channel(channel, account)
    if not platform.verify(headers, body):
        metrics.WEBHOOKS.labels(channel, "bad_signature").inc()
        log.warning("webhook %s: signature check failed", source)
        return Answer(401, {"error": "signature check failed"})
    try:
        text, payload = read_json(body)
        if not isinstance(payload, dict):
            raise PayloadError("expected a JSON object")
        event_id = platform.event_id(payload, body)
        if not isinstance(event_id, str) or not 0 < len(event_id) <= EVENT_ID_MAX:
            raise PayloadError(f"its id must be 1 to {EVENT_ID_MAX} characters")
    except PayloadError as exc:
        metrics.WEBHOOKS.labels(channel, "malformed").inc()
        return Answer(400, {"error": f"malformed delivery: {exc}"})
    row_id, created = rt.store.events.add(channel, account, event_id, text)
    if created:
        rt.enqueue("ingest", row_id)
    metrics.WEBHOOKS.labels(channel, "accepted" if created else "duplicate").inc()
    return Answer(200, {"status": "accepted" if created else "duplicate", "event": row_id})


def _fan_out(rt: Runtime, reply: Reply) -> list[dict[str, Any]]:
    """An agent's update on a storm's incident ticket: one delivery per affected customer, each in their own
    thread or DM (the same routing as any reply), paced per platform account. Idempotent per article and
    customer, so a repeated webhook queues nothing twice."""
    members = rt.store.conversations.on_ticket(reply.helpdesk, reply.ticket_id)
    intervals = {c.channel: registry.channels()[c.channel].fan_out_interval for c in members
                 if c.channel in registry.channels()}
    now = datetime.now(timezone.utc)
    times = fan_out_times([Member(c.id, c.channel, c.account) for c in members], now, intervals)
    review = review_mode(reply.agent, rt.settings.review_rules)
    results: list[dict[str, Any]] = []
    for conversation in members:
        copy = replace(reply, article_id=f"{reply.article_id}:to:{conversation.id}")
        delivery_id, created = rt.store.outbox.add(copy, conversation.id, review=review,
                                                   not_before=times[conversation.id])
        if created:
            rt.enqueue("deliver", delivery_id, max((times[conversation.id] - now).total_seconds(), 0.0))
        results.append({"article": reply.article_id, "conversation": conversation.id,
                        "status": "queued" if created else "duplicate", "delivery": delivery_id})
    log.info("incident ticket %s: update %s fanned out to %d customers", reply.ticket_id, reply.article_id,
             len(members))
    return results


def receive_helpdesk(rt: Runtime, name: str, headers: Mapping[str, str], args: Mapping[str, str], body: bytes) -> Answer:
    """The helpdesk's webhook: agent replies to deliver and reviewers' decisions."""
    helpdesk = rt.helpdesk
    label = f"helpdesk:{name}"
    if name != helpdesk.name:
        return Answer(404, {"error": f"unknown helpdesk {name}; this bridge talks to {helpdesk.name}"})
    if not helpdesk.verify_webhook(headers, body, args):
        metrics.WEBHOOKS.labels(label, "bad_signature").inc()
        log.warning("helpdesk webhook %s: verification failed", name)
        return Answer(401, {"error": "signature check failed"})
    try:
        _, payload = read_json(body)
        decisions = helpdesk.parse_approvals(payload, headers)
        replies = helpdesk.parse_webhook(payload, headers)
        for reply in replies:
            check_reply_fits(reply)
        for decision in decisions:
            if len(decision.ticket_id) > ID_MAX or len(decision.reviewer) > NAME_MAX:
                raise PayloadError(f"a ticket id is at most {ID_MAX} characters and a reviewer {NAME_MAX}")
    except PayloadError as exc:
        metrics.WEBHOOKS.labels(label, "malformed").inc()
        return Answer(400, {"error": f"malformed webhook: {exc}"})
    except RemoteError as exc:
        # Some helpdesks are read back while parsing (Odoo); a non-2xx answer lets the sender retry.
        metrics.WEBHOOKS.labels(label, "helpdesk_unreachable").inc()
        log.warning("helpdesk webhook %s: could not read the reply back: %s", name, exc)
        return Answer(503, {"error": "could not read the reply from the helpdesk; send it again"})
    probe = helpdesk.probe_id(payload)
    if probe is not None:  # `social-bridge plugin install` waits for this record
        if rt.store.audit.find(PROBE_ACTION, probe) is None:
            rt.store.audit.add(delivery_id=None, channel="helpdesk", account=name, action=PROBE_ACTION,
                               external_id=probe, reason="the helpdesk's webhook reached the bridge")
        metrics.WEBHOOKS.labels(label, "probe").inc()
        return Answer(200, {"probe": "received"})
    reviews: list[dict[str, Any]] = []
    for decision in decisions:  # before the replies: a reply in this same payload is not yet held
        try:
            # Cleared first: a decision left set would come back with the ticket's next update and
            # approve replies held after it. If this fails, nothing is approved and the helpdesk retries.
            helpdesk.clear_review_request(decision.ticket_id)
        except RemoteError as exc:
            metrics.WEBHOOKS.labels(label, "helpdesk_unreachable").inc()
            log.warning("helpdesk webhook %s: could not clear the review decision on ticket %s: %s", name,
                        decision.ticket_id, exc)
            return Answer(503, {"error": "could not clear the review decision in the helpdesk; send it again"})
        for result in decide_ticket(rt, helpdesk.name, decision):
            entry: dict[str, Any] = {"delivery": result.delivery, "status": result.status}
            if result.status == "refused":
                entry["reason"] = f"reviewer {result.reason}"
            reviews.append(entry)
    results = queue_replies(rt, replies)
    metrics.WEBHOOKS.labels(label, "accepted" if results or reviews else "ignored").inc()
    return Answer(200, {"replies": results, "reviews": reviews})


def queue_replies(rt: Runtime, replies: list[Reply]) -> list[dict[str, Any]]:
    """Agents' replies into the outbox, each once: a reply already there (the same webhook again, or one
    the sweep recovered) is a duplicate. Raises RemoteError when the helpdesk must be asked for an agent's
    login (review rules) and cannot be reached."""
    helpdesk = rt.helpdesk
    results: list[dict[str, Any]] = []
    for reply in replies:
        if rt.store.storms.for_incident(reply.ticket_id) is not None:
            results.extend(_fan_out(rt, reply))
            continue
        conversation = rt.store.conversations.for_ticket(helpdesk.name, reply.ticket_id)
        if conversation is None:
            results.append({"article": reply.article_id, "status": "ignored",
                            "reason": "ticket is not from a social conversation"})
            continue
        if rt.settings.review_rules:
            reply = replace(reply, agent=helpdesk.agent_login(reply.agent))
        delivery_id, created = rt.store.outbox.add(reply, conversation.id,
                                                   review=review_mode(reply.agent, rt.settings.review_rules))
        if created:
            rt.enqueue("deliver", delivery_id)
        results.append({"article": reply.article_id, "status": "queued" if created else "duplicate",
                        "delivery": delivery_id})
    return results
