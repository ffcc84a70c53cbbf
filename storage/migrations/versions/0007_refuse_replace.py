"""Append-only tables refuse `REPLACE` on SQLite too.

`REPLACE INTO` / `INSERT OR REPLACE` delete the row they collide with, and SQLite fires no
DELETE trigger for that deletion unless `PRAGMA recursive_triggers` is on: an "append-only" row
could be rewritten with the UPDATE and DELETE triggers in place. SOM's connections now turn the
pragma on (`storage.database`); these BEFORE INSERT triggers refuse the rewrite for every other
connection too. (An upsert, `INSERT … ON CONFLICT DO UPDATE`, already fires the UPDATE trigger.)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from storage.migrations.append_only import refuse_rewrites

revision, down_revision, branch_labels, depends_on = "0007", "0006", None, None

#: Each append-only table of this revision with its unique keys besides `id` (a REPLACE
#: collides on any of them).
UNIQUE_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "input_versions": (("admission_id", "version"),),
    "policies": (("version",),),
    "policy_publications": (),
    "assessments": (),
    "overrides": (("withdraws_id",), ("record_hash",)),
    "decisions": (("record_hash",),),
    "resumptions": (),
    "access_log": (),
    "policy_drafts": (),
    "prison_capacities": (),
    "chain_links": (("table_name", "position"), ("table_name", "record_id")),
    "checkpoints": (),
}


def upgrade() -> None:
    """A refuse-rewrite trigger on every append-only table (SQLite only)."""
    for table, keys in UNIQUE_KEYS.items():
        refuse_rewrites(table, keys)


def downgrade() -> None:
    """Drop the triggers again."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in UNIQUE_KEYS:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_refuse_rewrite")
