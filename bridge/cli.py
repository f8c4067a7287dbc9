"""social-bridge: serve, worker, beat, migrate, mappings check, replay, privacy scan, plugin install|build."""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from dataclasses import asdict
from pathlib import Path

from bridge.errors import BridgeError, ConfigError


def _logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def cmd_serve(args) -> int:
    import waitress

    from bridge.app import create_app
    from bridge.config import load_settings
    from bridge.runtime import Runtime

    settings = load_settings()
    rt = Runtime(settings)
    rt.store.migrate()
    app = create_app(rt)
    mode = "Celery over Redis" if settings.redis_url else "embedded durable queue"
    print(f"social-bridge serving on http://{args.host}:{args.port} ({mode}; helpdesk: {settings.helpdesk_kind})",
          flush=True)
    try:
        waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="social-bridge",
                       _quiet=True)
    finally:
        app.extensions["bridge_queue"].stop()
    return 0


def _celery(settings):
    if not settings.redis_url:
        raise ConfigError("REDIS_URL is not set: worker and beat run Celery over Redis. "
                          "Without Redis, `social-bridge serve` runs the tasks itself.")
    from bridge.celery_app import configure

    return configure(settings)


def cmd_worker(args) -> int:
    from bridge.config import load_settings
    from bridge.store import Store

    settings = load_settings()
    Store(settings.database_url).migrate()
    app = _celery(settings)
    app.worker_main(["worker", f"--concurrency={args.concurrency}", f"--loglevel={args.log_level}", "-Q", "bridge"])
    return 0


def cmd_beat(args) -> int:
    from bridge.config import load_settings

    app = _celery(load_settings())
    schedule = Path(os.environ.get("BRIDGE_DATA_DIR", "var")) / "celerybeat-schedule"
    schedule.parent.mkdir(parents=True, exist_ok=True)
    app.start(["beat", f"--loglevel={args.log_level}", f"--schedule={schedule}"])
    return 0


def cmd_migrate(args) -> int:
    from bridge.config import load_settings
    from bridge.store import Store

    Store(load_settings().database_url).migrate()
    print("database is up to date")
    return 0


def cmd_mappings_check(args) -> int:
    from bridge.config import load_settings
    from bridge.pipeline.mapping import load_mappings

    directory = Path(args.dir) if args.dir else load_settings().mappings_dir
    mappings = load_mappings(directory)
    for channel, mapping in sorted(mappings.items()):
        print(f"ok  {mapping.source}")
    if not mappings:
        print(f"no mapping files in {directory}")
        return 1
    return 0


def cmd_replay(args) -> int:
    """Print the tickets a payload would become. Sends nothing, stores nothing."""
    from bridge.config import load_settings
    from bridge.pipeline.mapping import load_mappings, render_ticket
    from bridge.channels import CHANNELS
    from bridge.schemas import PostSchema

    settings = load_settings()
    accounts = [a for (c, _), a in settings.accounts.items() if c == args.channel]
    if args.account:
        accounts = [a for a in accounts if a.name == args.account]
    if not accounts:
        raise ConfigError(f"{settings.config_path}: no {args.channel} account"
                          f"{' named ' + args.account if args.account else ''} to read the payload with")
    account = accounts[0]
    channel = CHANNELS[args.channel](account.name, account.settings)
    mapping = load_mappings(settings.mappings_dir).get(args.channel)
    if mapping is None:
        raise ConfigError(f"{settings.mappings_dir}/{args.channel}.yaml: missing")
    try:
        payload = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"{args.file}: cannot read a JSON payload: {exc}") from exc
    posts = channel.parse(payload)
    if not posts:
        print("no posts in this payload (an event type the bridge ignores, or the brand's own post)")
    for post in posts:
        draft = render_ticket(mapping, post)
        print(json.dumps({"post": PostSchema(exclude=("raw",)).dump(post), "ticket": asdict(draft)},
                         indent=2, default=str, ensure_ascii=False))
    return 0


