"""The dashboard's one door to `storage`: opening the database, reading, and recording.

Screens call these functions and get plain records (`dashboard.records`) back; every write
returns the per-field problems storage found (empty when it was stored), so a screen never
handles storage's exceptions itself. No SQL lives here either: storage owns it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date

import pandas as pd

from dashboard.forms import DecisionInput, OverrideInput, WithdrawalInput
from dashboard.records import (
    ActiveOverride,
    AssessmentEntry,
    DecisionEntry,
    DetaineeRecord,
    FieldChange,
    OverrideEntry,
    SignalEntry,
    TriageList,
    VersionEntry,
)
from storage import clock
from storage import records as stored
from storage.actor import Actor
from storage.codec import field_changes
from storage.connect import open_database
from storage.database import Database, database_url
from storage.decisions import record_decision as store_decision
from storage.errors import NotFound, ValidationFailed
from storage.listing import list_current_admissions
from storage.overrides import record_override as store_override
from storage.overrides import withdraw_override as store_withdrawal
from storage.policies import published_policy
from storage.rescoring import needs_rescore, rescore
from storage.signals import mark_signal_seen

Problems = dict[str, str]

#: Stand-in for a user who has not said who they are: storage then names what is missing.
_NOBODY = Actor(name="", role="")


def today() -> date:
    """The scoring date: today in the Netherlands (`storage.clock`)."""
    return clock.today()


_databases: dict[str, Database] = {}
_opening = threading.Lock()


def database() -> Database:
    """The configured database (`SOM_DATABASE_URL`), opened and migrated once per process."""
    url = database_url()
    with _opening:
        if url not in _databases:
            _databases[url] = open_database(url)
        return _databases[url]


def close_databases() -> None:
    """Close every database this process opened (tests switch databases between runs)."""
    with _opening:
        for opened in _databases.values():
            opened.dispose()
        _databases.clear()


def ready_database() -> Database:
    """The database, re-scored first when its assessments are older than today (SOM.md §3)."""
    opened = database()
    as_of = today()
    if needs_rescore(opened, as_of):
        rescore(opened, as_of)
    return opened


def triage_list(prisons: frozenset[str] | None = None) -> TriageList:
    """Every current admission (of `prisons`, or all), in SOM order by effective band."""
    opened = ready_database()
    policy = published_policy(opened).policy
    frame = list_current_admissions(opened)
    if prisons is not None:
        frame = frame[frame["pi"].isin(prisons)]
    # `ready_database` scored everyone at today; an assessment row is only rewritten when its
    # result changes, so its own date may be older while its result holds today.
    as_of = today()
    return TriageList(frame=_list_frame(frame, as_of), policy=policy, as_of=as_of)


def _list_frame(frame: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """Storage's list with the few columns the view logic names its own way."""
    days = (pd.Timestamp(as_of) - frame["intake_date"]).dt.days
    return frame.assign(
        days_since_intake=days.astype("Int64"),
        override_active=frame["override_id"].notna().to_numpy(dtype=bool),
        override_stale=frame["override_stale"].to_numpy(dtype=bool),
        decision_option=frame["decision"],
    )


def detainee_record(skn: str) -> DetaineeRecord | None:
    """Everything about the current admission of `skn`; `None` when nobody by that number is in."""
    opened = ready_database()
    admission_id = stored.find_admission(opened, skn.strip())
    if admission_id is None:
        return None
    record = stored.detainee_record(opened, admission_id)
    latest = record.latest_assessment
    if latest is None:  # only between an import and its re-scoring, which share a transaction
        return None
    versions = {v.version_id: v for v in record.input_versions}
    active = record.active_override
    return DetaineeRecord(
        admission_id=admission_id,
        assessment_id=latest.assessment_id,
        inputs=record.inputs,
        result=_result_row(record.skn, latest),
        policy=published_policy(opened).policy,
        as_of=today(),  # see `triage_list`: the result of `latest` holds today
        effective_band=active.band if active is not None and active.band else latest.band,
        active_override=None
        if active is None
        else ActiveOverride(
            entry=_override(active),
            stale=record.override_is_stale,
            changes=_changes_since(
                versions.get(active.input_version_id), record.input_versions[-1]
            ),
        ),
        overrides=tuple(_override(o) for o in record.overrides),
        decisions=tuple(_decision(d) for d in record.decisions),
        signals=tuple(_signal(s) for s in reversed(record.signals)),
        assessments=tuple(
            AssessmentEntry(
                id=a.assessment_id,
                as_of=a.as_of,
                created_at=a.created_at,
                band=a.band,
                provisional_band=a.provisional_band,
                decisive=a.decisive,
                policy_version=a.policy_version,
                input_version=versions[a.input_version_id].version
                if a.input_version_id in versions
                else 0,
            )
            for a in record.assessments
        ),
        versions=tuple(
            VersionEntry(
                version=v.version,
                created_at=v.created_at,
                changed_feeds=v.changed_feeds,
                changes=tuple(FieldChange(c.field, c.old, c.new) for c in v.changes),
            )
            for v in reversed(record.input_versions)
        ),
    )


