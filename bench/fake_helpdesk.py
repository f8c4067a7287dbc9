"""A fast fake Zammad on loopback for the benchmarks: answers the calls the bridge makes after a fixed
delay (default 5 ms, like a helpdesk on the same network), and counts them.

    python bench/fake_helpdesk.py PORT [DELAY_MS]

GET /_counts answers the calls seen so far by kind (tickets, articles, notes, customers, reads, other).
"""
from __future__ import annotations

import itertools
import json
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTS: Counter[str] = Counter()
LOCK = threading.Lock()
IDS = itertools.count(1000)
GROUPS = ("Users", "Social")  # the queue of the shipped mappings


def kind(method: str, path: str, body: dict) -> str:
    if method == "POST" and path == "/api/v1/tickets":
        return "tickets"
    if method == "POST" and path == "/api/v1/ticket_articles":
        return "notes" if body.get("internal") else "articles"
    if path.startswith("/api/v1/users"):
        return "customers"
    if method == "GET":
        return "reads"
    return "other"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stall
    delay = 0.005

    def log_message(self, *_args) -> None:
        pass

    def _answer(self, status: int, payload) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body = json.loads(raw) if raw else {}
        path = self.path.split("?", 1)[0]
        if path == "/_counts":
            with LOCK:
                self._answer(200, dict(COUNTS))
            return
        time.sleep(self.delay)
        with LOCK:
            COUNTS[kind(method, path, body if isinstance(body, dict) else {})] += 1
        new_id = next(IDS)
        if method == "GET" and path.startswith("/api/v1/users/search"):
            self._answer(200, [])
        elif method == "POST" and path == "/api/v1/users":
            self._answer(201, {"id": new_id, "login": body.get("login", "")})
        elif method == "POST" and path == "/api/v1/tickets":
            self._answer(201, {"id": new_id, "customer_id": next(IDS), "article_ids": [new_id]})
        elif method == "GET" and path == "/api/v1/groups":  # `serve` checks the mappings' queues at start
            self._answer(200, [{"id": 1, "name": name} for name in GROUPS])
        elif method == "GET" and path.startswith("/api/v1/tickets/"):
            self._answer(200, {"id": int(path.rsplit("/", 1)[1]), "state": "open"})
        else:
            self._answer(200 if method != "POST" else 201, {"id": new_id})

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def do_PUT(self) -> None:  # noqa: N802
        self._handle("PUT")


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # a bridge stopped at the end of a run drops its kept-alive connections: not worth a traceback
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def main() -> None:
    port = int(sys.argv[1])
    Handler.delay = (float(sys.argv[2]) if len(sys.argv) > 2 else 5.0) / 1000
    server = Server(("127.0.0.1", port), Handler)
    print(f"fake helpdesk on http://127.0.0.1:{port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
