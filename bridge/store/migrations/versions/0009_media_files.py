"""media files: an agent's image held for the few minutes its signed link is valid, for platforms that
fetch a reply's images by URL (Instagram DMs)

Revision ID: 0009_media_files
Revises: 0008_exactly_once
Create Date: 2026-12-01 09:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_media_files"
down_revision = "0008_exactly_once"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "media_files",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_index("ix_media_files_expires_at", "media_files", ["expires_at"])


def downgrade() -> None:
    op.drop_index("ix_media_files_expires_at", table_name="media_files")
    op.drop_table("media_files")
