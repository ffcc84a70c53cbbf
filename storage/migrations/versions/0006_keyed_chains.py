"""Audit: keyed chains over every piece of evidence, and signed checkpoints of their heads.

Two append-only tables: `chain_links` (one link per sealed record, `storage.seal`) and
`checkpoints` (`som audit checkpoint`). The migration cannot know the audit key, so it seals
nothing: rows stored before it are sealed by the first write that has the key (or by
`som audit seal`); until then `som audit verify` reports them as not sealed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, Integer, PrimaryKeyConstraint, String, Text, UniqueConstraint

from storage.migrations.append_only import refuse_changes
from storage.schema import UTCDateTime

revision, down_revision, branch_labels, depends_on = "0006", "0005", None, None


def upgrade() -> None:
    """Both tables and the triggers that refuse changes to their rows."""
    op.create_table(
        "chain_links",
        Column("id", Integer, nullable=False),
        Column("table_name", String(32), nullable=False),
        Column("record_id", Integer, nullable=False),
        Column("position", Integer, nullable=False),
        Column("previous_hash", String(64), nullable=False),
        Column("record_hash", String(64), nullable=False),
        PrimaryKeyConstraint("id", name="pk_chain_links"),
        UniqueConstraint("table_name", "position", name="uq_chain_links_table_name_position"),
        UniqueConstraint("table_name", "record_id", name="uq_chain_links_table_name_record_id"),
    )
    op.create_table(
        "checkpoints",
        Column("id", Integer, nullable=False),
        Column("created_at", UTCDateTime(), nullable=False),
        Column("document_json", Text, nullable=False),
        Column("signature", String(64), nullable=False),
        PrimaryKeyConstraint("id", name="pk_checkpoints"),
    )
    refuse_changes(["chain_links", "checkpoints"])


def downgrade() -> None:
    op.drop_table("checkpoints")
    op.drop_table("chain_links")
