"""Overrides: a case manager or probation worker sets another band, with a reason (SOM.md §6).

Overrides are append-only and hash-chained. An override is made against a specific assessment
and refused when a newer one exists. Withdrawing an override is a new record of kind
'withdrawal'. The newest override of an admission supersedes earlier ones; it is *active* until
withdrawn, and *stale* (needs review) once the admission has newer input data than it was made
on.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, select

from storage.access_log import log_access
from storage.actor import PROFESSIONAL_ROLES, Actor, actor_problems
from storage.authorise import authorise
from storage.chain import append_chained
from storage.choices import MIN_JUSTIFICATION_LENGTH, OVERRIDE_BANDS, REASON_CATEGORIES
from storage.database import Database
from storage.errors import NotFound, ValidationFailed
from storage.guards import (
    SeenRecords,
    check_nothing_new,
    current_assessment,
    input_fingerprint,
    newest_assessment,
)
from storage.schema import overrides


def record_override(
    database: Database,
    admission_id: int,
    assessment_id: int,
    band: str,
    reason_category: str,
    justification: str,
    actor: Actor,
    *,
    seen: SeenRecords | None = None,
    now: datetime | None = None,
) -> int:
    """Store an override of the band of `assessment_id`; returns the new override's id.

    Raises `ValidationFailed` (per-field messages) for a bad band, reason, justification or
    actor; `StaleAssessment` when the admission was scored again after `assessment_id`;
    `ChangedMeanwhile` when someone else recorded an override, withdrawal or decision after the
    newest ones the page showed (`seen`).
    """
    problems = override_problems(band, reason_category, justification, actor)
    if problems:
        raise ValidationFailed(problems)
    skn = authorise(database, actor, "override", "override", admission_id)
    with database.write() as connection:
        assessment = current_assessment(connection, admission_id, assessment_id)
        check_nothing_new(connection, admission_id, seen, actor.name)
        if band == assessment["band"]:
            raise ValidationFailed(
                {
                    "band": f"{band!r} is already the automated band; choose another band, or "
                    "withdraw the active override to return to the automated band"
                }
            )
        override_id = append_override(
            connection, assessment, actor, band, reason_category, justification, now=now
        )
        detail = {"override_id": override_id, "band": band}
        log_access(connection, actor, "override", skn=skn, detail=detail, now=now)
        return override_id


def withdraw_override(
    database: Database,
    override_id: int,
    reason: str,
    actor: Actor,
    *,
    seen: SeenRecords | None = None,
    now: datetime | None = None,
) -> int:
    """Withdraw an active override (a new record); returns the withdrawal's id.

    Raises `NotFound` for an unknown override and `ValidationFailed` when the reason is too
    short, the actor may not withdraw, or the override is not active any more.
    """
    with database.read() as connection:
        original = (
            connection.execute(
                select(overrides).where(
                    overrides.c.id == override_id, overrides.c.kind == "override"
                )
            )
            .mappings()
            .first()
        )
        if original is None:
            raise NotFound(f"override {override_id} does not exist")
    skn = authorise(database, actor, "override", "withdraw", original["admission_id"])
    problems = actor_problems(actor, PROFESSIONAL_ROLES)
    if len(reason.strip()) < MIN_JUSTIFICATION_LENGTH:
        problems["reason"] = _too_short(reason)
    if problems:
        raise ValidationFailed(problems)
    with database.write() as connection:
        _check_active(connection, original)
        check_nothing_new(connection, original["admission_id"], seen, actor.name)
        assessment = newest_assessment(connection, original["admission_id"])
        withdrawal_id = append_override(
            connection, assessment, actor, None, None, reason, withdraws_id=override_id, now=now
        )
        detail = {"override_id": override_id, "withdrawal_id": withdrawal_id}
        log_access(connection, actor, "withdraw", skn=skn, detail=detail, now=now)
        return withdrawal_id


def override_problems(
    band: str, reason_category: str, justification: str, actor: Actor
) -> dict[str, str]:
    """Per-field messages for an override that may not be stored (empty when it may)."""
    problems: dict[str, str] = {}
    if band not in OVERRIDE_BANDS:
        problems["band"] = f"must be one of {', '.join(OVERRIDE_BANDS)} (found {band!r})"
    if reason_category not in REASON_CATEGORIES:
        problems["reason_category"] = (
            f"must be one of {', '.join(REASON_CATEGORIES)} (found {reason_category!r})"
        )
    if len(justification.strip()) < MIN_JUSTIFICATION_LENGTH:
        problems["justification"] = _too_short(justification)
    problems.update(actor_problems(actor, PROFESSIONAL_ROLES))
    return problems


def _too_short(text: str) -> str:
    found = len(text.strip())
    return f"needs at least {MIN_JUSTIFICATION_LENGTH} characters (found {found})"


def _check_active(connection: Connection, original: RowMapping) -> None:
    withdrawal = connection.execute(
        select(overrides.c.id, overrides.c.user_name, overrides.c.created_at).where(
            overrides.c.withdraws_id == original["id"]
        )
    ).first()
    if withdrawal is not None:
        raise ValidationFailed(
            {
                "override_id": f"override {original['id']} was already withdrawn by "
                f"{withdrawal.user_name} on {withdrawal.created_at:%Y-%m-%d}"
            }
        )
    newer = connection.execute(
        select(overrides.c.id)
        .where(
            overrides.c.admission_id == original["admission_id"],
            overrides.c.kind == "override",
            overrides.c.id > original["id"],
        )
        .limit(1)
    ).first()
    if newer is not None:
        raise ValidationFailed(
            {
                "override_id": f"override {original['id']} is no longer active: override "
                f"{newer.id} replaced it"
            }
        )


def append_override(
    connection: Connection,
    assessment: RowMapping,
    actor: Actor,
    band: str | None,
    reason_category: str | None,
    justification: str,
    *,
    withdraws_id: int | None = None,
    now: datetime | None = None,
) -> int:
    """Append one record to the override chain, made on `assessment` (an `assessments` row) by
    `actor`, in the caller's write transaction; returns its id. A withdrawal when `withdraws_id`
    is given (band and reason category None), else an override.

    Checks nothing: `record_override` and `withdraw_override` validate first; the integrity
    benchmark writes its bulk overrides through here so they are stored as the form stores them.
    """
    return append_chained(
        connection,
        overrides,
        {
            "kind": "override" if withdraws_id is None else "withdrawal",
            "admission_id": assessment["admission_id"],
            "assessment_id": assessment["id"],
            "withdraws_id": withdraws_id,
            "band": band,
            "reason_category": reason_category,
            "justification": justification.strip(),
            "automated_band": assessment["band"],
            "decisive": assessment["decisive"],
            "policy_id": assessment["policy_id"],
            "input_version_id": assessment["input_version_id"],
            "input_fingerprint": input_fingerprint(connection, assessment["input_version_id"]),
            "user_name": actor.name.strip(),
            "user_role": actor.role,
            "created_at": now or datetime.now(UTC),
        },
    )
