"""A customer posted sensitive data publicly (a card number, a password, an id number): the public
timeline is permanent, so the bridge hides the post where the platform lets the brand, tells the
customer once, privately where a private path is open, and tells the agents on the ticket either way."""
from __future__ import annotations

import logging

from bridge.errors import BridgeError
from bridge.model import Post, Reply, ReplyMode, Target
from bridge.pipeline.mapping import ChannelMapping
from bridge.pipeline.privacy import sensitive_kinds
from bridge.runtime import Runtime

log = logging.getLogger("bridge.exposure")

AUTO_AGENT = "bridge (automatic acknowledgement)"  # the agent name of the bridge's own automatic messages
KIND_NAMES = {"card": "a card number", "iban": "an IBAN", "bank_account": "a bank account number",
              "national_id": "an ID number", "email": "an e-mail address", "phone": "a phone number",
              "address": "an address", "date_of_birth": "a date of birth", "secret": "a password or code",
              "custom": "personal data"}


def handle_exposure(rt: Runtime, mapping: ChannelMapping, post: Post, findings: list, conversation_id: int,
                    ticket_id: str) -> str | None:
    """Act on a public post that exposed one of the mapping's `exposure.hide` kinds; returns the note written
    on the ticket (None when there was nothing to do). Best effort: the post is on its ticket already."""
    exposed = [kind for kind in sensitive_kinds(findings) if kind in mapping.hide_exposed]
    if post.kind.is_private or not exposed:
        return None
    what = " and ".join(KIND_NAMES.get(kind, kind) for kind in exposed)
    channel = rt.channel(post.platform, post.account)
    target = Target(post_id=post.post_id, conversation_id=post.conversation_id, kind=post.kind,
                    author_id=post.author.platform_id, author_handle=post.author.handle, posted_at=post.created_at)
    if channel.can_hide:
        try:
            done = channel.hide(target)
            note = f"The customer's {post.platform} post showed {what} publicly: {done}. The values are masked on this ticket."
            hidden = True
        except BridgeError as exc:
            note = (f"The customer's {post.platform} post shows {what} publicly and the bridge could not hide it "
                    f"({exc}). Hide it on {post.platform}, or ask the customer to delete it.")
            hidden = False
    else:
        note = (f"The customer's {post.platform} post shows {what} publicly; {post.platform} does not let the brand "
                "hide it. Ask the customer to delete it (privately). The values are masked on this ticket.")
        hidden = False
    note += " " + _tell_the_customer(rt, mapping, channel, target, conversation_id, ticket_id, hidden)
    try:
        rt.helpdesk.add_note(ticket_id, note.strip())
    except BridgeError as exc:
        log.warning("ticket %s: the exposure note was not written: %s", ticket_id, exc)
    return note.strip()


def _tell_the_customer(rt: Runtime, mapping: ChannelMapping, channel, target: Target, conversation_id: int,
                       ticket_id: str, hidden: bool) -> str:
    if not hidden or not mapping.exposure_notice:
        return ""
    from datetime import datetime, timezone

    if channel.private_reply_single_use or not channel.private_open(target, datetime.now(timezone.utc)):
        return "Tell the customer why in your private reply."
    reply = Reply(helpdesk=rt.helpdesk.name, ticket_id=ticket_id, article_id=f"exposure:{target.post_id}",
                  text=mapping.exposure_notice, requested_mode=ReplyMode.PRIVATE, agent=AUTO_AGENT)
    delivery_id, created = rt.store.outbox.add(reply, conversation_id)
    if created:
        rt.enqueue("deliver", delivery_id)
    return "The customer is told why in a private message."
