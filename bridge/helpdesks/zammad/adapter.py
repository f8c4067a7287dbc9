"""Zammad: tickets and articles over the REST API (token auth), agent replies from a trigger's webhook.

Zammad facts this module relies on (see shared/reference/zammad.md):
- Customer articles are posted with sender "Customer"; an agent token otherwise defaults to sender
  Agent, and a public Agent article on a communication type counts as the first response (§8.1).
- Logins are lowercased and a taken login is silently suffixed ("alice" → "alice1"), so a customer
  is found by an exact login match, never by the first search hit (§1.6, §8.5).
- The webhook signs the raw body: X-Hub-Signature: sha1=<hex HMAC-SHA1(signature token, body)> (§3.2).
- The default webhook payload is {"ticket": {...}, "article": {...}} with names resolved
  ("sender": "Agent", "created_by": {user}), and "article": {} for a ticket-only update (§3.3). It is
  built when the webhook job runs, from the ticket as it is then, custom attributes included.
- A public Agent article counts as the first response only when its type has communication: true
  (§4); the SocialBridge package adds such types for the replies the bridge delivers, and the
  "social reply" type agents pick to answer on the platform: only that type is delivered.
- A ticket created with a "customer" hash takes the user with that login (lowercased, looked up in the
  database, not the search index), else creates it; a customer article of type phone, note or web with
  no origin_by_id is attributed to the ticket's customer (§1.3; AddsMetadataOriginById). So a new
  customer's first ticket is one call, not search + create + ticket.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import logging
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import requests
from marshmallow import Schema, ValidationError, fields, post_load, validate, validates

from bridge.errors import PayloadError, PermanentError
from bridge.helpdesks.base import OUTCOME_TAGS, Helpdesk, PluginContext, ReviewDecision, attached_file, reply_form_fields
from bridge.helpdesks.html_text import html_to_text
from bridge.http import call
from bridge.model import (
    ArticleDraft,
    AttachedFile,
    Attachment,
    CreatedTicket,
    Customer,
    DeliveryState,
    Priority,
    Reply,
    ReplyMode,
    TicketDraft,
)

if TYPE_CHECKING:
    from bridge.plugin.manifest import Manifest

log = logging.getLogger(__name__)

DEFAULT_PRIORITIES = {"low": "1 low", "normal": "2 normal", "high": "3 high", "urgent": "3 high"}
ALWAYS_CLOSED_STATES = ("closed",)
REPLY_MODE_ATTRIBUTE = "social_reply_mode"  # custom ticket attribute the agent sets before replying
REVIEW_ATTRIBUTE = "social_review"  # set by the review macros, cleared by the bridge once it acted
REVIEW_DECISIONS = ("approve", "reject")
# The SocialBridge package's article types (plugin/package/ beside this file), by delivery route.
DELIVERY_ARTICLE_TYPES = {"public": "social public reply", "private": "social private message",
                          "phone": "social phone handoff"}
REPLY_ARTICLE_TYPES = ("social reply",)  # added by the SocialBridge package; agents pick it in the reply form
USER_SEARCH_LIMIT = 20
FIND_LIMIT = 10  # a customer's newest tickets searched for the article of an earlier, unanswered attempt
POST_LINK_NAME = "View post"
# Article types whose origin Zammad sets to the ticket's customer when none is given.
ORIGIN_FROM_TICKET_CUSTOMER = ("phone", "note", "web")

# Characters with a meaning in Zammad's (Elasticsearch query_string) search syntax.
_SEARCH_SYNTAX = re.compile(r'([+\-=&|><!(){}\[\]^"~*?:\\/\s])')


class ZammadSettingsSchema(Schema):
    url = fields.URL(required=True, require_tld=False, schemes={"http", "https"})
    token = fields.String(required=True, validate=validate.Length(min=1))
    webhook_secret = fields.String(required=True, validate=validate.Length(min=1))
    bridge_login = fields.String(required=True, validate=validate.Length(min=1))
    customer_article_type = fields.String(load_default="web", validate=validate.Length(min=1))
    priorities = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict)
    reopen_state = fields.String(load_default="open", validate=validate.Length(min=1))
    closed_states = fields.List(fields.String(validate=validate.Length(min=1)), load_default=list)
    # On once the SocialBridge package is installed: a delivered reply is then recorded as a public
    # Agent article of one of its types, which stops Zammad's first-response clock.
    delivery_article_types = fields.Boolean(load_default=False)
    # The article types the bridge delivers to customers: by default only the SocialBridge package's
    # "social reply", which an agent picks on purpose. Notes, e-mails and phone notes are never delivered.
    reply_article_types = fields.List(fields.String(validate=validate.Length(min=1)),
                                      load_default=lambda: list(REPLY_ARTICLE_TYPES),
                                      validate=validate.Length(min=1))

    @validates("priorities")
    def known_priorities(self, value: dict[str, str], **_: Any) -> None:
        unknown = sorted(set(value) - {p.value for p in Priority})
        if unknown:
            raise ValidationError(f"unknown priorities {', '.join(unknown)}; use {', '.join(DEFAULT_PRIORITIES)}")

    @post_load
    def normalise(self, data: dict[str, Any], **_: Any) -> dict[str, Any]:
        data["url"] = data["url"].rstrip("/")
        data["priorities"] = {**DEFAULT_PRIORITIES, **data["priorities"]}
        data["closed_states"] = sorted({*ALWAYS_CLOSED_STATES, *(s.lower() for s in data["closed_states"])})
        return data


class ZammadHelpdesk(Helpdesk):
    name = "zammad"
    can_find_created = True
    settings_schema = ZammadSettingsSchema
    plugin_actions = frozenset({"install", "build"})

    @classmethod
    def plugin_install(cls, context: PluginContext, args: argparse.Namespace) -> int:
        from bridge.helpdesks.zammad.installer import install

        return install(context, dry_run=args.dry_run)

    @classmethod
    def plugin_build(cls, manifest: Manifest, args: argparse.Namespace) -> str:
        from bridge.helpdesks.zammad.installer import PLUGIN_DIR
        from bridge.helpdesks.zammad.package import build_package, write_package

        path = write_package(build_package(PLUGIN_DIR, datetime.now(timezone.utc), manifest.reply_rules), args.output)
        return (f"wrote {path}: upload it in Zammad (Admin → System → Packages), then run "
                "`zammad run rake zammad:package:migrate` and restart Zammad")

    def __init__(self, settings: Mapping[str, Any], session: requests.Session | None = None):
        super().__init__(settings, session)
        self._customer_ids: dict[str, int] = {}  # lowercased login → Zammad user id

    # -- tickets and articles ---------------------------------------------------------------
    def create_ticket(self, draft: TicketDraft) -> CreatedTicket:
        login = draft.customer.login.strip().lower()  # Zammad stores logins lowercased
        customer_id = self._customer_ids.get(login)
        if customer_id is None and self.settings["customer_article_type"] not in ORIGIN_FROM_TICKET_CUSTOMER:
            customer_id = self._customer_id(draft.customer)  # the article needs the customer's id up front
        # An unknown customer goes with the ticket as a "customer" hash: Zammad finds or creates them.
        who: dict[str, Any] = {"customer_id": customer_id} if customer_id is not None else \
            {"customer": self._new_user(login, draft.customer)}
        ticket = {
            # Custom ticket attributes go first so they can never replace the ticket's own keys; none may
            # name the customer either way (Zammad takes a customer_id over a customer hash).
            **{key: value for key, value in draft.fields.items() if key not in ("customer", "customer_id")},
            **reply_form_fields(draft.context),
            "title": draft.title,
            "group": draft.queue,
            **who,
            "priority": self.settings["priorities"][Priority(draft.priority).value],
            "article": self._customer_article(draft.body, customer_id, draft.post_url, draft.marker),
        }
        if draft.tags:
            ticket["tags"] = ",".join(draft.tags)  # Zammad takes tags as one comma-separated string
        created = self._json("POST", "/api/v1/tickets", what="zammad: create ticket", idempotent=False, json=ticket)
        ticket_id = _record_id(created, "zammad: create ticket")
        if customer_id is None and isinstance(created.get("customer_id"), int):
            self._customer_ids[login] = created["customer_id"]
        return CreatedTicket(ticket_id=ticket_id, article_id=self._first_article_id(ticket_id, created))

    def add_article(self, ticket_id: str, draft: ArticleDraft) -> str:
        number = _ticket_number(ticket_id)
        customer_id = self._customer_id(draft.customer)
        self._reopen_if_closed(number)
        article = {"ticket_id": number, **self._customer_article(draft.body, customer_id, draft.post_url, draft.marker)}
        created = self._json(
            "POST", "/api/v1/ticket_articles", what=f"zammad: add article to ticket {ticket_id}",
            idempotent=False, json=article,
        )
        return _record_id(created, "zammad: add article")

    def find_ticket(self, draft: TicketDraft) -> CreatedTicket | None:
        """The customer's newest tickets (a condition search: no Elasticsearch needed), then their articles."""
        if not draft.marker:
            return None
        customer_id = self._find_user(draft.customer.login.strip().lower())
        if customer_id is None:
            return None  # no customer, so no ticket either
        found = self._json(
            "GET", "/api/v1/tickets/search", what="zammad: look for a ticket made by an earlier attempt",
            idempotent=True, params={"condition[ticket.customer_id][operator]": "is",
                                     "condition[ticket.customer_id][value]": str(customer_id),
                                     "sort_by": "created_at", "order_by": "desc", "limit": FIND_LIMIT,
                                     "expand": "true"})
        tickets = found if isinstance(found, list) else (found or {}).get("tickets", [])
        for ticket in tickets[:FIND_LIMIT] if isinstance(tickets, list) else []:
            ticket_id = str(ticket.get("id") if isinstance(ticket, dict) else ticket)
            article_id = self.find_article(ticket_id, draft.marker)
            if article_id is not None:
                return CreatedTicket(ticket_id=ticket_id, article_id=article_id)
        return None

    def find_article(self, ticket_id: str, marker: str) -> str | None:
        articles = self._json(
            "GET", f"/api/v1/ticket_articles/by_ticket/{_ticket_number(ticket_id)}",
            what=f"zammad: list articles of ticket {ticket_id}", idempotent=True,
        )
        wanted = _message_id(marker)
        for article in articles if isinstance(articles, list) else []:
            if isinstance(article, dict) and article.get("message_id") == wanted:
                return _record_id(article, "zammad: list articles")
        return None

    def add_note(self, ticket_id: str, text: str) -> str:
        note = {
            "ticket_id": _ticket_number(ticket_id),
            "body": text,
            "type": "note",
            "internal": True,
            "sender": "Agent",
            "content_type": "text/plain",
        }
        created = self._json(
            "POST", "/api/v1/ticket_articles", what=f"zammad: add note to ticket {ticket_id}",
            idempotent=False, json=note,
        )
        return _record_id(created, "zammad: add note")

    def add_delivery_record(self, ticket_id: str, text: str, route: str | None) -> str:
        article_type = DELIVERY_ARTICLE_TYPES.get(route or "") if self.settings["delivery_article_types"] else None
        if article_type is None:
            return self.add_note(ticket_id, text)
        record = {
            "ticket_id": _ticket_number(ticket_id),
            "body": text,
            "type": article_type,
            "internal": False,  # with sender Agent and a communication type: the agents' response
            "sender": "Agent",
            "content_type": "text/plain",
        }
        try:
            created = self._json("POST", "/api/v1/ticket_articles", idempotent=False, json=record,
                                 what=f"zammad: record the delivery on ticket {ticket_id}")
        except PermanentError as exc:
            if exc.status != 422:
                raise
            # Not created, so a note cannot duplicate it; the agents still learn how the reply went.
            log.warning("zammad: the article type %r was refused (HTTP 422); is the SocialBridge package installed? "
                        "Writing an internal note instead.", article_type)
            return self.add_note(ticket_id, text)
        return _record_id(created, "zammad: record the delivery")

    def escalate(self, ticket_id: str, priority: Priority, tag: str, note: str) -> None:
        number = _ticket_number(ticket_id)
        self._json("PUT", f"/api/v1/tickets/{number}", what=f"zammad: raise priority of ticket {ticket_id}",
                   idempotent=True, json={"priority": self.settings["priorities"][priority.value]})
        self._json("POST", "/api/v1/tags/add", what=f"zammad: tag ticket {ticket_id}", idempotent=True,
                   json={"item": tag, "object": "Ticket", "o_id": number})
        self.add_note(ticket_id, note)

    def priority_label(self, priority: Priority) -> str:
        return self.settings["priorities"][priority.value]

    def record_reply_outcome(self, ticket_id: str, article_id: str, outcome: DeliveryState, route: str | None,
                             channel: str) -> None:
        """A tag while the ticket's latest reply did not go out (an overview or search on it lists them):
        social-reply-not-sent for failed and rejected replies, social-reply-held while one waits for
        approval; a reply that went out removes both."""
        number = _ticket_number(ticket_id)
        wanted = OUTCOME_TAGS.get(outcome.value)
        for tag in sorted(set(OUTCOME_TAGS.values())):
            path = "/api/v1/tags/add" if tag == wanted else "/api/v1/tags/remove"
            method = "POST" if tag == wanted else "DELETE"
            self._json(method, path, what=f"zammad: tag ticket {ticket_id}", idempotent=True,
                       json={"item": tag, "object": "Ticket", "o_id": number})

    # -- webhook ----------------------------------------------------------------------------
    def verify_webhook(self, headers: Mapping[str, str], body: bytes, args: Mapping[str, str]) -> bool:
        signature = headers.get("X-Hub-Signature")
        if not signature:
            return False
        digest = hmac.new(self.settings["webhook_secret"].encode("utf-8"), body, hashlib.sha1).hexdigest()
        return hmac.compare_digest(f"sha1={digest}".encode("ascii"), signature.strip().encode("utf-8"))

    def parse_webhook(self, payload: Any, headers: Mapping[str, str]) -> list[Reply]:
        if not isinstance(payload, dict):
            raise PayloadError("zammad webhook: expected a JSON object")
        ticket, article = payload.get("ticket"), payload.get("article")
        if not isinstance(ticket, dict) or not isinstance(article, dict):
            raise PayloadError("zammad webhook: expected the default payload with 'ticket' and 'article' objects")
        if not article:
            return []  # a ticket-only update (state, owner, …): nothing to deliver
        internal, sender = article.get("internal"), article.get("sender")
        if not isinstance(internal, bool) or not isinstance(sender, str):
            raise PayloadError("zammad webhook: article has no boolean 'internal' or no 'sender' name")
        if internal or sender != "Agent" or article.get("type") not in self.settings["reply_article_types"]:
            return []  # only an article of a social reply type is meant for the customer
        author = _user_login(article.get("created_by"))
        if author and author.lower() == self.settings["bridge_login"].lower():
            return []  # the bridge's own write, echoed back by a trigger
        body = article.get("body")
        if not isinstance(body, str):
            raise PayloadError("zammad webhook: article has no body")
        # Zammad stores text/plain by default, but a missing type is safer read as HTML: tags must
        # never reach a public post.
        text = html_to_text(body, article.get("content_type") or "text/html")
        if not text:
            return []
        return [
            Reply(
                helpdesk=self.name,
                ticket_id=_record_id(ticket, "zammad webhook: ticket", error=PayloadError),
                article_id=_record_id(article, "zammad webhook: article", error=PayloadError),
                text=text,
                requested_mode=_reply_mode(ticket.get(REPLY_MODE_ATTRIBUTE)),
                agent=author or str(article.get("from") or ""),
                attachments=tuple(_attachment(a, ticket, article) for a in article.get("attachments") or []
                                  if isinstance(a, dict)),
            )
        ]

    def parse_approvals(self, payload: Any, headers: Mapping[str, str]) -> list[ReviewDecision]:
        """The review trigger sends the ticket as the reviewer left it: social_review says approve or reject,
        updated_by says who. The reply trigger's payloads carry the attribute too, so a decision made in
        the same update as a reply is found in either."""
        ticket = payload.get("ticket") if isinstance(payload, dict) else None
        if not isinstance(ticket, dict):
            raise PayloadError("zammad webhook: expected the default payload with 'ticket' and 'article' objects")
        decision = str(ticket.get(REVIEW_ATTRIBUTE) or "").strip().lower()
        if decision not in REVIEW_DECISIONS:
            return []
        reviewer = _user_login(ticket.get("updated_by"))
        if not reviewer:
            raise PayloadError("zammad webhook: a review decision without the reviewer's login (ticket.updated_by)")
        if reviewer.lower() == self.settings["bridge_login"].lower():
            return []  # the bridge's own update while the field was still set
        ticket_id = _record_id(ticket, "zammad webhook: ticket", error=PayloadError)
        return [ReviewDecision(ticket_id=ticket_id, reviewer=reviewer, approve=decision == "approve")]

    def clear_review_request(self, ticket_id: str) -> None:
        number = _ticket_number(ticket_id)
        self._json("PUT", f"/api/v1/tickets/{number}", what=f"zammad: clear the review decision on ticket {ticket_id}",
                   idempotent=True, json={REVIEW_ATTRIBUTE: ""})

    # -- customers --------------------------------------------------------------------------
    def _customer_id(self, customer: Customer) -> int:
        login = customer.login.strip().lower()  # Zammad stores logins lowercased
        if login not in self._customer_ids:
            self._customer_ids[login] = self._find_user(login) or self._create_user(login, customer)
        return self._customer_ids[login]

    def _find_user(self, login: str) -> int | None:
        users = self._json(
            "GET", "/api/v1/users/search", what="zammad: search customer", idempotent=True,
            params={"query": f"login:{_search_term(login)}", "limit": USER_SEARCH_LIMIT},
        )
        if not isinstance(users, list):
            raise PermanentError("zammad: search customer: expected a list of users")
        for user in users:
            if isinstance(user, dict) and str(user.get("login", "")).lower() == login:
                return int(_record_id(user, "zammad: search customer"))
        return None

    def _create_user(self, login: str, customer: Customer) -> int:
        created = self._json("POST", "/api/v1/users", what="zammad: create customer", idempotent=False,
                             json=self._new_user(login, customer))
        user_id = int(_record_id(created, "zammad: create customer"))
        if str(created.get("login", "")).lower() != login:
            # Zammad renamed the login because it is taken: the search missed an existing user.
            log.warning("zammad: a new customer's login was taken and got renamed; is Elasticsearch up?")
        return user_id

    @staticmethod
    def _new_user(login: str, customer: Customer) -> dict[str, Any]:
        # No e-mail: social authors have none, and an invented one would collide or bounce.
        return {**customer.fields, "login": login, "firstname": customer.display_name}

    # -- helpers ----------------------------------------------------------------------------
    def _customer_article(self, body: str, customer_id: int | None, post_url: str | None,
                          marker: str | None = None) -> dict[str, Any]:
        article: dict[str, Any] = {
            "body": body,
            "type": self.settings["customer_article_type"],
            "sender": "Customer",  # else Zammad counts the post as the agents' first response
            "internal": False,
            "content_type": "text/plain",
        }
        if customer_id is not None:  # None: a new ticket's customer, whom Zammad sets as the origin itself
            article["origin_by_id"] = customer_id
        if marker:
            article["message_id"] = _message_id(marker)  # how a retry finds the article again
        if post_url:
            article["preferences"] = {"links": [{"url": post_url, "target": "_blank", "name": POST_LINK_NAME}]}
        return article

    def _reopen_if_closed(self, ticket_id: int) -> None:
        path = f"/api/v1/tickets/{ticket_id}"
        ticket = self._json(
            "GET", path, what=f"zammad: read ticket {ticket_id}", idempotent=True, params={"expand": "true"}
        )
        state = ticket.get("state") if isinstance(ticket, dict) else None
        if not isinstance(state, str):
            raise PermanentError(f"zammad: read ticket {ticket_id}: answer has no state name")
        if state.lower() in self.settings["closed_states"]:
            self._json(
                "PUT", path, what=f"zammad: reopen ticket {ticket_id}", idempotent=True,
                json={"state": self.settings["reopen_state"]},
            )

    def _first_article_id(self, ticket_id: str, created: dict[str, Any]) -> str:
        """The ticket's first article. Zammad lists article_ids newest first, and a trigger may already
        have added one (an auto-reply), so the lowest id is ours."""
        article_ids = created.get("article_ids")
        if not (isinstance(article_ids, list) and article_ids):
            articles = self._json(
                "GET", f"/api/v1/ticket_articles/by_ticket/{ticket_id}",
                what=f"zammad: list articles of ticket {ticket_id}", idempotent=True,
            )
            article_ids = [a.get("id") for a in articles if isinstance(a, dict)] if isinstance(articles, list) else []
        numeric_ids = [int(i) for i in article_ids if isinstance(i, int) or (isinstance(i, str) and i.isdigit())]
        if not numeric_ids:
            raise PermanentError(f"zammad: ticket {ticket_id} was created but its article id is unknown")
        return str(min(numeric_ids))

    def unknown_queues(self, queues: list[str]) -> list[str] | None:
        """Mapping queues are Zammad group names."""
        groups = self._json("GET", "/api/v1/groups", what="list groups", idempotent=True)
        names = {g.get("name") for g in groups if isinstance(g, dict)} if isinstance(groups, list) else set()
        return [q for q in queues if q not in names]

    def fetch_attachment(self, ticket_id: str, attachment: Attachment, max_bytes: int) -> AttachedFile:
        """GET /api/v1/ticket_attachment/{ticket}/{article}/{id}: the file's bytes."""
        if not attachment.ref:
            raise PermanentError(f"zammad: attachment {attachment.name!r} has no ids")
        what = f"zammad: fetch attachment {attachment.name}"
        response = call(self.session, "GET", f"{self.settings['url']}/api/v1/ticket_attachment/{attachment.ref}",
                        what=what, idempotent=True, headers={"Authorization": f"Token token={self.settings['token']}"})
        return attached_file(response, attachment, max_bytes, what)

    def _json(self, method: str, path: str, *, what: str, idempotent: bool, **kwargs: Any) -> Any:
        response = call(
            self.session, method, self.settings["url"] + path, what=what, idempotent=idempotent,
            headers={"Authorization": f"Token token={self.settings['token']}", "Accept": "application/json"},
            **kwargs,
        )
        try:
            return response.json()
        except ValueError as exc:
            raise PermanentError(f"{what}: answer is not JSON", status=response.status_code) from exc


