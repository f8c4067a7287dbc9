"""The bridge's WSGI app with one extra route for the benchmarks: `POST /bench/bare/<channel>/<account>`,
a bare Flask endpoint that reads the same body and answers the same shape of JSON without verifying or
storing anything. Measured side by side with `/webhooks/<channel>/<account>` on the same server, it is
the floor the acknowledgement is compared with.

    python bench/ackapp.py waitress|gunicorn|granian PORT THREADS
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR))

from flask import jsonify, request  # noqa: E402

from bridge.app import create_app  # noqa: E402


def build():
    # BENCH_NO_QUEUE=1: no queue threads (the acknowledgement alone, for comparison)
    app = create_app(start_queue=not os.environ.get("BENCH_NO_QUEUE"))

    rt = app.extensions["bridge"]

    @app.post("/bench/bare/<channel>/<account>")
    def bare(channel: str, account: str):
        # counted as a webhook in flight, as the webhook is: the embedded queue yields to both alike, so
        # neither is measured while the queue works at full speed and the other while it waits
        with rt.webhooks_in_flight:
            body = request.get_data(cache=False)
        return jsonify({"status": "accepted", "event": len(body)}), 200

    return app


def main() -> None:
    server, port, threads = sys.argv[1], sys.argv[2], sys.argv[3]
    if server == "waitress":
        import waitress

        app = build()
        try:
            waitress.serve(app, host="127.0.0.1", port=int(port), threads=int(threads), _quiet=True)
        finally:
            app.extensions["bridge_queue"].stop()
        return
    env = {**os.environ, "PYTHONPATH": f"{REPO_DIR}{os.pathsep}{REPO_DIR / 'bench'}"}
    bindir = Path(sys.executable).parent
    if server == "gunicorn":
        command = [str(bindir / "gunicorn"), "-w", "1", "-k", "gthread", "--threads", threads,
                   "-b", f"127.0.0.1:{port}", "--log-level", "warning", "ackapp:build()"]
    elif server == "granian":
        command = [str(bindir / "granian"), "--interface", "wsgi", "--workers", "1", "--blocking-threads", threads,
                   "--host", "127.0.0.1", "--port", port, "--log-level", "warning", "--factory", "ackapp:build"]
    else:
        raise SystemExit(f"unknown server {server}")
    os.execve(command[0], command, env)


if __name__ == "__main__":
    main()
