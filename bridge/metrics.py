"""Prometheus metrics. Counters count what this process did; backlog gauges read the store at scrape
time, so they are right whichever process (web, worker) did the work."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily

REGISTRY = CollectorRegistry(auto_describe=True)

WEBHOOKS = Counter("bridge_webhooks_total", "Webhook deliveries received, by source and outcome",
                   ["source", "outcome"], registry=REGISTRY)
EVENTS = Counter("bridge_inbound_events_total", "Inbound events processed, by channel and outcome",
                 ["channel", "outcome"], registry=REGISTRY)
TICKETS = Counter("bridge_tickets_created_total", "Tickets created, by channel", ["channel"], registry=REGISTRY)
ARTICLES = Counter("bridge_articles_added_total", "Posts appended to existing tickets, by channel", ["channel"],
                   registry=REGISTRY)
DELIVERIES = Counter("bridge_deliveries_total", "Agent replies finished, by channel, route and outcome",
                     ["channel", "route", "outcome"], registry=REGISTRY)
INGEST_SECONDS = Histogram("bridge_ingest_seconds", "From receiving a delivery to its posts being on tickets",
                           ["channel"], registry=REGISTRY,
                           buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600))


class StoreCollector:
    """From the store: bridge_backlog{table,state}, bridge_backlog_oldest_seconds{table,state} and
    bridge_account_broken{channel,account} (1 while the platform or helpdesk refuses the credentials)."""

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
        broken = GaugeMetricFamily("bridge_account_broken", "1 while an account's credentials are refused",
                                   labels=["channel", "account"])
        for status in self.store.broken_accounts():
            broken.add_metric([status.channel, status.account], 1)
        yield broken
