"""admin console users

Revision ID: 0004_console
Revises: 0003_channel_usage
Create Date: 2026-11-26 00:55:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_console"
down_revision = "0003_channel_usage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('admin_users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username', name='uq_admin_user')
    )


def downgrade() -> None:
    op.drop_table('admin_users')
