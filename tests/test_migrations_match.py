"""The migrations build what bridge/store/tables.py declares: a column added to one and not the other fails here."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bridge.store.tables import Base


def test_migrations_match_the_tables(store):
    with store.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []
