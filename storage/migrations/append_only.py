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


def refuse_rewrites(table: str, keys: Iterable[tuple[str, ...]]) -> None:
    """SQLite only: a trigger that refuses an INSERT whose key (the id, or any unique column
    set in `keys`) matches a stored row of `table`.

    `REPLACE INTO` and `INSERT OR REPLACE` remove the conflicting row without firing DELETE
    triggers unless `PRAGMA recursive_triggers` is on. SOM turns it on for its own connections;
    this trigger also holds for a connection without it (the `sqlite3` shell, a script). A
    plain INSERT of a duplicate key fails either way, so refusing it here changes nothing else.
    """
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL has no REPLACE; its upsert fires the UPDATE trigger
    matches = " OR ".join(
        "(" + " AND ".join(f"{column} = NEW.{column}" for column in key) + ")"
        for key in (("id",), *keys)
    )
    op.execute(
        f"CREATE TRIGGER {table}_refuse_rewrite BEFORE INSERT ON {table} "
        f"WHEN EXISTS (SELECT 1 FROM {table} WHERE {matches}) BEGIN "
        f"SELECT RAISE(ABORT, '{table} is append-only: rewriting a stored row refused'); END"
    )
