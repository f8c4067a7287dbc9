"""social-bridge: serve, worker, beat, migrate, mappings check, replay, privacy scan, admin create, plugin install|build."""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from bridge.errors import BridgeError, ConfigError


def _logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def cmd_serve(args) -> int:
    import waitress

    from bridge.app import create_app
    from bridge.config import load_settings
    from bridge.runtime import Runtime
    from bridge.startup import media_warnings, parse_port, serve_threads, unknown_queue_errors

    errors: list[str] = []  # every start-up problem at once
    try:
        port = parse_port(args.port, "--port" if args.port_given else "BRIDGE_PORT")
    except ConfigError as exc:
        errors.append(str(exc))
    try:
        settings = load_settings()
    except ConfigError as exc:
        errors.append(str(exc))
        errors.extend(_mapping_errors(Path(os.environ.get("BRIDGE_MAPPINGS_DIR") or "mappings")))
        raise ConfigError("\n".join(errors)) from None
    threads = 0
    try:
        given, where = (args.threads, "--threads") if args.threads is not None else \
            (os.environ.get("BRIDGE_THREADS"), "BRIDGE_THREADS")
        threads = serve_threads(given, where)
    except ConfigError as exc:
        errors.append(str(exc))
    try:
        rt = Runtime(settings)
    except ConfigError as exc:
        raise ConfigError("\n".join([*errors, str(exc)])) from None
    errors += unknown_queue_errors(rt)
    if errors:
        raise ConfigError("\n".join(errors))
    rt.store.migrate()
    for warning in media_warnings(rt):
        logging.getLogger("bridge.startup").warning(warning)
    app = create_app(rt, start_queue=False)
    try:
        server = waitress.create_server(app, host=args.host, port=port, threads=threads, ident="social-bridge")
    except OSError as exc:
        raise ConfigError(f"cannot listen on {args.host}:{port}: {exc.strerror or exc} "
                          "(another process uses the port? set BRIDGE_PORT or --port)") from None
    queue = app.extensions["bridge_queue"]
    queue.start()
    mode = "Celery over Redis" if settings.redis_url else "embedded durable queue"
    print(f"social-bridge serving on http://{args.host}:{port} ({mode}; {threads} threads; "
          f"helpdesk: {settings.helpdesk_kind})",
          flush=True)
    try:
        server.run()
    finally:
        queue.stop()
    return 0


def _mapping_errors(directory: Path) -> list[str]:
    from bridge import registry
    from bridge.pipeline.mapping import load_mappings

    try:
        load_mappings(directory, registry.sla_defaults())
    except ConfigError as exc:
        return [str(exc)]
    return []


def _celery(settings):
    if not settings.redis_url:
        raise ConfigError("REDIS_URL is not set: worker and beat run Celery over Redis. "
                          "Without Redis, `social-bridge serve` runs the tasks itself.")
    from bridge.celery_app import configure

    return configure(settings)


def cmd_worker(args) -> int:
    from bridge.config import load_settings

    settings = load_settings()
    app = _celery(settings)
    # In a process of its own, so the database libraries stay out of the pool's parent, which only hands
    # messages to its pool processes.
    migrate = subprocess.run([sys.executable, "-m", "bridge.cli", "migrate"], stdout=subprocess.DEVNULL)
    if migrate.returncode:
        return migrate.returncode
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


def cmd_integrations(args) -> int:
    """Every channel and helpdesk the registry finds (built-in packages and installed plugins)."""
    import inspect

    from bridge import registry

    def page(cls) -> str:
        readme = Path(inspect.getfile(cls)).parent / "README.md"
        return str(readme.relative_to(Path.cwd())) if readme.is_file() and readme.is_relative_to(Path.cwd()) \
            else str(readme) if readme.is_file() else "-"

    print("platforms:")
    for name, channel in registry.channels().items():
        how = f"polls every {channel.poll_interval.total_seconds():.0f}s" if channel.poll_interval else "webhooks"
        sla = "/".join(channel.first_response_default)
        print(f"  {name:<12} {channel.label:<12} {how:<18} first response {sla:<8} {page(channel)}")
    print("helpdesks:")
    for name, helpdesk in registry.helpdesks().items():
        plugin = "plugin " + "+".join(sorted(helpdesk.plugin_actions)) if helpdesk.plugin_actions else ""
        print(f"  {name:<16} {plugin:<24} {page(helpdesk)}")
    return 0


def cmd_mappings_check(args) -> int:
    from bridge import registry
    from bridge.config import load_settings
    from bridge.pipeline.mapping import load_mappings

    directory = Path(args.dir) if args.dir else load_settings().mappings_dir
    mappings = load_mappings(directory, registry.sla_defaults())
    for _, mapping in sorted(mappings.items()):
        print(f"ok  {mapping.source}")
    if not mappings:
        print(f"no mapping files in {directory}")
        return 1
    return 0


