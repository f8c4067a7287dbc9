"""sent posts: the platform ids of the replies the bridge delivered, so a customer's answer to one joins
its conversation; inbound_events.interrupted: attempts whose worker stopped before finishing them

Revision ID: 0008_exactly_once
Revises: 0007_storm
Create Date: 2026-11-26 01:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0008_exactly_once"
down_revision = "0007_storm"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sent_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('post_id', sa.String(length=100), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'account', 'post_id', name='uq_sent_post')
    )
    with op.batch_alter_table('inbound_events') as batch:
        batch.add_column(sa.Column('interrupted', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('inbound_events') as batch:
        batch.drop_column('interrupted')
    op.drop_table('sent_posts')
