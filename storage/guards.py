"""Checks shared by overrides and decisions: the admission is current and the assessment the
professional looked at is still its newest one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, RowMapping, func, select

from storage.errors import NotFound, StaleAssessment, ValidationFailed
from storage.schema import admissions, assessments, decisions, input_versions, overrides


def current_assessment(connection: Connection, admission_id: int, assessment_id: int) -> RowMapping:
    """The assessment row, after checking it is the admission's newest; raises otherwise.

    Raises `NotFound` for an unknown admission, `ValidationFailed` for a released admission or an
    assessment of another admission, and `StaleAssessment` when a newer assessment exists.
    """
    admission = connection.execute(
        select(admissions.c.id, admissions.c.released_at).where(admissions.c.id == admission_id)
    ).first()
    if admission is None:
        raise NotFound(f"admission {admission_id} does not exist")
    if admission.released_at is not None:
        raise ValidationFailed(
            {"admission_id": f"admission {admission_id} has ended (released); nothing to change"}
        )
    assessment = (
        connection.execute(select(assessments).where(assessments.c.id == assessment_id))
        .mappings()
        .first()
    )
    if assessment is None or assessment["admission_id"] != admission_id:
        raise ValidationFailed(
            {
                "assessment_id": f"assessment {assessment_id} is not an assessment of admission "
                f"{admission_id}"
            }
        )
    newest = connection.execute(
        select(func.max(assessments.c.id)).where(assessments.c.admission_id == admission_id)
    ).scalar_one()
    if newest != assessment_id:
        raise StaleAssessment(assessment_id, int(newest))
    return assessment


def newest_assessment(connection: Connection, admission_id: int) -> RowMapping:
    """The newest assessment of an admission (every current admission has one)."""
    row = (
        connection.execute(
            select(assessments)
            .where(assessments.c.admission_id == admission_id)
            .order_by(assessments.c.id.desc())
            .limit(1)
        )
        .mappings()
        .first()
    )
    if row is None:
        raise NotFound(f"admission {admission_id} has no assessment yet")
    return row


def input_fingerprint(connection: Connection, input_version_id: int) -> str:
    """The content fingerprint of an input version."""
    return str(
        connection.execute(
            select(input_versions.c.fingerprint).where(input_versions.c.id == input_version_id)
        ).scalar_one()
    )


@dataclass(frozen=True)
class SeenRecords:
    """The newest override (or withdrawal) and decision of an admission that a page showed: an
    action taken on that page is refused when a colleague recorded something newer since."""

    override_id: int | None = None
    decision_id: int | None = None


class ChangedMeanwhile(ValidationFailed):
    """Someone else recorded an override, withdrawal or decision since the page was loaded.

    `kind` is 'override', 'withdrawal' or 'decision', `record_id` its id; field
    `changed_meanwhile` says who recorded what and when."""

    def __init__(self, kind: str, row: RowMapping) -> None:
        self.kind = kind
        self.record_id = int(row["id"])
        super().__init__(
            {
                "changed_meanwhile": (
                    f"{row['user_name']} ({row['user_role']}) recorded {kind} "
                    f"(#{row['id']}) at {row['created_at']:%Y-%m-%d %H:%M} UTC since this page "
                    "was loaded; nothing was stored — reload and look at it first"
                )
            }
        )


def check_nothing_new(
    connection: Connection, admission_id: int, seen: SeenRecords | None, actor_name: str
) -> None:
    """Raise `ChangedMeanwhile` when someone other than `actor_name` recorded an override,
    withdrawal or decision on the admission after what `seen` says the page showed."""
    if seen is None:
        return
    for table, newest_seen in ((overrides, seen.override_id), (decisions, seen.decision_id)):
        row = (
            connection.execute(
                select(table)
                .where(
                    table.c.admission_id == admission_id,
                    table.c.id > (newest_seen or 0),
                    table.c.user_name != actor_name.strip(),
                )
                .order_by(table.c.id.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
        if row is not None:
            kind = str(row["kind"]) if table is overrides else "decision"
            raise ChangedMeanwhile(kind, row)
