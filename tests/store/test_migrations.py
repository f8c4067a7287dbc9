"""The migrations and the table definitions describe one schema, with one head."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from bridge.store import Store
from bridge.store.database import MIGRATIONS
from bridge.store.tables import Base


def migration_head() -> str:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"the migrations have several heads: {heads}"
    return heads[0]


def test_the_migrated_database_matches_the_table_definitions(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'bridge.db'}")
    store.migrate()
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_migrating_twice_changes_nothing(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'bridge.db'}")
    store.migrate()
    store.migrate()
    with store.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == migration_head()