def cmd_privacy_scan(args) -> int:
    """Mask sensitive data in JSON lines {"text": …}: one {"text", "sensitive", "kinds"} line per input line.

    With --explain each line also lists the decisions: every finding (kind, span, rule, why, confidence)
    and every contact detail left alone as public, each shown masked, never as the raw value.

    Stops at the first malformed line: everything before it has been written, in order, and nothing
    for it or after it, so the output stays aligned with the input."""
    from bridge.config import load_settings
    from bridge.errors import PayloadError
    from bridge.pipeline import privacy

    settings = load_settings()
    try:
        detector = privacy.Detector.from_settings(privacy.privacy_settings(settings))
    except ConfigError as exc:
        raise ConfigError(f"{settings.config_path}: {exc}") from exc
    source = args.file or "<stdin>"
    try:
        stream = open(args.file, "rb") if args.file else contextlib.nullcontext(sys.stdin.buffer)
    except OSError as exc:
        raise PayloadError(f"{args.file}: cannot read: {exc.strerror}") from exc
    out = sys.stdout.buffer  # JSON lines are UTF-8 whatever the terminal's encoding
    written = 0
    with stream as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                item = json.loads(raw.rstrip(b"\r\n").decode("utf-8"))
            except UnicodeDecodeError:
                problem = "not UTF-8"
            except json.JSONDecodeError as exc:  # a position, never the line's text (it may be sensitive)
                problem = f"not valid JSON ({exc.msg}: column {exc.colno})"
            else:
                problem = None if isinstance(item, dict) and isinstance(item.get("text"), str) \
                    else 'expected an object with a string "text"'
            if problem:
                out.flush()
                raise PayloadError(f"{source} line {number}: {problem}; stopped there, "
                                   f"{written} line{'' if written == 1 else 's'} written")
            text = item["text"]
            decisions = detector.explain(text) if args.explain else None
            findings = detector.find(text) if decisions is None else \
                [d for d in decisions if not d.rule.startswith("allow.")]
            result = {"text": detector.mask(text, findings), "sensitive": bool(findings),
                      "kinds": privacy.sensitive_kinds(findings)}
            if decisions is not None:
                result["decisions"] = [
                    {"kind": d.kind, "start": d.start, "end": d.end, "masked": detector.mask_value(d, text),
                     "sensitive": not d.rule.startswith("allow."), "rule": d.rule, "why": d.why,
                     "confidence": d.confidence} for d in decisions]
            out.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
            out.flush()  # one line at a time, so a pipe sees each result as soon as it is ready
            written += 1
    return 0


def _add_privacy_parser(sub) -> None:
    privacy = sub.add_parser("privacy", help="sensitive-data detection")
    privacy_sub = privacy.add_subparsers(dest="privacy_command", required=True)
    scan = privacy_sub.add_parser(
        "scan", help='mask sensitive data in JSON lines {"text": …} (stdin or FILE), one JSON line out per line in')
    scan.add_argument("file", nargs="?", help="JSON lines file (default: standard input)")
    scan.add_argument("--explain", action="store_true",
                      help="also list each decision: kind, span, rule, confidence (values masked)")
    scan.set_defaults(func=cmd_privacy_scan)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="social-bridge", description=__doc__)
    parser.add_argument("--log-level", default=os.environ.get("LOG_LEVEL", "info"))
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the HTTP service (and, without REDIS_URL, the tasks)")
    serve.add_argument("--host", default=os.environ.get("BRIDGE_HOST", "127.0.0.1"))
    serve.add_argument("--port", type=int, default=int(os.environ.get("BRIDGE_PORT", "8000")))
    serve.add_argument("--threads", type=int, default=int(os.environ.get("BRIDGE_THREADS", "8")))
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run Celery workers (REDIS_URL required)")
    worker.add_argument("--concurrency", type=int, default=2)
    worker.set_defaults(func=cmd_worker)

    sub.add_parser("beat", help="run the Celery scheduler for the sweep (REDIS_URL required)").set_defaults(func=cmd_beat)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)

    mappings = sub.add_parser("mappings", help="mapping files")
    mappings_sub = mappings.add_subparsers(dest="mappings_command", required=True)
    check = mappings_sub.add_parser("check", help="validate every mapping file")
    check.add_argument("--dir", help="mappings directory (default: from the config)")
    check.set_defaults(func=cmd_mappings_check)

    replay = sub.add_parser("replay", help="print the ticket a payload would become, without sending anything")
    replay.add_argument("file")
    replay.add_argument("--channel", required=True)
    replay.add_argument("--account")
    replay.set_defaults(func=cmd_replay)
    _add_privacy_parser(sub)

    from bridge.plugin.commands import add_plugin_parser  # its commands import what they need lazily

    add_plugin_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _logging(args.log_level)
    try:
        return args.func(args)
    except BridgeError as exc:
        print(f"social-bridge: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