def _result_row(skn: str, assessment: stored.AssessmentRecord) -> dict[str, object]:
    """The stored assessment in the shape of a `scoring.score` row, for `scoring.explain`."""
    return {
        "skn": skn,
        "band": assessment.band,
        "provisional_band": assessment.provisional_band,
        "decisive": assessment.decisive,
        "fired": assessment.fired,
        "unknown": assessment.unknown,
        "open_questions": assessment.open_questions,
        "tiers": assessment.tiers,
        "tier_score": assessment.tier_score,
        "profile_signals": assessment.profile_signals,
        "profile_known": assessment.profile_known,
        "warnings": assessment.warnings,
        **{f"state_{item}": state for item, state in assessment.states.items()},
    }


def _changes_since(
    made_on: stored.InputVersionRecord | None, current: stored.InputVersionRecord
) -> tuple[FieldChange, ...]:
    """What changed in the input data between the version an override was made on and now."""
    if made_on is None or made_on.version_id == current.version_id:
        return ()
    old, new = made_on.inputs.model_dump(), current.inputs.model_dump()
    return tuple(
        FieldChange(name, before, after) for name, before, after in field_changes(old, new)
    )


def _override(entry: stored.OverrideRecord) -> OverrideEntry:
    return OverrideEntry(
        id=entry.override_id,
        kind=entry.kind,
        band=entry.band,
        automated_band=entry.automated_band,
        decisive=entry.decisive,
        reason_category=entry.reason_category,
        justification=entry.justification,
        user_name=entry.user_name,
        user_role=entry.user_role,
        created_at=entry.created_at,
        withdraws_id=entry.withdraws_id,
        policy_version=entry.policy_version,
    )


def _decision(entry: stored.DecisionRecord) -> DecisionEntry:
    return DecisionEntry(
        id=entry.decision_id,
        option=entry.option,
        explanation=entry.explanation,
        partner_name=entry.partner_name,
        user_name=entry.user_name,
        user_role=entry.user_role,
        created_at=entry.created_at,
    )


def _signal(entry: stored.SignalRecord) -> SignalEntry:
    return SignalEntry(
        id=entry.signal_id,
        old_band=entry.old_band,
        new_band=entry.new_band,
        changes=tuple(
            FieldChange(str(c.get("item")), c.get("old"), c.get("new")) for c in entry.changes
        ),
        created_at=entry.created_at,
        seen_at=entry.seen_at,
        seen_by=entry.seen_by,
        seen_role=entry.seen_role,
    )


def record_override(
    record: DetaineeRecord, submitted: OverrideInput, actor: Actor | None, seen_assessment: int
) -> Problems:
    """Store an override on the assessment the user was looking at (`seen_assessment`);
    storage refuses it when the detainee was scored again since."""
    return _attempt(
        lambda: store_override(
            database(),
            record.admission_id,
            seen_assessment,
            submitted.band or "",
            submitted.reason_category or "",
            submitted.justification,
            actor or _NOBODY,
        )
    )


def withdraw_override(
    seen_override: int | None, submitted: WithdrawalInput, actor: Actor | None
) -> Problems:
    """Withdraw the override the user was looking at (a new record); storage refuses it when a
    colleague withdrew or replaced it in the meantime."""
    if seen_override is None:
        return {"override_id": "no active override"}
    return _attempt(
        lambda: store_withdrawal(
            database(), seen_override, submitted.justification, actor or _NOBODY
        )
    )


def record_decision(
    record: DetaineeRecord, submitted: DecisionInput, actor: Actor | None, seen_assessment: int
) -> Problems:
    """Store a decision (part 3) on the assessment the user was looking at (`seen_assessment`)."""
    return _attempt(
        lambda: store_decision(
            database(),
            record.admission_id,
            seen_assessment,
            submitted.option or "",
            submitted.explanation,
            actor or _NOBODY,
            partner_name=submitted.partner_name,
        )
    )


def mark_signals_seen(signal_ids: tuple[int, ...], actor: Actor | None) -> Problems:
    """Mark the signals the user saw as seen by `actor` (a signal that arrived since stays)."""

    def mark_each() -> None:
        for signal_id in signal_ids:
            mark_signal_seen(database(), signal_id, actor or _NOBODY)

    return _attempt(mark_each)


_writes = 0


def write_generation() -> int:
    """How many records this process stored so far (a cache key that changes on every write)."""
    return _writes


def _attempt(action: Callable[[], object]) -> Problems:
    global _writes
    try:
        action()
    except ValidationFailed as refused:
        return dict(refused.errors)
    except NotFound as missing:
        return {"record": str(missing)}
    with _opening:
        _writes += 1
    return {}
