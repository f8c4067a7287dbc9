"""What Google's APIs share (YouTube Data API, Google Business Profile): OAuth 2.0 access tokens renewed
from a refresh token, and Google's error answers mapped onto the bridge's error types.

Errors are `{"error": {"code", "message", "errors": [{"domain", "reason", "message"}], "status"}}`
(developers.google.com/youtube/v3/docs/errors; cloud.google.com/apis/design/errors): the `reason` tells
a spent daily quota (quotaExceeded, dailyLimitExceeded: wait for the reset) from a short rate limit
(rateLimitExceeded, userRateLimitExceeded; HTTP 429 RESOURCE_EXHAUSTED on the newer APIs).

Plain requests through bridge.http rather than google-api-python-client: that client sends through
httplib2, so it would bypass the bridge's one way of calling (timeouts, the "outcome unknown" answer for
a post that timed out, error mapping) and the tests' `responses` mocks; the calls themselves are a
few documented REST requests.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import requests
from marshmallow import Schema, fields, validate

from bridge.errors import AmbiguousError, AuthError, BridgeError, PermanentError, TransientError
from bridge.http import call, retry_after_header

DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token"
QUOTA_REASONS = frozenset({"quotaExceeded", "dailyLimitExceeded"})
RATE_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded"})
AUTH_REASONS = frozenset({"authError", "insufficientPermissions"})
DEFAULT_RATE_WAIT = 60.0  # Google names no wait for a short rate limit
TOKEN_MARGIN = 60.0  # renew an access token this long before it runs out


class GoogleAccountSchema(Schema):
    """An OAuth client and the brand's refresh token (from Google's consent flow, offline access)."""

    client_id = fields.String(required=True, validate=validate.Length(min=1))
    client_secret = fields.String(required=True, validate=validate.Length(min=1))
    refresh_token = fields.String(required=True, validate=validate.Length(min=1))
    token_url = fields.Url(load_default=DEFAULT_TOKEN_URL, require_tld=False, schemes={"http", "https"})


class QuotaExhausted(TransientError):
    """The platform's budget for the period is spent: nothing goes through before it resets."""


def error_reasons(response: requests.Response) -> tuple[str, list[str], str]:
    """(status, reasons, message) of a Google error answer; empty when the body is not one."""
    try:
        body = response.json()
    except ValueError:
        return "", [], ""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return "", [], ""
    reasons = [str(e["reason"]) for e in error.get("errors") or [] if isinstance(e, dict) and isinstance(e.get("reason"), str)]
    status = str(error["status"]) if isinstance(error.get("status"), str) else ""
    message = " ".join(str(error.get("message") or "").split())[:200]
    return status, reasons, message


def google_error(what: str, response: requests.Response) -> BridgeError | None:
    """The bridge error for a Google error answer (None for a 2xx/3xx answer)."""
    status = response.status_code
    if status < 400:
        return None
    rpc_status, reasons, message = error_reasons(response)
    label = f"{what}: HTTP {status}" + (f" {', '.join(reasons)}" if reasons else (f" {rpc_status}" if rpc_status else ""))
    if QUOTA_REASONS & set(reasons):
        return QuotaExhausted(f"{label}: the daily quota is spent ({message})", status=status, response=response)
    if RATE_REASONS & set(reasons) or status == 429:
        return TransientError(f"{label}: rate limited ({message})", status=status, response=response,
                              retry_after=retry_after_header(response) or DEFAULT_RATE_WAIT)
    if status == 401 or AUTH_REASONS & set(reasons) or rpc_status == "UNAUTHENTICATED":
        return AuthError(f"{label}: Google refused the account's token; renew the refresh token in the bridge config "
                         f"({message})", status=status, response=response)
    if status >= 500:
        return TransientError(f"{label}: {message}", status=status, response=response,
                              retry_after=retry_after_header(response))
    return PermanentError(f"{label}: {message}", status=status, response=response)


def google_error_hook(what: str) -> Callable[..., requests.Response]:
    """A requests response hook: raise the mapped error before bridge.http.call looks at the status alone."""

    def check(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        error = google_error(what, response)
        if error is not None:
            raise error
        return response

    return check


class GoogleClient:
    """Calls to one Google API for one account: the access token renewed from the refresh token when it
    runs out (shared by the threads of a process), and renewed once more when a call is refused with 401."""

    def __init__(self, settings: dict[str, Any], session: requests.Session):
        self.session = session
        self.token_url: str = settings.get("token_url", DEFAULT_TOKEN_URL)
        self._client = (settings["client_id"], settings["client_secret"], settings["refresh_token"])
        self._token: str | None = None
        self._expires = 0.0
        self._lock = threading.Lock()

    def token(self) -> str:
        with self._lock:
            if self._token is None or time.monotonic() >= self._expires:
                self._renew()
            assert self._token is not None
            return self._token

    def forget_token(self) -> None:
        with self._lock:
            self._token = None

    def _renew(self) -> None:
        client_id, client_secret, refresh_token = self._client
        what = "renew the Google access token"
        try:
            response = call(self.session, "POST", self.token_url, what=what, idempotent=True,
                            data={"grant_type": "refresh_token", "client_id": client_id, "client_secret": client_secret,
                                  "refresh_token": refresh_token})
        except PermanentError as exc:  # 400 invalid_grant: revoked, expired (7 days in testing mode), wrong client
            code = _oauth_error(exc.response)
            raise AuthError(f"{what}: Google refused the refresh token ({code or f'HTTP {exc.status}'}); sign the "
                            "account in again and put the new refresh token in the bridge config", status=exc.status) from exc
        answer = _json_object(response)
        token, lifetime = answer.get("access_token"), answer.get("expires_in")
        if not isinstance(token, str) or not token:
            raise PermanentError(f"{what}: the answer has no access_token")
        self._token = token
        self._expires = time.monotonic() + max(float(lifetime) if isinstance(lifetime, (int, float)) else 3600.0, 120.0) \
            - TOKEN_MARGIN

    def request(self, method: str, url: str, *, what: str, idempotent: bool, **kwargs: Any) -> dict[str, Any]:
        """One call; its JSON object answer ({} for an empty 2xx answer)."""
        extra_headers = kwargs.pop("headers", {})
        for attempt in (1, 2):
            try:
                response = call(self.session, method, url, what=what, idempotent=idempotent,
                                headers={"Authorization": f"Bearer {self.token()}", **extra_headers},
                                hooks={"response": [google_error_hook(what)]}, **kwargs)
            except AuthError:
                if attempt == 2:
                    raise
                self.forget_token()  # revoked early, or the clock drifted: a fresh token, then once more
                continue
            if not response.content:
                return {}
            try:
                return _json_object(response)
            except PermanentError:
                if idempotent:
                    raise
                raise AmbiguousError(f"{what}: HTTP {response.status_code} answer is not JSON; it probably went through") \
                    from None
        raise AssertionError("unreachable")


def _json_object(response: requests.Response) -> dict[str, Any]:
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise PermanentError(f"HTTP {response.status_code} answer is not a JSON object")
    return answer


def _oauth_error(response: Any) -> str | None:
    try:
        body = response.json() if response is not None else None
    except ValueError:
        return None
    code = body.get("error") if isinstance(body, dict) else None
    return code if isinstance(code, str) else None
