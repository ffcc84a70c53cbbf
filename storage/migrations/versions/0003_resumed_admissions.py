"""Resumed admissions: a detainee released because a feed no longer listed them, who returns
with the same intake date, continues the same admission (with its overrides and decisions).

The new append-only table `resumptions` keeps each release that was undone; `imports` counts
the resumed admissions of each import (empty for the imports before this migration).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.append_only import refuse_changes
from storage.schema import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resumptions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("admission_id", sa.Integer, nullable=False),
        sa.Column("released_at", UTCDateTime(), nullable=False),
        sa.Column("released_import_id", sa.Integer, nullable=True),
        sa.Column("release_reason", sa.String(32), nullable=False),
        sa.Column("resumed_at", UTCDateTime(), nullable=False),
        sa.Column("resumed_import_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_resumptions"),
        sa.ForeignKeyConstraint(
            ["admission_id"], ["admissions.id"], name="fk_resumptions_admission_id_admissions"
        ),
        sa.ForeignKeyConstraint(
            ["released_import_id"], ["imports.id"], name="fk_resumptions_released_import_id_imports"
        ),
        sa.ForeignKeyConstraint(
            ["resumed_import_id"], ["imports.id"], name="fk_resumptions_resumed_import_id_imports"
        ),
    )
    op.create_index("ix_resumptions_admission_id", "resumptions", ["admission_id"])
    op.add_column("imports", sa.Column("resumed_admissions", sa.Integer, nullable=True))
    refuse_changes(["resumptions"])


def downgrade() -> None:
    op.drop_column("imports", "resumed_admissions")
    op.drop_table("resumptions")
