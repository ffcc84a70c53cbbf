"""Replay: score a stored assessment again from what it was made of, and compare.

An assessment keeps its input version (`input_versions.inputs_json`), its policy version
(`policies.document_json`), its `as_of` and the rules version that computed it. The engine is
deterministic in (inputs, policy, `as_of`) for one version of the rules, so running it again on
the same three must give the stored result, column for column. A difference means the stored
row, its input or its policy was changed after the fact — or the engine is not deterministic.

Only assessments of the running rules version can be replayed: older code is not at hand. Those
are reported as made by another rules version (with how many per version), never as a
mismatch. Scoring and encoding are the ones re-scoring uses (`scoring.score`,
`storage.codec`), so a replay compares exactly what re-scoring would have stored.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final, Literal

from sqlalchemy import Connection, Select, select

from scoring import score
from scoring.policy import Policy, policy_from_mapping
from scoring.version import rules_version
from storage.codec import (
    EncodedResult,
    decode_states,
    encode_results,
    frame_from_records,
    records_from_documents,
)
from storage.database import Database
from storage.errors import NotFound
from storage.schema import (
    ASSESSMENT_RESULT_COLUMNS,
    admissions,
    assessments,
    detainees,
    input_versions,
    policies,
)

#: How many assessments are read, scored and compared at a time.
BATCH_SIZE: Final = 20_000
#: How a replayed assessment came out.
ReplayStatus = Literal["reproduced", "differs", "other_rules_version"]
#: The result columns compared one by one; the states document is compared per item instead.
_COMPARED_COLUMNS: Final = tuple(c for c in ASSESSMENT_RESULT_COLUMNS if c != "states_json")
_STATE_PREFIX: Final = "states."
#: The field a difference names when the stored policy document is no longer a policy.
UNREADABLE_POLICY_FIELD: Final = "policy_document"


@dataclass(frozen=True)
class FieldReplay:
    """One result field of an assessment: the stored value and the one computed again.

    `field` is the assessments column (`band`, `fired_json`, …) or `states.C05` for the stored
    state of one criterion, tier or profile signal; values are as stored (lists as JSON text).
    """

    field: str
    stored: Any
    recomputed: Any

    @property
    def matches(self) -> bool:
        """Whether the stored value is the one the engine gives again."""
        return bool(self.stored == self.recomputed)


@dataclass(frozen=True)
class ReplayResult:
    """The replay of one assessment, field by field (for the auditors' page)."""

    assessment_id: int
    admission_id: int
    skn: str
    as_of: date
    policy_version: str
    #: The rules version stored with the assessment (`unknown` for rows older than 0002).
    rules_version: str
    #: The running code's rules version, the one that computed `fields`.
    running_rules_version: str
    status: ReplayStatus
    #: Every compared field; empty for an assessment of another rules version.
    fields: tuple[FieldReplay, ...]

    @property
    def differences(self) -> tuple[FieldReplay, ...]:
        """The fields whose stored value the engine does not give again."""
        return tuple(f for f in self.fields if not f.matches)


@dataclass(frozen=True)
class ReplayDifference:
    """One field of one assessment that did not reproduce."""

    assessment_id: int
    skn: str
    field: str
    stored: Any
    recomputed: Any


@dataclass(frozen=True)
class ReplayReport:
    """The replay of every stored assessment."""

    rules_version: str
    #: Assessments of the running rules version, scored again.
    replayed: int
    reproduced: int
    #: Assessments made by other rules versions (not replayed): version → how many.
    other_rules_versions: dict[str, int]
    differences: list[ReplayDifference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Every assessment of the running rules reproduced."""
        return self.replayed == self.reproduced

    @property
    def other_rules_version_count(self) -> int:
        """How many assessments were made by another rules version."""
        return sum(self.other_rules_versions.values())

    @property
    def differing_assessments(self) -> list[int]:
        """Ids of the assessments that did not reproduce, in id order."""
        return sorted({d.assessment_id for d in self.differences})

    def document(self) -> dict[str, Any]:
        """The report as JSON-ready data (`som audit replay --format json`, the page's file)."""
        return {
            "ok": self.ok,
            "rules_version": self.rules_version,
            "replayed": self.replayed,
            "reproduced": self.reproduced,
            "differing_assessments": self.differing_assessments,
            "other_rules_versions": self.other_rules_versions,
            "differences": [
                {
                    "assessment_id": d.assessment_id,
                    "skn": d.skn,
                    "field": d.field,
                    "stored": d.stored,
                    "recomputed": d.recomputed,
                }
                for d in self.differences
            ],
        }


def replay_assessment(database: Database, assessment_id: int) -> ReplayResult:
    """Score assessment `assessment_id` again and compare it field by field with the stored row.

    Raises `NotFound` for an unknown id. An assessment of another rules version comes back with
    status `other_rules_version` and no fields.
    """
    running = rules_version()
    with database.read() as connection:
        rows = connection.execute(_stored_query().where(assessments.c.id == assessment_id))
        stored = rows.mappings().first()
        if stored is None:
            raise NotFound(f"assessment {assessment_id} does not exist")
        policies_by_id = _policies(connection)
        if stored["rules_version"] != running:
            return _result(stored, running, "other_rules_version", ())
        [recomputed] = _recompute([stored], policies_by_id)
    fields = _compare(stored, recomputed, policies_by_id[int(stored["policy_id"])] is not None)
    status: ReplayStatus = "reproduced" if all(f.matches for f in fields) else "differs"
    return _result(stored, running, status, fields)


def replay_all(database: Database, *, batch_size: int = BATCH_SIZE) -> ReplayReport:
    """Score every stored assessment of the running rules version again and compare.

    Reads the assessments in id order, `batch_size` at a time, in one read transaction (one
    consistent snapshot); each batch is scored per (policy, `as_of`) in one engine call.
    """
    running = rules_version()
    replayed = reproduced = 0
    others: Counter[str] = Counter()
    differences: list[ReplayDifference] = []
    with database.read() as connection:
        policies_by_id = _policies(connection)
        for batch in _batches(connection, batch_size):
            own = [row for row in batch if row["rules_version"] == running]
            others.update(row["rules_version"] for row in batch if row["rules_version"] != running)
            for stored, recomputed in zip(own, _recompute(own, policies_by_id), strict=True):
                replayed += 1
                if _same(stored, recomputed):
                    reproduced += 1
                    continue
                differences += [
                    ReplayDifference(stored["id"], stored["skn"], f.field, f.stored, f.recomputed)
                    for f in _compare(
                        stored, recomputed, policies_by_id[int(stored["policy_id"])] is not None
                    )
                    if not f.matches
                ]
    return ReplayReport(running, replayed, reproduced, dict(sorted(others.items())), differences)


def _policies(connection: Connection) -> dict[int, Policy | None]:
    """Every policy version by id (a handful), each decoded once; None for a stored document
    that is no longer a policy (altered after the fact: its assessments cannot reproduce)."""
    rows = connection.execute(select(policies.c.id, policies.c.document_json))
    decoded: dict[int, Policy | None] = {}
    for row in rows:
        try:
            decoded[int(row.id)] = policy_from_mapping(json.loads(row.document_json))
        except _UNREADABLE:
            decoded[int(row.id)] = None
    return decoded


def _stored_query() -> Select[Any]:
    return (
        select(
            assessments.c.id,
            assessments.c.admission_id,
            assessments.c.policy_id,
            assessments.c.as_of,
            assessments.c.rules_version,
            *(assessments.c[name] for name in ASSESSMENT_RESULT_COLUMNS),
            input_versions.c.inputs_json,
            detainees.c.skn,
            policies.c.version.label("policy_version"),
        )
        .join(input_versions, input_versions.c.id == assessments.c.input_version_id)
        .join(admissions, admissions.c.id == assessments.c.admission_id)
        .join(detainees, detainees.c.id == admissions.c.detainee_id)
        .join(policies, policies.c.id == assessments.c.policy_id)
    )


def _batches(connection: Connection, size: int) -> Iterator[Sequence[Any]]:
    result = connection.execution_options(stream_results=True, yield_per=size).execute(
        _stored_query().order_by(assessments.c.id)
    )
    yield from result.mappings().partitions(size)


def _recompute(
    stored: Sequence[Any], policies_by_id: dict[int, Policy | None]
) -> list[EncodedResult | None]:
    """The engine's encoded result for each stored row, in the rows' order (None where the
    stored input document or policy can no longer be read as SOM's)."""
    groups: dict[tuple[int, date], list[int]] = {}
    for position, row in enumerate(stored):
        groups.setdefault((int(row["policy_id"]), row["as_of"]), []).append(position)
    recomputed: list[EncodedResult | None] = [None] * len(stored)
    for (policy_id, as_of), positions in groups.items():
        policy = policies_by_id[policy_id]
        if policy is None:
            continue
        documents = [stored[p]["inputs_json"] for p in positions]
        try:
            results = _scored(documents, policy, as_of)
        except _UNREADABLE:
            # An input document altered into something SOM never stored (no JSON, a date that
            # is none): score one by one, so only those rows are reported.
            results = []
            for document in documents:
                try:
                    results += _scored([document], policy, as_of)
                except _UNREADABLE:
                    results.append(None)
        for position, encoded in zip(positions, results, strict=True):
            recomputed[position] = encoded
    return recomputed


#: What decoding a tampered input document can raise.
_UNREADABLE: Final = (ValueError, TypeError, KeyError, AttributeError)


def _scored(documents: list[str], policy: Policy, as_of: date) -> list[EncodedResult | None]:
    records = records_from_documents(documents)
    if not all(isinstance(record, dict) for record in records):
        raise TypeError("an input document is not a JSON object")
    results = score(frame_from_records(records), policy, as_of).sort_index()
    return list(encode_results(results))


def _same(stored: Any, recomputed: EncodedResult | None) -> bool:
    if recomputed is None:
        return False
    # `ASSESSMENT_RESULT_COLUMNS` is the result fields, then the states and the fingerprint.
    expected = (*recomputed.values, recomputed.states_json, recomputed.result_fingerprint)
    return tuple(stored[name] for name in ASSESSMENT_RESULT_COLUMNS) == expected


def _compare(
    stored: Any, recomputed: EncodedResult | None, policy_readable: bool = True
) -> tuple[FieldReplay, ...]:
    if recomputed is None and not policy_readable:
        return (FieldReplay(UNREADABLE_POLICY_FIELD, str(stored["policy_version"]), None),)
    if recomputed is None:
        return (FieldReplay("inputs_json", stored["inputs_json"], None),)
    columns = recomputed.columns()
    compared = [FieldReplay(name, stored[name], columns[name]) for name in _COMPARED_COLUMNS]
    stored_states = _states(stored["states_json"])
    new_states = _states(columns["states_json"])
    for key in sorted(stored_states.keys() | new_states.keys()):
        compared.append(
            FieldReplay(_STATE_PREFIX + key, stored_states.get(key), new_states.get(key))
        )
    return tuple(compared)


def _states(document: str) -> dict[str, str]:
    try:
        return decode_states(document)
    except ValueError:  # an altered document that is no JSON any more: compare it whole
        return {"(document)": document}


def _result(
    stored: Any, running: str, status: ReplayStatus, fields: tuple[FieldReplay, ...]
) -> ReplayResult:
    return ReplayResult(
        assessment_id=int(stored["id"]),
        admission_id=int(stored["admission_id"]),
        skn=str(stored["skn"]),
        as_of=stored["as_of"],
        policy_version=str(stored["policy_version"]),
        rules_version=str(stored["rules_version"]),
        running_rules_version=running,
        status=status,
        fields=fields,
    )
