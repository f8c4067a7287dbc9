"""The work: each task takes a row id, claims the row, does what is left, and can run again safely.

ingest(event_id)      raw delivery → posts → tickets / articles (masked, prioritised, SLA clock started)
deliver(delivery_id)  agent reply → privacy route → platform → note on the ticket (clock stopped)
sweep_clocks(now)     SLA warnings and escalations, each exactly once
settle_interrupted()  deliveries whose worker died mid-send: marked, never resent blindly
"""
from __future__ import annotations

import json
import logging
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

from bridge import metrics
from bridge.errors import (
    AmbiguousError,
    AuthError,
    BridgeError,
    ConfigError,
    PayloadError,
    PermanentError,
    TransientError,
)
from bridge.http import call
from bridge.model import Delivered, Post, PostChange, Priority, Reply, ReplyMode
from bridge.pipeline.mapping import render_article, render_ticket
from bridge.pipeline.priority import (
    PostFeatures,
    RecentPost,
    assess,
    find_storm,
    keywords,
)
from bridge.pipeline.privacy import sensitive_kinds
from bridge.pipeline.routing import backoff_seconds, decide_route
from bridge.pipeline.sla import Due, clock_state, due_times
from bridge.pipeline.threading import thread_key
from bridge.runtime import Runtime
from bridge.store import utcnow

log = logging.getLogger("bridge.tasks")

ACCOUNT_RECHECK_SECONDS = 300  # a reply held by a broken account tries again this often
KEYWORDS_KEPT = timedelta(days=1)  # post keywords are kept this long, for storm detection
AUTO_AGENT = "bridge (automatic acknowledgement)"  # the agent name of automatic first answers


# -- inbound -------------------------------------------------------------------------------------
def ingest(rt: Runtime, event_id: int) -> str:
    event = rt.store.claim_event(event_id)
    if event is None:
        return "skipped"  # done already, or another worker holds it
    source = (event.channel, event.account)  # whose credentials a refusal is about
    try:
        channel = rt.channel(event.channel, event.account)
        posts = channel.parse(json.loads(event.body))  # may read from the platform (e.g. a mentioned comment)
        source = ("helpdesk", rt.helpdesk.name)
        sensitive = False
        for post in posts:
            sensitive = bool(_ingest_post(rt, post, event.id)) or sensitive
    except AuthError as exc:
        # Refused credentials: keep the event and try again once someone may have fixed them.
        if rt.store.set_account_status(*source, broken=True, reason=str(exc)):
            log.error("%s/%s refuses the bridge's credentials: %s", *source, exc)
        rt.store.retry_event(event.id, str(exc), ACCOUNT_RECHECK_SECONDS)
        rt.enqueue("ingest", event.id, ACCOUNT_RECHECK_SECONDS)
        metrics.EVENTS.labels(event.channel, "retry").inc()
        return "retry"
    except TransientError as exc:
        delay = backoff_seconds(event.attempts, exc.retry_after)
        rt.store.retry_event(event.id, str(exc), delay)
        rt.enqueue("ingest", event.id, delay)
        log.warning("event %s: will retry in %.0fs: %s", event.id, delay, exc)
        metrics.EVENTS.labels(event.channel, "retry").inc()
        return "retry"
    except AmbiguousError as exc:
        # A ticket may have been made; retrying risks a duplicate ticket, not retrying loses the post.
        # Losing a customer's message is worse.
        delay = backoff_seconds(event.attempts)
        rt.store.retry_event(event.id, str(exc), delay)
        rt.enqueue("ingest", event.id, delay)
        metrics.EVENTS.labels(event.channel, "retry").inc()
        return "retry"
    except (PayloadError, ConfigError, PermanentError, ValueError) as exc:
        rt.store.fail_event(event.id, str(exc))
        log.error("event %s (%s/%s) failed: %s", event.id, event.channel, event.account, exc)
        metrics.EVENTS.labels(event.channel, "failed").inc()
        return "failed"
    rt.store.finish_event(event.id, masked_body=_masked_payload(rt, event.body) if sensitive else None)
    rt.store.set_account_status("helpdesk", rt.helpdesk.name, broken=False)
    metrics.EVENTS.labels(event.channel, "done").inc()
    metrics.INGEST_SECONDS.labels(event.channel).observe((utcnow() - event.received_at).total_seconds())
    return "done"


