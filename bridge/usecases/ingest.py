"""ingest(event_id): a stored delivery → posts → tickets or articles, masked, prioritised, with the
SLA clock started. Webhook deliveries and polled items come through here alike."""
from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from bridge import metrics
from bridge.errors import BridgeError, ConfigError, PayloadError, TransientError
from bridge.model import ActiveStorm, Engagement, Post, PostChange, Priority, Reply, ReplyMode, SocialContext, TicketDraft
from bridge.pipeline.composer import ChannelFacts, social_context
from bridge.pipeline.mapping import ChannelMapping, render_article, render_ticket
from bridge.pipeline.priority import (
    Assessment,
    PostFeatures,
    assess,
    keywords,
    next_engagement_check,
    storm_formed,
    storm_joined,
    storm_key,
    storm_reason,
    storm_signatures,
)
from bridge.pipeline.privacy import Detector, sensitive_kinds
from bridge.pipeline.sla import Due, due_times
from bridge.pipeline.threading import thread_key
from bridge.runtime import Runtime
from bridge.store import Clock, utcnow
from bridge.store.conversations import EngagementWatch
from bridge.store.tables import Conversation, InboundEvent
from bridge.usecases.escalation import escalate
from bridge.usecases.exposure import AUTO_AGENT, handle_exposure
from bridge.usecases.failures import Failure, classify, credentials_refused, credentials_work, retry_delay

log = logging.getLogger("bridge.ingest")

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
        payload = json.loads(event.body)
        listened = _listened(event.event_id, payload)
        parsed = channel.read(payload["item"] if listened else payload)  # may read from the platform
        if parsed.unreadable and not parsed.posts:
            raise PayloadError("; ".join(parsed.unreadable))
        source = ("helpdesk", rt.helpdesk.name)
        sensitive = False
        for post in parsed.posts:
            if listened:
                post = replace(post, listened=listened)
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


def _listened(event_id: str, payload) -> str | None:
    """Why listening stored this event (bridge.usecases.poll.listen wraps the found item with it), or None."""
    if not event_id.startswith("listen:") or not isinstance(payload, dict) or "item" not in payload:
        return None
    found = payload.get("listened") or {}
    return f"listening rule {found.get('rule')!r} ({found.get('query')}): {found.get('reason')}"


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
    post_keywords = None  # storms are found incrementally (store.storms); posts keep no keywords
    if conversation.ticket_id is None:
        ticket_id = _create_ticket(rt, mapping, post, findings, conversation.id, event_id, post_keywords, retrying)
    else:
        ticket_id = conversation.ticket_id
        marker = post_marker(post)
        article_id = _find_article(rt, ticket_id, marker) if retrying else None
        if article_id is None:
            article_id = rt.helpdesk.add_article(ticket_id, replace(render_article(mapping, shown), marker=marker))
        conversations.add_post(post, conversation.id, event_id, article_id, keywords=post_keywords)
        metrics.ARTICLES.labels(post.platform).inc()
        log.info("event %s: post %s/%s → ticket %s", event_id, post.platform, post.post_id, ticket_id)
    if findings:
        handle_exposure(rt, mapping, post, findings, conversation.id, ticket_id)
    return bool(findings)


def _find_article(rt: Runtime, ticket_id: str, marker: str) -> str | None:
    """On a retry: the article an earlier attempt may have added (its answer lost, or its worker killed)."""
    if not rt.helpdesk.can_find_created:
        return None
    found = rt.helpdesk.find_article(ticket_id, marker)
    if found:
        log.info("ticket %s: the article of an earlier attempt exists (%s); not adding it again", ticket_id, found)
    return found


def _create_ticket(rt: Runtime, mapping: ChannelMapping, post: Post, findings: list, conversation_id: int,
                   event_id: int, post_keywords: str | None, retrying: bool = False) -> str:
    """The conversation's ticket (or, for a storm past `incident_after`, its place on the incident ticket);
    returns the ticket's id."""
    conversations = rt.store.conversations
    now = datetime.now(timezone.utc)
    show_full = bool(rt.settings.privacy.get("show_full_in_ticket"))
    # Rendered before the claim: a template that fails for this post must not leave the claim held (the
    # event fails and, once the mapping is fixed and the event retried, makes the ticket).
    planned = new_ticket(mapping, rt.detector, post, now, show_full=show_full, findings=findings)
    due, assessment = planned.due, planned.assessment
    masked = replace(post, text=planned.masked_text)
    shown = post if show_full else masked
    if not conversations.claim_ticket_creation(conversation_id):
        # another worker is creating this thread's ticket right now; come back once it exists
        raise TransientError("ticket for this conversation is being created", retry_after=2)
    draft = replace(planned.draft, context=_context(rt, post, conversation_id, bool(findings)), marker=post_marker(post))
    try:
        storm = _storm(rt, mapping, post, masked)
        rule = mapping.priority_rules.storms
        if storm and rule and rule.incident_after is not None and storm.posts > rule.incident_after:
            return _join_incident(rt, mapping, post, shown, conversation_id, event_id, storm, assessment, due)
        # Why the ticket has its priority and whether it is part of a storm: written with the ticket,
        # not as a second call, so a storm costs the helpdesk one call per post.
        explanation = _explanation(post, assessment, storm, mapping, due, rt.helpdesk.priority_label)
        if explanation:
            draft = replace(draft, body=f"{draft.body}\n\n{explanation}",
                            tags=(*draft.tags, "social-storm") if storm else draft.tags)
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
    watch = None
    first_check = next_engagement_check(now - post.created_at)  # None: too old to go viral now
    if not post.kind.is_private and first_check and rt.channel(post.platform, post.account).reads_engagement:
        watch = EngagementWatch(post_id=post.post_id, total=_total(post.engagement), read_at=now,
                                next_at=now + first_check)
    conversations.record_ticket(conversation_id, created.ticket_id, clock, post, event_id, created.article_id,
                                post_keywords, watch, storm_key=storm.key if storm else None)
    metrics.TICKETS.labels(post.platform).inc()
    log.info("event %s: post %s/%s → new ticket %s", event_id, post.platform, post.post_id, created.ticket_id)
    _escalate_if_viral(rt, conversation_id, created.ticket_id, assessment)
    _auto_acknowledge(rt, mapping, post, conversation_id, created.ticket_id)
    return created.ticket_id


