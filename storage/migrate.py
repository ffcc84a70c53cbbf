"""Bring a database to the newest schema; SOM calls this every time it opens the database."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from storage.database import Database

if TYPE_CHECKING:  # Alembic is imported only when a migration is due: it is slow to import.
    from alembic.config import Config

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def head_revision() -> str:
    """The newest migration's revision id, read off the file names: the migrations form one
    line, and `NNNN_what.py` holds revision "NNNN" (a test checks both against Alembic), so
    opening an up-to-date database needs no Alembic at all."""
    names = sorted(path.name for path in (_MIGRATIONS / "versions").glob(MIGRATION_FILES))
    assert names, "storage/migrations has no revisions"
    return names[-1][:4]


#: The file names of the migrations, in revision order.
MIGRATION_FILES = "[0-9][0-9][0-9][0-9]_*.py"


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None for an empty database)."""
    if not inspect(connection).has_table(_VERSION_TABLE):
        return None
    found = connection.execute(text(f"SELECT version_num FROM {_VERSION_TABLE}")).scalar()
    return None if found is None else str(found)


#: Where Alembic keeps the revision a database is at.
_VERSION_TABLE = "alembic_version"


def upgrade_to_head(database: Database) -> bool:
    """Run every pending migration; returns whether anything was migrated.

    The check runs in a read transaction first, so an up-to-date database costs one query. The
    migration itself runs inside a write transaction: two processes starting at once migrate
    one after the other, and the second finds nothing left to do.
    """
    head = head_revision()
    with database.read() as connection:
        if current_revision(connection) == head:
            return False
    from alembic import command

    config = _config()
    with database.write(seal=False) as connection:
        if current_revision(connection) == head:
            return False
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True


def downgrade_to(database: Database, revision: str) -> None:
    """Undo the migrations after `revision` (to go back to an older SOM; what the undone
    migrations added is lost, e.g. 0002's rules versions become 'unknown' when redone)."""
    from alembic import command

    config = _config()
    with database.write(seal=False) as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config
