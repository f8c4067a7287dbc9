"""Health and metrics: what an admin or a probe needs to see that nothing is stuck."""
from __future__ import annotations

from datetime import timezone

from flask import Blueprint, Response, jsonify
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from sqlalchemy.exc import SQLAlchemyError

from bridge.metrics import REGISTRY, StoreCollector
from bridge.startup import media_warnings
from bridge.store import utcnow
from bridge.web.webhooks import runtime

bp = Blueprint("health", __name__)
POLLER_FAILING_AFTER = 3  # failed polls in a row before /healthz says degraded


@bp.get("/livez")
def livez():
    """Liveness: the process answers HTTP. Touches nothing else (use /healthz for the full picture)."""
    return Response("ok\n", mimetype="text/plain")


@bp.get("/healthz")
def healthz():
    rt = runtime()
    try:
        backlog = rt.store.backlog()
    except SQLAlchemyError:
        return jsonify(status="down", database="unreachable"), 503
    now = utcnow()
    report = {}
    for table, rows in backlog.items():
        report[table] = {
            row.state: {"count": row.count,
                        "oldest_seconds": round((now - row.oldest).total_seconds(), 1) if row.oldest else None}
            for row in rows
        }
    failed = rt.store.needs_attention()
    broken = [{"account": f"{a.channel}/{a.account}", "reason": a.reason, "since": a.since.isoformat() + "+00:00"}
              for a in rt.store.accounts.broken()]
    pollers = [{
        "account": f"{p.channel}/{p.account}",
        "last_success_at": p.last_success_at.isoformat() + "+00:00" if p.last_success_at else None,
        "lag_seconds": round((now - p.last_success_at).total_seconds(), 1) if p.last_success_at else None,
        "errors_in_a_row": p.errors_in_a_row,
        "last_error": p.last_error,
        "items_seen": p.items_seen,
    } for p in rt.store.pollers.all() if (p.channel, p.account) in rt.settings.accounts]
    failing = [p["account"] for p in pollers if p["errors_in_a_row"] >= POLLER_FAILING_AFTER]
    facts = {f"{c}/{n}": found for c, n in sorted(rt.settings.accounts)
             if (found := rt.channel(c, n).health(now.replace(tzinfo=timezone.utc)))}
    problems = {account: found["problem"] for account, found in facts.items() if found.get("problem")}
    return jsonify(
        status="degraded" if broken or failing or problems else "ok",
        broken_accounts=broken,
        pollers=pollers,
        failing_pollers=failing,
        channels=facts,  # what each channel reports about its account (quota …)
        channel_problems=problems,
        warnings=media_warnings(rt),  # set-up that keeps some replies' images from going; not a degradation
        database="ok",
        queue="celery" if rt.settings.redis_url else "embedded",
        helpdesk=rt.helpdesk.name,
        accounts=[f"{c}/{n}" for c, n in sorted(rt.settings.accounts)],
        backlog=report,
        needs_attention=failed,
    ), 200


@bp.get("/metrics")
def metrics_text():
    store_registry = CollectorRegistry(auto_describe=False)
    store_registry.register(StoreCollector(runtime().store))
    return Response(generate_latest(REGISTRY) + generate_latest(store_registry), mimetype=CONTENT_TYPE_LATEST)
