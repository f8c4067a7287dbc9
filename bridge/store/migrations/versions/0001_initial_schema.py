"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 07:59:20.770621
"""
import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('account_status',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('broken', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('since', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'account', name='uq_account_status')
    )
    op.create_table('conversations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('thread_key', sa.String(length=200), nullable=False),
    sa.Column('helpdesk', sa.String(length=40), nullable=False),
    sa.Column('ticket_id', sa.String(length=64), nullable=True),
    sa.Column('creating_until', sa.DateTime(), nullable=True),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('priority', sa.String(length=10), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=True),
    sa.Column('first_response_target_at', sa.DateTime(), nullable=True),
    sa.Column('first_response_warning_at', sa.DateTime(), nullable=True),
    sa.Column('first_response_due_at', sa.DateTime(), nullable=True),
    sa.Column('first_responded_at', sa.DateTime(), nullable=True),
    sa.Column('warned_at', sa.DateTime(), nullable=True),
    sa.Column('breached_at', sa.DateTime(), nullable=True),
    sa.Column('viral_escalated_at', sa.DateTime(), nullable=True),
    sa.Column('storm_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'account', 'thread_key', name='uq_conversation_thread')
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index('ix_conversation_ticket', ['helpdesk', 'ticket_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_opened_at'), ['opened_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_conversations_storm_key'), ['storm_key'], unique=False)

    op.create_table('inbound_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('event_id', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('done_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'account', 'event_id', name='uq_inbound_event')
    )
    with op.batch_alter_table('inbound_events', schema=None) as batch_op:
        batch_op.create_index('ix_inbound_due', ['state', 'next_attempt_at'], unique=False)

    op.create_table('sandbox_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('author_handle', sa.String(length=100), nullable=False),
    sa.Column('author_name', sa.String(length=200), nullable=False),
    sa.Column('author_followers', sa.Integer(), nullable=True),
    sa.Column('from_brand', sa.Boolean(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('in_reply_to', sa.Integer(), nullable=True),
    sa.Column('thread_root', sa.Integer(), nullable=True),
    sa.Column('dm_with', sa.String(length=100), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['in_reply_to'], ['sandbox_posts.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sandbox_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sandbox_posts_account'), ['account'], unique=False)

    op.create_table('deliveries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('helpdesk', sa.String(length=40), nullable=False),
    sa.Column('ticket_id', sa.String(length=64), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('target_post_id', sa.String(length=100), nullable=True),
    sa.Column('requested_mode', sa.String(length=16), nullable=False),
    sa.Column('agent', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('review', sa.String(length=10), nullable=True),
    sa.Column('reviewed_by', sa.String(length=200), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('sensitive_kinds', sa.String(length=200), nullable=False),
    sa.Column('route', sa.String(length=16), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=False),
    sa.Column('lease_until', sa.DateTime(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('external_id', sa.String(length=100), nullable=True),
    sa.Column('external_url', sa.String(length=500), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('noted_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('helpdesk', 'article_id', name='uq_delivery_article')
    )
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliveries_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index('ix_delivery_due', ['state', 'next_attempt_at'], unique=False)

    op.create_table('posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('post_id', sa.String(length=100), nullable=False),
    sa.Column('conversation_id', sa.Integer(), nullable=False),
    sa.Column('platform_conversation_id', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('author_id', sa.String(length=100), nullable=False),
    sa.Column('author_handle', sa.String(length=200), nullable=False),
    sa.Column('posted_at', sa.DateTime(), nullable=False),
    sa.Column('inbound_event_id', sa.Integer(), nullable=False),
    sa.Column('article_id', sa.String(length=64), nullable=False),
    sa.Column('change', sa.String(length=10), nullable=False),
    sa.Column('keywords', sa.Text(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ),
    sa.ForeignKeyConstraint(['inbound_event_id'], ['inbound_events.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'account', 'post_id', name='uq_post')
    )
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_posts_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_posted_at'), ['posted_at'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('delivery_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=40), nullable=False),
    sa.Column('account', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('requested_mode', sa.String(length=16), nullable=True),
    sa.Column('sensitive_kinds', sa.String(length=200), nullable=False),
    sa.Column('route', sa.String(length=16), nullable=True),
    sa.Column('reviewer', sa.String(length=200), nullable=True),
    sa.Column('external_id', sa.String(length=100), nullable=True),
    sa.Column('external_url', sa.String(length=500), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['delivery_id'], ['deliveries.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_delivery_id'), ['delivery_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_delivery_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_posts_posted_at'))
        batch_op.drop_index(batch_op.f('ix_posts_conversation_id'))

    op.drop_table('posts')
    with op.batch_alter_table('deliveries', schema=None) as batch_op:
        batch_op.drop_index('ix_delivery_due')
        batch_op.drop_index(batch_op.f('ix_deliveries_conversation_id'))

    op.drop_table('deliveries')
    with op.batch_alter_table('sandbox_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sandbox_posts_account'))

    op.drop_table('sandbox_posts')
    with op.batch_alter_table('inbound_events', schema=None) as batch_op:
        batch_op.drop_index('ix_inbound_due')

    op.drop_table('inbound_events')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conversations_storm_key'))
        batch_op.drop_index(batch_op.f('ix_conversations_opened_at'))
        batch_op.drop_index('ix_conversation_ticket')

    op.drop_table('conversations')
    op.drop_table('account_status')
