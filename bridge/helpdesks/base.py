"""The one interface every helpdesk module implements.

A helpdesk knows tickets, articles, customers and its own webhook; nothing about platforms.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any, ClassVar

import marshmallow
import requests

from bridge.model import ArticleDraft, CreatedTicket, Priority, Reply, TicketDraft


class Helpdesk(ABC):
    name: ClassVar[str]
    settings_schema: ClassVar[type[marshmallow.Schema]]

    def __init__(self, settings: Mapping[str, Any], session: requests.Session | None = None):
        self.settings = dict(settings)
        self.session = session or requests.Session()

    @abstractmethod
    def create_ticket(self, draft: TicketDraft) -> CreatedTicket:
        """Create the ticket with the post as its first customer article (finding or creating the customer)."""

    @abstractmethod
    def add_article(self, ticket_id: str, draft: ArticleDraft) -> str:
        """Append a later post of the conversation as a customer article; reopen the ticket if closed.
        Returns the new article's id."""

    @abstractmethod
    def add_note(self, ticket_id: str, text: str) -> str:
        """Add an internal note agents see on the ticket (delivery results, problems). Returns its id."""

    def escalate(self, ticket_id: str, priority: Priority, tag: str, note: str) -> None:
        """Raise the ticket's priority, tag it and add an internal note. This default only writes the note
        (with the tag and the wanted priority); adapters whose API can change priority override it."""
        self.add_note(ticket_id, f"[{tag}] {note} (priority should now be {priority.value})")

    @abstractmethod
    def verify_webhook(self, headers: Mapping[str, str], body: bytes, args: Mapping[str, str]) -> bool:
        """Check an incoming helpdesk webhook over the raw body (signature or shared token)."""

    @abstractmethod
    def parse_webhook(self, payload: Any, headers: Mapping[str, str]) -> list[Reply]:
        """Agent replies to deliver. Internal notes, customer articles and the bridge's own articles are
        ignored (an empty list). Raises PayloadError for a shape it does not know, and RemoteError when it
        must read the helpdesk (Odoo) and cannot."""
