"""Alembic environment for SOM.

`storage.migrate.upgrade_to_head` hands Alembic an open connection (inside SOM's write
transaction) through `config.attributes["connection"]`; the `alembic` command line, run from a
checkout, falls back to `SOM_DATABASE_URL`.
"""

from __future__ import annotations

from alembic import context

from storage.database import create_database_engine, database_url
from storage.schema import metadata

config = context.config


def run_migrations() -> None:
    """Run the pending migrations on the given connection, or on one opened here."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    engine = create_database_engine(database_url())
    try:
        with engine.begin() as own_connection:
            _run_on(own_connection)
    finally:
        engine.dispose()


def _run_on(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
