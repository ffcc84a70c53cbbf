"""Writing and reading many rows at once: fast inserts, id allocation, chunked `IN` lists.

Import and re-scoring write 100,000 rows per table in one transaction. Row-by-row ORM-style
inserts would take minutes, so bulk inserts go straight to the driver: `executemany` on SQLite,
`COPY` on PostgreSQL. Values still pass through each column's SQLAlchemy type first, so dates
and UTC times are stored exactly as the rest of SOM stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Connection, Date, Table, func, select, text

_T = TypeVar("_T")

#: Rows per batch; also how often progress is reported.
CHUNK = 10_000
#: Ids per `IN (...)` list: well under SQLite's and PostgreSQL's parameter limits.
IN_CHUNK = 900

#: Progress callback: (stage name, items done, items in total).
Progress = Callable[[str, int, int], None]


def chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    """Consecutive slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def allocate_ids(connection: Connection, table: Table, count: int) -> list[int]:
    """Reserve `count` new ids for `table`, so rows can be inserted with their ids known.

    Runs inside a write transaction: on SQLite no other writer can take the same ids; on
    PostgreSQL the ids come from the table's sequence.
    """
    if count == 0:
        return []
    if connection.dialect.name == "sqlite":
        highest = connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        return list(range(int(highest) + 1, int(highest) + 1 + count))
    # One round trip: advance the sequence by `count` (writers hold the write lock, so nobody
    # else draws from it in between).
    last = connection.execute(
        text(
            "SELECT setval(pg_get_serial_sequence(:table, 'id'), "
            "nextval(pg_get_serial_sequence(:table, 'id')) + :n - 1)"
        ),
        {"table": table.name, "n": count},
    ).scalar_one()
    return list(range(int(last) - count + 1, int(last) + 1))


def insert_rows(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    stage: str = "",
    progress: Progress | None = None,
) -> None:
    """Insert many rows (all with the same keys), reporting progress after each batch."""
    if not rows:
        return
    columns = list(rows[0])
    processors = [_processor(table, name, connection.dialect) for name in columns]
    done = 0
    for batch in chunks(rows, CHUNK):
        values = _bound(batch, columns, processors)
        if connection.dialect.name == "sqlite":
            _sqlite_insert(connection, table, columns, values)
        else:
            _postgres_copy(connection, table, columns, values)
        done += len(batch)
        if progress is not None:
            progress(stage or table.name, done, len(rows))


def _processor(table: Table, name: str, dialect: Any) -> Callable[[Any], Any] | None:
    """The column type's bind processor; on SQLite ending in text for dates and times, which
    the sqlite3 module would otherwise convert row by row."""
    column_type = table.c[name].type
    process = column_type.bind_processor(dialect)
    if dialect.name != "sqlite" or not isinstance(column_type, Date):
        return process

    def to_text(value: Any) -> Any:
        value = process(value) if process is not None else value
        return value.isoformat() if isinstance(value, date) else value

    return to_text


def _bound(
    batch: Sequence[dict[str, Any]],
    columns: list[str],
    processors: list[Callable[[Any], Any] | None],
) -> list[tuple[Any, ...]]:
    # Column by column: a processed column (dates, times) repeats few values, so each distinct
    # value is converted once.
    values = []
    for name, process in zip(columns, processors, strict=True):
        column = [row[name] for row in batch]
        if process is not None:
            converted: dict[Any, Any] = {None: None}
            column = [
                converted[v] if v in converted else converted.setdefault(v, process(v))
                for v in column
            ]
        values.append(column)
    return list(zip(*values, strict=True))


def _sqlite_insert(
    connection: Connection, table: Table, columns: list[str], values: list[tuple[Any, ...]]
) -> None:
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", values)


def _postgres_copy(
    connection: Connection, table: Table, columns: list[str], values: list[tuple[Any, ...]]
) -> None:
    driver_connection = connection.connection.driver_connection
    assert driver_connection is not None
    names = ", ".join(columns)
    with (
        driver_connection.cursor() as cursor,
        cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy,
    ):
        for row in values:
            copy.write_row(row)
