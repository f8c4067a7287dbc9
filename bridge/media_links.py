"""Short-lived signed links to an agent's files, for platforms that take a reply's image only by a URL they
fetch themselves (Instagram messages). Helpdesk files have no public URL, so the bridge serves each one at
`<public_url>/media/<token>` for a few minutes:

- the token is an itsdangerous URLSafeTimedSerializer signature (HMAC, the bridge's secret key under its own
  salt) over a random key of the stored file, with the time it was made; a token that was altered, signed with
  another key, or is older than LINK_LIFETIME is refused;
- the file's bytes are in the store (table media_files), so a worker can make the link and `serve` answer it;
  they are deleted once the link has expired (by the sweep, every 30 seconds);
- the link is never logged, and an error the platform sends back is stripped of it before it is logged or
  put in a delivery note.

A platform on the internet cannot fetch from a loopback or private address: unreachable() says so, and then
no link is made (the agent is told why the images stayed behind)."""
from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer
from sqlalchemy.exc import SQLAlchemyError

from bridge.errors import TransientError
from bridge.model import AttachedFile
from bridge.store.media import MediaStore

LINK_LIFETIME = timedelta(minutes=5)  # long enough for the platform to fetch the image while it sends the message
SALT = "bridge.media-link"  # keeps these signatures apart from the console's cookies, signed with the same key
PATH = "/media/"
MAX_TOKEN_LENGTH = 200  # a real token is about 90 characters


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def internal_address(url: str) -> str | None:
    """Why a platform on the internet cannot reach `url` ("a loopback address" …), or None when it may (a
    public address, or a name: what a name resolves to is the admin's to set up)."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if not host:
        return "no host"
    if host == "localhost" or host.endswith(".localhost"):
        return "a loopback address"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_global:
        return None
    return "a private or reserved address"


class MediaLinks:
    def __init__(self, store: MediaStore, public_url: str, secret: Callable[[], str], *,
                 lifetime: timedelta = LINK_LIFETIME, clock: Callable[[], datetime] = _utcnow):
        self.store = store
        self.public_url = public_url.rstrip("/")
        self.lifetime = lifetime
        self.clock = clock
        self._secret = secret  # read on first use: a process that never makes or serves a link needs no key
        self._serializer: URLSafeTimedSerializer | None = None

    def unreachable(self) -> str | None:
        """Why the platforms cannot fetch these links (BRIDGE_PUBLIC_URL on loopback …), or None."""
        why = internal_address(self.public_url)
        return f"BRIDGE_PUBLIC_URL is {self.public_url}, {why}" if why else None

    def link(self, file: AttachedFile) -> str:
        """Keep the file for the link's lifetime and return its link. TransientError when the store cannot keep it."""
        now = self.clock()
        key = secrets.token_urlsafe(24)
        try:
            self.store.put(key, file.content_type, file.data, now, now + self.lifetime)
        except SQLAlchemyError as exc:
            raise TransientError(f"the bridge could not keep {file.name} for its link ({type(exc).__name__})") from exc
        return f"{self.public_url}{PATH}{self._signer().dumps(key)}"

    def open(self, token: str) -> tuple[str, bytes] | None:
        """(content type, bytes) of the file a valid, unexpired token names; None for anything else."""
        if not token or len(token) > MAX_TOKEN_LENGTH:
            return None
        try:
            key: Any = self._signer().loads(token, max_age=int(self.lifetime.total_seconds()))
        except BadData:  # altered, signed with another key, expired, or not a token at all
            return None
        if not isinstance(key, str):
            return None
        return self.store.get(key, self.clock())

    def purge(self) -> int:
        """Delete the files whose links have expired; how many."""
        return self.store.purge(self.clock())

    def _signer(self) -> URLSafeTimedSerializer:
        if self._serializer is None:
            links = self

            class ClockedSigner(TimestampSigner):
                """Signs and checks the time with the links' clock (tests move it)."""

                def get_timestamp(self) -> int:
                    return int(links.clock().timestamp())

            self._serializer = URLSafeTimedSerializer(self._secret(), salt=SALT, signer=ClockedSigner)
        return self._serializer
