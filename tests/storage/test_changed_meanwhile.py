"""No silent overwrite: an override, withdrawal or decision is refused when a colleague recorded
one on the same detainee after the page was loaded, and the refusal says who, what and when."""

from __future__ import annotations

import pytest
from storage_feeds import CASE_MANAGER, PROBATION_WORKER, WHY, dji, import_rows, iris, newest

from storage import Database, detainee_record, record_decision, record_override, withdraw_override
from storage.guards import ChangedMeanwhile, SeenRecords


@pytest.fixture
def on_the_page(database: Database) -> tuple[int, int, SeenRecords]:
    """A weighing detainee as two pages loaded it: nothing recorded yet."""
    import_rows(database, [dji("1000001")], [iris("1000001")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    return admission_id, assessment_id, SeenRecords()


def test_an_override_after_a_colleagues_override_is_refused_naming_it(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    admission_id, assessment_id, seen = on_the_page
    first = record_override(
        database,
        admission_id,
        assessment_id,
        "priority",
        "cm_concern",
        WHY,
        CASE_MANAGER,
        seen=seen,
    )
    with pytest.raises(ChangedMeanwhile) as refused:
        record_override(
            database,
            admission_id,
            assessment_id,
            "defer",
            "capacity",
            WHY,
            PROBATION_WORKER,
            seen=seen,
        )
    assert (refused.value.kind, refused.value.record_id) == ("override", first)
    assert f"Ingrid Smeets (case_manager) recorded override (#{first})" in str(refused.value)
    assert [o.id for o in detainee_record(database, admission_id).overrides] == [first]


def test_a_decision_after_a_colleagues_decision_is_refused(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    admission_id, assessment_id, seen = on_the_page
    record_decision(
        database, admission_id, assessment_id, "request_advice", WHY, CASE_MANAGER, seen=seen
    )
    with pytest.raises(ChangedMeanwhile) as refused:
        record_decision(
            database, admission_id, assessment_id, "no_priority", WHY, PROBATION_WORKER, seen=seen
        )
    assert refused.value.kind == "decision"


def test_a_withdrawal_after_a_colleagues_decision_is_refused(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    admission_id, assessment_id, _ = on_the_page
    override_id = record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", WHY, CASE_MANAGER
    )
    seen = SeenRecords(override_id=override_id)
    record_decision(database, admission_id, assessment_id, "request_advice", WHY, CASE_MANAGER)
    with pytest.raises(ChangedMeanwhile):
        withdraw_override(database, override_id, WHY, PROBATION_WORKER, seen=seen)


def test_ones_own_earlier_record_is_not_a_colleagues_change(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    admission_id, assessment_id, seen = on_the_page
    record_override(
        database,
        admission_id,
        assessment_id,
        "priority",
        "cm_concern",
        WHY,
        CASE_MANAGER,
        seen=seen,
    )
    record_decision(
        database, admission_id, assessment_id, "request_advice", WHY, CASE_MANAGER, seen=seen
    )
    assert len(detainee_record(database, admission_id).decisions) == 1
