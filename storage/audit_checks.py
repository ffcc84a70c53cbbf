"""The auditor's proofs as service functions: verify every chain, replay assessments.

The audit page calls these; each checks the role (`view_audit`) and writes what was checked, and
what it found, to the access log. The work itself is `storage.integrity.verify` and
`storage.replay`, the same functions `som audit verify` and `som audit replay` print.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
from sqlalchemy import select

from storage.access_log import record_access
from storage.actor import SYSTEM, Actor
from storage.database import Database
from storage.errors import NotFound, ValidationFailed, database_errors_translated
from storage.integrity import (
    CheckpointInvalid,
    IntegrityReport,
    database_audit_key,
    parse_checkpoint,
    verify,
)
from storage.permissions import require
from storage.replay import ReplayReport, ReplayResult, replay_all, replay_assessment
from storage.schema import admissions, assessments, detainees, overrides, policies

#: The columns of `assessments_of`, in order.
ASSESSMENT_COLUMNS: Final[tuple[str, ...]] = (
    "assessment_id",
    "as_of",
    "created_at",
    "band",
    "decisive",
    "policy_version",
    "rules_version",
)


def verify_records(
    database: Database,
    *,
    actor: Actor = SYSTEM,
    checkpoint_text: str | None = None,
    checkpoint_name: str = "the uploaded checkpoint",
) -> IntegrityReport:
    """Verify every chain with the configured audit key, against the stored checkpoints and,
    when given, the operator's copy of one (`checkpoint_text`, as `som audit checkpoint`
    printed it). `ValidationFailed` (field `checkpoint`) for a text that is no checkpoint,
    logged as a refused `verify`; `AuditKeyMissing` without a key. Logged as `verify` with the
    outcome."""
    require(actor, "view_audit")
    checkpoint = None
    if checkpoint_text is not None:
        try:
            checkpoint = parse_checkpoint(checkpoint_text)
        except CheckpointInvalid as error:
            refused = {"checkpoint_file": checkpoint_name, "reason": str(error)}
            record_access(database, actor, "verify", outcome="refused", detail=refused)
            raise ValidationFailed({"checkpoint": f"{checkpoint_name}: {error}"}) from error
    with database_errors_translated():
        key = database_audit_key(database)
        report = verify(database, key, checkpoint, checkpoint_source=checkpoint_name)
    detail = {
        "intact": report.ok,
        "chains": len(report.chains),
        "bad_chains": report.bad_chains,
        "checkpoints_checked": report.checkpoints_checked,
        "checkpoint_file": checkpoint_name if checkpoint is not None else None,
    }
    record_access(database, actor, "verify", detail=detail)
    return report


def replay_one(database: Database, assessment_id: int, *, actor: Actor = SYSTEM) -> ReplayResult:
    """Score one stored assessment again and compare (`storage.replay.replay_assessment`);
    `NotFound` for an unknown id. Logged as `replay` with the detainee and the outcome."""
    require(actor, "view_audit")
    with database_errors_translated():
        result = replay_assessment(database, assessment_id)
    detail = {"assessment_id": assessment_id, "status": result.status}
    record_access(database, actor, "replay", skn=result.skn, detail=detail)
    return result


def replay_every(database: Database, *, actor: Actor = SYSTEM) -> ReplayReport:
    """Score every stored assessment of the running rules again and compare
    (`storage.replay.replay_all`). Logged as `replay` with the counts."""
    require(actor, "view_audit")
    with database_errors_translated():
        report = replay_all(database)
    detail: dict[str, Any] = {
        "assessments": "all",
        "replayed": report.replayed,
        "reproduced": report.reproduced,
        "other_rules_versions": report.other_rules_version_count,
    }
    record_access(database, actor, "replay", detail=detail)
    return report


def assessments_of(database: Database, skn: str, *, actor: Actor = SYSTEM) -> pd.DataFrame:
    """Every stored assessment of the detainee with this SKN, newest first (columns
    `ASSESSMENT_COLUMNS`): what an auditor picks one to replay from. Logged as `search`;
    `NotFound` for an SKN SOM does not know."""
    require(actor, "view_audit")
    query = (
        select(
            assessments.c.id.label("assessment_id"),
            assessments.c.as_of,
            assessments.c.created_at,
            assessments.c.band,
            assessments.c.decisive,
            policies.c.version.label("policy_version"),
            assessments.c.rules_version,
        )
        .join(admissions, admissions.c.id == assessments.c.admission_id)
        .join(detainees, detainees.c.id == admissions.c.detainee_id)
        .join(policies, policies.c.id == assessments.c.policy_id)
        .where(detainees.c.skn == skn)
        .order_by(assessments.c.id.desc())
    )
    with database_errors_translated(), database.read() as connection:
        rows = [tuple(row) for row in connection.execute(query).all()]
        known = (
            rows or connection.execute(select(detainees.c.id).where(detainees.c.skn == skn)).first()
        )
    # Looking a detainee up is logged like any search, found or not.
    detail = {"purpose": "replay", "assessments": len(rows)}
    record_access(database, actor, "search", skn=skn, detail=detail)
    if not known:
        raise NotFound(f"no detainee with SKN {skn!r}")
    return pd.DataFrame(rows, columns=list(ASSESSMENT_COLUMNS))


def override_assessment(database: Database, override_id: int, *, actor: Actor = SYSTEM) -> int:
    """The id of the assessment an override was made on; `NotFound` for an unknown override."""
    require(actor, "view_audit")
    query = select(overrides.c.assessment_id).where(overrides.c.id == override_id)
    with database_errors_translated(), database.read() as connection:
        found = connection.execute(query).scalar_one_or_none()
    if found is None:
        raise NotFound(f"override {override_id} does not exist")
    return int(found)
