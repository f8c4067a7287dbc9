"""ingest(event_id): a stored delivery → posts → tickets or articles, masked, prioritised, with the
SLA clock started. Webhook deliveries and polled items come through here alike."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import replace
from datetime import datetime, timezone

from bridge import metrics
from bridge.errors import BridgeError, ConfigError, PayloadError, TransientError
from bridge.model import Post, PostChange, Priority, Reply, ReplyMode
from bridge.pipeline.mapping import ChannelMapping, render_article, render_ticket
from bridge.pipeline.priority import Assessment, PostFeatures, RecentPost, assess, find_storm, keywords
from bridge.pipeline.privacy import sensitive_kinds
from bridge.pipeline.sla import Due, due_times
from bridge.pipeline.threading import thread_key
from bridge.runtime import Runtime
from bridge.store import Clock, utcnow
from bridge.store.tables import Conversation, InboundEvent
from bridge.usecases.escalation import escalate
from bridge.usecases.failures import Failure, classify, credentials_refused, credentials_work, retry_delay

log = logging.getLogger("bridge.ingest")

AUTO_AGENT = "bridge (automatic acknowledgement)"  # the agent name of automatic first answers


MAX_UNEXPECTED_ATTEMPTS = 3  # attempts for an event whose processing raises an error the bridge does not expect
MAX_INTERRUPTED = 3  # attempts whose worker died (killed, out of memory …) before an event fails
# Transient failures (429, 5xx, no connection, refused credentials) are not the event's fault: it waits,
# shown as pending with its age in /healthz, and goes through once the far side is back.


def ingest(rt: Runtime, event_id: int) -> str:
    event = rt.store.events.claim(event_id)
    if event is None:
        return "skipped"  # done already, or another worker holds it
    if event.interrupted >= MAX_INTERRUPTED:
        return _fail(rt, event, f"its worker stopped during {event.interrupted} attempts (killed, out of memory, "
                     f"or a crash that took the process); last error: {event.last_error or 'none'}")
    source = (event.channel, event.account)  # whose credentials a refusal is about
    retrying = event.attempts > 1  # an earlier attempt may have done part of the work
    try:
        channel = rt.channel(event.channel, event.account)
        parsed = channel.read(json.loads(event.body))  # may read from the platform (e.g. a mentioned comment)
        if parsed.unreadable and not parsed.posts:
            raise PayloadError("; ".join(parsed.unreadable))
        source = ("helpdesk", rt.helpdesk.name)
        sensitive = False
        for post in parsed.posts:
            try:
                sensitive = _ingest_post(rt, post, event.id, retrying) or sensitive
            except PayloadError as exc:  # this post only; the others in the delivery go through
                parsed.unreadable.append(f"{post.platform} post {post.post_id}: {exc}")
    except (BridgeError, ValueError) as exc:
        failure = classify(exc)
        if failure is Failure.PERMANENT:  # a bridge error's message is safe to log; another ValueError's may not be
            return _fail(rt, event, str(exc), said=None if isinstance(exc, BridgeError) else type(exc).__name__)
        if failure is Failure.CREDENTIALS:
            credentials_refused(rt, *source, exc)
        # An ambiguous creation is retried: the retry looks for what the first attempt may have made
        # (see _create_ticket) before creating anything.
        return _retry(rt, event, str(exc), retry_delay(failure, exc, event.attempts))
    except Exception as exc:  # a bug or a shape nobody foresaw: a few attempts, then failed with the reason
        log.error("event %s (%s/%s): unexpected %s in attempt %s", event.id, event.channel, event.account,
                  type(exc).__name__, event.attempts)
        # Its message may quote the payload: stored (masked) for an admin, never logged.
        reason = f"unexpected {type(exc).__name__}: {str(exc)[:300]}"
        said = f"unexpected {type(exc).__name__}"
        if event.attempts >= MAX_UNEXPECTED_ATTEMPTS:
            return _fail(rt, event, f"{reason} (after {event.attempts} attempts)", said=said)
        return _retry(rt, event, reason, retry_delay(Failure.TRANSIENT, exc, event.attempts), said=said)
    note = None
    for label, parts in (("unreadable", parsed.unreadable), ("ignored", parsed.ignored)):
        if parts:
            note = f"{note}; " if note else ""
            note += f"{label}: {'; '.join(parts)}"
            log.warning("event %s (%s/%s): %s part(s) %s", event.id, event.channel, event.account, len(parts), label)
            metrics.EVENT_PARTS.labels(event.channel, label).inc(len(parts))
    rt.store.events.finish(event.id, masked_body=_masked_payload(rt, event.body) if sensitive else None, note=note)
    credentials_work(rt, "helpdesk", rt.helpdesk.name)
    metrics.EVENTS.labels(event.channel, "done").inc()
    metrics.INGEST_SECONDS.labels(event.channel).observe((utcnow() - event.received_at).total_seconds())
    return "done"


def _fail(rt: Runtime, event: InboundEvent, reason: str, said: str | None = None) -> str:
    """Failed for good: kept for an admin (GET /admin/api/events?state=failed), with sensitive values masked.
    `said` is what the log gets instead of the reason, when the reason may quote the payload."""
    rt.store.events.fail(event.id, _masked(rt, reason)[:2000], masked_body=masked_for_storage(rt, event.body))
    log.error("event %s (%s/%s) failed: %s", event.id, event.channel, event.account, said or reason)
    metrics.EVENTS.labels(event.channel, "failed").inc()
    return "failed"


def _retry(rt: Runtime, event: InboundEvent, reason: str, delay: float, said: str | None = None) -> str:
    rt.store.events.retry(event.id, _masked(rt, reason)[:2000], delay)
    rt.enqueue("ingest", event.id, delay)
    log.warning("event %s: will retry in %.0fs: %s", event.id, delay, said or reason)
    metrics.EVENTS.labels(event.channel, "retry").inc()
    return "retry"


def _masked(rt: Runtime, text: str) -> str:
    found = rt.detector.find(text)
    return rt.detector.mask(text, found) if found else text


def masked_for_storage(rt: Runtime, body: str) -> str | None:
    """The payload to keep once an event is finished with: masked when it holds sensitive values (None: as is)."""
    try:
        return _masked_payload(rt, body)
    except (ValueError, RecursionError):
        found = rt.detector.find(body)  # not JSON after all: mask the text itself
        return rt.detector.mask(body, found) if found else None


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


def post_marker(post: Post) -> str:
    """The bridge's own mark on what it creates for a post (a ticket's first article, a later article), so a
    retry after an unknown outcome can find it in the helpdesk instead of creating it again."""
    key = f"{post.platform}\n{post.account}\n{post.post_id}".encode()
    return "social-bridge-" + hashlib.sha256(key).hexdigest()[:32]


def _ingest_post(rt: Runtime, post: Post, event_id: int, retrying: bool = False) -> bool:
    """Put one post on its ticket. True when it held sensitive data (the stored payload is then masked)."""
    if post.change is PostChange.EDITED:
        return _ingest_edit(rt, post, event_id)
    if post.change is PostChange.DELETED:
        _ingest_deletion(rt, post)
        return False
    conversations = rt.store.conversations
    if conversations.find_post(post.platform, post.account, post.post_id):
        return False  # already on a ticket (the same post in another delivery)
    parent_thread = None
    if post.in_reply_to_id:
        parent = conversations.find_post(post.platform, post.account, post.in_reply_to_id)
        parent_conversation = parent.conversation_id if parent else \
            conversations.find_sent(post.platform, post.account, post.in_reply_to_id)  # an answer to the brand's reply
        if parent_conversation is not None:
            parent_thread = conversations.get(parent_conversation).thread_key
    conversation = conversations.open(post.platform, post.account, thread_key(post, parent_thread), rt.helpdesk.name)
    mapping = _mapping(rt, post)

    findings = rt.detector.find(post.text)
    masked = replace(post, text=rt.detector.mask(post.text, findings)) if findings else post
    if findings:
        conversations.mark_sensitive(conversation.id)
        log.info("event %s: post %s/%s holds sensitive data (%s); masked", event_id, post.platform, post.post_id,
                 ", ".join(sensitive_kinds(findings)))
    shown = post if rt.settings.privacy.get("show_full_in_ticket") else masked  # what the ticket body shows
    post_keywords = " ".join(sorted(keywords(masked.text))) if mapping.priority_rules.storms else None
    if conversation.ticket_id is None:
        _create_ticket(rt, mapping, post, masked, shown, bool(findings), conversation.id, event_id, post_keywords,
                       retrying)
        return bool(findings)
    marker = post_marker(post)
    article_id = _find_article(rt, conversation.ticket_id, marker) if retrying else None
    if article_id is None:
        article_id = rt.helpdesk.add_article(conversation.ticket_id,
                                             replace(render_article(mapping, shown), marker=marker))
    conversations.add_post(post, conversation.id, event_id, article_id, keywords=post_keywords)
    metrics.ARTICLES.labels(post.platform).inc()
    log.info("event %s: post %s/%s → ticket %s", event_id, post.platform, post.post_id, conversation.ticket_id)
    return bool(findings)


def _find_article(rt: Runtime, ticket_id: str, marker: str) -> str | None:
    """On a retry: the article an earlier attempt may have added (its answer lost, or its worker killed)."""
    if not rt.helpdesk.can_find_created:
        return None
    found = rt.helpdesk.find_article(ticket_id, marker)
    if found:
        log.info("ticket %s: the article of an earlier attempt exists (%s); not adding it again", ticket_id, found)
    return found


def _create_ticket(rt: Runtime, mapping: ChannelMapping, post: Post, masked: Post, shown: Post, sensitive: bool,
                   conversation_id: int, event_id: int, post_keywords: str | None, retrying: bool = False) -> None:
    conversations = rt.store.conversations
    if not conversations.claim_ticket_creation(conversation_id):
        # another worker is creating this thread's ticket right now; come back once it exists
        raise TransientError("ticket for this conversation is being created", retry_after=2)
    now = datetime.now(timezone.utc)
    draft = render_ticket(mapping, masked)  # titles are always masked
    if sensitive:
        draft = replace(draft, body=render_ticket(mapping, shown).body, tags=(*draft.tags, "sensitive"),
                        fields={**draft.fields, "social_sensitive": "true"})
    due = due_times(post.kind, post.created_at, mapping.sla)
    counts = post.engagement
    features = PostFeatures.from_post(post, now, likes=counts.likes if counts else None,
                                      reposts=counts.reposts if counts else None,
                                      replies=counts.replies if counts else None)
    assessment = assess(features, mapping.priority_rules, base=draft.priority)
    draft = replace(draft, priority=assessment.priority, due_at=due.first_response_due_at, marker=post_marker(post))
    try:
        # A retry first looks for the ticket an earlier attempt may have made (helpdesks that can search);
        # where the helpdesk cannot tell, it creates again: a duplicate ticket is better than a lost post.
        created = rt.helpdesk.find_ticket(draft) if retrying and rt.helpdesk.can_find_created else None
        if created is not None:
            log.info("event %s: the ticket of an earlier attempt exists (%s); not creating it again", event_id,
                     created.ticket_id)
        else:
            created = rt.helpdesk.create_ticket(draft)
    except BaseException:
        conversations.release_ticket_creation(conversation_id)
        raise
    clock = Clock(opened_at=post.created_at, priority=assessment.priority.value,
                  target_at=due.first_response_target_at, warning_at=due.first_response_warning_at,
                  due_at=due.first_response_due_at)
    conversations.record_ticket(conversation_id, created.ticket_id, clock, post, event_id, created.article_id,
                                post_keywords)
    metrics.TICKETS.labels(post.platform).inc()
    log.info("event %s: post %s/%s → new ticket %s", event_id, post.platform, post.post_id, created.ticket_id)
    _explain_new_ticket(rt, mapping, post, conversation_id, created.ticket_id, assessment, due)
    _auto_acknowledge(rt, mapping, post, conversation_id, created.ticket_id)


def _explain_new_ticket(rt: Runtime, mapping: ChannelMapping, post: Post, conversation_id: int, ticket_id: str,
                        assessment: Assessment, due: Due) -> None:
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
        if assessment.at_risk_viral and rt.store.conversations.claim_once(conversation_id, "viral_escalated_at"):
            escalate(rt, conversation_id, ticket_id, "social-viral-risk", "At risk of going viral: engagement is "
                     "growing fast. Answer soon and consider a public statement.", Priority.URGENT)
    except BridgeError as exc:
        log.warning("ticket %s: could not add the priority/SLA note: %s", ticket_id, exc)


def _auto_acknowledge(rt: Runtime, mapping: ChannelMapping, post: Post, conversation_id: int, ticket_id: str) -> None:
    """Queue the channel's automatic first answer, if its mapping turns one on for this kind of post. It is
    an ordinary delivery, so the same privacy checks, limits and notes apply."""
    text = mapping.auto_acknowledge["dm" if post.kind.is_private else "public"]
    if not text:
        return
    reply = Reply(helpdesk=rt.helpdesk.name, ticket_id=ticket_id, article_id=f"auto-ack:{conversation_id}",
                  text=text, requested_mode=ReplyMode.PRIVATE if post.kind.is_private else ReplyMode.PUBLIC,
                  agent=AUTO_AGENT)
    delivery_id, created = rt.store.outbox.add(reply, conversation_id)
    if created:
        rt.enqueue("deliver", delivery_id)


def _storm(rt: Runtime, mapping: ChannelMapping, post: Post, conversation_id: int) -> str | None:
    """Many posts about the same thing in a short window: link their conversations under one storm key."""
    rule = mapping.priority_rules.storms
    if rule is None:
        return None
    recent = rt.store.conversations.recent_posts(post.created_at - rule.window)
    conversations_by_post = {record.post_id: conversation for record, conversation in recent}
    storm = find_storm(RecentPost(post.post_id, post.text, post.created_at),
                       [RecentPost(r.post_id, r.keywords or "", r.posted_at.replace(tzinfo=timezone.utc), c.storm_key)
                        for r, c in recent], rule)
    if storm is None:
        return None
    members = [conversations_by_post[m] for m in storm.members if m in conversations_by_post]
    rt.store.conversations.set_storm([conversation_id, *(c.id for c in members)], storm.key)
    tickets = sorted({c.ticket_id for c in members if c.ticket_id})
    return f"{storm.reason[0].upper()}{storm.reason[1:]} (storm {storm.key}; tickets {', '.join(tickets)})."


def _ingest_edit(rt: Runtime, post: Post, event_id: int) -> bool:
    """An edited post becomes an article saying so, on the original's ticket (once per revision)."""
    conversations = rt.store.conversations
    record_id = f"{post.post_id}@{int(post.created_at.timestamp())}"
    original = conversations.find_post(post.platform, post.account, post.post_id)
    if original is None:  # the bridge never saw the original: treat the edit as the post
        return _ingest_post(rt, replace(post, change=PostChange.CREATED), event_id)
    if conversations.find_post(post.platform, post.account, record_id):
        return False
    conversation = conversations.get(original.conversation_id)
    ticket_id = _ticket_of(conversation)
    findings = rt.detector.find(post.text)
    if findings:
        conversations.mark_sensitive(conversation.id)
        if not rt.settings.privacy.get("show_full_in_ticket"):
            post = replace(post, text=rt.detector.mask(post.text, findings))
    article = render_article(_mapping(rt, post), post)
    article_id = rt.helpdesk.add_article(ticket_id, replace(article, body=f"(edited) {article.body}"))
    conversations.add_post(post, conversation.id, event_id, article_id, record_id=record_id)
    return bool(findings)


def _ingest_deletion(rt: Runtime, post: Post) -> None:
    """The author deleted a post: tell the agents, and never answer it."""
    conversations = rt.store.conversations
    original = conversations.find_post(post.platform, post.account, post.post_id)
    if original is None or original.deleted_at is not None:
        return
    conversation = conversations.get(original.conversation_id)
    rt.helpdesk.add_note(_ticket_of(conversation), f"The customer deleted this {post.platform} post "
                         f"({post.post_id}). Replies will not be posted under it.")
    conversations.mark_post_deleted(original.id)


def _ticket_of(conversation: Conversation) -> str:
    """A conversation that has posts has its ticket (they are recorded together)."""
    if conversation.ticket_id is None:
        raise TransientError(f"conversation {conversation.id} has no ticket yet", retry_after=2)
    return conversation.ticket_id


def _mapping(rt: Runtime, post: Post) -> ChannelMapping:
    mapping = rt.mappings.get(post.platform)
    if mapping is None:
        raise ConfigError(f"{rt.settings.mappings_dir}/{post.platform}.yaml: missing")
    return mapping
