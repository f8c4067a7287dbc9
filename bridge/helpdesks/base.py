"""The one interface every helpdesk module implements.

A helpdesk knows tickets, articles, customers and its own webhook; nothing about platforms.
"""
from __future__ import annotations

import argparse
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

import marshmallow
import requests
from marshmallow import ValidationError

from bridge.errors import ConfigError, PermanentError
from bridge.model import (
    ArticleDraft,
    AttachedFile,
    Attachment,
    CreatedTicket,
    DeliveryState,
    Priority,
    Reply,
    SocialContext,
    TicketDraft,
)
from bridge.schemas import describe

if TYPE_CHECKING:
    from bridge.pipeline.mapping import ChannelMapping
    from bridge.plugin.manifest import Manifest

# Tags a ticket carries while its latest agent reply did not go out (helpdesks with tags: Zammad, Odoo). Their
# ticket lists and overviews filter on them; a reply that goes out removes both.
REPLY_NOT_SENT_TAG = "social-reply-not-sent"  # failed or rejected: nothing reached the customer
REPLY_HELD_TAG = "social-reply-held"  # waiting for a reviewer's approval
OUTCOME_TAGS = {"failed": REPLY_NOT_SENT_TAG, "rejected": REPLY_NOT_SENT_TAG, "awaiting_approval": REPLY_HELD_TAG}


def reply_form_fields(context: SocialContext | None) -> dict[str, str]:
    """The plugin manifest's ticket fields a reply form reads to say where a reply goes (the brand's account,
    whether the customer wrote privately), as text like the mappings' fields; empty without a context."""
    if context is None:
        return {}
    return {"social_brand": context.brand, "social_private_thread": "true" if context.kind.is_private else "false"}


class ReviewDecision(NamedTuple):
    """A reviewer's decision, made in the helpdesk, on the replies held for review on a ticket."""

    ticket_id: str
    reviewer: str  # the reviewer's helpdesk login
    approve: bool  # False: reject


@dataclass(frozen=True)
class PluginContext:
    """What `social-bridge plugin install <helpdesk>` hands the helpdesk: the bridge's validated
    settings, and loaders for the mappings and the plugin manifest (read only when needed)."""

    config_path: str
    helpdesk_settings: Mapping[str, Any]
    public_url: str
    account_channels: tuple[str, ...]  # channels that have an account: the ones that make tickets
    load_mappings: Callable[[], dict[str, ChannelMapping]]
    load_manifest: Callable[[], Manifest]
    open_store: Callable[[], Any] | None = None  # the bridge's store (a wiring probe is recorded there)


def attached_file(response: requests.Response, attachment: Attachment, max_bytes: int, what: str) -> AttachedFile:
    """An attachment's content from a helpdesk's answer, refused when larger than max_bytes."""
    data = response.content
    if len(data) > max_bytes:
        raise PermanentError(f"{what}: {len(data)} bytes, more than {max_bytes}")
    served = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    content_type = attachment.media_type or served
    return AttachedFile(name=attachment.name, content_type=content_type, data=data)


