"""Channel usage counts in the store: per channel, account and period; earlier periods forgotten."""
from bridge.store import Store
from bridge.store.usage import AccountUsage


def test_usage_is_counted_per_account_and_period_and_old_periods_are_dropped(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'bridge.db'}")
    store.migrate()
    acme = AccountUsage(store.usage, "youtube", "acme")
    other = AccountUsage(store.usage, "youtube", "other")
    assert acme.add("2026-11-25", 50) == 50 and acme.add("2026-11-25", 1) == 51
    assert other.add("2026-11-25", 7) == 7 and acme.used("2026-11-25") == 51
    assert acme.add("2026-11-26", 1) == 1  # a new day starts at its own count…
    assert acme.used("2026-11-25") == 0 and other.used("2026-11-25") == 7  # …and forgets the account's earlier days