def _masked_payload(rt: Runtime, body: str) -> str | None:
    """The raw payload with every sensitive value masked (structure kept), or None when there is none.
    Kept raw only while the event waits to be processed."""
    changed = False

    def walk(value):
        nonlocal changed
        if isinstance(value, str):
            found = rt.detector.find(value)
            if found:
                changed = True
                return rt.detector.mask(value, found)
            return value
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    masked = walk(json.loads(body))
    return json.dumps(masked, ensure_ascii=False) if changed else None


def _ingest_post(rt: Runtime, post: Post, event_id: int) -> bool | None:
    """Put one post on its ticket. True when it held sensitive data (the stored payload is then masked)."""
    if post.change is PostChange.EDITED:
        return _ingest_edit(rt, post, event_id)
    if post.change is PostChange.DELETED:
        return _ingest_deletion(rt, post)
    store = rt.store
    if store.find_post(post.platform, post.account, post.post_id):
        return  # already on a ticket (the same post in another delivery)
    parent_thread = None
    if post.in_reply_to_id:
        parent = store.find_post(post.platform, post.account, post.in_reply_to_id)
        if parent:
            parent_thread = store.conversation(parent.conversation_id).thread_key
    conversation = store.open_conversation(post.platform, post.account, thread_key(post, parent_thread), rt.helpdesk.name)
    mapping = _mapping(rt, post)

    findings = rt.detector.find(post.text)
    masked = replace(post, text=rt.detector.mask(post.text, findings)) if findings else post
    if findings:
        store.mark_sensitive(conversation.id)
        log.info("event %s: post %s/%s holds sensitive data (%s); masked", event_id, post.platform, post.post_id,
                 ", ".join(sensitive_kinds(findings)))
    shown = post if rt.settings.privacy.get("show_full_in_ticket") else masked  # what the ticket body shows
    post_keywords = " ".join(sorted(keywords(masked.text))) if mapping.priority_rules.storms else None
    if conversation.ticket_id is None:
        if not store.claim_ticket_creation(conversation.id):
            # another worker is creating this thread's ticket right now; come back once it exists
            raise TransientError("ticket for this conversation is being created", retry_after=2)
        now = datetime.now(timezone.utc)
        draft = render_ticket(mapping, masked)  # titles are always masked
        if findings:
            draft = replace(draft, body=render_ticket(mapping, shown).body, tags=(*draft.tags, "sensitive"),
                            fields={**draft.fields, "social_sensitive": "true"})
        due = due_times(post.kind, post.created_at, mapping.sla)
        counts = post.engagement
        features = PostFeatures.from_post(post, now, likes=counts and counts.likes, reposts=counts and counts.reposts,
                                          replies=counts and counts.replies)
        assessment = assess(features, mapping.priority_rules, base=draft.priority)
        draft = replace(draft, priority=assessment.priority, due_at=due.first_response_due_at)
        try:
            created = rt.helpdesk.create_ticket(draft)
        except BaseException:
            store.set_ticket(conversation.id, None)
            raise
        store.set_ticket(conversation.id, created.ticket_id)
        store.start_clock(conversation.id, opened_at=post.created_at, priority=assessment.priority.value,
                          target_at=due.first_response_target_at,
                          warning_at=due.first_response_warning_at, due_at=due.first_response_due_at)
        store.add_post(post, conversation.id, event_id, created.article_id, keywords=post_keywords)
        metrics.TICKETS.labels(post.platform).inc()
        log.info("event %s: post %s/%s → new ticket %s", event_id, post.platform, post.post_id, created.ticket_id)
        _explain_new_ticket(rt, mapping, post, conversation.id, created.ticket_id, assessment, due)
        _auto_acknowledge(rt, mapping, post, conversation.id, created.ticket_id)
        return bool(findings)
    article_id = rt.helpdesk.add_article(conversation.ticket_id, render_article(mapping, shown))
    store.add_post(post, conversation.id, event_id, article_id, keywords=post_keywords)
    metrics.ARTICLES.labels(post.platform).inc()
    log.info("event %s: post %s/%s → ticket %s", event_id, post.platform, post.post_id, conversation.ticket_id)
    return bool(findings)


