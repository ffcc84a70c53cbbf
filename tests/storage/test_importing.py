"""`import_feeds`: admissions, input versions, releases, re-admissions, atomicity."""

from __future__ import annotations

from datetime import timedelta

import pytest
from storage_feeds import AS_OF, dji, feed_of, import_rows, iris, moment
from storage_snapshot import content, count

from scoring.inputs import DetaineeInputs
from storage import Database, detainee_record, find_admission, import_feeds


def test_first_import_creates_one_admission_and_version_per_detainee(database: Database) -> None:
    summary = import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001")])
    assert (summary.new_admissions, summary.changed, summary.released) == (2, 0, 0)
    assert count(database, "admissions") == 2
    assert count(database, "input_versions") == 2
    assert summary.rescore.assessments_written == 2


def test_reimporting_the_same_files_changes_nothing(database: Database) -> None:
    rows, probation = [dji("1000001"), dji("1000002")], [iris("1000001")]
    import_rows(database, rows, probation)
    before = content(database)
    summary = import_rows(database, rows, probation)
    assert not summary.changed_anything
    assert summary.unchanged == 2
    assert content(database) == before


def test_changed_data_become_a_new_input_version_of_the_same_admission(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    import_rows(database, [dji("1000001", offence_article="300")], [iris("1000001")])
    summary = import_rows(
        database, [dji("1000001", offence_article="300")], [iris("1000001", motivation="")]
    )
    assert summary.changed == 1
    record = detainee_record(database, find_admission(database, "1000001") or 0)
    assert [v.version for v in record.input_versions] == [1, 2, 3]
    assert [v.changed_feeds for v in record.input_versions] == ["new", "dji", "iris"]
    assert [(c.field, c.old, c.new) for c in record.input_versions[1].changes] == [
        ("offence_article", "310", "300")
    ]
    assert record.input_versions[2].inputs.motivation is None


def test_stored_fingerprint_is_the_fingerprint_of_the_detainee_inputs(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    version = detainee_record(database, find_admission(database, "1000001") or 0).input_versions[0]
    assert version.fingerprint == version.inputs.fingerprint("all")
    assert isinstance(version.inputs, DetaineeInputs)


def test_detainee_absent_from_a_new_feed_is_released_not_deleted(database: Database) -> None:
    import_rows(database, [dji("1000001"), dji("1000002")])
    admission = find_admission(database, "1000002")
    summary = import_rows(database, [dji("1000001")])
    assert summary.released == 1
    assert find_admission(database, "1000002") is None
    record = detainee_record(database, admission or 0)
    assert record.released_at is not None
    assert record.release_reason == "absent_from_feed"
    assert len(record.assessments) == 1


def test_detainee_back_after_release_is_a_new_admission_screened_anew(database: Database) -> None:
    import_rows(database, [dji("1000001")])
    first = find_admission(database, "1000001")
    import_rows(database, [])
    summary = import_rows(database, [dji("1000001", intake_date="2026-11-20")])
    second = find_admission(database, "1000001")
    assert (summary.new_admissions, summary.readmissions) == (1, 1)
    assert second is not None and second != first
    record = detainee_record(database, second)
    assert record.assessments[0].band == "not_yet"
    assert [a.admission_id for a in record.other_admissions] == [first]


def test_later_intake_date_closes_the_admission_and_starts_a_new_one(database: Database) -> None:
    import_rows(database, [dji("1000001")])
    first = find_admission(database, "1000001")
    summary = import_rows(database, [dji("1000001", intake_date="2026-11-25")])
    assert (summary.new_admissions, summary.readmissions, summary.released) == (1, 1, 0)
    assert detainee_record(database, first or 0).release_reason == "readmitted"
    assert find_admission(database, "1000001") != first


def test_earlier_intake_date_is_a_correction_of_the_same_admission(database: Database) -> None:
    import_rows(database, [dji("1000001")])
    first = find_admission(database, "1000001")
    summary = import_rows(database, [dji("1000001", intake_date="2026-09-01")])
    assert (summary.changed, summary.new_admissions) == (1, 0)
    assert find_admission(database, "1000001") == first


def test_detainee_whose_row_was_rejected_is_kept_not_released(database: Database) -> None:
    import_rows(database, [dji("1000001"), dji("1000002")])
    before = detainee_record(database, find_admission(database, "1000002") or 0)
    feed = feed_of([dji("1000001"), dji("1000002", intake_date="31-02-2026")])
    assert [r.row for r in feed.rejections] == [2]
    summary = import_feeds(
        database,
        feed,
        dji_file="dji.csv",
        iris_file="iris.csv",
        as_of=AS_OF,
        kept_skns={"1000002"},
        now=moment(AS_OF),
    )
    assert (summary.released, summary.kept_rejected, summary.rejected_rows) == (0, 1, 1)
    after = detainee_record(database, find_admission(database, "1000002") or 0)
    assert after.input_versions == before.input_versions


def test_import_without_iris_keeps_the_stored_probation_data(database: Database) -> None:
    import_rows(
        database,
        [dji("1000001")],
        [iris("1000001", recidivism_risk="high", risc_date="2026-10-01")],
    )
    summary = import_rows(database, [dji("1000001", cm_notes="schulden")], None)
    inputs = detainee_record(database, find_admission(database, "1000001") or 0).inputs
    assert summary.changed == 1
    assert (inputs.has_probation_record, inputs.recidivism_risk) == (True, "high")
    assert inputs.cm_notes == "schulden"


def test_orphan_iris_rows_are_notices_not_admissions(database: Database) -> None:
    feed = feed_of([dji("1000001")], [iris("1000001"), iris("9999999")])
    assert any("9999999" in notice for notice in feed.notices)
    import_feeds(database, feed, dji_file="d", iris_file="i", as_of=AS_OF, now=moment(AS_OF))
    assert find_admission(database, "9999999") is None


class InjectedFault(RuntimeError):
    """Raised on purpose inside the import transaction."""


@pytest.mark.parametrize("failing_stage", ["admissions", "input versions", "assessments"])
def test_fault_mid_import_leaves_the_database_exactly_as_before(
    database: Database, failing_stage: str
) -> None:
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001")])
    before = content(database)

    def fail_at(stage: str, done: int, total: int) -> None:
        if stage == failing_stage:
            raise InjectedFault(stage)

    changed = [dji("1000001", offence_article="300"), dji("1000003")]
    with pytest.raises(InjectedFault):
        import_feeds(
            database,
            feed_of(changed, [iris("1000003")]),
            dji_file="d",
            iris_file="i",
            as_of=AS_OF + timedelta(days=1),
            now=moment(AS_OF),
            progress=fail_at,
        )
    assert content(database) == before
