"""Integrity you can prove: verify every keyed chain, and anchor their heads in checkpoints.

`verify(database, key, checkpoint)` recomputes every link of every chain (`storage.seal`) and
names, per chain, the first record that is wrong — altered, missing, not sealed — and checks
the chains against every stored checkpoint and, when given, the operator's own copy of one: a
removed tail (the newest records deleted together with their links) is invisible to the chain
itself, but not to a checkpoint taken before. `make_checkpoint` signs the current heads.
The CLI (`som audit`) and the audit page call these same functions.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, insert, select

from storage.access_log import log_access
from storage.actor import SYSTEM, Actor
from storage.audit_key import key_id, require_audit_key
from storage.database import Database
from storage.errors import StorageError
from storage.schema import chain_links, checkpoints
from storage.seal import (
    CHAIN_NAMES,
    CHAINS,
    GENESIS_HASH,
    Chain,
    canonical_value,
    chain_head,
    link_hash,
    row_content,
    seal_pending,
)

CHECKPOINT_KIND = "som-audit-checkpoint"
CHECKPOINT_FORMAT = 1

ProblemKind = Literal[
    "altered",
    "missing_record",
    "missing_link",
    "broken_link",
    "unsealed",
    "not_sealed_yet",
    "tail_missing",
    "checkpoint_mismatch",
    "checkpoint_signature",
    "checkpoint_invalid",
]


class CheckpointInvalid(StorageError):
    """A checkpoint document that is not one (not JSON, or a field missing or malformed)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong: in which chain, at which record (when known), what, in words."""

    chain: str
    record_id: int | None
    kind: ProblemKind
    message: str
    #: For a problem found against a checkpoint: which one (`stored checkpoint 3`, a file).
    source: str | None = None
    #: The id of the stored checkpoint it was found against (None: the operator's copy).
    stored_checkpoint: int | None = None


@dataclass(frozen=True)
class ChainResult:
    """One chain after verification: its links and rows, its head, and what was wrong."""

    name: str
    links: int
    rows: int
    head: str | None
    last_record_id: int | None
    first_problem: Problem | None
    problem_count: int
    #: The records a problem names (altered, unsealed, a broken link …), for marking them.
    problem_records: frozenset[int] = frozenset()

    @property
    def ok(self) -> bool:
        """True when every row is sealed and every link matches."""
        return self.first_problem is None


@dataclass(frozen=True)
class IntegrityReport:
    """The outcome of `verify`: every chain, and what the checkpoints revealed."""

    chains: tuple[ChainResult, ...]
    checkpoint_problems: tuple[Problem, ...]
    checkpoints_checked: int
    key_id: str

    @property
    def ok(self) -> bool:
        """True when every chain is intact and agrees with every checkpoint."""
        return all(chain.ok for chain in self.chains) and not self.checkpoint_problems

    @property
    def problems(self) -> list[Problem]:
        """The first problem of each chain, then each checkpoint's."""
        first = [chain.first_problem for chain in self.chains if chain.first_problem is not None]
        return [*first, *self.checkpoint_problems]

    @property
    def bad_chains(self) -> list[str]:
        """The chains with a problem of their own or against a checkpoint (a missing tail)."""
        against = {problem.chain for problem in self.checkpoint_problems}
        return [c.name for c in self.chains if not c.ok or c.name in against]

    def first_problem_of(self, chain: ChainResult) -> Problem | None:
        """The chain's first problem: its own, else the first a checkpoint revealed."""
        if chain.first_problem is not None:
            return chain.first_problem
        return next((p for p in self.checkpoint_problems if p.chain == chain.name), None)

    def problem_count_of(self, chain: ChainResult) -> int:
        """The chain's own problems and those a checkpoint revealed about it."""
        return chain.problem_count + sum(
            1 for p in self.checkpoint_problems if p.chain == chain.name
        )

    def records_in_doubt(self, chain: str) -> frozenset[int]:
        """The ids of `chain`'s records that a problem names, the checkpoints' included."""
        own = next((c.problem_records for c in self.chains if c.name == chain), frozenset())
        against = {
            p.record_id
            for p in self.checkpoint_problems
            if p.chain == chain and p.record_id is not None and p.kind == "checkpoint_mismatch"
        }
        return own | against

    def document(self) -> dict[str, Any]:
        """The report as JSON-ready data (`som audit verify --format json`, the page's file):
        per chain the same verdict as the table, a removed tail included."""
        bad = set(self.bad_chains)
        return {
            "ok": self.ok,
            "key_id": self.key_id,
            "checkpoints_checked": self.checkpoints_checked,
            "chains": [
                {
                    "chain": chain.name,
                    "links": chain.links,
                    "rows": chain.rows,
                    "head": chain.head,
                    "last_record_id": chain.last_record_id,
                    "ok": chain.name not in bad,
                    "problems": self.problem_count_of(chain),
                    "first_problem": _problem_document(self.first_problem_of(chain)),
                }
                for chain in self.chains
            ],
            "checkpoint_problems": [_problem_document(p) for p in self.checkpoint_problems],
        }


