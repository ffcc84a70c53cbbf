"""One detainee's full record for the detail page: inputs, their versions and what changed,
every assessment, override, decision and signal of the admission, and the other admissions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, Table, select

from scoring.inputs import DetaineeInputs
from storage.codec import decode_list, decode_states, field_changes
from storage.database import Database
from storage.errors import NotFound
from storage.filling import filled
from storage.schema import (
    admissions,
    assessments,
    decisions,
    detainees,
    input_versions,
    overrides,
    policies,
    signals,
)
from storage.views_bands import effective_band, override_is_stale


@dataclass(frozen=True)
class FieldChange:
    """One input field that differs from the previous version."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class InputVersionRecord:
    """One immutable version of the detainee's input data."""

    version_id: int
    version: int
    created_at: datetime
    fingerprint: str
    changed_feeds: str
    import_id: int | None
    inputs: DetaineeInputs
    changes: list[FieldChange]


@dataclass(frozen=True)
class AssessmentRecord:
    """One stored scoring result."""

    assessment_id: int
    as_of: date
    created_at: datetime
    policy_version: str
    input_version_id: int
    band: str
    provisional_band: str
    decisive: str | None
    fired: tuple[str, ...]
    unknown: tuple[str, ...]
    open_questions: tuple[tuple[str, str], ...]
    tiers: tuple[str, ...]
    tier_score: int
    profile_signals: int
    profile_known: int
    warnings: tuple[str, ...]
    states: dict[str, str]


@dataclass(frozen=True)
class OverrideRecord:
    """An override or a withdrawal, as recorded (never edited), with what it was made on.

    The detainee page shows it as it is stored (`storage.views.OverrideEntry` is this class).
    """

    id: int
    kind: str  # "override" or "withdrawal"
    withdraws_id: int | None
    band: str | None
    automated_band: str
    decisive: str | None
    reason_category: str | None
    justification: str
    user_name: str
    user_role: str
    created_at: datetime
    assessment_id: int
    input_version_id: int
    input_fingerprint: str
    policy_version: str


@dataclass(frozen=True)
class DecisionRecord:
    """A joint decision (part 3 of the form); the page shows it as stored
    (`storage.views.DecisionEntry` is this class)."""

    id: int
    option: str
    explanation: str
    partner_name: str | None
    user_name: str
    user_role: str
    created_at: datetime
    assessment_id: int


@dataclass(frozen=True)
class SignalRecord:
    """A band change, and who saw it."""

    signal_id: int
    created_at: datetime
    old_band: str
    new_band: str
    message: str
    changes: list[dict[str, str]]
    old_assessment_id: int
    new_assessment_id: int
    seen_at: datetime | None
    seen_by: str | None
    seen_role: str | None


@dataclass(frozen=True)
class AdmissionSummary:
    """Another admission of the same detainee."""

    admission_id: int
    admitted_at: datetime
    released_at: datetime | None
    release_reason: str | None


@dataclass(frozen=True)
class DetaineeRecord:
    """Everything SOM stored about one admission. Lists are oldest first, except `assessments`
    (newest first, as the page shows them)."""

    admission_id: int
    detainee_id: int
    skn: str
    admitted_at: datetime
    released_at: datetime | None
    release_reason: str | None
    input_versions: list[InputVersionRecord]
    assessments: list[AssessmentRecord]
    overrides: list[OverrideRecord]
    decisions: list[DecisionRecord]
    signals: list[SignalRecord]
    other_admissions: list[AdmissionSummary] = field(default_factory=list)

    @property
    def inputs(self) -> DetaineeInputs:
        """The inputs of the current (newest) input version."""
        return self.input_versions[-1].inputs

    @property
    def latest_assessment(self) -> AssessmentRecord | None:
        """The newest assessment, the one an override or decision must be made on."""
        return self.assessments[0] if self.assessments else None

    @property
    def active_override(self) -> OverrideRecord | None:
        """The newest override, unless it was withdrawn."""
        withdrawn = {o.withdraws_id for o in self.overrides if o.kind == "withdrawal"}
        made = [o for o in self.overrides if o.kind == "override"]
        if not made or made[-1].id in withdrawn:
            return None
        return made[-1]

    @property
    def override_is_stale(self) -> bool:
        """Whether the active override was made on older input data than the current version."""
        active = self.active_override
        return override_is_stale(
            None if active is None else active.input_version_id,
            self.input_versions[-1].version_id,
        )

    @property
    def effective_band(self) -> str | None:
        """The band of the active override, else the newest automated band (None if unscored)."""
        latest = self.latest_assessment
        if latest is None:
            return None
        active = self.active_override
        return effective_band(latest.band, None if active is None else active.band)


