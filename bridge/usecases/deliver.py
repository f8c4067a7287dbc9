"""deliver(delivery_id): an agent reply → privacy route → the platform, once → a note on the ticket,
and the first-response clock stopped."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from bridge import metrics
from bridge.channels.base import Channel
from bridge.errors import BridgeError, ConfigError, PermanentError
from bridge.model import AttachedFile, Attachment, Delivered, DeliveryState, ReplyMode, Target
from bridge.pipeline.privacy import sensitive_kinds
from bridge.pipeline.routing import decide_route
from bridge.pipeline.second_opinion import SUSPECTED
from bridge.runtime import Runtime
from bridge.store import utcnow
from bridge.store.tables import Delivery
from bridge.usecases.failures import Failure, classify, credentials_refused, credentials_work, retry_delay
from bridge.usecases.ingest import AUTO_AGENT

log = logging.getLogger("bridge.deliver")


def deliver(rt: Runtime, delivery_id: int) -> str:
    delivery = rt.store.outbox.claim(delivery_id)
    if delivery is None:
        return "skipped"
    if delivery.state == DeliveryState.PENDING:
        outcome = _send(rt, delivery)
        if outcome == "retry":
            return outcome
        delivery = rt.store.outbox.get(delivery_id)
    return _write_note(rt, delivery)


def _send(rt: Runtime, delivery: Delivery) -> str:
    store = rt.store
    conversation = store.conversations.get(delivery.conversation_id)
    platform = conversation.channel
    findings = rt.detector.find(delivery.text)
    found_kinds = sensitive_kinds(findings)
    if not found_kinds and rt.public_doubt(delivery.text) is not None:
        found_kinds = [SUSPECTED]
    kinds = ",".join(found_kinds)
    state = DeliveryState.PENDING

    def finish(outcome: DeliveryState, action: str, note: str, reason: str, route: str | None = None, **extra) -> str:
        if findings:  # what stays in the store after the reply is done with: the masked text only
            extra["text"] = rt.detector.mask(delivery.text, findings)
        store.outbox.move(delivery.id, state, outcome, route=route, note=note, lease_until=None,
                          sensitive_kinds=kinds, **extra)
        store.audit.add(delivery_id=delivery.id, channel=platform, account=conversation.account, action=action,
                        requested_mode=delivery.requested_mode, sensitive_kinds=kinds, route=route,
                        reviewer=delivery.reviewed_by, external_id=extra.get("external_id"),
                        external_url=extra.get("external_url"), reason=reason)
        metrics.DELIVERIES.labels(platform, route or "none", outcome.value).inc()
        log.info("delivery %s (ticket %s): %s via %s", delivery.id, delivery.ticket_id, outcome.value, route or "-")
        return outcome.value

    try:
        channel = rt.channel(platform, conversation.account)
    except ConfigError as exc:
        return finish(DeliveryState.FAILED, "failed",
                      f"Reply not sent: the {platform} account is not configured in the bridge.", str(exc))
    target = store.conversations.latest_target(conversation.id)
    if target is None:
        return finish(DeliveryState.FAILED, "failed", "Reply not sent: the bridge has no post to answer on this ticket "
                      "(the customer may have deleted it).", "no customer post to answer")
    now = datetime.now(timezone.utc)
    route = decide_route(ReplyMode(delivery.requested_mode), target, sensitive_kinds=found_kinds,
                         conversation_sensitive=conversation.sensitive, private_open=channel.private_open(target, now))
    mapping = rt.mappings[platform]
    why = f" Why: {route.reason}." if route.mode is not ReplyMode.PUBLIC else ""

    if route.mode is ReplyMode.PHONE:
        acknowledged = _acknowledge(rt, channel, target, mapping.acknowledgements["phone"], conversation.id,
                                    mapping.acknowledgement_window) if route.acknowledge_publicly else None
        _stop_clock(rt, delivery, conversation.id)
        return finish(DeliveryState.HANDED_OFF, "phone_handoff",
                      "Phone callback needed: the reply was NOT posted. Call the customer back (their number is on the "
                      f"ticket if they gave it).{why} {acknowledged or ''}".strip(), route.reason, route.mode.value)

    private = route.mode is ReplyMode.PRIVATE
    measure = channel.measure(delivery.text, target, private=private)
    if not measure.fits:
        return finish(DeliveryState.REJECTED, "rejected",
                      f"Reply not sent: it is {measure.length} {measure.unit} and {platform} allows {measure.limit} "
                      f"{'in a private message' if private else 'in a public reply'}. Shorten it and send it again; "
                      "the bridge never cuts a reply.", f"length {measure.length} of {measure.limit} {measure.unit}",
                      route.mode.value)

    # Files are fetched before anything is sent: what cannot go stays behind, and the note says why.
    files, behind, text_only = _media(rt, channel, delivery, private)
    store.outbox.move(delivery.id, DeliveryState.PENDING, DeliveryState.SENDING, route=route.mode.value,
                      target_post_id=target.post_id)
    state = DeliveryState.SENDING
    try:
        if private and files:
            sent = channel.send_with_media(delivery.text, target, files, private=True)
        elif private:
            sent = channel.send_private(delivery.text, target)
        else:
            sent = publish(rt, channel, delivery.text, target, files)
    except BridgeError as exc:
        failure = classify(exc)
        if failure in (Failure.CREDENTIALS, Failure.TRANSIENT):
            # Not sent, and not the reply's fault: it waits in the outbox (for fixed credentials or the
            # platform's rate limit) and goes out later.
            if failure is Failure.CREDENTIALS:
                credentials_refused(rt, platform, conversation.account, exc)
            delay = retry_delay(failure, exc, delivery.attempts)
            store.outbox.move(delivery.id, DeliveryState.SENDING, DeliveryState.PENDING, lease_until=None,
                              last_error=str(exc), next_attempt_at=utcnow() + timedelta(seconds=delay))
            rt.enqueue("deliver", delivery.id, delay)
            log.warning("delivery %s: will retry in %.0fs: %s", delivery.id, delay, exc)
            return "retry"
        if failure is Failure.AMBIGUOUS:
            return finish(DeliveryState.FAILED, "failed", f"Reply status unknown: {platform} did not answer in time, so "
                          "the reply may or may not be online. Check the thread before sending it again.", str(exc),
                          route.mode.value, last_error=str(exc))
        return finish(DeliveryState.FAILED, "failed", f"Reply not sent: {platform} refused it ({exc}).", str(exc),
                      route.mode.value, last_error=str(exc))
    credentials_work(rt, platform, conversation.account)
    if sent.external_id:  # a customer's answer to this reply names only its id
        store.conversations.add_sent(platform, conversation.account, sent.external_id, conversation.id, delivery.id)
    _stop_clock(rt, delivery, conversation.id)
    if private:
        acknowledged = _acknowledge(rt, channel, target, mapping.acknowledgements["private"], conversation.id,
                                    mapping.acknowledgement_window) if route.acknowledge_publicly else None
        note = f"Sent as a private message to {target.author_handle} on {platform}.{why} {acknowledged or ''}".strip()
    else:
        note = f"Posted publicly on {platform}: {sent.url or sent.external_id}"
    went = [f.name for f in files]
    for name, _ in sent.files_not_sent:
        if name in went:
            went.remove(name)
    if went:
        note += f" With it: {', '.join(went)}."
    # what stayed behind, and what the platform did not take once the text was out
    note += text_only or _stayed_behind([*behind, *(f"{name} ({why})" for name, why in sent.files_not_sent)])
    return finish(DeliveryState.SENT, "sent_private" if private else "posted_public", note, route.reason,
                  route.mode.value, external_id=sent.external_id, external_url=sent.url, sent_at=utcnow(),
                  last_error=None)


def _media(rt: Runtime, channel: Channel, delivery: Delivery,
           private: bool) -> tuple[list[AttachedFile], list[str], str]:
    """The attached files that go with the reply (fetched from the helpdesk); those that stay behind, each as
    "name (why)"; and, where the surface takes no files at all, the sentence that says so ("" otherwise)."""
    attachments = [Attachment.from_line(line) for line in (delivery.attachments or "").splitlines() if line]
    if not attachments:
        return [], [], ""
    surface = "private message" if private else "public reply"
    kinds = channel.reply_media.get("private" if private else "public", frozenset())
    if not kinds:
        names = [a.name for a in attachments]
        return [], [], (f" The attached file{'s' if len(names) > 1 else ''} {', '.join(names)} did NOT go with it: the "
                    f"bridge sends {'an' if channel.label[:1] in 'AEIOU' else 'a'} {channel.label} {surface} as text only. Share {'them' if len(names) > 1 else 'it'} "
                    "another way (a link in a new reply).")
    limits = channel.limits_for(private=private)
    unavailable = channel.media_unavailable(private=private)  # the bridge's set-up, not the file: none can go
    files: list[AttachedFile] = []
    behind: list[str] = []
    for attachment in attachments:
        if attachment.kind not in kinds or attachment.media_type not in limits.types:
            behind.append(f"{attachment.name} ({channel.label} takes only {', '.join(sorted(kinds))} files of type "
                          f"{', '.join(sorted(limits.types))} in a {surface})")
        elif attachment.size is not None and attachment.size > limits.max_bytes:
            behind.append(f"{attachment.name} (larger than {channel.label}'s {limits.describe_size()} per file)")
        elif unavailable:
            behind.append(f"{attachment.name} ({unavailable})")
        elif len(files) >= limits.max_files:
            behind.append(f"{attachment.name} ({channel.label} takes at most {limits.max_files} "
                          f"file{'s' if limits.max_files != 1 else ''} in a {surface})")
        else:
            try:
                fetched = rt.helpdesk.fetch_attachment(delivery.ticket_id, attachment, limits.max_bytes)
            except BridgeError as exc:
                log.warning("delivery %s: attachment %s not fetched: %s", delivery.id, attachment.name, exc)
                behind.append(f"{attachment.name} (not readable from the helpdesk: {exc})")
                continue
            if fetched.content_type not in limits.types:
                behind.append(f"{attachment.name} (its content is {fetched.content_type or 'of unknown type'}, "
                              f"which {channel.label} does not take)")
                continue
            files.append(fetched)
    return files, behind, ""


def _stayed_behind(behind: list[str]) -> str:
    """The sentence naming the files (each "name (why)") that did not go with the reply; "" for none."""
    if not behind:
        return ""
    return (f" {'These attached files' if len(behind) > 1 else 'This attached file'} did NOT go with it: "
            f"{'; '.join(behind)}. Share {'them' if len(behind) > 1 else 'it'} another way (a link in a new reply).")


def _stop_clock(rt: Runtime, delivery: Delivery, conversation_id: int) -> None:
    """A person's first delivered reply stops the first-response clock; an automatic acknowledgement does not."""
    if delivery.agent != AUTO_AGENT:
        rt.store.conversations.stop_clock(conversation_id)


