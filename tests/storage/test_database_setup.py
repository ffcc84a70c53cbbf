"""Opening the database: URL, migrations on start (rules version included), SQLite settings,
UTC times."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from storage_feeds import AS_OF, dji, import_rows, iris, moment

import storage.migrate
from scoring import DetaineeInputs, Policy, inputs_frame, score
from scoring.version import rules_version
from storage import Database, needs_rescore, open_database, published_policy, rescore
from storage.codec import encode_results
from storage.database import DEFAULT_SQLITE_PATH, database_url
from storage.migrate import current_revision, downgrade_to, head_revision, upgrade_to_head
from storage.schema import ASSESSMENT_RESULT_COLUMNS, assessments, metadata

MIGRATIONS = Path(storage.migrate.__file__).parent / "migrations"


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


def test_the_head_read_off_the_file_names_is_alembic_s_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from storage.migrate import MIGRATION_FILES

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert script.get_heads() == [head_revision()], "the migrations must form one line"
    for path in (MIGRATIONS / "versions").glob(MIGRATION_FILES):
        assert script.get_revision(path.name[:4]).path == str(path), path.name


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


def test_assessment_result_columns_are_exactly_the_columns_the_codec_writes() -> None:
    frame = inputs_frame([DetaineeInputs(skn="1000001", pi="Sittard", phase="remand")])
    [encoded] = encode_results(score(frame, Policy(), AS_OF))
    assert tuple(encoded.columns()) == ASSESSMENT_RESULT_COLUMNS
    assert set(ASSESSMENT_RESULT_COLUMNS) < set(assessments.columns.keys())


def test_results_stored_before_rules_versions_count_as_outdated_and_are_rewritten(
    database: Database,
) -> None:
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001"), iris("1000002")])
    downgrade_to(database, "0001")
    try:
        assert upgrade_to_head(database), "0002 runs again on the 0001 database"
        assert _column_values(database, "assessments", "rules_version") == ["unknown"] * 2
        assert _column_values(database, "scoring_runs", "rules_version") == ["unknown"]
        assert needs_rescore(database, AS_OF)
        summary = rescore(database, AS_OF, now=moment(AS_OF, 13))
    finally:
        upgrade_to_head(database)  # whatever failed, leave the shared test database at head
    assert (summary.scored, summary.assessments_written, summary.signals_created) == (2, 2, 0)
    assert _column_values(database, "assessments", "rules_version")[2:] == [rules_version()] * 2
    assert not needs_rescore(database, AS_OF)


def test_assessments_stay_append_only_after_the_rules_version_migration(
    database: Database,
) -> None:
    import_rows(database, [dji("1000001")])
    downgrade_to(database, "0001")
    upgrade_to_head(database)
    for statement in ("UPDATE assessments SET rules_version = 'x'", "DELETE FROM assessments"):
        with pytest.raises(DBAPIError, match="append-only"), database.engine.begin() as connection:
            connection.execute(text(statement))


def _column_values(database: Database, table: str, column: str) -> list[object]:
    with database.read() as connection:
        return list(connection.execute(text(f"SELECT {column} FROM {table} ORDER BY id")).scalars())
