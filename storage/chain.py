"""The older, unkeyed hash chains over the override and decision records.

Superseded by the keyed chains of `storage.seal` (which cover these tables too, and every other
piece of evidence): an unkeyed SHA-256 can be recomputed by anyone who can write the database.
The columns and `verify_chain` stay, so records written before the keyed chains keep their
original proof.

Each record's hash covers its own content and the hash of the record before it (by id). Editing a
stored record breaks its own hash; removing or inserting one breaks the link of the next. The
database triggers already refuse UPDATE and DELETE; the chain catches what gets past them (a
superuser, a restored backup, a hand-edited file).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select

from storage.database import Database
from storage.schema import decisions, overrides
from storage.seal import canonical_value

GENESIS_HASH = "0" * 64
_CHAINED: tuple[Table, ...] = (overrides, decisions)
_NOT_HASHED = ("previous_hash", "record_hash")


@dataclass(frozen=True)
class ChainReport:
    """The outcome of `verify_chain`: how many records were checked and what was wrong."""

    checked: dict[str, int]
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every chain is intact."""
        return not self.problems


def compute_record_hash(values: dict[str, Any], previous_hash: str) -> str:
    """The hash of one record: its content fields (all but the two hash columns) and the link."""
    content = {
        name: canonical_value(value) for name, value in values.items() if name not in _NOT_HASHED
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{previous_hash}\n{text}".encode()).hexdigest()


def append_chained(connection: Connection, table: Table, values: dict[str, Any]) -> int:
    """Insert `values` as the next record of `table`'s chain; returns the new id.

    Must run inside a write transaction (which serialises writers), so that the id and the
    previous hash read here are still the last ones when the insert happens.
    """
    last = connection.execute(
        select(table.c.id, table.c.record_hash).order_by(table.c.id.desc()).limit(1)
    ).first()
    new_id = 1 if last is None else int(last.id) + 1
    previous_hash = GENESIS_HASH if last is None else str(last.record_hash)
    record = {**values, "id": new_id}
    record["previous_hash"] = previous_hash
    record["record_hash"] = compute_record_hash(record, previous_hash)
    connection.execute(table.insert().values(record))
    return new_id


def verify_chain(database: Database) -> ChainReport:
    """Recompute every chained record's hash and link; report each record that does not match."""
    checked: dict[str, int] = {}
    problems: list[str] = []
    with database.read() as connection:
        for table in _CHAINED:
            checked[table.name] = _verify_table(connection, table, problems)
    return ChainReport(checked=checked, problems=problems)


def _verify_table(connection: Connection, table: Table, problems: list[str]) -> int:
    expected_previous = GENESIS_HASH
    previous_id: int | None = None
    count = 0
    for row in connection.execute(select(table).order_by(table.c.id)).mappings():
        count += 1
        record = dict(row)
        where = f"{table.name} record {record['id']}"
        if record["previous_hash"] != expected_previous:
            before = f"record {previous_id}" if previous_id is not None else "the chain's start"
            problems.append(
                f"{where}: its link does not match {before} (a record was removed or inserted)"
            )
        if compute_record_hash(record, record["previous_hash"]) != record["record_hash"]:
            problems.append(
                f"{where}: its content does not match its hash (the record was altered)"
            )
        expected_previous = record["record_hash"]
        previous_id = record["id"]
    return count