def publish(rt: Runtime, channel: Channel, text: str, target: Target,
            files: list[AttachedFile] | None = None) -> Delivered:
    """The only way text reaches a public endpoint: it is checked for sensitive data one last time."""
    found = rt.detector.find(text)
    if found:
        raise PermanentError(f"refused to post publicly: it contains {', '.join(sensitive_kinds(found))}")
    doubt = rt.public_doubt(text)
    if doubt is not None:
        raise PermanentError(f"refused to post publicly: the second opinion finds it likely ({doubt:.0%}) to "
                             "contain sensitive data")
    if files:
        return channel.send_with_media(text, target, files, private=False)
    return channel.send_public(text, target)


def _acknowledge(rt: Runtime, channel: Channel, target: Target, text: str, conversation_id: int,
                 window: timedelta) -> str:
    """The short public note in the customer's thread, at most once per conversation within `window`; best
    effort, the reply itself went (or goes) elsewhere."""
    conversations = rt.store.conversations
    if not conversations.claim_public_ack(conversation_id, window):
        return "No public acknowledgement this time: one was posted in this thread recently."
    try:
        sent = publish(rt, channel, text, target)
    except BridgeError as exc:
        conversations.release_public_ack(conversation_id)
        return f"The public acknowledgement was not posted ({exc})."
    return f"Public acknowledgement posted: {sent.url or sent.external_id}"