@dataclass
class _Walk:
    """What verifying one chain collected: its problems and every link by position."""

    chain: Chain
    problems: list[Problem] = field(default_factory=list)
    links_by_position: dict[int, tuple[int, str]] = field(default_factory=dict)

    def add(self, record_id: int | None, kind: ProblemKind, message: str) -> None:
        self.problems.append(Problem(self.chain.name, record_id, kind, message))


def verify(
    database: Database,
    key: bytes,
    checkpoint: Mapping[str, Any] | None = None,
    *,
    checkpoint_source: str = "the checkpoint file",
) -> IntegrityReport:
    """Recompute every chain with `key`; check it against the stored checkpoints and
    `checkpoint` (a document as `parse_checkpoint` returns it). Reads only."""
    with database.read() as connection:
        walks = [_walk(connection, chain, key) for chain in CHAINS]
        stored = connection.execute(
            select(checkpoints.c.id, checkpoints.c.document_json, checkpoints.c.signature).order_by(
                checkpoints.c.id
            )
        ).all()
    results = tuple(_result(walk) for walk in walks)
    by_name = {walk.chain.name: walk for walk in walks}
    checkpoint_problems: list[Problem] = []
    for number, document_json, signature in stored:
        source = f"stored checkpoint {number}"
        try:
            document = parse_checkpoint(document_json)
        except CheckpointInvalid as error:
            message = f"{source}: {error}"
            checkpoint_problems.append(
                Problem("checkpoint", int(number), "checkpoint_invalid", message, source, number)
            )
            continue
        if document["signature"] != signature:
            document = {**document, "signature": signature}
        checkpoint_problems += [
            replace(problem, stored_checkpoint=int(number))
            for problem in _against_checkpoint(document, source, key, by_name)
        ]
    if checkpoint is not None:
        checkpoint_problems += _against_checkpoint(checkpoint, checkpoint_source, key, by_name)
    return IntegrityReport(
        chains=results,
        checkpoint_problems=tuple(checkpoint_problems),
        checkpoints_checked=len(stored) + (checkpoint is not None),
        key_id=key_id(key),
    )


def database_audit_key(database: Database) -> bytes:
    """The audit key for this database (`storage.audit_key`); `AuditKeyMissing` without one.
    The audit page passes it to `verify`."""
    return require_audit_key(str(database.engine.url))


def seal(database: Database, key: bytes) -> int:
    """Seal every evidence row not sealed yet (rows stored before the keyed chains existed, or
    while no key was configured); returns how many were sealed."""
    with database.write() as connection:
        return seal_pending(connection, str(database.engine.url), key)


