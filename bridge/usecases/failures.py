"""The one retry policy: what a failed remote call means for the work that made it."""
from __future__ import annotations

import enum
import logging

from bridge.errors import AmbiguousError, AuthError, TransientError
from bridge.pipeline.routing import backoff_seconds
from bridge.runtime import Runtime

log = logging.getLogger("bridge.failures")

ACCOUNT_RECHECK_SECONDS = 300  # work held by refused credentials tries again this often


class Failure(enum.Enum):
    CREDENTIALS = "credentials"  # the account's credentials were refused: wait until someone fixes them
    TRANSIENT = "transient"  # 429, 5xx, no connection: the call did not happen; try again later
    AMBIGUOUS = "ambiguous"  # it may have taken effect: never repeated blindly
    PERMANENT = "permanent"  # needs a person (a bad payload, a refusal, a config error)


def classify(exc: Exception) -> Failure:
    if isinstance(exc, AuthError):
        return Failure.CREDENTIALS
    if isinstance(exc, TransientError):
        return Failure.TRANSIENT
    if isinstance(exc, AmbiguousError):
        return Failure.AMBIGUOUS
    return Failure.PERMANENT


def retry_delay(failure: Failure, exc: Exception, attempts: int) -> float:
    """Seconds until the next attempt: the account re-check interval, or a backoff that honours the
    remote's own Retry-After / rate-limit reset."""
    if failure is Failure.CREDENTIALS:
        return ACCOUNT_RECHECK_SECONDS
    return backoff_seconds(attempts, getattr(exc, "retry_after", None))


def credentials_refused(rt: Runtime, channel: str, account: str, exc: Exception) -> None:
    """Show the account as broken (in /healthz and the metrics); logged once, when it breaks."""
    if rt.store.accounts.set_status(channel, account, broken=True, reason=str(exc)):
        log.error("%s/%s refuses the bridge's credentials: %s", channel, account, exc)


def credentials_work(rt: Runtime, channel: str, account: str) -> None:
    if rt.store.accounts.set_status(channel, account, broken=False):
        log.info("%s/%s works again", channel, account)