def _write_note(rt: Runtime, delivery: Delivery) -> str:
    if not delivery.note or delivery.noted_at is not None:
        return delivery.state
    state = DeliveryState(delivery.state)
    try:
        rt.helpdesk.add_delivery_record(delivery.ticket_id, delivery.note,
                                        delivery.route if state in (DeliveryState.SENT, DeliveryState.HANDED_OFF) else None)
    except BridgeError as exc:
        if classify(exc) is Failure.PERMANENT:
            log.error("delivery %s: could not write the note on ticket %s: %s", delivery.id, delivery.ticket_id, exc)
            rt.store.outbox.update(delivery.id, lease_until=None, noted_at=utcnow(), last_error=f"note: {exc}")
            return delivery.state
        # the note is an internal one: writing it twice is harmless, losing it leaves the agent guessing
        delay = retry_delay(Failure.TRANSIENT, exc, delivery.attempts)
        rt.store.outbox.update(delivery.id, lease_until=None, last_error=f"note: {exc}",
                               next_attempt_at=utcnow() + timedelta(seconds=delay))
        rt.enqueue("deliver", delivery.id, delay)
        return delivery.state
    rt.store.outbox.update(delivery.id, lease_until=None, noted_at=utcnow())
    _show_outcome(rt, delivery, state)
    return delivery.state


def _show_outcome(rt: Runtime, delivery: Delivery, state: DeliveryState) -> None:
    """Best effort, after the note (which says everything): the reply's fate where ticket lists show it. An
    automatic acknowledgement is no agent's reply: it neither flags the ticket nor meets its due time."""
    if delivery.agent == AUTO_AGENT:
        return
    try:
        channel = rt.store.conversations.get(delivery.conversation_id).channel
        rt.helpdesk.record_reply_outcome(delivery.ticket_id, delivery.article_id, state, delivery.route, channel)
    except BridgeError as exc:
        log.warning("delivery %s: could not mark the outcome on ticket %s: %s", delivery.id, delivery.ticket_id, exc)
