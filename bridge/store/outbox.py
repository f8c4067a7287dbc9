"""The outbox: one row per agent reply (helpdesk + article id), with its state and the note for the agent.

State changes go through `move`, which allows only the transitions model.DELIVERY_TRANSITIONS lists
and applies them with a conditional UPDATE, so two workers can never both act on one reply."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select

from bridge.model import DeliveryState, Reply
from bridge.store.database import Database, naive_utc, utcnow
from bridge.store.tables import Delivery

HOLD_NOTE = "Reply held for review: a supervisor approves it before it is published."

# A row has work while it is to be sent, or while its outcome (or hold) has a note not yet written.
_NOTED_STATES = [s.value for s in DeliveryState if s.is_outcome] + [DeliveryState.AWAITING_APPROVAL.value]
HAS_WORK = or_(
    Delivery.state == DeliveryState.PENDING.value,
    and_(Delivery.state.in_(_NOTED_STATES), Delivery.note.is_not(None), Delivery.noted_at.is_(None)),
)


class IllegalTransition(ValueError):
    pass


class OutboxStore:
    def __init__(self, db: Database):
        self.db = db

    def add(self, reply: Reply, conversation_id: int, review: str | None = None,
            not_before: datetime | None = None) -> tuple[int, bool]:
        """Queue an agent reply. Returns (id, created); the same helpdesk article twice is one delivery.
        Under review "before" it is held, and the agent is told so on the ticket. `not_before`: when it
        may go out at the earliest (an incident update's copies are paced)."""
        now = utcnow()
        held = review == "before"
        row = Delivery(helpdesk=reply.helpdesk, ticket_id=reply.ticket_id, article_id=reply.article_id,
                       conversation_id=conversation_id, text=reply.text, requested_mode=reply.requested_mode.value,
                       agent=reply.agent, attachments="\n".join(a.to_line() for a in reply.attachments),
                       state=(DeliveryState.AWAITING_APPROVAL if held else DeliveryState.PENDING).value,
                       review=review, note=HOLD_NOTE if held else None, attempts=0,
                       next_attempt_at=naive_utc(not_before) if not_before else now, created_at=now)
        return self.db.insert_unique(row, select(Delivery.id).where(
            Delivery.helpdesk == reply.helpdesk, Delivery.article_id == reply.article_id))

    def get(self, delivery_id: int) -> Delivery:
        return self.db.get(Delivery, delivery_id)

    def find(self, delivery_id: int) -> Delivery | None:
        """A delivery by an id from outside (an admin's request): None when there is none."""
        with self.db.reading() as s:
            return s.get(Delivery, delivery_id)

    def claim(self, delivery_id: int) -> Delivery | None:
        """Claim a delivery that still has work: sending it, or telling the agent how it went."""
        return self.db.claim(Delivery, delivery_id, HAS_WORK)

    def move(self, delivery_id: int, source: DeliveryState, target: DeliveryState, **values: Any) -> bool:
        """Change the state from `source` to `target` (an allowed transition), with other columns; False
        when the row was no longer in `source` (someone else acted first)."""
        if not source.can_become(target):
            raise IllegalTransition(f"a delivery cannot go from {source.value} to {target.value}")
        return self.db.set_if(Delivery, delivery_id, Delivery.state == source.value, state=target.value, **values)

    def update(self, delivery_id: int, **values: Any) -> None:
        """Columns other than the state (lease, note, errors, next attempt)."""
        if "state" in values:
            raise IllegalTransition("use move() to change a delivery's state")
        self.db.set(Delivery, delivery_id, **values)

    def recent(self, *, state: str | None = None, unreviewed_after: bool = False, limit: int = 200) -> list[Delivery]:
        with self.db.reading() as s:
            query = select(Delivery).order_by(Delivery.id.desc()).limit(limit)
            if state:
                query = query.where(Delivery.state == state)
            if unreviewed_after:
                query = query.where(Delivery.review == "after", Delivery.reviewed_at.is_(None))
            return list(s.scalars(query))

    def held(self, helpdesk: str, ticket_id: str) -> list[Delivery]:
        """A ticket's replies awaiting approval, oldest first: what a review decision in the helpdesk is about."""
        with self.db.reading() as s:
            return list(s.scalars(select(Delivery).where(
                Delivery.helpdesk == helpdesk, Delivery.ticket_id == ticket_id,
                Delivery.state == DeliveryState.AWAITING_APPROVAL.value).order_by(Delivery.id)))

    def approve(self, delivery_id: int, reviewer: str, text: str | None) -> bool:
        """A held reply may go out (with the reviewer's edit, if any). The hold note is done with."""
        values: dict[str, Any] = dict(reviewed_by=reviewer, reviewed_at=utcnow(), note=None, noted_at=None,
                                      lease_until=None, next_attempt_at=utcnow())
        if text:
            values["text"] = text
        return self.move(delivery_id, DeliveryState.AWAITING_APPROVAL, DeliveryState.PENDING, **values)

    def reject(self, delivery_id: int, reviewer: str, reason: str) -> bool:
        note = f"Reply rejected by {reviewer} and not published." + (f" Reason: {reason}" if reason else "")
        return self.move(delivery_id, DeliveryState.AWAITING_APPROVAL, DeliveryState.REJECTED,
                         reviewed_by=reviewer, reviewed_at=utcnow(), note=note, noted_at=None, lease_until=None,
                         next_attempt_at=utcnow())

    def mark_reviewed(self, delivery_id: int, reviewer: str) -> bool:
        """A reply published under "review after" has been looked at."""
        return self.db.set_if(Delivery, delivery_id, (Delivery.review == "after") & Delivery.reviewed_at.is_(None),
                              reviewed_by=reviewer, reviewed_at=utcnow())

    def stuck_sending(self) -> list[int]:
        """Deliveries whose worker died mid-send: the post may or may not be on the platform."""
        with self.db.reading() as s:
            return list(s.scalars(select(Delivery.id).where(
                Delivery.state == DeliveryState.SENDING.value, Delivery.lease_until < utcnow())))
