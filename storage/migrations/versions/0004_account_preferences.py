"""Account preferences: what a signed-in person chose last (language, list view, filters).

One row per account and key, overwritten by the next choice; not evidence, so not append-only.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.append_only import foreign_key
from storage.schema import UTCDateTime

revision, down_revision, branch_labels, depends_on = "0004", "0003", None, None


def upgrade() -> None:
    op.create_table(
        "account_preferences",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_account_preferences"),
        foreign_key("account_preferences", "account_id", "accounts"),
        sa.UniqueConstraint("account_id", "key", name="uq_account_preferences_account_id_key"),
    )
    op.create_index("ix_account_preferences_account_id", "account_preferences", ["account_id"])


def downgrade() -> None:
    op.drop_table("account_preferences")
