"""Capacity planning: policy drafts and the weekly capacity of probation per prison.

Both tables are append-only. Saving a draft again under its name adds a row (the newest row of
a name is the draft, the older ones its history); a new capacity for a prison adds a row (the
newest is the capacity in force).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import CheckConstraint, Column, Integer, PrimaryKeyConstraint, String, Text

from storage.migrations.append_only import refuse_changes
from storage.schema import UTCDateTime

revision, down_revision, branch_labels, depends_on = "0005", "0004", None, None


def _who_and_when(name: str, role: str, at: str) -> list[Column[object]]:
    return [
        Column(name, String(200), nullable=False),
        Column(role, String(32), nullable=False),
        Column(at, UTCDateTime(), nullable=False),
    ]


def upgrade() -> None:
    """Both tables, their indexes and the triggers that refuse changes to their rows."""
    op.create_table(
        "policy_drafts",
        Column("id", Integer, nullable=False),
        Column("name", String(200), nullable=False),
        Column("based_on", String(200), nullable=True),
        Column("note", Text, nullable=False),
        Column("document_json", Text, nullable=False),
        *_who_and_when("author_name", "author_role", "created_at"),
        PrimaryKeyConstraint("id", name="pk_policy_drafts"),
    )
    op.create_index("ix_policy_drafts_name", "policy_drafts", ["name"])
    op.create_table(
        "prison_capacities",
        Column("id", Integer, nullable=False),
        Column("pi", String(64), nullable=False),
        Column("weekly_cases", Integer, nullable=False),
        Column("note", Text, nullable=False),
        *_who_and_when("set_by", "set_role", "set_at"),
        PrimaryKeyConstraint("id", name="pk_prison_capacities"),
        CheckConstraint("weekly_cases >= 0", name="ck_prison_capacities_weekly_cases"),
    )
    op.create_index("ix_prison_capacities_pi", "prison_capacities", ["pi"])
    refuse_changes(["policy_drafts", "prison_capacities"])


def downgrade() -> None:
    op.drop_table("prison_capacities")
    op.drop_table("policy_drafts")
