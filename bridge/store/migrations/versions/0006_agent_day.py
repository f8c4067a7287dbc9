"""public acknowledgement time per conversation; names of files attached to a reply

Revision ID: 0006_agent_day
Revises: 0005_listening
Create Date: 2026-11-26 00:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_agent_day"
down_revision = "0005_listening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('conversations') as batch:
        batch.add_column(sa.Column('public_ack_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('deliveries') as batch:
        batch.add_column(sa.Column('attachments', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('deliveries') as batch:
        batch.drop_column('attachments')
    with op.batch_alter_table('conversations') as batch:
        batch.drop_column('public_ack_at')
