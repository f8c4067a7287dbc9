"""Errors shared by channels and helpdesks. Whether to retry is decided by the type."""
from __future__ import annotations

from typing import Any


class BridgeError(Exception):
    """Base class: the message is safe to show to admins (no secrets, no customer data)."""


class PayloadError(BridgeError):
    """An inbound payload is malformed or has an unknown shape. Never retried."""


class ConfigError(BridgeError):
    """Configuration or mapping is invalid; the message names the file and the key."""


class RemoteError(BridgeError):
    """A platform or helpdesk call failed. `response` is the answer, when there was one, so an adapter
    can read its platform's own error code from it."""

    def __init__(self, message: str, *, status: int | None = None, response: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.response = response


class TransientError(RemoteError):
    """Worth retrying later: 429, 5xx, connection refused. `retry_after` in seconds when the remote said."""

    def __init__(self, message: str, *, status: int | None = None, retry_after: float | None = None,
                 response: Any = None) -> None:
        super().__init__(message, status=status, response=response)
        self.retry_after = retry_after


class PermanentError(RemoteError):
    """Retrying will not help: 400/401/403/404/422. Needs a person."""


class AuthError(PermanentError):
    """The platform refused the account's credentials (expired or revoked token). The account is
    shown as broken and its replies wait in the outbox until the credentials are fixed."""


class AmbiguousError(RemoteError):
    """The request may or may not have taken effect (e.g. read timeout on a post). Never retried blindly,
    because a retry could post twice."""