def _explain_new_ticket(rt: Runtime, mapping, post: Post, conversation_id: int, ticket_id: str, assessment,
                        due) -> None:
    """Tell the agents why the ticket has its priority (when a rule raised it or it is part of a storm), and
    escalate a post at risk of going viral at once. Best effort: the ticket exists already, so a failure here
    must not make a second one."""
    lines = []
    if assessment.note:
        lines.append(assessment.note[0].upper() + assessment.note[1:] + ".")
    storm = _storm(rt, mapping, post, conversation_id)
    if storm:
        lines.append(storm)
    try:
        if lines:
            lines.append(f"First response due by {due.first_response_due_at:%Y-%m-%d %H:%M} UTC.")
            rt.helpdesk.add_note(ticket_id, " ".join(lines))
        if assessment.at_risk_viral and rt.store.claim_once(conversation_id, "viral_escalated_at"):
            _escalate(rt, conversation_id, ticket_id, "social-viral-risk", "At risk of going viral: engagement is "
                      "growing fast. Answer soon and consider a public statement.", Priority.URGENT)
    except BridgeError as exc:
        log.warning("ticket %s: could not add the priority/SLA note: %s", ticket_id, exc)


def _auto_acknowledge(rt: Runtime, mapping, post: Post, conversation_id: int, ticket_id: str) -> None:
    """Queue the channel's automatic first answer, if its mapping turns one on for this kind of post. It is
    an ordinary delivery, so the same privacy checks, limits and notes apply."""
    text = mapping.auto_acknowledge["dm" if post.kind.is_private else "public"]
    if not text:
        return
    reply = Reply(helpdesk=rt.helpdesk.name, ticket_id=ticket_id, article_id=f"auto-ack:{conversation_id}",
                  text=text, requested_mode=ReplyMode.PRIVATE if post.kind.is_private else ReplyMode.PUBLIC,
                  agent=AUTO_AGENT)
    delivery_id, created = rt.store.add_delivery(reply, conversation_id)
    if created:
        rt.enqueue("deliver", delivery_id)


def _storm(rt: Runtime, mapping, post: Post, conversation_id: int) -> str | None:
    """Many posts about the same thing in a short window: link their conversations under one storm key."""
    rule = mapping.priority_rules.storms
    if rule is None:
        return None
    recent = rt.store.recent_posts(post.created_at - rule.window)
    conversations_by_post = {record.post_id: conversation for record, conversation in recent}
    storm = find_storm(RecentPost(post.post_id, post.text, post.created_at),
                       [RecentPost(r.post_id, r.keywords, r.posted_at.replace(tzinfo=timezone.utc), c.storm_key)
                        for r, c in recent], rule)
    if storm is None:
        return None
    members = [conversations_by_post[m] for m in storm.members if m in conversations_by_post]
    rt.store.set_storm([conversation_id, *(c.id for c in members)], storm.key)
    tickets = sorted({c.ticket_id for c in members if c.ticket_id})
    return f"{storm.reason[0].upper()}{storm.reason[1:]} (storm {storm.key}; tickets {', '.join(tickets)})."


def _ingest_edit(rt: Runtime, post: Post, event_id: int) -> bool | None:
    """An edited post becomes an article saying so, on the original's ticket (once per revision)."""
    store = rt.store
    record_id = f"{post.post_id}@{int(post.created_at.timestamp())}"
    original = store.find_post(post.platform, post.account, post.post_id)
    if original is None:  # the bridge never saw the original: treat the edit as the post
        return _ingest_post(rt, replace(post, change=PostChange.CREATED), event_id)
    if store.find_post(post.platform, post.account, record_id):
        return
    conversation = store.conversation(original.conversation_id)
    findings = rt.detector.find(post.text)
    if findings:
        store.mark_sensitive(conversation.id)
        if not rt.settings.privacy.get("show_full_in_ticket"):
            post = replace(post, text=rt.detector.mask(post.text, findings))
    article = render_article(_mapping(rt, post), post)
    article_id = rt.helpdesk.add_article(conversation.ticket_id, replace(article, body=f"(edited) {article.body}"))
    store.add_post(post, conversation.id, event_id, article_id, record_id=record_id)
    return bool(findings)


