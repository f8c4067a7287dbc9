"""bridge.http over real sockets: a refused connection is safe to retry; a connection that drops after the
request went out is not, for a call that creates something (the far side may have done the work)."""
from __future__ import annotations

import socket
import threading

import pytest
import requests

from bridge.errors import AmbiguousError, TransientError
from bridge.http import call
from tests.conftest import free_port


@pytest.fixture
def drops_after_reading():
    """A loopback server that reads each request in full, counts it, and closes without answering."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    received: list[bytes] = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    data += chunk
                received.append(data)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}", received
    server.close()


def test_a_post_whose_connection_dropped_is_ambiguous_and_sent_once(drops_after_reading):
    url, received = drops_after_reading
    with pytest.raises(AmbiguousError, match="may have gone through"):
        call(requests.Session(), "POST", url + "/api/v1/tickets", what="create ticket", idempotent=False,
             json={"title": "x"})
    assert len(received) == 1  # never repeated by the transport either


def test_an_idempotent_call_whose_connection_dropped_is_transient(drops_after_reading):
    url, _ = drops_after_reading
    with pytest.raises(TransientError):
        call(requests.Session(), "GET", url + "/api/v1/tickets/1", what="read ticket", idempotent=True)


def test_a_refused_post_is_transient():
    url = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    with pytest.raises(TransientError, match="cannot connect"):
        call(requests.Session(), "POST", url + "/api/v1/tickets", what="create ticket", idempotent=False, json={})
