"""The dashboard's list: every current admission with its newest assessment, active override,
effective band and flags, as one pandas frame in SOM order (by effective band).

Built from a handful of set-based queries (no query per detainee), so 10,000 admissions load in
well under a second.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Final

import pandas as pd
from sqlalchemy import JSON, Connection, and_, func, select, type_coerce

from scoring import dashboard_order
from scoring.result_fields import STORED_RESULT_FIELDS
from storage.codec import records_from_documents
from storage.current import current_admissions_query, newest_assessment_id
from storage.database import Database
from storage.decisions import current_decision_ids
from storage.schema import (
    admissions,
    assessments,
    decisions,
    input_versions,
    overrides,
    policies,
    signals,
)
from storage.views_bands import effective_band, override_is_stale

#: Fields of the detainee's input shown in the list.
DISPLAY_INPUTS: Final = (
    "name",
    "pi",
    "phase",
    "intake_date",
    "expected_release_date",
    "cm_name",
    "rw_name",
)
#: The stored result's columns (the result schema), and those that hold lists.
_RESULT_COLUMNS: Final = tuple(field.name for field in STORED_RESULT_FIELDS)
_TUPLE_COLUMNS: Final = tuple(field.name for field in STORED_RESULT_FIELDS if field.is_list)

#: The columns that describe the active override (empty when there is none).
_ACTIVE_OVERRIDE_COLUMNS: Final = (
    "override_id",
    "override_band",
    "override_reason",
    "override_by",
    "override_role",
    "override_at",
)

#: The columns of `list_current_admissions`, in order.
LIST_COLUMNS: Final = (
    "admission_id",
    "detainee_id",
    "skn",
    *DISPLAY_INPUTS,
    "input_version",
    "input_version_id",
    "input_changed_at",
    "assessment_id",
    "assessed_as_of",
    "assessed_at",
    "policy_version",
    *_RESULT_COLUMNS,
    *_ACTIVE_OVERRIDE_COLUMNS,
    "override_stale",
    "effective_band",
    "unseen_signals",
    "has_new_signal",
    "latest_signal",
    "has_open_questions",
    "has_warnings",
    "decision",
    "decision_at",
)


def list_current_admissions(database: Database) -> pd.DataFrame:
    """Every admission still inside, one row each, in dashboard order by effective band.

    See `LIST_COLUMNS` and docs/storage.md for the meaning of each column. `override_*` are
    empty (None/NaT) when no override is active; `override_stale` is True when the admission's
    input changed after the active override was made.
    """
    with database.read() as connection:
        base = _base_rows(connection)
        active = _active_overrides(connection)
        unseen = _unseen_signals(connection)
        latest_decisions = _latest_decisions(connection)
    frame = pd.DataFrame(base, columns=_BASE_COLUMNS)
    for name in DISPLAY_INPUTS:
        frame[name] = frame[name].astype(object).where(frame[name].notna(), None)
    for name in ("intake_date", "expected_release_date"):
        frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").astype("datetime64[s]")
    for name in _TUPLE_COLUMNS:
        frame[name] = _decoded(frame[name])
    _join(
        frame,
        active,
        (*_ACTIVE_OVERRIDE_COLUMNS, "override_version_id"),
    )
    made_on = frame.pop("override_version_id").tolist()
    frame["override_stale"] = pd.Series(
        [
            override_is_stale(None if pd.isna(old) else int(old), current)
            for old, current in zip(made_on, frame["input_version_id"].tolist(), strict=True)
        ],
        index=frame.index,
        dtype=bool,
    )
    frame["effective_band"] = pd.Series(
        [
            effective_band(automated, None if pd.isna(chosen) else chosen)
            for automated, chosen in zip(
                frame["band"].tolist(), frame["override_band"].tolist(), strict=True
            )
        ],
        index=frame.index,
        dtype=object,
    )
    _join(frame, unseen, ("unseen_signals", "latest_signal"))
    frame["unseen_signals"] = frame["unseen_signals"].fillna(0).astype(int)
    frame["has_new_signal"] = frame["unseen_signals"] > 0
    frame["has_open_questions"] = frame["open_questions"].map(bool).astype(bool)
    frame["has_warnings"] = frame["warnings"].map(bool).astype(bool)
    _join(frame, latest_decisions, ("decision", "decision_at"))
    ordered = dashboard_order(frame, band_column="effective_band")
    return ordered[list(LIST_COLUMNS)].reset_index(drop=True)


def current_states(database: Database) -> pd.DataFrame:
    """The admissions of the list (inside, with an assessment) with only what a what-if reads:
    `admission_id`, `skn`, `override_band` (None without an active override) and `decision`
    (the current decision's option, None without one) — the list's own rules, without decoding
    or ordering the rows (a fraction of `list_current_admissions`'s time)."""
    with database.read() as connection:
        rows = connection.execute(
            current_admissions_query().where(newest_assessment_id(admissions.c.id).is_not(None))
        ).all()
        active = _active_overrides(connection)
        latest_decisions = _latest_decisions(connection)
    frame = pd.DataFrame(
        {
            "admission_id": [int(row[0]) for row in rows],
            "skn": [str(row[2]) for row in rows],
        }
    )
    ids = frame["admission_id"].tolist()
    overridden = [active[i][1] if i in active else None for i in ids]
    decided = [latest_decisions[i][0] if i in latest_decisions else None for i in ids]
    frame["override_band"] = pd.Series(overridden, index=frame.index, dtype=object)
    frame["decision"] = pd.Series(decided, index=frame.index, dtype=object)
    return frame


#: The columns read from the stored rows (the rest are joined or derived); the result lists
#: (`_TUPLE_COLUMNS`) still hold their stored JSON text here.
_BASE_COLUMNS: Final = LIST_COLUMNS[: LIST_COLUMNS.index("override_id")]


def _base_rows(connection: Connection) -> list[Any]:
    query = (
        current_admissions_query(
            *_display_inputs(connection),
            input_versions.c.version,
            input_versions.c.id,
            input_versions.c.created_at,
            assessments.c.id,
            assessments.c.as_of,
            assessments.c.created_at,
            policies.c.version,
            *(assessments.c[field.storage_column] for field in STORED_RESULT_FIELDS),
        )
        .join(assessments, assessments.c.id == newest_assessment_id(admissions.c.id))
        .join(policies, policies.c.id == assessments.c.policy_id)
    )
    # Plain tuples: pandas builds a frame from them several times faster than from Row objects.
    rows = [tuple(row) for row in connection.execute(query).all()]
    if connection.dialect.name == "sqlite":
        return rows
    # PostgreSQL: the whole document came back as one column; pick the shown fields here.
    start = _BASE_COLUMNS.index(DISPLAY_INPUTS[0])
    records = records_from_documents([row[start] for row in rows])
    return [
        (*row[:start], *(record.get(name) for name in DISPLAY_INPUTS), *row[start + 1 :])
        for row, record in zip(rows, records, strict=True)
    ]


def _display_inputs(connection: Connection) -> list[Any]:
    """The shown input fields: SQLite reads them out of the stored JSON itself (fastest there);
    PostgreSQL would parse the text once per field, so it returns the document instead."""
    column = input_versions.c.inputs_json
    if connection.dialect.name != "sqlite":
        return [column]
    return [type_coerce(column, JSON)[name].as_string() for name in DISPLAY_INPUTS]


def _active_overrides(connection: Connection) -> dict[int, tuple[Any, ...]]:
    """The active override of each current admission that has one, keyed by admission id."""
    withdrawal = overrides.alias("withdrawal")
    newer = overrides.alias("newer")
    query = (
        select(
            overrides.c.admission_id,
            overrides.c.id,
            overrides.c.band,
            overrides.c.reason_category,
            overrides.c.user_name,
            overrides.c.user_role,
            overrides.c.created_at,
            overrides.c.input_version_id,
        )
        .select_from(overrides)
        .join(admissions, admissions.c.id == overrides.c.admission_id)
        .outerjoin(withdrawal, withdrawal.c.withdraws_id == overrides.c.id)
        .outerjoin(
            newer,
            and_(
                newer.c.admission_id == overrides.c.admission_id,
                newer.c.kind == "override",
                newer.c.id > overrides.c.id,
            ),
        )
        .where(
            admissions.c.released_at.is_(None),
            overrides.c.kind == "override",
            withdrawal.c.id.is_(None),
            newer.c.id.is_(None),
        )
    )
    return {row[0]: tuple(row[1:]) for row in connection.execute(query)}


def _unseen_signals(connection: Connection) -> dict[int, tuple[Any, ...]]:
    counts = (
        select(
            signals.c.admission_id,
            func.count().label("unseen"),
            func.max(signals.c.id).label("newest"),
        )
        .select_from(signals)
        .join(admissions, admissions.c.id == signals.c.admission_id)
        .where(admissions.c.released_at.is_(None), signals.c.seen_at.is_(None))
        .group_by(signals.c.admission_id)
        .subquery()
    )
    query = select(counts.c.admission_id, counts.c.unseen, signals.c.message).join(
        signals, signals.c.id == counts.c.newest
    )
    return {row[0]: (int(row[1]), row[2]) for row in connection.execute(query)}


def _latest_decisions(connection: Connection) -> dict[int, tuple[Any, ...]]:
    """The current decision (`storage.decisions`: the latest) of each current admission."""
    newest = current_decision_ids()
    query = (
        select(decisions.c.admission_id, decisions.c.option, decisions.c.created_at)
        .join(newest, newest.c.decision_id == decisions.c.id)
        .join(admissions, admissions.c.id == decisions.c.admission_id)
        .where(admissions.c.released_at.is_(None))
    )
    return {row[0]: tuple(row[1:]) for row in connection.execute(query)}


def _join(frame: pd.DataFrame, values: dict[int, tuple[Any, ...]], names: Iterable[str]) -> None:
    names = tuple(names)
    empty = (None,) * len(names)
    rows = [values.get(admission_id, empty) for admission_id in frame["admission_id"].tolist()]
    for position, name in enumerate(names):
        column = [row[position] for row in rows]
        frame[name] = pd.Series(column, index=frame.index, dtype=object)
        if name.endswith("_at"):
            frame[name] = pd.to_datetime(frame[name], utc=True)


def _decoded(documents: pd.Series) -> list[tuple[Any, ...]]:
    memo: dict[str, tuple[Any, ...]] = {}
    out = []
    for document in documents.tolist():
        value = memo.get(document)
        if value is None:
            items = json.loads(document)
            value = memo[document] = tuple(
                tuple(item) if isinstance(item, list) else item for item in items
            )
        out.append(value)
    return out
