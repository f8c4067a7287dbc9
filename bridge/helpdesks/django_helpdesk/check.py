"""`social-bridge plugin install django-helpdesk --dry-run`: check what the bridge needs from django-helpdesk.

django-helpdesk has nothing to install over its API: the queue, the bridge's staff user and its
token, and the follow-up webhook (a Django setting) are set up on the django-helpdesk side. This
report checks what the API can show and prints what to configure for the rest.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from bridge.errors import BridgeError, ConfigError, PermanentError, RemoteError
from bridge.helpdesks.base import PluginContext
from bridge.http import call

OK, WARN, FAIL, BY_HAND = "ok", "warn", "FAIL", "by hand"  # BY_HAND: a step the admin does in the helpdesk
WEBHOOK_PATH = "/webhooks/helpdesk/django-helpdesk"


@dataclass(frozen=True)
class Finding:
    status: str  # ok, warn, FAIL or "by hand" (a step the admin does in the helpdesk)
    subject: str
    detail: str


def check_django_helpdesk(settings, mapping_queues: dict[str, str], session: requests.Session | None = None) -> list[Finding]:
    """settings: the bridge's Settings (helpdesk kind django-helpdesk); mapping_queues: channel → the
    queue its mapping renders for a sample post."""
    helpdesk = settings.helpdesk_settings
    session = session or requests.Session()
    api = helpdesk["url"].rstrip("/") + "/api"
    headers = {"Authorization": f"Token {helpdesk['token']}", "Accept": "application/json"}
    findings: list[Finding] = []

    def request(method: str, path: str, what: str, **kwargs: Any) -> requests.Response:
        return call(session, method, api + path, what=f"django-helpdesk: {what}", idempotent=True,
                    headers=headers, **kwargs)

    try:
        request("GET", "/tickets/", "list tickets", params={"page_size": 1})
        findings.append(Finding(OK, "API", f"{api}/tickets/ answers the bridge's token"))
    except RemoteError as exc:
        findings.append(Finding(FAIL, "API", _token_problem(exc, api)))
        return findings  # nothing else can be checked without a working token

    for name, queue_id in sorted(helpdesk["queues"].items()):
        findings.append(_check_queue(request, name, queue_id))
    for channel, queue in sorted(mapping_queues.items()):
        known = queue in helpdesk["queues"] or (queue.isascii() and queue.isdigit())
        findings.append(Finding(OK if known else FAIL, f"mapping {channel}",
                                f"queue {queue!r} is in `queues`" if known
                                else f"queue {queue!r} is not in the config's `queues` (name → id)"))

    webhook_url = f"{settings.public_url}{WEBHOOK_PATH}?token=****"
    findings.append(Finding(BY_HAND, "follow-up webhook",
                            f'in django-helpdesk\'s settings: HELPDESK_FOLLOWUP_WEBHOOK_URLS = "{webhook_url}" '
                            f"(**** = webhook_token from {settings.config_path})"))
    findings.append(_check_bridge_reachable(session, settings.public_url))
    findings.append(Finding(BY_HAND, "bridge user id",
                            f"bridge_user_id is {helpdesk['bridge_user_id']}: it must be the id of the staff user "
                            "that owns the token (the API cannot show it; Django admin → Users → that user). "
                            "With a wrong id the bridge would send its own follow-ups back to the customer."))
    return findings


def _check_queue(request, name: str, queue_id: int) -> Finding:
    # django-helpdesk has no queue endpoint. A ticket create with a blank title always fails
    # validation, before anything is stored; its errors name the queue when the id is unknown
    # or not open to the bridge's user.
    try:
        request("POST", "/tickets/", f"check queue {name}",
                json={"queue": queue_id, "title": "", "description": "", "submitter_email": ""})
    except PermanentError as exc:
        if exc.status != 400:
            return Finding(FAIL, f"queue {name}", f"the check itself failed: {exc}")
        if '"queue"' in str(exc):  # the error excerpt is DRF's JSON, keyed by field
            return Finding(FAIL, f"queue {name}", f"id {queue_id} does not exist or the bridge's user may not use it")
        return Finding(OK, f"queue {name}", f"id {queue_id} exists and the bridge's user may use it")
    except BridgeError as exc:
        return Finding(FAIL, f"queue {name}", f"the check itself failed: {exc}")
    return Finding(FAIL, f"queue {name}", "django-helpdesk accepted a ticket without a title; delete it and report this")


def _check_bridge_reachable(session: requests.Session, public_url: str) -> Finding:
    # django-helpdesk sends the webhook inside the agent's request: an unreachable bridge fails the agent's save.
    try:
        call(session, "GET", f"{public_url}/livez", what="bridge", idempotent=True, timeout=(3, 5))
    except BridgeError:
        return Finding(WARN, "bridge", f"no answer from {public_url}/livez: start the bridge before agents reply, "
                                       "or their follow-ups fail")
    host = urlsplit(public_url).hostname
    where = " (loopback: only a django-helpdesk on this machine reaches it)" if host in ("127.0.0.1", "localhost", "::1") else ""
    return Finding(OK, "bridge", f"{public_url} answers{where}")


def _token_problem(exc: RemoteError, api: str) -> str:
    if exc.status == 401:
        return "the token is refused (HTTP 401): check helpdesk.token"
    if exc.status == 403:
        return "the token's user is not staff (HTTP 403): django-helpdesk's API needs is_staff"
    return f"{exc} ({api}/tickets/)"


def describe_findings(findings: list[Finding]) -> list[str]:
    width = max(len(f.subject) for f in findings)
    return [f"{f.status:<7}  {f.subject:<{width}}  {f.detail}" for f in findings]


def run_check(context: PluginContext) -> int:
    """`social-bridge plugin install django-helpdesk --dry-run`: print the findings; 1 on a failure."""
    from bridge.pipeline.mapping import SAMPLE_POST

    findings: list[Finding] = []
    mapping_queues: dict[str, str] = {}
    try:
        for channel, mapping in context.load_mappings().items():
            mapping_queues[channel] = mapping.render("queue", SAMPLE_POST)
    except ConfigError as exc:
        findings.append(Finding(FAIL, "mappings", str(exc)))
    findings += check_django_helpdesk(context, mapping_queues)
    print("\n".join(describe_findings(findings)))
    return 1 if any(f.status == FAIL for f in findings) else 0