def make_checkpoint(
    database: Database, key: bytes, *, now: datetime | None = None, actor: Actor = SYSTEM
) -> str:
    """Log the checkpoint in the access log, seal what is pending, then sign and store the
    length and head of every chain (the log entry included); returns the checkpoint as JSON text
    (what the operator keeps a copy of, elsewhere)."""
    moment = now or datetime.now(UTC)
    with database.write() as connection:
        log_access(connection, actor, "checkpoint", detail={"key_id": key_id(key)}, now=moment)
        seal_pending(connection, str(database.engine.url), key)
        chains: dict[str, Any] = {}
        for name in CHAIN_NAMES:
            head = chain_head(connection, name)
            chains[name] = {
                "length": 0 if head is None else head.position,
                "head": GENESIS_HASH if head is None else head.record_hash,
                "last_record_id": None if head is None else head.record_id,
            }
        unsigned = {
            "kind": CHECKPOINT_KIND,
            "format": CHECKPOINT_FORMAT,
            "created_at": canonical_value(moment),
            "key_id": key_id(key),
            "chains": chains,
        }
        signature = checkpoint_signature(key, unsigned)
        document = {**unsigned, "signature": signature}
        text = json.dumps(document, indent=2, ensure_ascii=False)
        connection.execute(
            insert(checkpoints).values(created_at=moment, document_json=text, signature=signature)
        )
    return text


def checkpoint_signature(key: bytes, document: Mapping[str, Any]) -> str:
    """HMAC-SHA256 under `key` of the checkpoint's canonical JSON, its signature left out."""
    unsigned = {name: value for name, value in document.items() if name != "signature"}
    text = json.dumps(unsigned, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def parse_checkpoint(text: str) -> dict[str, Any]:
    """A checkpoint document from its JSON text; `CheckpointInvalid` names what is wrong.

    Only the form is checked here; whether the signature holds is `verify`'s job."""
    try:
        # A copy saved by an editor that writes a byte order mark is the same checkpoint.
        document = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError as error:
        raise CheckpointInvalid(f"not JSON: {error}") from error
    except RecursionError as error:  # nested deeper than any checkpoint is
        raise CheckpointInvalid("not a SOM checkpoint: nested too deeply") from error
    if not isinstance(document, dict) or document.get("kind") != CHECKPOINT_KIND:
        raise CheckpointInvalid(f'not a SOM checkpoint: "kind" is not "{CHECKPOINT_KIND}"')
    if document.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointInvalid(f'"format" is {document.get("format")!r}, not {CHECKPOINT_FORMAT}')
    if not isinstance(document.get("signature"), str):
        raise CheckpointInvalid('"signature" is missing')
    chains = document.get("chains")
    if not isinstance(chains, dict):
        raise CheckpointInvalid('"chains" is missing')
    for name, entry in chains.items():
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("length"), int)
            or not isinstance(entry.get("head"), str)
        ):
            raise CheckpointInvalid(f'chain "{name}": "length" (a number) or "head" missing')
    return document


def _walk(connection: Connection, chain: Chain, key: bytes) -> _Walk:
    name = chain.name
    walk = _Walk(chain)
    links = connection.execute(
        select(
            chain_links.c.position,
            chain_links.c.record_id,
            chain_links.c.previous_hash,
            chain_links.c.record_hash,
        )
        .where(chain_links.c.table_name == name)
        .order_by(chain_links.c.position)
    ).all()
    rows = iter(
        connection.execute(
            select(*(chain.table.c[column] for column in chain.columns))
            .order_by(chain.table.c.id)
            .execution_options(stream_results=True, yield_per=2000)
        )
    )
    row = next(rows, None)
    expected_position, expected_previous, previous_id = 1, GENESIS_HASH, 0
    for position, record_id, previous_hash, record_hash in links:
        walk.links_by_position[position] = (record_id, record_hash)
        if position != expected_position:
            walk.add(
                record_id,
                "missing_link",
                f"{name} record {record_id}: the chain jumps from position "
                f"{expected_position - 1} to {position} (a link was removed)",
            )
        elif previous_hash != expected_previous or record_id <= previous_id:
            walk.add(
                record_id,
                "broken_link",
                f"{name} record {record_id}: its link does not follow the one before it "
                "(a link was removed, inserted or replaced)",
            )
        while row is not None and row[0] < record_id:
            walk.add(
                row[0],
                "unsealed",
                f"{name} record {row[0]}: it has no seal (inserted behind SOM's back)",
            )
            row = next(rows, None)
        if row is None or row[0] != record_id:
            walk.add(
                record_id,
                "missing_record",
                f"{name} record {record_id}: sealed at position {position} but no longer in "
                "the table (deleted)",
            )
        else:
            content = row_content(chain, row)
            if link_hash(key, name, position, previous_hash, content) != record_hash:
                walk.add(
                    record_id,
                    "altered",
                    f"{name} record {record_id}: its content does not match its seal (the "
                    "record was altered, or the chain was sealed with another key)",
                )
            row = next(rows, None)
        expected_position, expected_previous, previous_id = position + 1, record_hash, record_id
    while row is not None:
        walk.add(
            row[0],
            "not_sealed_yet",
            f"{name} record {row[0]}: it is not sealed (stored after the last seal: before the "
            "keyed chains, without a key, or by hand — `som audit seal` seals it)",
        )
        row = next(rows, None)
    return walk


