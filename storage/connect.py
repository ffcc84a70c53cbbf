"""Opening SOM's database: pick the URL, create the engine, migrate to the newest schema."""

from __future__ import annotations

import os

from sqlalchemy.engine import make_url

from storage.database import Database, create_database_engine, database_url
from storage.migrate import upgrade_to_head

#: Environment variable naming the role that migrates (owns the tables), when the application
#: connects as a role that may not (docs/deployment.md, "PostgreSQL roles").
MIGRATION_URL_VARIABLE = "SOM_MIGRATION_DATABASE_URL"


def open_database(url: str | None = None, *, migration_url: str | None = None) -> Database:
    """Open (and if needed create and migrate) the database at `url`, else `SOM_DATABASE_URL`,
    else the SQLite file `data/som.db`.

    Pending migrations run through `migration_url` (else `SOM_MIGRATION_DATABASE_URL`) when
    that names the same database as `url` under another role — the owner of the tables — and
    through `url` itself otherwise.
    """
    chosen = url or database_url()
    migrator = _migration_url(chosen, migration_url)
    if migrator is not None:
        owner = Database(create_database_engine(migrator))
        try:
            upgrade_to_head(owner)
        finally:
            owner.dispose()
    database = Database(create_database_engine(chosen))
    try:
        upgrade_to_head(database)  # one query when the owner just migrated it
    except BaseException:
        database.dispose()
        raise
    return database


def _migration_url(url: str, given: str | None) -> str | None:
    candidate = given or os.environ.get(MIGRATION_URL_VARIABLE, "").strip() or None
    if candidate is None:
        return None
    app, owner = make_url(url), make_url(candidate)
    same_database = (app.get_backend_name(), app.host, app.port or 5432, app.database) == (
        owner.get_backend_name(),
        owner.host,
        owner.port or 5432,
        owner.database,
    )
    # Another database's owner URL (a test's scratch database, `--database` pointing elsewhere)
    # must never be migrated in this one's place.
    return candidate if same_database and app.username != owner.username else None


def database_url_problem(url: str) -> str | None:
    """Why `url` is not a database URL SQLAlchemy can read, or None when it is one."""
    from sqlalchemy.exc import ArgumentError

    try:
        make_url(url)
    except ArgumentError:
        return f"{url!r} is not a database URL (e.g. sqlite:///data/som.db, postgresql://…)"
    return None
