"""Transport faults as requests raises them, for `responses` bodies: a refused connection (nothing was
sent) and a connection dropped after the request went out (the far side may have acted on it)."""
from __future__ import annotations

import http.client

import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError


def refused(url: str = "http://127.0.0.1:9/") -> requests.ConnectionError:
    cause = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.ConnectionError(MaxRetryError(None, url, cause))  # type: ignore[arg-type]


def dropped() -> requests.ConnectionError:
    return requests.ConnectionError(ProtocolError(
        "Connection aborted.", http.client.RemoteDisconnected("Remote end closed connection without response")))
