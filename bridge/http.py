"""One way to call a remote API: map transport failures and HTTP statuses onto the bridge's error types."""
from __future__ import annotations

import email.utils
import os
import time
from collections.abc import Callable

import requests
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from bridge.errors import AmbiguousError, AuthError, PermanentError, TransientError

CONNECT_TIMEOUT = 5.0
# How long an answer may take; after that a call that creates something is ambiguous. The environment can
# shorten it (the chaos benchmark's slow fakes).
READ_TIMEOUT = float(os.environ.get("BRIDGE_READ_TIMEOUT", "30"))


def retry_after_header(response: requests.Response) -> float | None:
    """Standard Retry-After: seconds or an HTTP date."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def error_excerpt(response: requests.Response, limit: int = 200) -> str:
    """A short, single-line piece of the error body for admins; never the request."""
    text = " ".join((response.text or "").split())
    return text[:limit]


def never_sent(exc: requests.ConnectionError) -> bool:
    """True when the connection failed before the request could be sent (refused, unresolvable, connect
    timeout, TLS handshake); False when it dropped afterwards (reset, closed without an answer)."""
    if isinstance(exc, (requests.ConnectTimeout, requests.exceptions.SSLError)):
        return True
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)  # urllib3's MaxRetryError wraps the cause
    return isinstance(reason, (NewConnectionError, ConnectTimeoutError))


def call(
    session: requests.Session,
    method: str,
    url: str,
    *,
    what: str,
    idempotent: bool,
    retry_after: Callable[[requests.Response], float | None] = retry_after_header,
    **kwargs,
) -> requests.Response:
    """Send one request. Raises TransientError (retry later), AuthError (credentials refused),
    PermanentError (needs a person) or AmbiguousError (a non-idempotent call whose outcome is unknown)."""
    kwargs.setdefault("timeout", (CONNECT_TIMEOUT, READ_TIMEOUT))
    try:
        response = session.request(method, url, **kwargs)
    except requests.ConnectTimeout as exc:
        raise TransientError(f"{what}: connect timeout") from exc
    except requests.ReadTimeout as exc:
        if idempotent:
            raise TransientError(f"{what}: read timeout") from exc
        raise AmbiguousError(f"{what}: no answer within {READ_TIMEOUT:.0f}s; it may have gone through") from exc
    except requests.ConnectionError as exc:
        if idempotent or never_sent(exc):
            raise TransientError(f"{what}: cannot connect") from exc
        # The request went out and the connection dropped before an answer: the far side may have done it.
        raise AmbiguousError(f"{what}: the connection dropped before an answer; it may have gone through") from exc
    status = response.status_code
    if status == 429 or status >= 500:
        raise TransientError(
            f"{what}: HTTP {status} {error_excerpt(response)}".rstrip(),
            status=status,
            retry_after=retry_after(response),
            response=response,
        )
    if status == 401:
        raise AuthError(f"{what}: HTTP 401 credentials rejected {error_excerpt(response)}".rstrip(), status=status,
                        response=response)
    if status >= 400:
        raise PermanentError(f"{what}: HTTP {status} {error_excerpt(response)}".rstrip(), status=status,
                             response=response)
    return response