def _attachment(record: dict[str, Any], ticket: Any, article: Any) -> Attachment:
    """One of an article's attachments: ref is "<ticket id>/<article id>/<attachment id>", the path of
    GET /api/v1/ticket_attachment; size is a string in Zammad's answers."""
    size = str(record.get("size") or "")
    ids = [str(x.get("id") if isinstance(x, dict) else "") for x in (ticket, article)] + [str(record.get("id") or "")]
    preferences = record.get("preferences")
    if not isinstance(preferences, dict):
        preferences = {}
    return Attachment(name=str(record.get("filename") or "file"),
                      ref="/".join(ids) if all(i.isascii() and i.isdigit() for i in ids) else "",
                      content_type=str(preferences.get("Content-Type") or preferences.get("Mime-Type") or ""),
                      size=int(size) if size.isascii() and size.isdigit() else None)


def _message_id(marker: str) -> str:
    return f"<{marker}@social-bridge>"


def _ticket_number(ticket_id: str) -> int:
    """Zammad ticket ids are numbers; anything else must not reach a URL path."""
    if not str(ticket_id).isdigit():
        raise PermanentError("zammad: ticket ids are numbers")
    return int(ticket_id)


def _search_term(value: str) -> str:
    """A literal value inside a search query."""
    return _SEARCH_SYNTAX.sub(r"\\\1", value)


def _record_id(record: Any, what: str, error: type[Exception] = PermanentError) -> str:
    """The record's numeric id as a string; `error` says whose fault a missing id is."""
    record_id = record.get("id") if isinstance(record, dict) else None
    if isinstance(record_id, bool) or not isinstance(record_id, (int, str)) or not str(record_id).isdigit():
        raise error(f"{what}: no numeric id")
    return str(record_id)


def _user_login(user: Any) -> str:
    """created_by is a user object in the default payload; nested ones carry just the login."""
    if isinstance(user, dict):
        return str(user.get("login") or "")
    return user if isinstance(user, str) else ""


def _reply_mode(value: Any) -> ReplyMode:
    try:
        return ReplyMode(str(value).strip().lower())
    except ValueError:
        return ReplyMode.PUBLIC