def _result(walk: _Walk) -> ChainResult:
    last = max(walk.links_by_position, default=None)
    head = None if last is None else walk.links_by_position[last]
    return ChainResult(
        name=walk.chain.name,
        links=len(walk.links_by_position),
        rows=_row_count(walk),
        head=None if head is None else head[1],
        last_record_id=None if head is None else head[0],
        first_problem=walk.problems[0] if walk.problems else None,
        problem_count=len(walk.problems),
        problem_records=frozenset(p.record_id for p in walk.problems if p.record_id is not None),
    )


def _row_count(walk: _Walk) -> int:
    missing = sum(1 for p in walk.problems if p.kind == "missing_record")
    extra = sum(1 for p in walk.problems if p.kind in ("unsealed", "not_sealed_yet"))
    return len(walk.links_by_position) - missing + extra


def _against_checkpoint(
    document: Mapping[str, Any], source: str, key: bytes, walks: Mapping[str, _Walk]
) -> list[Problem]:
    if not hmac.compare_digest(checkpoint_signature(key, document), str(document["signature"])):
        signer = document.get("key_id")
        hint = (
            f"it names key {signer}, this key is {key_id(key)}"
            if signer != key_id(key)
            else "the checkpoint was altered"
        )
        return [
            Problem(
                "checkpoint",
                None,
                "checkpoint_signature",
                f"{source}: its signature does not match ({hint}); it proves nothing",
                source,
            )
        ]
    problems: list[Problem] = []
    for name, entry in _chain_entries(document):
        walk = walks.get(name)
        length = int(entry["length"])
        if walk is None or length == 0:
            continue
        link = walk.links_by_position.get(length)
        last_id = entry.get("last_record_id")
        if link is None:
            present = max(walk.links_by_position, default=0)
            problems.append(
                Problem(
                    name,
                    last_id if isinstance(last_id, int) else None,
                    "tail_missing",
                    f"{name}: {source} counts {length} sealed records up to record {last_id}, "
                    f"the database {present}: the newest records were removed",
                    source,
                )
            )
        elif link[1] != entry["head"]:
            problems.append(
                Problem(
                    name,
                    link[0],
                    "checkpoint_mismatch",
                    f"{name} record {link[0]}: the chain at position {length} differs from "
                    f"{source} (the chain was rewritten)",
                    source,
                )
            )
    return problems


def _chain_entries(document: Mapping[str, Any]) -> Iterable[tuple[str, Mapping[str, Any]]]:
    chains = document.get("chains")
    return chains.items() if isinstance(chains, dict) else ()


def _problem_document(problem: Problem | None) -> dict[str, Any] | None:
    if problem is None:
        return None
    return {
        "chain": problem.chain,
        "record_id": problem.record_id,
        "kind": problem.kind,
        "message": problem.message,
    }
