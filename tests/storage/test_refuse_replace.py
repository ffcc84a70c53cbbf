"""No rewrite of an append-only row: `REPLACE INTO`, `INSERT OR REPLACE` and an upsert are
refused on every append-only table — through SOM's own connections (SQLAlchemy, with
`PRAGMA recursive_triggers` on) and through a plain `sqlite3` connection without the pragma
(the BEFORE INSERT triggers of migration 0007)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import UniqueConstraint, text
from sqlalchemy.exc import DBAPIError
from storage_feeds import CASE_MANAGER, WHY, dji, import_rows, iris, newest

from scoring.policy import Policy
from storage import Actor, Database, record_decision, record_override, verify_chain
from storage.capacity import set_capacity
from storage.drafts import save_draft
from storage.integrity import database_audit_key, make_checkpoint
from storage.schema import APPEND_ONLY_TABLES, metadata

PLANNER = Actor("Rob Maas", "capacity_manager")
OTHERS = [dji("1000002"), dji("1000003")]


@pytest.fixture
def every_table_filled(database: Database) -> Database:
    """A database with at least one row in every append-only table."""
    import_rows(database, [dji("1000001"), *OTHERS], [iris("1000001")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", WHY, CASE_MANAGER
    )
    record_decision(
        database, admission_id, assessment_id, "request_advice", "Samen besloten.", CASE_MANAGER
    )
    import_rows(database, OTHERS, [])  # 1000001 released …
    import_rows(database, [dji("1000001"), *OTHERS], [iris("1000001")])  # … and resumed
    save_draft(database, "zomer-2027", Policy(), PLANNER, "Een concept om te proberen.")
    set_capacity(database, "Sittard", 4, PLANNER, "Nieuwe reclasseringswerker.")
    make_checkpoint(database, database_audit_key(database))
    with database.read() as connection:
        empty = [
            table
            for table in APPEND_ONLY_TABLES
            if connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() == 0
        ]
    assert empty == [], "the fixture must fill every append-only table"
    return database


def _rewrites(table: str) -> list[str]:
    """Statements that would put a stored row of `table` back in place of itself."""
    oldest = f"SELECT * FROM {table} WHERE id = (SELECT min(id) FROM {table})"
    return [
        f"REPLACE INTO {table} {oldest}",
        f"INSERT OR REPLACE INTO {table} {oldest}",
        f"INSERT INTO {table} {oldest} ON CONFLICT (id) DO UPDATE SET id = excluded.id",
    ]


def _snapshot(connection: sqlite3.Connection, table: str) -> list[tuple[object, ...]]:
    return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()


def _sqlite_path(database: Database) -> str:
    path = database.engine.url.database
    assert path is not None
    return path


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_rewriting_an_append_only_row_through_sqlalchemy_is_refused(
    every_table_filled: Database, table: str
) -> None:
    database = every_table_filled
    statements = _rewrites(table) if database.is_sqlite else _rewrites(table)[2:]
    with database.read() as connection:
        before = connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
    for statement in statements:
        with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as writer:
            writer.execute(text(statement))
    with database.read() as connection:
        assert connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all() == before
    assert verify_chain(database).ok


@pytest.mark.parametrize("table", APPEND_ONLY_TABLES)
def test_rewriting_an_append_only_row_through_plain_sqlite3_is_refused(
    every_table_filled: Database, table: str
) -> None:
    if not every_table_filled.is_sqlite:
        pytest.skip("the sqlite3 module speaks to SQLite only")
    with closing(sqlite3.connect(_sqlite_path(every_table_filled))) as connection:
        assert connection.execute("PRAGMA recursive_triggers").fetchone() == (0,)
        before = _snapshot(connection, table)
        for statement in _rewrites(table):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
            connection.rollback()
        assert _snapshot(connection, table) == before


@pytest.mark.parametrize("table", ["overrides", "assessments", "input_versions"])
def test_replace_is_refused_by_the_pragma_alone(every_table_filled: Database, table: str) -> None:
    """Without migration 0007's trigger, SOM's connections still refuse REPLACE: the pragma
    makes SQLite fire the DELETE trigger for the row REPLACE removes."""
    if not every_table_filled.is_sqlite:
        pytest.skip("REPLACE is SQLite's")
    with every_table_filled.engine.connect() as connection:
        transaction = connection.begin()
        connection.execute(text(f"DROP TRIGGER {table}_refuse_rewrite"))
        with pytest.raises(DBAPIError, match=f"{table} is append-only: DELETE refused"):
            connection.execute(text(_rewrites(table)[0]))
        transaction.rollback()


def test_som_connections_turn_recursive_triggers_on(database: Database) -> None:
    if not database.is_sqlite:
        pytest.skip("an SQLite pragma")
    with database.read() as connection:
        assert connection.exec_driver_sql("PRAGMA recursive_triggers").scalar_one() == 1


def test_inserting_new_rows_still_works(every_table_filled: Database) -> None:
    """The rewrite triggers leave ordinary appends alone (a second override and capacity)."""
    database = every_table_filled
    admission_id, assessment_id, _ = newest(database, "1000002")
    record_override(database, admission_id, assessment_id, "defer", "other", WHY, CASE_MANAGER)
    set_capacity(database, "Sittard", 5, PLANNER, "Nog een reclasseringswerker.")
    assert verify_chain(database).ok


def test_every_append_only_table_has_a_rewrite_trigger_on_each_unique_key(
    sqlite_template: Path,
) -> None:
    """A REPLACE collides on the id or on any unique key: the migrated schema's trigger of each
    append-only table must look at all of them (a table or unique key added later needs its
    trigger in a new migration, `storage.migrations.append_only.refuse_rewrites`)."""
    with closing(sqlite3.connect(sqlite_template)) as connection:
        triggers = dict(
            connection.execute(
                "SELECT tbl_name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE '%_refuse_rewrite'"
            ).fetchall()
        )
    missing: dict[str, list[str]] = {}
    for name in APPEND_ONLY_TABLES:
        table = metadata.tables[name]
        keyed = {column.name for column in table.columns if column.unique or column.primary_key}
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint):
                keyed |= {column.name for column in constraint.columns}
        trigger = triggers.get(name, "")
        absent = sorted(column for column in keyed if f"NEW.{column}" not in trigger)
        if absent:
            missing[name] = absent
    assert missing == {}
