"""Sealing: every new piece of evidence becomes the next link of its table's keyed chain.

`Database.write()` calls `seal_pending` at the end of every write transaction, just before the
commit, so no insert site needs to know about chains: an override, a bulk import or a
re-scoring of the whole population is sealed the same way. Per chained table, each row with an
id above the last sealed one gets one `chain_links` row: its position in the chain, the hash of
the link before it and `record_hash` = HMAC-SHA256 under the audit key (`storage.audit_key`) of
the table name, the position, that previous hash and the record's immutable content as
canonical JSON. Writers are serialised, so ids grow in commit order and nothing is skipped.

Someone with only the database can still edit a row, but cannot make a matching seal: the key
is not in the database. `storage.integrity.verify` recomputes every link.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Select, Table, bindparam, func, insert, select

from storage.audit_key import require_audit_key
from storage.schema import (
    access_log,
    admissions,
    assessments,
    chain_links,
    decisions,
    detainees,
    input_versions,
    overrides,
    policies,
    policy_publications,
)

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class Chain:
    """One keyed chain: a table and the columns of its rows that the seal covers."""

    table: Table
    columns: tuple[str, ...]

    @property
    def name(self) -> str:
        """The chain's name: its table's."""
        return self.table.name


def _every_column(table: Table) -> Chain:
    return Chain(table, tuple(column.name for column in table.columns))


#: Every piece of evidence, in the order verification reports it. Admissions are covered by
#: their immutable columns only — who (`detainee_id`) was admitted when and by which import;
#: their release columns are set and cleared legitimately (releases, resumptions).
CHAINS: tuple[Chain, ...] = (
    _every_column(detainees),
    Chain(admissions, ("id", "detainee_id", "admitted_at", "admitted_import_id")),
    _every_column(policies),
    _every_column(policy_publications),
    _every_column(input_versions),
    _every_column(assessments),
    _every_column(overrides),
    _every_column(decisions),
    _every_column(access_log),
)
CHAIN_NAMES: tuple[str, ...] = tuple(chain.name for chain in CHAINS)


@dataclass(frozen=True)
class Head:
    """The last link of a chain: its position, the record it seals and its hash."""

    position: int
    record_id: int
    record_hash: str


def chain_head(connection: Connection, name: str) -> Head | None:
    """The newest link of chain `name`, or None while it has none."""
    row = connection.execute(
        select(chain_links.c.position, chain_links.c.record_id, chain_links.c.record_hash)
        .where(chain_links.c.table_name == name)
        .order_by(chain_links.c.position.desc())
        .limit(1)
    ).first()
    return None if row is None else Head(int(row[0]), int(row[1]), str(row[2]))


def _pending_check() -> Select[Any]:
    # One round trip for every write: per chain the newest row id, then per chain the record id
    # of its last link; where they differ there is something to seal.
    newest = [select(func.max(chain.table.c.id)).scalar_subquery() for chain in CHAINS]
    sealed = [
        select(chain_links.c.record_id)
        .where(chain_links.c.table_name == chain.name)
        .order_by(chain_links.c.position.desc())
        .limit(1)
        .scalar_subquery()
        for chain in CHAINS
    ]
    return select(*newest, *sealed)


_PENDING_CHECK = _pending_check()
_ROWS_AFTER = {
    chain.name: select(*(chain.table.c[name] for name in chain.columns))
    .where(chain.table.c.id > bindparam("after"))
    .order_by(chain.table.c.id)
    for chain in CHAINS
}


def seal_pending(connection: Connection, url: str, key: bytes | None = None) -> int:
    """Seal every evidence row not sealed yet (inside the caller's write transaction).

    Without `key` the audit key of `url` is looked up only when there is something to seal, so
    a transaction that wrote no evidence needs none; without a key `AuditKeyMissing` is raised
    and the transaction rolls back. Returns how many links were added.
    """
    links: list[dict[str, Any]] = []
    checked = connection.execute(_PENDING_CHECK).one()
    for index, chain in enumerate(CHAINS):
        if checked[index] is None or checked[index] == checked[len(CHAINS) + index]:
            continue  # an empty table, or nothing after the last seal: the common case
        head = chain_head(connection, chain.name)
        rows = connection.execute(
            _ROWS_AFTER[chain.name], {"after": 0 if head is None else head.record_id}
        ).all()
        if not rows:
            continue
        if key is None:
            key = require_audit_key(url)
        position = 0 if head is None else head.position
        previous = GENESIS_HASH if head is None else head.record_hash
        for row in rows:
            position += 1
            record_hash = link_hash(key, chain.name, position, previous, row_content(chain, row))
            links.append(
                {
                    "table_name": chain.name,
                    "record_id": int(row[0]),
                    "position": position,
                    "previous_hash": previous,
                    "record_hash": record_hash,
                }
            )
            previous = record_hash
    if links:
        connection.execute(insert(chain_links), links)
    return len(links)


def row_content(chain: Chain, row: Sequence[Any]) -> str:
    """The canonical JSON text of a row's sealed columns (`row` in `chain.columns` order).

    Empty (NULL) columns are left out, so a later migration that adds a nullable column to a
    chained table leaves the seals of the rows stored before it valid.
    """
    content = {
        name: canonical_value(value)
        for name, value in zip(chain.columns, row, strict=True)
        if value is not None
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def link_hash(key: bytes, name: str, position: int, previous_hash: str, content: str) -> str:
    """The HMAC-SHA256 of one link: chain name, position, previous hash and content."""
    message = f"{name}\n{position}\n{previous_hash}\n{content}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def canonical_value(value: Any) -> Any:
    """A stored value as the same JSON on SQLite and PostgreSQL (times in UTC, dates ISO)."""
    if isinstance(value, str | int):  # most values: nothing to convert (bool is an int)
        return value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    return value