def cmd_replay(args) -> int:
    """Print the tickets a payload would become: exactly what ingest would create for a new conversation
    (masked, with the priority's reasons and the SLA due time). Sends nothing, stores nothing."""
    from bridge import registry
    from bridge.config import load_settings
    from bridge.pipeline.mapping import load_mappings
    from bridge.pipeline.privacy import Detector
    from bridge.usecases.preview import PLACEHOLDER_ACCOUNT, preview_channel, preview_text

    settings = load_settings()
    channel = preview_channel(settings, args.channel, args.account)
    mapping = load_mappings(settings.mappings_dir, registry.sla_defaults()).get(args.channel)
    if mapping is None:
        raise ConfigError(f"{settings.mappings_dir}/{args.channel}.yaml: missing")
    try:
        detector = Detector.from_settings(settings.privacy)
    except ConfigError as exc:
        raise ConfigError(f"{settings.config_path}: {exc}") from exc
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{args.file}: cannot read: {exc.strerror}") from exc
    previews = preview_text(mapping, detector, channel, text,
                            show_full=bool(settings.privacy.get("show_full_in_ticket")))
    if channel.account_name == PLACEHOLDER_ACCOUNT:
        print(f"(no {args.channel} account in {settings.config_path}: read with a placeholder account)",
              file=sys.stderr)
    if not previews:
        print("no posts in this payload (an event type the bridge ignores, or the brand's own post)")
    for preview in previews:
        print(json.dumps(preview.as_dict(), indent=2, ensure_ascii=False))
    return 0


def cmd_privacy_scan(args) -> int:
    """Mask sensitive data in JSON lines {"text": …}: one {"text", "sensitive", "kinds"} line per input line.

    With --explain each line also lists the decisions: every finding (kind, span, rule, why, confidence)
    and every contact detail left alone as public, each shown masked, never as the raw value; and, where the
    rules found nothing in a text the learned second opinion is asked about, its score, threshold and whether
    the text may go out publicly.

    Stops at the first malformed line: everything before it has been written, in order, and nothing
    for it or after it, so the output stays aligned with the input."""
    from bridge.config import load_settings
    from bridge.errors import PayloadError
    from bridge.pipeline import privacy
    from bridge.pipeline.second_opinion import SecondOpinion, second_opinion_on, worth_asking

    settings = load_settings()
    privacy_settings = privacy.privacy_settings(settings)
    try:
        detector = privacy.Detector.from_settings(privacy_settings)
    except ConfigError as exc:
        raise ConfigError(f"{settings.config_path}: {exc}") from exc
    opinion = SecondOpinion.load() if args.explain and second_opinion_on(privacy_settings) else None
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
            problem: str | None
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
                if opinion is not None and not findings and worth_asking(text):
                    score = opinion.score(text)
                    result["second_opinion"] = {"score": round(score, 3), "threshold": opinion.threshold,
                                                "public": score < opinion.threshold}
            out.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
            out.flush()  # one line at a time, so a pipe sees each result as soon as it is ready
            written += 1
    return 0


def cmd_admin_create(args) -> int:
    """Create a console user, or set a new password for one. The password is read from the terminal
    (twice) or, with --password-stdin, from the first line of standard input; only its hash is stored."""
    import getpass

    from bridge.config import load_settings
    from bridge.store import Store

    username = args.username.strip()
    if not username or len(username) > 100:
        raise ConfigError("the user name must be 1 to 100 characters")
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {username}: ")
        if getpass.getpass("Again: ") != password:
            raise ConfigError("the passwords differ; nothing changed")
    if len(password) < 10:
        raise ConfigError("the password must be at least 10 characters; nothing changed")
    store = Store(load_settings().database_url)
    store.migrate()
    created = store.admins.set_password(username, password)
    print(f"admin user {username} {'created' if created else 'has a new password'}")
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
    serve.add_argument("--port", default=None)  # checked in cmd_serve, so a bad BRIDGE_PORT is one clear line
    serve.add_argument("--threads", default=None)  # checked in cmd_serve, as --port is
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser("worker", help="run Celery workers (REDIS_URL required)")
    worker.add_argument("--concurrency", type=int, default=2)
    worker.set_defaults(func=cmd_worker)

    sub.add_parser("beat", help="run the Celery scheduler for the sweep (REDIS_URL required)").set_defaults(func=cmd_beat)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    sub.add_parser("integrations", help="list the platforms and helpdesks this bridge knows, with their pages"
                   ).set_defaults(func=cmd_integrations)

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

    admin = sub.add_parser("admin", help="admin console users")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    create = admin_sub.add_parser("create", help="create a console user (or set a new password for one)")
    create.add_argument("username")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    create.set_defaults(func=cmd_admin_create)

    from bridge.plugin.commands import (
        add_plugin_parser,  # its commands import what they need lazily
    )

    add_plugin_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        args.port_given = args.port is not None
        if args.port is None:
            args.port = os.environ.get("BRIDGE_PORT", "8000")
    _logging(args.log_level)
    try:
        return args.func(args)
    except BridgeError as exc:
        print(f"social-bridge: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
