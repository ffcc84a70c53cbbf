"""No silent overwrite: an override, withdrawal or decision is refused when a colleague recorded
one on the same detainee after the page was loaded, and the refusal says who, what and when."""

from __future__ import annotations

import pytest
from storage_feeds import (
    CASE_MANAGER,
    PROBATION_WORKER,
    WHY,
    one_detainee,
)

from storage import (
    Actor,
    Database,
    detainee_record,
    record_decision,
    record_override,
    withdraw_override,
)
from storage.guards import ChangedMeanwhile, SeenRecords


def _override(
    database: Database, page: tuple[int, int, SeenRecords], band: str, actor: Actor
) -> int:
    admission_id, assessment_id, seen = page
    return record_override(
        database, admission_id, assessment_id, band, "cm_concern", WHY, actor, seen=seen
    )


def _decide(database: Database, page: tuple[int, int, SeenRecords], actor: Actor) -> int:
    admission_id, assessment_id, seen = page
    return record_decision(
        database, admission_id, assessment_id, "request_advice", WHY, actor, seen=seen
    )


@pytest.fixture
def on_the_page(database: Database) -> tuple[int, int, SeenRecords]:
    """A weighing detainee as two pages loaded it: nothing recorded yet."""
    return (*one_detainee(database), SeenRecords())


def test_an_override_after_a_colleagues_override_is_refused_naming_it(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    first = _override(database, on_the_page, "priority", CASE_MANAGER)
    with pytest.raises(ChangedMeanwhile) as refused:
        _override(database, on_the_page, "defer", PROBATION_WORKER)
    assert (refused.value.kind, refused.value.record_id) == ("override", first)
    assert f"Ingrid Smeets (case_manager) recorded override (#{first})" in str(refused.value)
    assert [o.id for o in detainee_record(database, on_the_page[0]).overrides] == [first]


def test_a_decision_after_a_colleagues_decision_is_refused(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    _decide(database, on_the_page, CASE_MANAGER)
    with pytest.raises(ChangedMeanwhile) as refused:
        _decide(database, on_the_page, PROBATION_WORKER)
    assert refused.value.kind == "decision"


def test_a_withdrawal_after_a_colleagues_decision_is_refused(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    override_id = _override(database, on_the_page, "priority", CASE_MANAGER)
    seen = SeenRecords(override_id=override_id)
    _decide(database, on_the_page, CASE_MANAGER)
    with pytest.raises(ChangedMeanwhile):
        withdraw_override(database, override_id, WHY, PROBATION_WORKER, seen=seen)


def test_ones_own_earlier_record_is_not_a_colleagues_change(
    database: Database, on_the_page: tuple[int, int, SeenRecords]
) -> None:
    _override(database, on_the_page, "priority", CASE_MANAGER)
    _decide(database, on_the_page, CASE_MANAGER)
    assert len(detainee_record(database, on_the_page[0]).decisions) == 1
