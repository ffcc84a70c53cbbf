"""Capacity planning: policy drafts and the weekly capacity of probation per prison.

Both tables are append-only. Saving a draft again under its name adds a row (the newest row of
a name is the draft, the older ones its history); a new capacity for a prison adds a row (the
newest is the capacity in force).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.append_only import refuse_changes
from storage.schema import UTCDateTime

revision, down_revision, branch_labels, depends_on = "0005", "0004", None, None


def upgrade() -> None:
    op.create_table(
        "policy_drafts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("document_json", sa.Text, nullable=False),
        sa.Column("based_on", sa.String(200), nullable=True),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("author_role", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_policy_drafts"),
    )
    op.create_index("ix_policy_drafts_name", "policy_drafts", ["name"])
    op.create_table(
        "prison_capacities",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("pi", sa.String(64), nullable=False),
        sa.Column("weekly_cases", sa.Integer, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_role", sa.String(32), nullable=False),
        sa.Column("set_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_prison_capacities"),
        sa.CheckConstraint("weekly_cases >= 0", name="ck_prison_capacities_weekly_cases"),
    )
    op.create_index("ix_prison_capacities_pi", "prison_capacities", ["pi"])
    refuse_changes(["policy_drafts", "prison_capacities"])


def downgrade() -> None:
    op.drop_table("prison_capacities")
    op.drop_table("policy_drafts")