def find_admission(database: Database, skn: str) -> int | None:
    """The id of the detainee's current admission, or None when not inside."""
    with database.read() as connection:
        row = connection.execute(
            select(admissions.c.id)
            .join(detainees, detainees.c.id == admissions.c.detainee_id)
            .where(detainees.c.skn == skn, admissions.c.released_at.is_(None))
        ).first()
    return None if row is None else int(row[0])


def detainee_record(database: Database, admission_id: int) -> DetaineeRecord:
    """The full record of one admission; raises `NotFound` for an unknown id."""
    with database.read() as connection:
        admission = (
            connection.execute(
                select(admissions, detainees.c.skn)
                .join(detainees, detainees.c.id == admissions.c.detainee_id)
                .where(admissions.c.id == admission_id)
            )
            .mappings()
            .first()
        )
        if admission is None:
            raise NotFound(f"admission {admission_id} does not exist")
        return DetaineeRecord(
            admission_id=admission_id,
            detainee_id=admission["detainee_id"],
            skn=admission["skn"],
            admitted_at=admission["admitted_at"],
            released_at=admission["released_at"],
            release_reason=admission["release_reason"],
            input_versions=_versions(connection, admission_id),
            assessments=_assessments(connection, admission_id),
            overrides=_overrides(connection, admission_id),
            decisions=_decisions(connection, admission_id),
            signals=_signals(connection, admission_id),
            other_admissions=_other_admissions(connection, admission["detainee_id"], admission_id),
        )


def _versions(connection: Connection, admission_id: int) -> list[InputVersionRecord]:
    out: list[InputVersionRecord] = []
    previous: dict[str, Any] | None = None
    for row in _admission_rows(connection, select(input_versions), input_versions, admission_id):
        record = json.loads(row["inputs_json"])
        out.append(
            filled(
                InputVersionRecord,
                row,
                version_id=row["id"],
                inputs=DetaineeInputs.model_validate(record),
                changes=[FieldChange(*c) for c in field_changes(previous or record, record)],
            )
        )
        previous = record
    return out


def _assessments(connection: Connection, admission_id: int) -> list[AssessmentRecord]:
    query = select(assessments, policies.c.version.label("policy_version")).join(
        policies, policies.c.id == assessments.c.policy_id
    )
    rows = _admission_rows(connection, query, assessments, admission_id, newest_first=True)
    return [
        filled(
            AssessmentRecord,
            row,
            assessment_id=row["id"],
            states=decode_states(row["states_json"]),
            **{name: decode_list(row[f"{name}_json"]) for name in _ASSESSMENT_LISTS},
        )
        for row in rows
    ]


#: Result fields stored as JSON lists (column `<name>_json`).
_ASSESSMENT_LISTS = ("fired", "unknown", "open_questions", "tiers", "warnings")


def _overrides(connection: Connection, admission_id: int) -> list[OverrideRecord]:
    query = select(overrides, policies.c.version.label("policy_version")).join(
        policies, policies.c.id == overrides.c.policy_id
    )
    return [
        filled(OverrideRecord, row)
        for row in _admission_rows(connection, query, overrides, admission_id)
    ]


def _decisions(connection: Connection, admission_id: int) -> list[DecisionRecord]:
    rows = _admission_rows(connection, select(decisions), decisions, admission_id)
    return [filled(DecisionRecord, row) for row in rows]


def _signals(connection: Connection, admission_id: int) -> list[SignalRecord]:
    rows = _admission_rows(connection, select(signals), signals, admission_id)
    return [
        filled(SignalRecord, row, signal_id=row["id"], changes=json.loads(row["changes_json"]))
        for row in rows
    ]


def _admission_rows(
    connection: Connection,
    query: Any,
    table: Table,
    admission_id: int,
    *,
    newest_first: bool = False,
) -> list[RowMapping]:
    """The rows of `query` on `table` that belong to the admission, in the order written."""
    order = table.c.id.desc() if newest_first else table.c.id
    rows = connection.execute(query.where(table.c.admission_id == admission_id).order_by(order))
    return list(rows.mappings().all())


def _other_admissions(
    connection: Connection, detainee_id: int, admission_id: int
) -> list[AdmissionSummary]:
    rows = connection.execute(
        select(
            admissions.c.id,
            admissions.c.admitted_at,
            admissions.c.released_at,
            admissions.c.release_reason,
        )
        .where(admissions.c.detainee_id == detainee_id, admissions.c.id != admission_id)
        .order_by(admissions.c.id)
    )
    return [AdmissionSummary(*row) for row in rows]
