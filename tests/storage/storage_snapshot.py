"""The whole content of a database as plain Python values, to compare before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from storage import Database
from storage.schema import metadata


def content(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every SOM table, ordered by id."""
    with database.read() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in metadata.sorted_tables
        }


def count(database: Database, table_name: str) -> int:
    """Rows in one table."""
    return len(content(database)[table_name])
