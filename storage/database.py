"""Where the database lives and how SOM talks to it: engines, pragmas and transactions.

SQLite is the embedded default (a file under `data/`); PostgreSQL serves a deployment with several
dashboard servers. Both behave the same to the rest of SOM:

- every write runs in a *write transaction* that waits for the previous writer instead of
  failing: `BEGIN IMMEDIATE` on SQLite, a transaction-scoped advisory lock on PostgreSQL;
- reads see one consistent snapshot (a deferred transaction on SQLite, REPEATABLE READ on
  PostgreSQL).

Writers are serialised on purpose: every piece of evidence is sealed into a keyed chain at the
end of the transaction that wrote it (`storage.seal`), and an override must see whether a newer
assessment exists, so two writers must never interleave.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, select, text
from sqlalchemy.engine import make_url

#: Environment variable naming the database (an SQLAlchemy URL).
DATABASE_URL_VARIABLE = "SOM_DATABASE_URL"
DEFAULT_SQLITE_PATH = Path("data") / "som.db"
#: How long a writer waits for another writer before giving up, in milliseconds.
BUSY_TIMEOUT_MS = 60_000
#: Key of the PostgreSQL advisory lock that plays the part of SQLite's `BEGIN IMMEDIATE`.
WRITE_LOCK_KEY = 0x50_4D_5F_57  # "SOM_W"

_WRITE_OPTION = "som_write"


def database_url() -> str:
    """The configured database URL: `SOM_DATABASE_URL`, else the SQLite file `data/som.db`."""
    configured = os.environ.get(DATABASE_URL_VARIABLE, "").strip()
    if configured:
        return configured
    return f"sqlite:///{DEFAULT_SQLITE_PATH}"


@dataclass(frozen=True)
class Database:
    """An open SOM database: the engine plus the transaction helpers every module uses."""

    engine: Engine

    @property
    def is_sqlite(self) -> bool:
        """Whether this is the embedded SQLite database (else PostgreSQL)."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self, *, seal: bool = True) -> Iterator[Connection]:
        """A write transaction: waits for any other writer, commits on success, else rolls back.

        Just before the commit, every new piece of evidence is sealed into its chain
        (`storage.seal.seal_pending`; `AuditKeyMissing` when there is something to seal and no
        key, and then nothing is written). Only migrations pass `seal=False`.
        """
        with self.engine.connect() as connection:
            connection.execution_options(**{_WRITE_OPTION: True})
            with connection.begin():
                if not self.is_sqlite:
                    connection.execute(select(text(f"pg_advisory_xact_lock({WRITE_LOCK_KEY})")))
                yield connection
                if seal:
                    from storage.seal import seal_pending

                    seal_pending(connection, str(self.engine.url))

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction with one consistent snapshot of the data."""
        with self.engine.connect() as connection:
            if not self.is_sqlite:
                connection.execution_options(isolation_level="REPEATABLE READ")
            transaction = connection.begin()
            try:
                yield connection
            finally:
                transaction.rollback()

    def dispose(self) -> None:
        """Close every pooled connection (tests and short-lived commands call this at the end)."""
        self.engine.dispose()


def create_database_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite set up for WAL, foreign keys and waiting writers."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        # A plain postgresql:// URL means psycopg 3, the driver SOM installs.
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        pool_size=10,
        max_overflow=30,
        pool_timeout=BUSY_TIMEOUT_MS / 1000,
    )
    event.listen(engine, "connect", _configure_sqlite_connection)
    event.listen(engine, "begin", _begin_sqlite_transaction)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when a transaction begins (see below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # REPLACE removes the row it collides with; only with recursive triggers on does SQLite fire
    # the append-only tables' DELETE triggers for that removal (migration 0007 adds a trigger
    # for connections without this pragma).
    cursor.execute("PRAGMA recursive_triggers=ON")
    cursor.close()


def _begin_sqlite_transaction(connection: Connection) -> None:
    # A deferred BEGIN would take the write lock only at the first write and could then fail
    # with "database is locked"; IMMEDIATE takes it up front, so concurrent writers queue.
    immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