@dataclass(frozen=True)
class NewTicket:
    """What a post that opens a conversation becomes: the ticket, why it has its priority, when the first
    response is due, and the kinds of sensitive data found (masked in the draft)."""

    draft: TicketDraft
    assessment: Assessment
    due: Due
    sensitive_kinds: tuple[str, ...]
    masked_text: str


def new_ticket(mapping: ChannelMapping, detector: Detector, post: Post, now: datetime, *, show_full: bool = False,
               findings: list | None = None) -> NewTicket:
    """The ticket a new conversation's first post becomes. Pure: no store, no helpdesk, no platform. Ingest
    creates exactly this; the console's live preview and `social-bridge replay` show it."""
    if findings is None:
        findings = detector.find(post.text)
    masked = replace(post, text=detector.mask(post.text, findings)) if findings else post
    draft = render_ticket(mapping, masked)  # titles are always masked
    if findings:
        shown = post if show_full else masked  # what the ticket body shows
        draft = replace(draft, body=render_ticket(mapping, shown).body, tags=(*draft.tags, "sensitive"),
                        fields={**draft.fields, "social_sensitive": "true"})
    due = due_times(post.kind, post.created_at, mapping.sla)
    counts = post.engagement
    features = PostFeatures.from_post(post, now, likes=counts.likes if counts else None,
                                      reposts=counts.reposts if counts else None,
                                      replies=counts.replies if counts else None)
    assessment = assess(features, mapping.priority_rules, base=draft.priority)
    draft = replace(draft, priority=assessment.priority, due_at=due.first_response_due_at)
    return NewTicket(draft, assessment, due, tuple(sensitive_kinds(findings)), masked.text)


def _context(rt: Runtime, post: Post, conversation_id: int, sensitive: bool) -> SocialContext:
    """The customer and the reply's default destination, for the top of the ticket and the reply form."""
    channel = rt.channel(post.platform, post.account)
    facts = ChannelFacts(label=channel.label, public_limit=channel.public_limit, private_limit=channel.private_limit,
                         counting=channel.counting, private_counting=channel.private_counting,
                         brand=channel.brand_handle(), profile_url=channel.profile_url(post.author.handle))
    earlier = rt.store.conversations.earlier_tickets(post.platform, post.author.platform_id, conversation_id)
    return social_context(post, facts, sensitive=sensitive, earlier_tickets=earlier)


INCIDENT_NOTE = ("Incident ticket for {storm}. Each later post of this storm is added here as an article "
                 "instead of opening a ticket of its own; each customer's answers land here too. "
                 "An update written here goes to every customer listed, each in their own thread "
                 "or DM, paced to each platform's limits.")


def _explanation(post: Post, assessment: Assessment, storm: ActiveStorm | None, mapping: ChannelMapping, due: Due,
                 priority_label) -> str | None:
    """What the agents are told about a new ticket's priority: the rules that fired and the storm."""
    lines = []
    if post.listened:
        lines.append(f"Found by {post.listened}. The customer did not write to the brand: answer only if it helps.")
    note = assessment.describe(priority_label)
    if note:
        lines.append(note[0].upper() + note[1:] + ".")
    if storm and mapping.priority_rules.storms:
        reason = storm_reason(storm, mapping.priority_rules.storms)
        lines.append(reason[0].upper() + reason[1:] + ".")
    if not lines:
        return None
    lines.append(f"First response due by {due.first_response_due_at:%Y-%m-%d %H:%M} UTC.")
    return "[Social bridge] " + " ".join(lines)


