"""XRPC over HTTP to the account's PDS, with the session kept and renewed.

Written on requests and bridge.http.call rather than the `atproto` SDK (which works against a PDS,
see tests/realnet/): the SDK speaks httpx, and the bridge's error mapping (retryable, refused
credentials, outcome unknown), its timeouts and the contract tests with `responses` are built on
requests. The calls used are few and plain JSON."""
from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

import requests

from bridge.errors import AuthError, PermanentError, RemoteError
from bridge.http import call

# Errors a PDS answers (HTTP 400 or 401) when an access token has run out or was revoked.
EXPIRED = frozenset({"ExpiredToken", "InvalidToken"})
# A refused login: the app password was revoked, the account taken down or deactivated.
REFUSED = frozenset({"AuthenticationRequired", "AccountTakedown", "AccountDeactivated", "InvalidToken", "ExpiredToken"})


def rate_limit_reset(response: requests.Response) -> float | None:
    """Bluesky's ratelimit-reset header: epoch seconds when the window resets."""
    value = response.headers.get("ratelimit-reset") or response.headers.get("RateLimit-Reset")
    if value and value.strip().isdigit():
        return max(0.0, float(value) - datetime.now(timezone.utc).timestamp())
    return None


def xrpc_error(exc: RemoteError) -> str | None:
    """The XRPC error name a refusal carried ({"error": "ExpiredToken", "message": ...})."""
    if exc.response is None:
        return None
    try:
        body = exc.response.json()
    except ValueError:
        return None
    return body.get("error") if isinstance(body, dict) else None


class Session:
    """The brand's session on its PDS: logged in with the app password when needed, refreshed when the
    access token runs out, and shared by the threads of one process."""

    def __init__(self, pds_url: str, identifier: str, app_password: str, session: requests.Session):
        self.pds_url = pds_url.rstrip("/")
        self.identifier = identifier
        self.app_password = app_password
        self.http = session
        self.did: str | None = None
        self._access: str | None = None
        self._refresh: str | None = None
        self._lock = threading.Lock()

    def get(self, nsid: str, what: str, params: Mapping[str, Any] | None = None,
            headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        return self._call("GET", nsid, what, idempotent=True, params=params, headers=headers)

    def post(self, nsid: str, what: str, body: Mapping[str, Any], *, idempotent: bool,
             headers: Mapping[str, str] | None = None) -> dict[str, Any]:
        return self._call("POST", nsid, what, idempotent=idempotent, json=body, headers=headers)

    def upload(self, nsid: str, what: str, data: bytes, content_type: str) -> dict[str, Any]:
        """A raw body (a blob): content-addressed, so sending it again is harmless."""
        return self._call("POST", nsid, what, idempotent=True, data=data, headers={"Content-Type": content_type})

    def brand_did(self) -> str:
        self._token()
        assert self.did is not None
        return self.did

    def _call(self, method: str, nsid: str, what: str, *, idempotent: bool, headers=None, **kwargs) -> dict[str, Any]:
        token = self._token()
        try:
            return self._send(method, nsid, what, token, idempotent, headers, **kwargs)
        except (AuthError, PermanentError) as exc:
            if exc.status not in (400, 401) or (exc.status == 400 and xrpc_error(exc) not in EXPIRED):
                raise
            # The PDS rejected the token before doing anything: renew it and send once more.
            token = self._renew(token)
            return self._send(method, nsid, what, token, idempotent, headers, **kwargs)

    def _send(self, method, nsid, what, token, idempotent, headers, **kwargs) -> dict[str, Any]:
        response = call(self.http, method, f"{self.pds_url}/xrpc/{nsid}", what=f"bluesky {what}",
                        idempotent=idempotent, retry_after=rate_limit_reset,
                        headers={"Authorization": f"Bearer {token}", **(headers or {})}, **kwargs)
        if not response.content:
            return {}
        try:
            data = response.json()
        except ValueError as exc:
            raise PermanentError(f"bluesky {what}: the answer is not JSON", status=response.status_code) from exc
        if not isinstance(data, dict):
            raise PermanentError(f"bluesky {what}: expected a JSON object", status=response.status_code)
        return data

    def _token(self) -> str:
        with self._lock:
            if self._access is None:
                self._login()
            assert self._access is not None
            return self._access

    def _renew(self, stale: str) -> str:
        with self._lock:
            if self._access != stale:  # another thread renewed it meanwhile
                assert self._access is not None
                return self._access
            try:
                answer = self._auth_call("com.atproto.server.refreshSession", self._refresh or "", "refresh the session")
                self._keep(answer)
            except AuthError:
                self._login()  # the refresh token is spent too: log in again with the app password
            assert self._access is not None
            return self._access

    def _login(self) -> None:
        self._keep(self._auth_call("com.atproto.server.createSession", None, "log in",
                                   {"identifier": self.identifier, "password": self.app_password}))

    def _auth_call(self, nsid: str, token: str | None, what: str, body: dict[str, Any] | None = None) -> Any:
        """Logging in or refreshing: a refusal (revoked app password, account taken down) is refused
        credentials, whatever status the PDS chose for it."""
        try:
            response = call(self.http, "POST", f"{self.pds_url}/xrpc/{nsid}", what=f"bluesky {what}", idempotent=True,
                            retry_after=rate_limit_reset, json=body,
                            headers={"Authorization": f"Bearer {token}"} if token else {})
        except PermanentError as exc:
            if exc.status in (400, 401) and (exc.status == 401 or xrpc_error(exc) in REFUSED):
                raise AuthError(f"bluesky {what}: the PDS refused the account ({xrpc_error(exc) or exc.status})",
                                status=exc.status) from exc
            raise
        return response.json()

    def _keep(self, answer: Any) -> None:
        if not isinstance(answer, dict) or not all(isinstance(answer.get(k), str) for k in ("accessJwt", "refreshJwt", "did")):
            raise PermanentError("bluesky session: the PDS answered without tokens")
        self._access, self._refresh, self.did = answer["accessJwt"], answer["refreshJwt"], answer["did"]
