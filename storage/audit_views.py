"""The auditor's lists: every override and every decision, filtered, with a detail view.

One frame per list, built from one SQL query each (no query per row), then filtered in pandas:
at 10,000 overrides the whole list is a few thousand kilobytes and filtering it is instant.

- An override's *status*: `withdrawn` (a withdrawal record points at it), else `superseded` (a
  later override of the same admission replaced it), else `stale` (the admission has newer input
  data than the override was made on — `storage.views_bands.override_is_stale`, the rule the list
  and the detainee page use), else `active`.
- A decision's *status*: `current` (the one recorded last for its admission —
  `storage.decisions.current_decision_ids`), else `earlier`.
- *Direction*: `up` when the chosen band stands earlier in `scoring.vocabulary.BAND_ORDER` than
  the automated band (towards `priority`), `down` when later (SOM.md §7).
- *Outside own prison*: the access log holds an `access_outside_prison` entry (outcome `ok`) of
  the same user for the same detainee, at or before the record. Overrides and decisions are only
  accepted inside one's prisons, so such a record follows a reasoned opening outside them.
- *Prison* and the detainee's name are those of the input version the record was made on.
- Periods are Dutch calendar days (`storage.clock.LOCAL_TIME`), both ends included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

import pandas as pd
from sqlalchemy import Connection, FromClause, Row, Select, Table, and_, exists, func, select

from scoring.catalogue import BY_ID
from scoring.vocabulary import BAND_RANK
from storage.actor import ROLES, SYSTEM, Actor
from storage.choices import REASON_CATEGORIES
from storage.clock import LOCAL_TIME
from storage.codec import field_changes
from storage.current import newest_version_id
from storage.database import Database
from storage.decisions import current_decision_ids
from storage.errors import NotFound, ValidationFailed, database_errors_translated
from storage.permissions import require
from storage.records import FieldChange
from storage.schema import (
    access_log,
    admissions,
    assessments,
    decisions,
    detainees,
    input_versions,
    overrides,
    policies,
)
from storage.views_bands import override_is_stale

OVERRIDE_STATUSES: Final[tuple[str, ...]] = ("active", "stale", "withdrawn", "superseded")
DECISION_STATUSES: Final[tuple[str, ...]] = ("current", "earlier")
DIRECTIONS: Final[tuple[str, ...]] = ("up", "down")
#: The decisive-criterion value of an automated band that no criterion decided.
NO_DECISIVE: Final = "none"
AUDIT_KINDS: Final[tuple[str, ...]] = ("overrides", "decisions")

#: The columns both lists have after the record's id: whose record, made when and by whom.
_RECORD_COLUMNS: Final[tuple[str, ...]] = (
    "admission_id",
    "skn",
    "name",
    "pi",
    "created_at",
    "user_name",
    "user_role",
)
#: The columns of `override_list`, in order.
OVERRIDE_COLUMNS: Final[tuple[str, ...]] = (
    "override_id",
    *_RECORD_COLUMNS,
    "automated_band",
    "band",
    "direction",
    "decisive",
    "policy_version",
    "reason_category",
    "status",
    "input_version_id",
    "current_input_version_id",
    "withdrawn_at",
    "outside_own_prison",
    "justification",
)
#: The columns of `decision_list`, in order.
DECISION_COLUMNS: Final[tuple[str, ...]] = (
    "decision_id",
    *_RECORD_COLUMNS,
    "partner_name",
    "option",
    "automated_band",
    "decisive",
    "policy_version",
    "status",
    "outside_own_prison",
    "explanation",
)


@dataclass(frozen=True)
class AuditFilters:
    """What the auditor narrows a list to; None (or empty) means no filter on that field."""

    from_day: date | None = None
    to_day: date | None = None
    prison: str | None = None
    user: str | None = None
    role: str | None = None
    reason_category: str | None = None
    direction: str | None = None
    decisive: str | None = None
    policy_version: str | None = None
    status: str | None = None
    outside_own_prison: bool | None = None

    def as_detail(self) -> dict[str, Any]:
        """The filters that are set, for the access log (days as ISO text)."""
        chosen = {f.name: getattr(self, f.name) for f in fields(self)}
        return {
            name: value.isoformat() if isinstance(value, date) else value
            for name, value in chosen.items()
            if value not in (None, "")
        }


def filter_problems(filters: AuditFilters, kind: str = "overrides") -> dict[str, str]:
    """Per-filter messages for filters that cannot be applied to the `kind` list (empty: fine)."""
    problems: dict[str, str] = {}
    if kind not in AUDIT_KINDS:
        return {"kind": f"must be one of {', '.join(AUDIT_KINDS)} (found {kind!r})"}
    if filters.from_day and filters.to_day and filters.from_day > filters.to_day:
        problems["to_day"] = (
            f"the last day {filters.to_day} lies before the first day {filters.from_day}"
        )
    if filters.role and filters.role not in ROLES:
        problems["role"] = _one_of(ROLES, filters.role)
    if filters.decisive and filters.decisive not in (*BY_ID, NO_DECISIVE):
        problems["decisive"] = _one_of((*BY_ID, NO_DECISIVE), filters.decisive)
    statuses = OVERRIDE_STATUSES if kind == "overrides" else DECISION_STATUSES
    if filters.status and filters.status not in statuses:
        problems["status"] = _one_of(statuses, filters.status)
    if kind == "decisions":
        for name in ("reason_category", "direction"):
            if getattr(filters, name):
                problems[name] = "applies to overrides only, not to decisions"
        return problems
    if filters.reason_category and filters.reason_category not in REASON_CATEGORIES:
        problems["reason_category"] = _one_of(REASON_CATEGORIES, filters.reason_category)
    if filters.direction and filters.direction not in DIRECTIONS:
        problems["direction"] = _one_of(DIRECTIONS, filters.direction)
    return problems


def _one_of(allowed: Any, found: str) -> str:
    return f"must be one of {', '.join(allowed)} (found {found!r})"


def override_list(
    database: Database, filters: AuditFilters | None = None, *, actor: Actor = SYSTEM
) -> pd.DataFrame:
    """Every override (not withdrawals: they show as the status of what they withdrew), newest
    first, narrowed by `filters`; columns `OVERRIDE_COLUMNS`. `ValidationFailed` for bad
    filters, `NotPermitted` for a role that may not see the audit."""
    return _checked_list(database, filters or AuditFilters(), "overrides", actor)


def decision_list(
    database: Database, filters: AuditFilters | None = None, *, actor: Actor = SYSTEM
) -> pd.DataFrame:
    """Every decision, newest first, narrowed by `filters`; columns `DECISION_COLUMNS`."""
    return _checked_list(database, filters or AuditFilters(), "decisions", actor)


def _checked_list(
    database: Database, filters: AuditFilters, kind: str, actor: Actor
) -> pd.DataFrame:
    require(actor, "view_audit")
    problems = filter_problems(filters, kind)
    if problems:
        raise ValidationFailed(problems)
    with database_errors_translated(), database.read() as connection:
        frame = all_overrides(connection) if kind == "overrides" else all_decisions(connection)
    return apply_filters(frame, filters)


def apply_filters(frame: pd.DataFrame, filters: AuditFilters) -> pd.DataFrame:
    """The rows of an override or decision frame that pass `filters` (already validated)."""
    keep = pd.Series(True, index=frame.index)
    if filters.from_day is not None:
        keep &= frame["created_at"] >= start_of_day(filters.from_day)
    if filters.to_day is not None:
        keep &= frame["created_at"] < start_of_day(filters.to_day + timedelta(days=1))
    for name, column in (
        ("prison", "pi"),
        ("user", "user_name"),
        ("role", "user_role"),
        ("reason_category", "reason_category"),
        ("direction", "direction"),
        ("decisive", "decisive"),
        ("policy_version", "policy_version"),
        ("status", "status"),
    ):
        wanted = getattr(filters, name)
        if wanted:
            keep &= frame[column] == wanted
    if filters.outside_own_prison is not None:
        keep &= frame["outside_own_prison"] == filters.outside_own_prison
    return frame[keep].reset_index(drop=True)


def start_of_day(day: date) -> pd.Timestamp:
    """The first moment (UTC) of a Dutch calendar day."""
    return pd.Timestamp(datetime.combine(day, time(0), tzinfo=LOCAL_TIME).astimezone(UTC))


def _outside_prison(user_column: Any, at_column: Any) -> Any:
    return exists().where(
        access_log.c.event == "access_outside_prison",
        access_log.c.outcome == "ok",
        access_log.c.skn == detainees.c.skn,
        access_log.c.user_name == user_column,
        access_log.c.at <= at_column,
    )


def _record_query(
    record: Table,
    source: FromClause,
    input_version_id: Any,
    policy_id: Any,
    *columns: Any,
) -> Select[Any]:
    """The query both lists start from: per row of `record` (overrides or decisions, joined in
    `source` to whatever holds `input_version_id` and `policy_id`) its id, admission, SKN, the
    input document it was made on, when, by whom (and whether outside their own prison), then
    `columns`; joined to the admission, detainee, input version and policy."""
    return (
        select(
            record.c.id,
            record.c.admission_id,
            detainees.c.skn,
            input_versions.c.inputs_json,
            record.c.created_at,
            record.c.user_name,
            record.c.user_role,
            _outside_prison(record.c.user_name, record.c.created_at).label("outside_own_prison"),
            *columns,
        )
        .select_from(source)
        .join(admissions, admissions.c.id == record.c.admission_id)
        .join(detainees, detainees.c.id == admissions.c.detainee_id)
        .join(input_versions, input_versions.c.id == input_version_id)
        .join(policies, policies.c.id == policy_id)
    )


def all_overrides(connection: Connection) -> pd.DataFrame:
    """Every override with its status, direction and context (unfiltered, newest first)."""
    withdrawal = overrides.alias("withdrawal")
    newest_override = (
        select(overrides.c.admission_id, func.max(overrides.c.id).label("newest_id"))
        .where(overrides.c.kind == "override")
        .group_by(overrides.c.admission_id)
        .subquery("newest_override")
    )
    query = (
        _record_query(
            overrides,
            overrides,
            overrides.c.input_version_id,
            overrides.c.policy_id,
            overrides.c.automated_band,
            overrides.c.band,
            overrides.c.decisive,
            policies.c.version,
            overrides.c.reason_category,
            overrides.c.input_version_id,
            newest_version_id(overrides.c.admission_id).label("current_version_id"),
            withdrawal.c.created_at.label("withdrawn_at"),
            newest_override.c.newest_id,
            overrides.c.justification,
        )
        .join(newest_override, newest_override.c.admission_id == overrides.c.admission_id)
        .outerjoin(
            withdrawal,
            and_(withdrawal.c.withdraws_id == overrides.c.id, withdrawal.c.kind == "withdrawal"),
        )
        .where(overrides.c.kind == "override")
        .order_by(overrides.c.id.desc())
    )
    rows = connection.execute(query).all()
    names, prisons = _names_and_prisons([row.inputs_json for row in rows])
    records = []
    for row, name, pi in zip(rows, names, prisons, strict=True):
        if row.withdrawn_at is not None:
            status = "withdrawn"
        elif row.id != row.newest_id:
            status = "superseded"
        elif override_is_stale(row.input_version_id, row.current_version_id):
            status = "stale"
        else:
            status = "active"
        records.append(
            (
                *_record_values(row, name, pi),
                row.automated_band,
                row.band,
                direction(row.automated_band, row.band),
                row.decisive or NO_DECISIVE,
                row.version,
                row.reason_category,
                status,
                row.input_version_id,
                row.current_version_id,
                row.withdrawn_at,
                bool(row.outside_own_prison),
                row.justification,
            )
        )
    return _frame(records, OVERRIDE_COLUMNS, ("created_at", "withdrawn_at"))


def all_decisions(connection: Connection) -> pd.DataFrame:
    """Every decision with the automated band it was taken on (unfiltered, newest first)."""
    newest = current_decision_ids()
    query = (
        _record_query(
            decisions,
            decisions.join(assessments, assessments.c.id == decisions.c.assessment_id),
            assessments.c.input_version_id,
            assessments.c.policy_id,
            decisions.c.partner_name,
            decisions.c.option,
            assessments.c.band,
            assessments.c.decisive,
            policies.c.version,
            newest.c.decision_id,
            decisions.c.explanation,
        )
        .join(newest, newest.c.admission_id == decisions.c.admission_id)
        .order_by(decisions.c.id.desc())
    )
    rows = connection.execute(query).all()
    names, prisons = _names_and_prisons([row.inputs_json for row in rows])
    records = [
        (
            *_record_values(row, name, pi),
            row.partner_name,
            row.option,
            row.band,
            row.decisive or NO_DECISIVE,
            row.version,
            "current" if row.id == row.decision_id else "earlier",
            bool(row.outside_own_prison),
            row.explanation,
        )
        for row, name, pi in zip(rows, names, prisons, strict=True)
    ]
    return _frame(records, DECISION_COLUMNS, ("created_at",))


def _record_values(row: Row[Any], name: Any, pi: Any) -> tuple[Any, ...]:
    # The id, then `_RECORD_COLUMNS`, from a row of `_record_query`.
    return (
        row.id,
        row.admission_id,
        row.skn,
        name,
        pi,
        row.created_at,
        row.user_name,
        row.user_role,
    )


def direction(automated_band: str, chosen_band: str | None) -> str | None:
    """`up` when `chosen_band` stands before `automated_band` in band order, `down` after."""
    if chosen_band is None or chosen_band == automated_band:
        return None
    return "up" if BAND_RANK[chosen_band] < BAND_RANK[automated_band] else "down"


def _names_and_prisons(documents: list[str]) -> tuple[list[Any], list[Any]]:
    # Many records share an input version: parse each distinct document once.
    memo: dict[str, tuple[Any, Any]] = {}
    for document in documents:
        if document not in memo:
            inputs = json.loads(document)
            memo[document] = (inputs.get("name"), inputs.get("pi"))
    return [memo[d][0] for d in documents], [memo[d][1] for d in documents]


def _frame(
    records: list[tuple[Any, ...]], columns: tuple[str, ...], times: tuple[str, ...]
) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=list(columns))
    for name in times:
        frame[name] = pd.to_datetime(frame[name], utc=True)
    frame["outside_own_prison"] = frame["outside_own_prison"].astype(bool)
    return frame


@dataclass(frozen=True)
class OverrideDetail:
    """One override as the auditor reviews it: the row, its justification, the input snapshot
    it was made on, and what changed in the inputs since."""

    row: dict[str, Any]
    justification: str
    made_on_inputs: dict[str, Any]
    current_inputs: dict[str, Any]
    changes_since: tuple[FieldChange, ...]
    withdrawal_reason: str | None


def override_detail(
    database: Database, override_id: int, *, actor: Actor = SYSTEM
) -> OverrideDetail:
    """The detail of one override; `NotFound` for an id that is not an override."""
    require(actor, "view_audit")
    with database_errors_translated(), database.read() as connection:
        frame = all_overrides(connection)
        chosen = frame[frame["override_id"] == override_id]
        if chosen.empty:
            raise NotFound(f"override {override_id} does not exist")
        row = {str(name): value for name, value in chosen.iloc[0].to_dict().items()}
        documents = dict(
            connection.execute(
                select(input_versions.c.id, input_versions.c.inputs_json).where(
                    input_versions.c.id.in_(
                        [int(row["input_version_id"]), int(row["current_input_version_id"])]
                    )
                )
            ).all()
        )
        reason = connection.execute(
            select(overrides.c.justification).where(
                overrides.c.withdraws_id == override_id, overrides.c.kind == "withdrawal"
            )
        ).scalar()
    made_on = json.loads(documents[int(row["input_version_id"])])
    current = json.loads(documents[int(row["current_input_version_id"])])
    changes = tuple(
        FieldChange(name, old, new) for name, old, new in field_changes(made_on, current)
    )
    return OverrideDetail(
        row=row,
        justification=str(row["justification"]),
        made_on_inputs=made_on,
        current_inputs=current,
        changes_since=changes,
        withdrawal_reason=reason,
    )