class Helpdesk(ABC):
    name: ClassVar[str]
    settings_schema: ClassVar[type[marshmallow.Schema]]
    # Whether find_ticket/find_article can tell if a creation whose answer was lost took place.
    can_find_created: ClassVar[bool] = False
    # `social-bridge plugin install|build <name>`: which of the two this helpdesk has.
    plugin_actions: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def add_plugin_arguments(cls, action: str, parser: argparse.ArgumentParser) -> None:
        """Options of its own for `plugin install|build` (e.g. Odoo's --flavour)."""

    @classmethod
    def plugin_install(cls, context: PluginContext, args: argparse.Namespace) -> int:
        """Apply the plugin manifest inside the helpdesk (or check it, with --dry-run); the exit code."""
        raise ConfigError(f"{cls.name}: nothing to install")

    @classmethod
    def plugin_build(cls, manifest: Manifest, args: argparse.Namespace) -> str:
        """Write the helpdesk's package or addon; what to do with it, for the admin."""
        raise ConfigError(f"{cls.name}: nothing to build")

    def __init__(self, settings: Mapping[str, Any], session: requests.Session | None = None):
        try:
            # Loading is idempotent, so settings the config already validated pass through unchanged.
            self.settings = self.settings_schema().load(dict(settings))
        except ValidationError as exc:
            # Field names and marshmallow's messages only: values may be secrets.
            raise ConfigError(f"helpdesk {self.name}: invalid settings: {describe(exc)}") from exc
        self.session = session or requests.Session()

    @abstractmethod
    def create_ticket(self, draft: TicketDraft) -> CreatedTicket:
        """Create the ticket with the post as its first customer article (finding or creating the customer)."""

    @abstractmethod
    def add_article(self, ticket_id: str, draft: ArticleDraft) -> str:
        """Append a later post of the conversation as a customer article; reopen the ticket if closed.
        Returns the new article's id."""

    def find_ticket(self, draft: TicketDraft) -> CreatedTicket | None:
        """The ticket an earlier create_ticket(draft) made, found by draft.marker, or None when there is none
        (or, as here by default, when the helpdesk cannot tell: can_find_created is False)."""
        return None

    def find_article(self, ticket_id: str, marker: str) -> str | None:
        """The id of the article an earlier add_article made with this marker, or None (the default: the
        helpdesk cannot tell)."""
        return None

    def recent_replies(self, since: datetime) -> list[Reply] | None:
        """Agents' replies written since `since`, read back from the helpdesk, as its webhook would have
        brought them: for the sweep to recover what a webhook lost (the bridge down, or slower than the
        helpdesk's timeout). None (the default): this helpdesk cannot list them, or retries its webhooks."""
        return None

    @abstractmethod
    def add_note(self, ticket_id: str, text: str) -> str:
        """Add an internal note agents see on the ticket (delivery results, problems). Returns its id."""

    def add_delivery_record(self, ticket_id: str, text: str, route: str | None) -> str:
        """Tell the agents how a reply went. `route` ("public", "private" or "phone") when the reply reached
        the customer that way, None for holds, failures and rejections. This default writes an internal
        note; an adapter may record a delivered reply so that the helpdesk counts it as the agents'
        response (Zammad: an article type with communication: true). Returns the new article's id."""
        return self.add_note(ticket_id, text)

    def escalate(self, ticket_id: str, priority: Priority, tag: str, note: str) -> None:
        """Raise the ticket's priority, tag it and add an internal note. This default only writes the note
        (with the tag and the wanted priority); adapters whose API can change priority override it."""
        self.add_note(ticket_id, f"[{tag}] {note} (priority should now be {self.priority_label(priority)})")

    def priority_label(self, priority: Priority) -> str:
        """The helpdesk's own name for a priority, as agents see it there ("Critical", "3 high")."""
        return priority.value

    def record_reply_outcome(self, ticket_id: str, article_id: str, outcome: DeliveryState, route: str | None,
                             channel: str) -> None:
        """After the note: make what happened to the agent's reply visible where agents look first (the
        reply itself, ticket lists). `outcome` is the delivery's state (sent, handed_off, failed, rejected,
        awaiting_approval). A first reply that went out also marks the ticket's first-response due time as
        met. Default: nothing beyond the note."""

    def fetch_attachment(self, ticket_id: str, attachment: Attachment, max_bytes: int) -> AttachedFile:
        """The content of a file an agent attached to a reply (as parse_webhook named it), for a channel that
        sends it with the reply. Refuses (PermanentError) a file larger than max_bytes. Raises the bridge's
        errors; this default: the adapter cannot hand out attachments."""
        raise ConfigError(f"{self.name}: the bridge cannot fetch attachments from this helpdesk")

    @abstractmethod
    def verify_webhook(self, headers: Mapping[str, str], body: bytes, args: Mapping[str, str]) -> bool:
        """Check an incoming helpdesk webhook over the raw body (signature or shared token)."""

    @abstractmethod
    def parse_webhook(self, payload: Any, headers: Mapping[str, str]) -> list[Reply]:
        """Agent replies to deliver. Internal notes, customer articles and the bridge's own articles are
        ignored (an empty list). Raises PayloadError for a shape it does not know, and RemoteError when it
        must read the helpdesk (Odoo) and cannot."""

    def unknown_queues(self, queues: list[str]) -> list[str] | None:
        """Which of the mappings' queues (groups, teams) the helpdesk does not have, asked of the helpdesk
        where it can tell. None: this adapter cannot check. Raises RemoteError when the helpdesk does not
        answer (start-up then carries on: the check is only made when the helpdesk is reachable)."""
        return None

    def agent_login(self, agent: str) -> str:
        """The login review rules name an agent by, for Reply.agent as the webhook gave it (django-helpdesk gives
        a user id). Only asked when there are review rules."""
        return agent

    def probe_id(self, payload: Any) -> str | None:
        """The id of a wiring probe (`social-bridge plugin install` writes one to prove that the helpdesk's
        webhook reaches the bridge), or None for any other payload. Only called on a verified webhook."""
        return None

    def parse_approvals(self, payload: Any, headers: Mapping[str, str]) -> list[ReviewDecision]:
        """Review decisions on held replies that a (verified) webhook carries. Helpdesks without a way to
        review inside them have none; their held replies are reviewed through the admin API."""
        return []

    def clear_review_request(self, ticket_id: str) -> None:
        """Reset whatever carried a review decision, so the helpdesk sends the next one as a change.
        Called before the decision is acted on; only adapters whose parse_approvals finds decisions
        need it."""
