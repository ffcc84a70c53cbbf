"""Pieces the migrations share: the triggers that make a table append-only, foreign keys."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from alembic import op


def refuse_changes(tables: Iterable[str], *, first: bool = False) -> None:
    """Triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) on each table.

    `first` creates PostgreSQL's shared trigger function; only the first migration does.
    """
    if op.get_bind().dialect.name == "sqlite":
        for table in tables:
            for operation in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER {table}_refuse_{operation.lower()} "
                    f"BEFORE {operation} ON {table} BEGIN "
                    f"SELECT RAISE(ABORT, '{table} is append-only: {operation} refused'); END"
                )
        return
    if first:
        op.execute(
            "CREATE FUNCTION som_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP "
            "USING ERRCODE = 'insufficient_privilege'; END $$"
        )
    for table in tables:
        op.execute(
            f"CREATE TRIGGER {table}_refuse_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION som_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_refuse_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION som_refuse_change()"
        )


def foreign_key(table: str, column: str, referred: str) -> sa.ForeignKeyConstraint:
    """`table.column` → `referred.id`, named as the schema's naming convention names it."""
    return sa.ForeignKeyConstraint(
        [column], [f"{referred}.id"], name=f"fk_{table}_{column}_{referred}"
    )
