"""Rules version on assessments and scoring runs.

Every assessment and every scoring run records the version of the rules that computed it
(`scoring.version.rules_version()`). Rows written before this migration get the placeholder
'unknown', which matches no real rules version, so they count as outdated and the next re-score
rewrites them.

Adding a column writes no row, so the append-only triggers on `assessments` are not involved. The
default that fills the existing rows is dropped again on PostgreSQL, so a writer that forgets the
rules version fails; SQLite can only drop a default by rebuilding the table, which would also
drop its triggers, so there the default stays (SOM always writes the column itself).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

#: Rules version of the rows written before SOM stored one.
PLACEHOLDER = "unknown"
TABLES = ("assessments", "scoring_runs")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in TABLES:
        op.add_column(
            table,
            sa.Column(
                "rules_version",
                sa.String(32),
                nullable=False,
                server_default=sa.text(f"'{PLACEHOLDER}'"),
            ),
        )
        if not sqlite:
            op.alter_column(table, "rules_version", server_default=None)


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, "rules_version")
