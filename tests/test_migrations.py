"""The migrations build exactly the tables bridge/store/tables.py declares."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bridge.store import Store
from bridge.store.tables import Base


def test_migrations_match_the_table_declarations(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'm.db'}")
    store.migrate()
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
