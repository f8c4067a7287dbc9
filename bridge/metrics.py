"""Prometheus metrics. Counters count what this process did; backlog gauges read the store at scrape
time, so they are right whichever process (web, worker) did the work."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily

from bridge.pipeline.kpi import KpiReport, ResponseRecord, compute_kpis

REGISTRY = CollectorRegistry(auto_describe=True)

WEBHOOKS = Counter("bridge_webhooks_total", "Webhook deliveries received, by source and outcome",
                   ["source", "outcome"], registry=REGISTRY)
EVENTS = Counter("bridge_inbound_events_total", "Inbound events processed, by channel and outcome",
                 ["channel", "outcome"], registry=REGISTRY)
EVENT_PARTS = Counter("bridge_inbound_parts_total", "Parts of deliveries left out: unreadable (with a reason kept on "
                      "the event) or ignored (test deliveries, outdated shapes)", ["channel", "outcome"], registry=REGISTRY)
TICKETS = Counter("bridge_tickets_created_total", "Tickets created, by channel", ["channel"], registry=REGISTRY)
ARTICLES = Counter("bridge_articles_added_total", "Posts appended to existing tickets, by channel", ["channel"],
                   registry=REGISTRY)
DELIVERIES = Counter("bridge_deliveries_total", "Agent replies finished, by channel, route and outcome",
                     ["channel", "route", "outcome"], registry=REGISTRY)
ESCALATIONS = Counter("bridge_escalations_total", "Escalations (sla-breached, social-viral-risk)", ["kind"],
                      registry=REGISTRY)
POLLS = Counter("bridge_polls_total", "Polls of polling accounts, by channel and outcome", ["channel", "outcome"],
                registry=REGISTRY)
POLLED_ITEMS = Counter("bridge_polled_items_total", "New items fetched by polling, by channel", ["channel"],
                       registry=REGISTRY)
LISTENED = Counter("bridge_listened_total", "Posts found by listening rules, by channel and outcome "
                   "(ticketed, irrelevant, capped)", ["channel", "outcome"], registry=REGISTRY)
INGEST_SECONDS = Histogram("bridge_ingest_seconds", "From receiving a delivery to its posts being on tickets",
                           ["channel"], registry=REGISTRY,
                           buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600))


class StoreCollector:
    """From the store: bridge_backlog{table,state}, bridge_backlog_oldest_seconds{table,state} and
    bridge_account_broken{channel,account} (1 while the platform or helpdesk refuses the credentials),
    bridge_poller_lag_seconds and bridge_poller_errors_in_a_row{channel,account}."""

    def __init__(self, store):
        self.store = store

    def collect(self):
        from bridge.store import utcnow

        count = GaugeMetricFamily("bridge_backlog", "Work rows by table and state", labels=["table", "state"])
        age = GaugeMetricFamily("bridge_backlog_oldest_seconds", "Age of the oldest row by table and state",
                                labels=["table", "state"])
        now = utcnow()
        for table, rows in self.store.backlog().items():
            for row in rows:
                count.add_metric([table, row.state], row.count)
                if row.oldest is not None:
                    age.add_metric([table, row.state], (now - row.oldest).total_seconds())
        yield count
        yield age
        attention = GaugeMetricFamily("bridge_needs_attention", "Failed inbound events and failed or rejected "
                                      "replies not made good since (as in /healthz)")
        attention.add_metric([], self.store.needs_attention())
        yield attention
        broken = GaugeMetricFamily("bridge_account_broken", "1 while an account's credentials are refused",
                                   labels=["channel", "account"])
        for status in self.store.accounts.broken():
            broken.add_metric([status.channel, status.account], 1)
        yield broken
        lag = GaugeMetricFamily("bridge_poller_lag_seconds", "Seconds since a polling account's last successful poll",
                                labels=["channel", "account"])
        errors = GaugeMetricFamily("bridge_poller_errors_in_a_row", "Failed polls since the last success",
                                   labels=["channel", "account"])
        for poller in self.store.pollers.all():
            if poller.last_success_at is not None:
                lag.add_metric([poller.channel, poller.account], (now - poller.last_success_at).total_seconds())
            errors.add_metric([poller.channel, poller.account], poller.errors_in_a_row)
        yield lag
        yield errors
        yield from kpi_gauges(self.store)


KPI_WINDOW_DAYS = 30


def kpi_report(store, now: datetime, days: int = KPI_WINDOW_DAYS, day_zone: tzinfo = timezone.utc) -> KpiReport:
    facts = store.conversations.response_facts(now - timedelta(days=days))
    return compute_kpis([ResponseRecord(*f) for f in facts], now, day_zone)


def kpi_gauges(store):
    """First-response KPIs per channel over the last 30 days, from the bridge's own records."""
    report = kpi_report(store, datetime.now(timezone.utc))
    volume = GaugeMetricFamily("bridge_kpi_conversations", "Conversations opened in the last 30 days", labels=["channel"])
    minutes = GaugeMetricFamily("bridge_kpi_first_response_minutes",
                                "First-response time over the last 30 days", labels=["channel", "quantile"])
    met = GaugeMetricFamily("bridge_kpi_sla_met_ratio", "Share of first-response SLAs met (last 30 days)",
                            labels=["channel"])
    for row in report.by_channel:
        volume.add_metric([row.channel], row.volume)
        for quantile, value in (("0.5", row.first_response_p50_minutes), ("0.9", row.first_response_p90_minutes)):
            if value is not None:
                minutes.add_metric([row.channel, quantile], value)
        if row.sla_met_share is not None:
            met.add_metric([row.channel], row.sla_met_share)
    yield volume
    yield minutes
    yield met
