"""Decisions (part 3 of the form): what case manager and probation worker decided together.

Append-only and hash-chained, like overrides. A decision is made on a specific assessment and
refused when a newer one exists, so it is always clear what the professionals were looking at.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, Subquery, func, select

from storage.access_log import log_access
from storage.actor import PROFESSIONAL_ROLES, Actor, actor_problems
from storage.authorise import authorise
from storage.chain import append_chained
from storage.choices import DECISION_OPTIONS
from storage.database import Database
from storage.errors import ValidationFailed
from storage.guards import SeenRecords, check_nothing_new, current_assessment
from storage.records import DecisionRecord
from storage.schema import decisions


def record_decision(
    database: Database,
    admission_id: int,
    assessment_id: int,
    option: str,
    explanation: str,
    actor: Actor,
    *,
    partner_name: str | None = None,
    seen: SeenRecords | None = None,
    now: datetime | None = None,
) -> int:
    """Store a decision (one of `DECISION_OPTIONS`) with its explanation; returns its id.

    `partner_name` is the other professional who took the decision jointly with `actor`.
    Raises `ValidationFailed` (per-field messages) or `StaleAssessment`, like overrides.
    """
    problems = actor_problems(actor, PROFESSIONAL_ROLES)
    if option not in DECISION_OPTIONS:
        problems["option"] = f"must be one of {', '.join(DECISION_OPTIONS)} (found {option!r})"
    if not explanation.strip():
        problems["explanation"] = "is required: explain the decision"
    partner = (partner_name or "").strip() or None
    if partner is not None and partner.casefold() == actor.name.strip().casefold():
        problems["partner_name"] = "is the other professional of the joint decision, not you"
    if problems:
        raise ValidationFailed(problems)
    skn = authorise(database, actor, "decide", "decide", admission_id)
    with database.write() as connection:
        current_assessment(connection, admission_id, assessment_id)
        check_nothing_new(connection, admission_id, seen, actor.name)
        decision_id = append_chained(
            connection,
            decisions,
            {
                "admission_id": admission_id,
                "assessment_id": assessment_id,
                "option": option,
                "explanation": explanation.strip(),
                "partner_name": partner,
                "user_name": actor.name.strip(),
                "user_role": actor.role,
                "created_at": now or datetime.now(UTC),
            },
        )
        detail = {"decision_id": decision_id, "option": option}
        log_access(connection, actor, "decide", skn=skn, detail=detail, now=now)
        return decision_id


# --- Reading: which decision is the current one -------------------------------------------
#
# One rule, for the detainee page and the list alike: the *current* decision of an admission is
# the one recorded last (the highest id: the table is append-only, so ids follow the order of
# recording, whatever `created_at` a caller supplied); every earlier one is history. The SQL
# form (`current_decisions_query`) and the form over loaded records (`current_and_earlier`)
# state the same rule; tests/storage/test_current_decision.py checks that they agree.


def current_decision_ids() -> Subquery:
    """`(admission_id, decision_id)` of the current decision of every admission that has one."""
    return (
        select(
            decisions.c.admission_id.label("admission_id"),
            func.max(decisions.c.id).label("decision_id"),
        )
        .group_by(decisions.c.admission_id)
        .subquery("current_decision_ids")
    )


def current_decisions_query() -> Select[Any]:
    """The rows of `decisions` that are current, one per admission (join or filter further,
    e.g. on current admissions, before executing)."""
    newest = current_decision_ids()
    return select(decisions).join(newest, newest.c.decision_id == decisions.c.id)


def current_and_earlier(
    recorded: Sequence[DecisionRecord],
) -> tuple[DecisionRecord | None, tuple[DecisionRecord, ...]]:
    """The current decision among one admission's `recorded` decisions (None when there is
    none) and the earlier ones, newest first."""
    newest_first = sorted(recorded, key=lambda decision: decision.id, reverse=True)
    if not newest_first:
        return None, ()
    return newest_first[0], tuple(newest_first[1:])
