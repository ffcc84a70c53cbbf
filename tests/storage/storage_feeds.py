"""Small hand-written feeds for storage tests: one function call per detainee row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time

from feeds import FeedResult, parse_feeds
from fixtures.generate import DJI_COLUMNS, IRIS_COLUMNS, csv_bytes
from storage import Actor, Database, ImportSummary, import_feeds

AS_OF = date(2026, 11, 29)
Row = dict[str, str]

#: The professionals of the storage tests (the names match the feeds' cm_name and rw_name).
CASE_MANAGER = Actor("Ingrid Smeets", "case_manager")
PROBATION_WORKER = Actor("Joost Hendriks", "probation_worker")
#: A justification long enough for an override.
WHY = "Geen woning na detentie en het netwerk is weggevallen."


def dji(skn: str, **cells: str) -> Row:
    """A remand detainee admitted 60 days before AS_OF, with nothing special; cells override."""
    return (
        {column: "" for column in DJI_COLUMNS}
        | dict(
            skn=skn,
            name=f"Detainee {skn}",
            date_of_birth="1990-05-01",
            pi="Sittard",
            phase="remand",
            intake_date="2026-09-30",
            expected_release_date="2027-06-30",
            offence_article="310",
            scil_lvb_indication="false",
            supervision_after_detention="false",
            article_43_3_placement="false",
            no_residence_status="false",
            tbs_imposed="false",
            isd_imposed="false",
            outflow_care_authorisation="false",
            cm_name="Ingrid Smeets",
        )
        | cells
    )


def iris(skn: str, **cells: str) -> Row:
    """Probation knows the detainee, recent information, no RISC yet; cells override."""
    return (
        {column: "" for column in IRIS_COLUMNS}
        | dict(
            skn=skn,
            rw_name="Joost Hendriks",
            latest_information_date="2026-10-15",
            advice_requested="false",
            om_isd_tbs_investigation="false",
            criminogenic_factors="housing|drugs",
            protective_factors="werk",
            self_reliance="limited",
            motivation="motivatable",
            asr_framework_applied="false",
        )
        | cells
    )


def feed_of(dji_rows: Sequence[Row], iris_rows: Sequence[Row] | None = ()) -> FeedResult:
    """Parse rows exactly as `som import` parses files."""
    iris_bytes = None if iris_rows is None else csv_bytes(iris_rows, IRIS_COLUMNS)
    return parse_feeds(csv_bytes(dji_rows, DJI_COLUMNS), iris_bytes)


def moment(day: date, hour: int = 12) -> datetime:
    """A UTC time on `day`."""
    return datetime.combine(day, time(hour), tzinfo=UTC)


def import_rows(
    database: Database,
    dji_rows: Sequence[Row],
    iris_rows: Sequence[Row] | None = (),
    *,
    as_of: date = AS_OF,
    kept_skns: frozenset[str] = frozenset(),
    allow_mass_release: bool = False,
    dry_run: bool = False,
) -> ImportSummary:
    """Import rows as feeds; `iris_rows=None` imports without a probation feed."""
    return import_feeds(
        database,
        feed_of(dji_rows, iris_rows),
        dji_file="dji.csv",
        iris_file=None if iris_rows is None else "iris.csv",
        as_of=as_of,
        kept_skns=kept_skns,
        now=moment(as_of),
        allow_mass_release=allow_mass_release,
        dry_run=dry_run,
    )


def newest(database: Database, skn: str) -> tuple[int, int, str]:
    """(admission id, newest assessment id, its band) of a detainee inside."""
    from storage import detainee_record, find_admission

    admission_id = find_admission(database, skn)
    assert admission_id is not None, f"{skn} is not inside"
    latest = detainee_record(database, admission_id).latest_assessment
    assert latest is not None
    return admission_id, latest.assessment_id, latest.band


def one_detainee(database: Database) -> tuple[int, int]:
    """Import detainee 1000001 (weighing band, known to probation): (admission id, newest
    assessment id)."""
    import_rows(database, [dji("1000001")], [iris("1000001")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    return admission_id, assessment_id


def override_to_priority(
    database: Database,
    admission_id: int,
    assessment_id: int,
    justification: str = WHY,
    actor: Actor = CASE_MANAGER,
) -> int:
    """`actor` overrides the band of `assessment_id` to priority, reason `cm_concern`: the
    override's id (exceptions of `record_override` pass through)."""
    from storage import record_override

    return record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", justification, actor
    )


def override_and_decide(database: Database, skn: str) -> tuple[int, int]:
    """The case manager overrides detainee `skn` to priority and decides to request advice:
    (override id, decision id)."""
    from storage import record_decision

    admission_id, assessment_id, _ = newest(database, skn)
    override_id = override_to_priority(
        database, admission_id, assessment_id, "Zorgen over huisvesting na detentie."
    )
    decision_id = record_decision(
        database,
        admission_id,
        assessment_id,
        "request_advice",
        "Advies aanvragen bij het OM.",
        CASE_MANAGER,
    )
    return override_id, decision_id
