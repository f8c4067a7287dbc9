"""`social-bridge plugin install django-helpdesk`: prove the wiring between the bridge and django-helpdesk.

django-helpdesk has nothing to install over its API: the bridge's Django app (social_bridge_helpdesk),
the queue, the bridge's staff user and its token, and the follow-up webhook are set up in the site.
This checks all of it; without --dry-run it also writes a probe: an internal follow-up on a closed
ticket, which must arrive at the bridge through django-helpdesk's webhook (then the ticket is deleted).
"""
from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests

from bridge.errors import BridgeError, ConfigError, PermanentError, RemoteError
from bridge.helpdesks.base import PluginContext
from bridge.http import call

OK, WARN, FAIL, BY_HAND = "ok", "warn", "FAIL", "by hand"  # BY_HAND: a step the admin does in the helpdesk
WEBHOOK_PATH = "/webhooks/helpdesk/django-helpdesk"
STATUS_PATH = "/social-bridge/status.json"  # the app's URLs, included at social-bridge/ in the site
PROBE_WAIT = 15.0  # seconds; the webhook is sent inside django-helpdesk's request, so it is there at once
STATUS_CLOSED = 4
PRIORITY_VERY_LOW = 5


@dataclass(frozen=True)
class Finding:
    status: str  # ok, warn, FAIL or "by hand" (a step the admin does in the helpdesk)
    subject: str
    detail: str


def check_django_helpdesk(settings, mapping_queues: dict[str, str], session: requests.Session | None = None, *,
                          open_store=None, probe_wait: float = PROBE_WAIT) -> list[Finding]:
    """settings: the bridge's settings (helpdesk kind django-helpdesk); mapping_queues: channel → the
    queue its mapping renders for a sample post; open_store: the bridge's store, to prove the wiring with
    a probe follow-up (None: --dry-run, nothing is written)."""
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

    findings.append(_check_app(session, helpdesk["url"]))
    findings.append(_check_bridge_reachable(session, settings.public_url))
    webhook_url = f"{settings.public_url}{WEBHOOK_PATH}?token=****"
    queue_ok = any(f.status == OK and f.subject.startswith("queue ") for f in findings)
    if open_store is None:
        findings.append(Finding(BY_HAND, "follow-up webhook", (
            "in django-helpdesk's settings: `from social_bridge_helpdesk.webhook import followup_webhook_urls`, "
            f'HELPDESK_GET_FOLLOWUP_WEBHOOK_URLS = followup_webhook_urls, SOCIAL_BRIDGE_WEBHOOK_URL = "{webhook_url}" '
            f"(**** = webhook_token from {settings.config_path}); a setting named HELPDESK_FOLLOWUP_WEBHOOK_URLS does "
            "nothing. Run without --dry-run to prove it with a probe follow-up.")))
        findings.append(Finding(BY_HAND, "bridge user id", (
            f"bridge_user_id is {helpdesk['bridge_user_id']}: run without --dry-run to compare it with the token's "
            "user. With a wrong id the bridge would take its own follow-ups for agents' replies.")))
    elif not queue_ok:
        findings.append(Finding(FAIL, "probe", "not written: no queue the bridge's user may use"))
    else:
        first_queue = next(iter(sorted(helpdesk["queues"].items())))[1]
        findings += _probe(request, open_store, first_queue, helpdesk["bridge_user_id"], settings.public_url, probe_wait)
    return findings


def _check_app(session: requests.Session, url: str) -> Finding:
    """The bridge's Django app: without it, django-helpdesk makes every follow-up public unless unticked."""
    parts = urlsplit(url)
    status_url = f"{parts.scheme}://{parts.netloc}{STATUS_PATH}"
    missing = ("the bridge's app is not in the site (or its URLs are not included at social-bridge/): agents' "
               "follow-ups would be PUBLIC by default. Add social_bridge_helpdesk to INSTALLED_APPS before "
               "\"helpdesk\" and path(\"social-bridge/\", include(\"social_bridge_helpdesk.urls\"))")
    try:
        answer = call(session, "GET", status_url, what="django-helpdesk: the bridge's app", idempotent=True,
                      timeout=(3, 5)).json()
    except (BridgeError, ValueError):
        return Finding(FAIL, "helpdesk app", missing)
    if not isinstance(answer, dict) or answer.get("plugin") != "social_bridge_helpdesk":
        return Finding(FAIL, "helpdesk app", missing)
    if answer.get("followups_default") != "internal":
        return Finding(FAIL, "helpdesk app", "HELPDESK_UPDATE_PUBLIC_DEFAULT is on in the site's settings: every "
                                             "follow-up would be public. Remove it.")
    return Finding(OK, "helpdesk app", f"social_bridge_helpdesk {answer.get('version', '?')}: follow-ups are internal "
                                       "notes unless the agent switches on \"Send to the customer\"")


