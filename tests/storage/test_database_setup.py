"""Opening the database: URL, migrations on start, SQLite settings, UTC times."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import Database, open_database, published_policy
from storage.database import DEFAULT_SQLITE_PATH, database_url
from storage.migrate import current_revision, head_revision, upgrade_to_head
from storage.schema import metadata


def test_database_url_comes_from_som_database_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOM_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{DEFAULT_SQLITE_PATH}"
    monkeypatch.setenv("SOM_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/som")
    assert database_url() == "postgresql://postgres@127.0.0.1:5432/som"


def test_opening_a_new_sqlite_file_creates_and_migrates_it(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "som.db"
    database = open_database(f"sqlite:///{path}")
    try:
        with database.read() as connection:
            assert current_revision(connection) == head_revision()
        assert not upgrade_to_head(database), "a second start has nothing to migrate"
    finally:
        database.dispose()
    assert path.exists()


def test_migrations_create_exactly_the_declared_schema(database: Database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": False})
        assert compare_metadata(context, metadata) == []


def test_sqlite_runs_in_wal_mode_with_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    database = open_database(f"sqlite:///{tmp_path / 'som.db'}")
    try:
        with database.read() as connection:
            pragma = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
    finally:
        database.dispose()
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 60_000}


def test_sqlite_write_transaction_takes_the_write_lock_at_begin(tmp_path: Path) -> None:
    path = tmp_path / "som.db"
    database = open_database(f"sqlite:///{path}")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with database.write(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()
        database.dispose()


def test_times_are_stored_and_returned_in_utc(database: Database) -> None:
    published = published_policy(database)
    assert published.published_at.utcoffset() is not None
    assert published.published_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_plain_postgresql_url_uses_psycopg(postgres_url: str) -> None:
    assert postgres_url.startswith("postgresql://")
    database = open_database(postgres_url)
    try:
        assert database.engine.dialect.driver == "psycopg"
    finally:
        database.dispose()
