"""Append-only evidence: the database refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL), and
the hash chains reveal a record altered or removed behind the triggers' back."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from storage_feeds import dji, import_rows, iris, override_and_decide

from storage import Database, verify_chain


@pytest.fixture
def evidence(database: Database) -> Database:
    """A database with two overrides and two decisions."""
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001"), iris("1000002")])
    for skn in ("1000001", "1000002"):
        override_and_decide(database, skn)
    return database


def _execute(database: Database, statement: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(statement))


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE overrides SET band = 'no_priority'",
        "DELETE FROM overrides",
        "UPDATE decisions SET explanation = 'anders'",
        "DELETE FROM decisions",
        "UPDATE assessments SET band = 'priority'",
        "DELETE FROM input_versions",
        "UPDATE policies SET note = 'stiekem'",
        "DELETE FROM policy_publications",
    ],
)
def test_database_refuses_to_change_or_remove_evidence(evidence: Database, statement: str) -> None:
    with pytest.raises(DBAPIError, match="append-only"):
        _execute(evidence, statement)
    assert verify_chain(evidence).ok


@pytest.mark.parametrize("table", ["overrides", "decisions"])
def test_postgresql_refuses_truncate(evidence: Database, table: str) -> None:
    if evidence.is_sqlite:
        pytest.skip("SQLite has no TRUNCATE")
    with pytest.raises(DBAPIError, match="append-only"):
        _execute(evidence, f"TRUNCATE {table} CASCADE")


def _bypass_triggers(database: Database, table: str, statement: str) -> None:
    """What an attacker with full access could do: switch the guard off, then edit."""
    with database.engine.begin() as connection:
        if database.is_sqlite:
            for operation in ("update", "delete"):
                connection.execute(text(f"DROP TRIGGER {table}_refuse_{operation}"))
        else:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(text(statement))


def test_chain_of_untouched_records_verifies(evidence: Database) -> None:
    report = verify_chain(evidence)
    assert report.ok
    assert report.checked == {"overrides": 2, "decisions": 2}


@pytest.mark.parametrize("table", ["overrides", "decisions"])
def test_altered_record_is_found_by_chain_verification(evidence: Database, table: str) -> None:
    column = "justification" if table == "overrides" else "explanation"
    _bypass_triggers(evidence, table, f"UPDATE {table} SET {column} = 'gewijzigd' WHERE id = 1")
    report = verify_chain(evidence)
    assert not report.ok
    assert report.problems == [
        f"{table} record 1: its content does not match its hash (the record was altered)"
    ]


def test_removed_record_is_found_by_chain_verification(evidence: Database) -> None:
    _bypass_triggers(evidence, "decisions", "DELETE FROM decisions WHERE id = 1")
    report = verify_chain(evidence)
    assert report.problems == [
        "decisions record 2: its link does not match the chain's start "
        "(a record was removed or inserted)"
    ]
