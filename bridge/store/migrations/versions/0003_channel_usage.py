"""channel usage: what an account spent of a platform's budget per period (quota units)

Revision ID: 0003_channel_usage
Revises: 0002_polling
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_channel_usage"
down_revision = "0002_polling"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_usage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=40), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("channel", "account", "period", name="uq_channel_usage"),
    )


def downgrade() -> None:
    op.drop_table("channel_usage")