def _join_incident(rt: Runtime, mapping: ChannelMapping, post: Post, shown: Post, conversation_id: int,
                   event_id: int, storm: ActiveStorm, assessment: Assessment, due: Due) -> str:
    """A storm post beyond `incident_after`: one article on the storm's incident ticket (opened by the
    first such post), with the conversation's own SLA clock, so an update that reaches it stops it.
    Returns the incident ticket's id."""
    storms = rt.store.storms
    ticket_id = storm.incident_ticket_id
    if ticket_id is None:
        if not storms.claim_incident(storm.key):
            raise TransientError(f"the incident ticket of {storm.key} is being opened", retry_after=2)
        try:
            rule = mapping.priority_rules.storms
            words = ", ".join(sorted(storm.keywords))
            draft = render_ticket(mapping, shown)
            note = INCIDENT_NOTE.format(storm=f"storm {storm.key} (posts about {words})")
            reason = storm_reason(storm, rule) if rule else ""
            draft = replace(draft, title=f"Incident: many posts about {words}", priority=Priority.URGENT,
                            tags=(*draft.tags, "social-storm", "social-incident"),
                            body=f"{draft.body}\n\n[Social bridge] {note} {reason[0].upper()}{reason[1:]}.",
                            due_at=due.first_response_due_at)
            created = rt.helpdesk.create_ticket(draft)
        except BaseException:
            storms.release_incident(storm.key)
            raise
        storms.record_incident(storm.key, created.ticket_id)
        ticket_id, article_id = created.ticket_id, created.article_id
        log.info("event %s: storm %s → incident ticket %s", event_id, storm.key, ticket_id)
    else:
        article_id = rt.helpdesk.add_article(ticket_id, render_article(mapping, shown))
    clock = Clock(opened_at=post.created_at, priority=assessment.priority.value,
                  target_at=due.first_response_target_at, warning_at=due.first_response_warning_at,
                  due_at=due.first_response_due_at)
    rt.store.conversations.record_ticket(conversation_id, ticket_id, clock, post, event_id, article_id, None,
                                         storm_key=storm.key)
    metrics.ARTICLES.labels(post.platform).inc()
    log.info("event %s: post %s/%s → incident ticket %s", event_id, post.platform, post.post_id, ticket_id)
    return ticket_id


def _escalate_if_viral(rt: Runtime, conversation_id: int, ticket_id: str, assessment: Assessment) -> None:
    """Escalate a post at risk of going viral at once. Best effort: the ticket exists already, so a failure
    here must not make a second one."""
    try:
        if assessment.at_risk_viral and rt.store.conversations.claim_once(conversation_id, "viral_escalated_at"):
            escalate(rt, conversation_id, ticket_id, "social-viral-risk", "At risk of going viral: engagement is "
                     "growing fast. Answer soon and consider a public statement.", Priority.URGENT)
    except BridgeError as exc:
        log.warning("ticket %s: could not escalate: %s", ticket_id, exc)


def _auto_acknowledge(rt: Runtime, mapping: ChannelMapping, post: Post, conversation_id: int, ticket_id: str) -> None:
    """Queue the channel's automatic first answer, if its mapping turns one on for this kind of post. It is
    an ordinary delivery, so the same privacy checks, limits and notes apply."""
    text = mapping.auto_acknowledge["dm" if post.kind.is_private else "public"]
    if not text or post.listened:  # never an automatic answer to someone who did not write to the brand
        return
    reply = Reply(helpdesk=rt.helpdesk.name, ticket_id=ticket_id, article_id=f"auto-ack:{conversation_id}",
                  text=text, requested_mode=ReplyMode.PRIVATE if post.kind.is_private else ReplyMode.PUBLIC,
                  agent=AUTO_AGENT)
    delivery_id, created = rt.store.outbox.add(reply, conversation_id)
    if created:
        rt.enqueue("deliver", delivery_id)


def _storm(rt: Runtime, mapping: ChannelMapping, post: Post, masked: Post) -> ActiveStorm | None:
    """Many posts about the same thing in a short window. Incremental: the post joins an active storm it
    overlaps, or is counted under its keyword signatures, which may form a new storm. Nothing here reads
    the earlier posts, and only this post's conversation is updated (by the caller, with its ticket)."""
    rule = mapping.priority_rules.storms
    if rule is None:
        return None
    words = keywords(masked.text, rule.ignore_words)
    if len(words) < rule.min_shared_keywords:
        return None
    storms = rt.store.storms
    joined = storm_joined(words, storms.active(post.created_at, rule.window), rule)
    if joined is not None:
        return storms.join(joined.key, post.created_at)
    counts = storms.count(storm_signatures(words, rule), post.created_at, rule.window)
    formed = storm_formed({signature: posts for signature, (posts, _) in counts.items()}, rule)
    if formed is None:
        return None
    reached = [started for signature, (posts, started) in counts.items() if posts >= rule.min_posts]
    started_at = min(reached)
    posts = max(posts for posts, _ in counts.values())
    return storms.form(storm_key(formed, started_at), formed, started_at, post.created_at, posts)


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


def _total(engagement: Engagement | None) -> int | None:
    return engagement.likes + engagement.reposts + engagement.replies if engagement else None


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
