"""Small questions about the database as a whole."""

from __future__ import annotations

from sqlalchemy import select

from storage.database import Database
from storage.schema import admissions


def is_empty(database: Database) -> bool:
    """Whether no admission was ever stored (`som demo` only fills an empty database)."""
    with database.read() as connection:
        return connection.execute(select(admissions.c.id).limit(1)).first() is None
