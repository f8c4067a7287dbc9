"""polling: pollers' cursors and state; engagement re-reads on conversations

Revision ID: 0002_polling
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_polling"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pollers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("cursor", sa.Text(), nullable=True),
        sa.Column("next_poll_at", sa.DateTime(), nullable=False),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(), nullable=True),
        sa.Column("errors_in_a_row", sa.Integer(), nullable=False),
        sa.Column("items_seen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "account", name="uq_pollers"),
    )
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("engagement_post_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("engagement_total", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("engagement_read_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("engagement_next_at", sa.DateTime(), nullable=True))
        batch_op.create_index("ix_conversations_engagement_next_at", ["engagement_next_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("conversations", schema=None) as batch_op:
        batch_op.drop_index("ix_conversations_engagement_next_at")
        batch_op.drop_column("engagement_next_at")
        batch_op.drop_column("engagement_read_at")
        batch_op.drop_column("engagement_total")
        batch_op.drop_column("engagement_post_id")
    op.drop_table("pollers")
