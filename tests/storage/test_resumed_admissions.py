"""A detainee released because a feed no longer listed them, who returns with the same intake
date, resumes the same admission with its overrides and decisions (issue 8, item 1)."""

from __future__ import annotations

from sqlalchemy import select
from storage_feeds import CASE_MANAGER, PROBATION_WORKER, WHY, dji, import_rows, iris, newest

from storage import (
    Database,
    detainee_record,
    find_admission,
    list_current_admissions,
    record_decision,
    record_override,
)
from storage.schema import admissions, resumptions

OTHERS = [dji("1000002"), dji("1000003")]


def _overridden_and_decided(database: Database) -> tuple[int, int]:
    """1000001 inside with an override and a decision; (admission id, override id)."""
    import_rows(database, [dji("1000001"), *OTHERS], [iris("1000001")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    override_id = record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", WHY, CASE_MANAGER
    )
    record_decision(
        database, admission_id, assessment_id, "request_advice", "Samen besloten.", PROBATION_WORKER
    )
    return admission_id, override_id


def test_a_return_with_the_same_intake_date_resumes_the_admission_with_its_override(
    database: Database,
) -> None:
    admission_id, override_id = _overridden_and_decided(database)
    released = import_rows(database, OTHERS, [])
    assert released.released == 1 and find_admission(database, "1000001") is None
    back = import_rows(database, [dji("1000001"), *OTHERS], [iris("1000001")])
    assert (back.resumed, back.new_admissions, back.readmissions) == (1, 0, 0)
    assert find_admission(database, "1000001") == admission_id
    record = detainee_record(database, admission_id)
    assert record.active_override is not None and record.active_override.id == override_id
    assert [d.option for d in record.decisions] == ["request_advice"]
    row = list_current_admissions(database).set_index("skn").loc["1000001"]
    assert row["effective_band"] == "priority" and row["override_id"] == override_id


def test_a_resumed_admission_keeps_the_release_it_undid(database: Database) -> None:
    admission_id, _ = _overridden_and_decided(database)
    released_in = import_rows(database, OTHERS, []).import_id
    resumed_in = import_rows(database, [dji("1000001"), *OTHERS], [iris("1000001")]).import_id
    with database.read() as connection:
        kept = connection.execute(select(resumptions)).mappings().one()
        admission = (
            connection.execute(select(admissions).where(admissions.c.id == admission_id))
            .mappings()
            .one()
        )
    assert (kept["admission_id"], kept["release_reason"]) == (admission_id, "absent_from_feed")
    assert (kept["released_import_id"], kept["resumed_import_id"]) == (released_in, resumed_in)
    assert admission["released_at"] is None and admission["release_reason"] is None


def test_a_resumed_admission_with_changed_data_gets_a_new_version_and_a_stale_override(
    database: Database,
) -> None:
    admission_id, _ = _overridden_and_decided(database)
    import_rows(database, OTHERS, [])
    changed = dji("1000001", cm_notes="Terug na ziekenhuisopname.")
    summary = import_rows(database, [changed, *OTHERS], [iris("1000001")])
    assert summary.resumed == 1
    record = detainee_record(database, admission_id)
    assert [v.version for v in record.input_versions] == [1, 2]
    assert record.override_is_stale


def test_a_return_with_a_later_intake_date_is_a_new_admission(database: Database) -> None:
    admission_id, _ = _overridden_and_decided(database)
    import_rows(database, OTHERS, [])
    summary = import_rows(database, [dji("1000001", intake_date="2026-11-20"), *OTHERS])
    assert (summary.resumed, summary.new_admissions, summary.readmissions) == (0, 1, 1)
    assert find_admission(database, "1000001") not in (None, admission_id)


def test_a_return_without_an_intake_date_is_a_new_admission(database: Database) -> None:
    import_rows(database, [dji("1000001", intake_date=""), *OTHERS])
    first = find_admission(database, "1000001")
    import_rows(database, OTHERS)
    summary = import_rows(database, [dji("1000001", intake_date=""), *OTHERS])
    assert (summary.resumed, summary.new_admissions) == (0, 1)
    assert find_admission(database, "1000001") != first


def test_a_dry_run_counts_the_resumed_admission_and_resumes_nothing(database: Database) -> None:
    _overridden_and_decided(database)
    import_rows(database, OTHERS, [])
    summary = import_rows(database, [dji("1000001"), *OTHERS], [iris("1000001")], dry_run=True)
    assert summary.resumed == 1
    assert find_admission(database, "1000001") is None