def _probe(request, open_store, queue_id: int, bridge_user_id: int, public_url: str, wait: float) -> list[Finding]:
    from bridge.helpdesks.django_helpdesk.adapter import PROBE_TEXT
    from bridge.usecases.receive import PROBE_ACTION

    probe = secrets.token_hex(16)
    try:
        ticket = request("POST", "/tickets/", "write the probe ticket", json={
            "queue": queue_id, "title": "Social bridge wiring check (deleted once checked)",
            "description": "Written by `social-bridge plugin install django-helpdesk`.", "submitter_email": "",
            "priority": PRIORITY_VERY_LOW}).json()
        ticket_id = int(ticket["id"])
    except (BridgeError, ValueError, KeyError, TypeError) as exc:
        return [Finding(FAIL, "probe", f"could not write the probe ticket: {exc}")]
    findings: list[Finding] = []
    try:
        started = time.monotonic()
        try:
            followup = request("POST", "/followups/", "write the probe follow-up", json={
                "ticket": ticket_id, "comment": PROBE_TEXT.format(probe=probe), "public": False,
                "new_status": STATUS_CLOSED}).json()
        except RemoteError as exc:
            return [Finding(FAIL, "follow-up webhook", (
                f"django-helpdesk failed the probe follow-up ({exc}): it sends the webhook inside the request, so "
                f"it could not reach the bridge. SOCIAL_BRIDGE_WEBHOOK_URL must be {public_url}{WEBHOOK_PATH}"
                "?token=<webhook_token>, reachable from the helpdesk, with the bridge running."))]
        author = followup.get("user") if isinstance(followup, dict) else None
        if author == bridge_user_id:
            findings.append(Finding(OK, "bridge user id", f"{bridge_user_id} is the token's user"))
        else:
            findings.append(Finding(FAIL, "bridge user id", f"bridge_user_id is {bridge_user_id} but the token's user is "
                                                             f"{author}: set bridge_user_id: {author}"))
        store = open_store()
        deadline = started + wait
        while store.audit.find(PROBE_ACTION, probe) is None:
            if time.monotonic() > deadline:
                findings.append(Finding(FAIL, "follow-up webhook", (
                    f"the probe follow-up did not reach the bridge within {wait:.0f} s. django-helpdesk's follow-up "
                    f"webhook must call {public_url}{WEBHOOK_PATH}?token=<webhook_token> (in its settings: "
                    "HELPDESK_GET_FOLLOWUP_WEBHOOK_URLS = followup_webhook_urls and SOCIAL_BRIDGE_WEBHOOK_URL); a "
                    "wrong token is answered 401 (see the bridge's log); and the bridge must use this command's "
                    "database.")))
                break
            time.sleep(0.2)
        else:
            findings.append(Finding(OK, "follow-up webhook", f"a probe follow-up reached the bridge in "
                                                              f"{time.monotonic() - started:.1f} s"))
    finally:
        try:
            request("DELETE", f"/tickets/{ticket_id}/", "delete the probe ticket")
        except BridgeError as exc:
            findings.append(Finding(WARN, "probe", f"the closed probe ticket #{ticket_id} is left behind ({exc})"))
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


def run_check(context: PluginContext, *, probe: bool) -> int:
    """`social-bridge plugin install django-helpdesk [--dry-run]`: print the findings; 1 on a failure."""
    from bridge.pipeline.mapping import SAMPLE_POST

    findings: list[Finding] = []
    mapping_queues: dict[str, str] = {}
    try:
        for channel, mapping in context.load_mappings().items():
            mapping_queues[channel] = mapping.render("queue", SAMPLE_POST)
    except ConfigError as exc:
        findings.append(Finding(FAIL, "mappings", str(exc)))
    findings += check_django_helpdesk(context, mapping_queues, open_store=context.open_store if probe else None)
    print("\n".join(describe_findings(findings)))
    return 1 if any(f.status == FAIL for f in findings) else 0
