"""Fixtures for the storage tests: every test that takes `database` runs twice, once on a fresh
SQLite file and once on PostgreSQL.

PostgreSQL: one scratch database per test session (per xdist worker), with a unique name,
created and migrated once and dropped at the end; each test starts from empty tables. When the
server at 127.0.0.1:5432 is not reachable the PostgreSQL variants are skipped (CI starts it).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from storage.connect import open_database
from storage.database import Database, create_database_engine
from storage.schema import metadata
from tests.storage.postgres_server import POSTGRES_SERVER, postgres_admin

BACKENDS = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """URL of this session's scratch PostgreSQL database (migrated), dropped afterwards."""
    try:
        admin = postgres_admin()
    except Exception as error:  # any failure to connect means "no server"
        reason = f"PostgreSQL not reachable at {POSTGRES_SERVER}: {error}"
        if os.environ.get("SOM_REQUIRE_SERVICES") == "1":  # set by .ci/run: CI must not skip
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    name = f"som_test_{worker}_{uuid.uuid4().hex[:10]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{POSTGRES_SERVER}/{name}"
    open_database(url).dispose()
    try:
        yield url
    finally:
        with postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite file that each test copies (faster than migrating each time)."""
    path = tmp_path_factory.mktemp("template") / "som.db"
    database = open_database(f"sqlite:///{path}")
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    database.dispose()
    return path


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """'sqlite' or 'postgresql'."""
    return str(request.param)


@pytest.fixture
def database_url(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: Path
) -> str:
    """URL of an empty, migrated database for this test."""
    if backend == "sqlite":
        path = tmp_path / "som.db"
        shutil.copyfile(sqlite_template, path)
        return f"sqlite:///{path}"
    url = str(request.getfixturevalue("postgres_url"))
    _empty_postgres_tables(url)
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An open, empty, migrated database; closed after the test."""
    opened = open_database(database_url)
    try:
        yield opened
    finally:
        opened.dispose()


def _empty_postgres_tables(url: str) -> None:
    # The append-only triggers refuse TRUNCATE; replica mode (superuser only) skips triggers,
    # which is exactly what a test reset, and nothing in SOM, may do.
    engine = create_database_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            names = ", ".join(table.name for table in metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    finally:
        engine.dispose()
