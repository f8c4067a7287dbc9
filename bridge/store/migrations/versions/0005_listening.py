"""listening: each listening rule's search cursor, state and counts

Revision ID: 0005_listening
Revises: 0004_console
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_listening"
down_revision = "0004_console"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "listeners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("next_search_at", sa.DateTime(), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("errors_in_a_row", sa.Integer(), nullable=False),
        sa.Column("ticketed", sa.Integer(), nullable=False),
        sa.Column("irrelevant", sa.Integer(), nullable=False),
        sa.Column("capped", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "account", "rule", name="uq_listeners"),
    )


def downgrade() -> None:
    op.drop_table("listeners")