def _ingest_deletion(rt: Runtime, post: Post) -> None:
    """The author deleted a post: tell the agents, and never answer it."""
    store = rt.store
    original = store.find_post(post.platform, post.account, post.post_id)
    if original is None or original.deleted_at is not None:
        return
    conversation = store.conversation(original.conversation_id)
    rt.helpdesk.add_note(conversation.ticket_id, f"The customer deleted this {post.platform} post "
                         f"({post.post_id}). Replies will not be posted under it.")
    store.mark_post_deleted(original.id)


def _mapping(rt: Runtime, post: Post):
    mapping = rt.mappings.get(post.platform)
    if mapping is None:
        raise ConfigError(f"{rt.settings.mappings_dir}/{post.platform}.yaml: missing")
    return mapping


# -- outbound ------------------------------------------------------------------------------------
def deliver(rt: Runtime, delivery_id: int) -> str:
    delivery = rt.store.claim_delivery(delivery_id)
    if delivery is None:
        return "skipped"
    if delivery.state == "pending":
        outcome = _send(rt, delivery)
        if outcome == "retry":
            return outcome
        delivery = rt.store.get_delivery(delivery_id)
    return _write_note(rt, delivery)


def _send(rt: Runtime, delivery) -> str:
    store = rt.store
    conversation = store.conversation(delivery.conversation_id)
    platform = conversation.channel
    findings = rt.detector.find(delivery.text)
    kinds = ",".join(sensitive_kinds(findings))

    def finish(state: str, action: str, note: str, reason: str, route: str | None = None, **extra) -> str:
        if findings:  # what stays in the store after the reply is done with: the masked text only
            extra["text"] = rt.detector.mask(delivery.text, findings)
        store.update_delivery(delivery.id, state=state, route=route, note=note, lease_until=None,
                              sensitive_kinds=kinds, **extra)
        store.audit(delivery_id=delivery.id, channel=platform, account=conversation.account, action=action,
                    requested_mode=delivery.requested_mode, sensitive_kinds=kinds, route=route,
                    reviewer=delivery.reviewed_by, external_id=extra.get("external_id"),
                    external_url=extra.get("external_url"), reason=reason)
        metrics.DELIVERIES.labels(platform, route or "none", state).inc()
        log.info("delivery %s (ticket %s): %s via %s", delivery.id, delivery.ticket_id, state, route or "-")
        return state

    try:
        channel = rt.channel(platform, conversation.account)
    except ConfigError as exc:
        return finish("failed", "failed", f"Reply not sent: the {platform} account is not configured in the bridge.",
                      str(exc))
    target = store.latest_target(conversation.id)
    if target is None:
        return finish("failed", "failed", "Reply not sent: the bridge has no post to answer on this ticket "
                      "(the customer may have deleted it).", "no customer post to answer")
    now = datetime.now(timezone.utc)
    route = decide_route(ReplyMode(delivery.requested_mode), target, sensitive_kinds=sensitive_kinds(findings),
                         conversation_sensitive=conversation.sensitive, private_open=channel.private_open(target, now))
    mapping = rt.mappings[platform]
    why = f" Why: {route.reason}." if route.mode is not ReplyMode.PUBLIC else ""

    if route.mode is ReplyMode.PHONE:
        acknowledged = _acknowledge(rt, channel, target, mapping.acknowledgements["phone"]) \
            if route.acknowledge_publicly else None
        _stop_clock(rt, delivery, conversation.id)
        return finish("handed_off", "phone_handoff",
                      "Phone callback needed: the reply was NOT posted. Call the customer back (their number is on the "
                      f"ticket if they gave it).{why} {acknowledged or ''}".strip(), route.reason, route.mode.value)

    private = route.mode is ReplyMode.PRIVATE
    measure = channel.measure(delivery.text, target, private=private)
    if not measure.fits:
        return finish("rejected", "rejected",
                      f"Reply not sent: it is {measure.length} {measure.unit} and {platform} allows {measure.limit} "
                      f"{'in a private message' if private else 'in a public reply'}. Shorten it and send it again; "
                      "the bridge never cuts a reply.", f"length {measure.length} of {measure.limit} {measure.unit}",
                      route.mode.value)

    store.update_delivery(delivery.id, state="sending", route=route.mode.value, target_post_id=target.post_id)
    try:
        if private:
            sent = channel.send_private(delivery.text, target)
        else:
            sent = publish(rt, channel, delivery.text, target)
    except AuthError as exc:
        # Not the reply's fault: it waits in the outbox until someone fixes the account's credentials.
        if store.set_account_status(platform, conversation.account, broken=True, reason=str(exc)):
            log.error("account %s/%s is broken: %s", platform, conversation.account, exc)
        store.update_delivery(delivery.id, state="pending", lease_until=None, last_error=str(exc),
                              next_attempt_at=utcnow() + timedelta(seconds=ACCOUNT_RECHECK_SECONDS))
        return "retry"
    except TransientError as exc:
        delay = backoff_seconds(delivery.attempts, exc.retry_after)
        store.update_delivery(delivery.id, state="pending", lease_until=None, last_error=str(exc),
                              next_attempt_at=utcnow() + timedelta(seconds=delay))
        rt.enqueue("deliver", delivery.id, delay)
        log.warning("delivery %s: will retry in %.0fs: %s", delivery.id, delay, exc)
        return "retry"
    except AmbiguousError as exc:
        return finish("failed", "failed", f"Reply status unknown: {platform} did not answer in time, so the reply may "
                      "or may not be online. Check the thread before sending it again.", str(exc), route.mode.value,
                      last_error=str(exc))
    except (PermanentError, BridgeError) as exc:
        return finish("failed", "failed", f"Reply not sent: {platform} refused it ({exc}).", str(exc),
                      route.mode.value, last_error=str(exc))
    if store.set_account_status(platform, conversation.account, broken=False):
        log.info("account %s/%s works again", platform, conversation.account)
    _stop_clock(rt, delivery, conversation.id)
    if private:
        acknowledged = _acknowledge(rt, channel, target, mapping.acknowledgements["private"]) \
            if route.acknowledge_publicly else None
        note = f"Sent as a private message to {target.author_handle} on {platform}.{why} {acknowledged or ''}".strip()
    else:
        note = f"Posted publicly on {platform}: {sent.url or sent.external_id}"
    return finish("sent", "sent_private" if private else "posted_public", note, route.reason, route.mode.value,
                  external_id=sent.external_id, external_url=sent.url, sent_at=utcnow(), last_error=None)


def _stop_clock(rt: Runtime, delivery, conversation_id: int) -> None:
    """A person's first delivered reply stops the first-response clock; an automatic acknowledgement does not."""
    if delivery.agent != AUTO_AGENT:
        rt.store.stop_clock(conversation_id)


def publish(rt: Runtime, channel, text: str, target) -> Delivered:
    """The only way text reaches a public endpoint: it is checked for sensitive data one last time."""
    found = rt.detector.find(text)
    if found:
        raise PermanentError(f"refused to post publicly: it contains {', '.join(sensitive_kinds(found))}")
    return channel.send_public(text, target)


def _acknowledge(rt: Runtime, channel, target, text: str) -> str:
    """The short public note in the customer's thread; best effort, the reply itself went (or goes) elsewhere."""
    try:
        sent = publish(rt, channel, text, target)
    except BridgeError as exc:
        return f"The public acknowledgement was not posted ({exc})."
    return f"Public acknowledgement posted: {sent.url or sent.external_id}"


def _write_note(rt: Runtime, delivery) -> str:
    if not delivery.note or delivery.noted_at is not None:
        return delivery.state
    try:
        rt.helpdesk.add_delivery_record(delivery.ticket_id, delivery.note,
                                        delivery.route if delivery.state in ("sent", "handed_off") else None)
    except (TransientError, AmbiguousError, AuthError) as exc:
        delay = backoff_seconds(delivery.attempts)
        rt.store.update_delivery(delivery.id, lease_until=None, last_error=f"note: {exc}",
                                 next_attempt_at=utcnow() + timedelta(seconds=delay))
        rt.enqueue("deliver", delivery.id, delay)
        return delivery.state
    except BridgeError as exc:
        log.error("delivery %s: could not write the note on ticket %s: %s", delivery.id, delivery.ticket_id, exc)
        rt.store.update_delivery(delivery.id, lease_until=None, noted_at=utcnow(), last_error=f"note: {exc}")
        return delivery.state
    rt.store.update_delivery(delivery.id, lease_until=None, noted_at=utcnow())
    return delivery.state


