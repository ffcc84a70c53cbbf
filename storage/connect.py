"""Opening SOM's database: pick the URL, create the engine, migrate to the newest schema."""

from __future__ import annotations

from storage.database import Database, create_database_engine, database_url
from storage.migrate import upgrade_to_head


def open_database(url: str | None = None) -> Database:
    """Open (and if needed create and migrate) the database at `url`, else `SOM_DATABASE_URL`,
    else the SQLite file `data/som.db`."""
    database = Database(create_database_engine(url or database_url()))
    try:
        upgrade_to_head(database)
    except BaseException:
        database.dispose()
        raise
    return database
