"""storms: the incremental storm index (keyword signatures) and storms with their incident tickets

Revision ID: 0007_storm
Revises: 0006_agent_day
"""
import sqlalchemy as sa
from alembic import op

revision = "0007_storm"
down_revision = "0006_agent_day"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "storm_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(length=200), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("signature", name="uq_storm_signature"),
    )
    with op.batch_alter_table("storm_signatures", schema=None) as batch_op:
        batch_op.create_index("ix_storm_signatures_last_at", ["last_at"], unique=False)
    op.create_table(
        "storms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("last_at", sa.DateTime(), nullable=False),
        sa.Column("posts", sa.Integer(), nullable=False),
        sa.Column("incident_ticket_id", sa.String(length=64), nullable=True),
        sa.Column("incident_creating_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key", name="uq_storm_key"),
    )
    with op.batch_alter_table("storms", schema=None) as batch_op:
        batch_op.create_index("ix_storms_last_at", ["last_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("storms", schema=None) as batch_op:
        batch_op.drop_index("ix_storms_last_at")
    op.drop_table("storms")
    with op.batch_alter_table("storm_signatures", schema=None) as batch_op:
        batch_op.drop_index("ix_storm_signatures_last_at")
    op.drop_table("storm_signatures")