# -- housekeeping --------------------------------------------------------------------------------
def settle_interrupted(rt: Runtime) -> int:
    """A delivery left in 'sending' by a dead worker may already be online. Never resend it blindly:
    mark it failed and tell the agent to check."""
    count = 0
    for delivery_id in rt.store.stuck_sending():
        delivery = rt.store.get_delivery(delivery_id)
        conversation = rt.store.conversation(delivery.conversation_id)
        rt.store.update_delivery(delivery_id, state="failed", lease_until=None, last_error="interrupted while sending",
                                 note=f"Reply status unknown: the bridge stopped while sending it to {conversation.channel}. "
                                      "Check the thread before sending it again.")
        rt.store.audit(delivery_id=delivery_id, channel=conversation.channel, account=conversation.account,
                       action="failed", route=delivery.route, reason="interrupted while sending")
        rt.enqueue("deliver", delivery_id)  # to write the note
        count += 1
    return count


def sweep_clocks(rt: Runtime, now: datetime) -> int:
    """Warn at 80 % of the first-response target and escalate past the maximum, each exactly once
    (the claim is a conditional UPDATE, so concurrent sweeps cannot both act)."""
    acted = 0
    for conversation in rt.store.running_clocks(now):
        due = Due(first_response_target_at=_aware(conversation.first_response_target_at),
                  first_response_due_at=_aware(conversation.first_response_due_at),
                  first_response_warning_at=_aware(conversation.first_response_warning_at))
        state = clock_state(due, now)
        if state == "breached" and rt.store.claim_once(conversation.id, "breached_at"):
            current = Priority(conversation.priority)
            raised = _raised(current)
            if not _escalate(rt, conversation.id, conversation.ticket_id, "sla-breached",
                             f"SLA breached: no first response since the {conversation.channel} post; it was due by "
                             f"{due.first_response_due_at:%Y-%m-%d %H:%M} UTC. Priority raised to {raised.value}.",
                             raised, release="breached_at"):
                continue
            rt.store.claim_once(conversation.id, "warned_at")  # a breach makes the warning moot
            acted += 1
        elif state in ("warning", "breached") and rt.store.claim_once(conversation.id, "warned_at"):
            minutes = max(0, int((due.first_response_due_at - now).total_seconds() // 60))
            try:
                rt.helpdesk.add_note(conversation.ticket_id, f"SLA warning: first response due by "
                                     f"{due.first_response_due_at:%H:%M} UTC ({minutes} min left).")
                acted += 1
            except BridgeError as exc:
                rt.store.release_once(conversation.id, "warned_at")
                log.warning("ticket %s: SLA warning not written, will retry: %s", conversation.ticket_id, exc)
    rt.store.forget_keywords(now - KEYWORDS_KEPT)
    return acted


def _escalate(rt: Runtime, conversation_id: int, ticket_id: str, tag: str, note: str, priority: Priority,
              release: str | None = None) -> bool:
    try:
        rt.helpdesk.escalate(ticket_id, priority, tag, note)
    except BridgeError as exc:
        if release:
            rt.store.release_once(conversation_id, release)
        log.warning("ticket %s: escalation %s failed%s: %s", ticket_id, tag, ", will retry" if release else "", exc)
        return False
    rt.store.set_priority(conversation_id, priority.value)
    notify_escalation(rt, {"ticket_id": ticket_id, "escalation": tag, "priority": priority.value})
    metrics.ESCALATIONS.labels(tag).inc()
    return True


def notify_escalation(rt: Runtime, event: dict) -> None:
    """POST the escalation to the configured URL (chat, pager); best effort, never with message text."""
    url = rt.settings.escalation_url
    if not url:
        return
    try:
        call(rt.session, "POST", url, what="escalation notification", idempotent=False, json=event, timeout=(3, 5))
    except BridgeError as exc:
        log.warning("escalation notification failed: %s", exc)


def _raised(priority: Priority) -> Priority:
    order = list(Priority)
    return order[min(order.index(priority) + 1, len(order) - 1)]


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=timezone.utc) if moment else None


def run(rt: Runtime, kind: str, row_id: int) -> str:
    started = time.monotonic()
    outcome = ingest(rt, row_id) if kind == "ingest" else deliver(rt, row_id)
    log.debug("%s %s → %s in %.3fs", kind, row_id, outcome, time.monotonic() - started)
    return outcome
