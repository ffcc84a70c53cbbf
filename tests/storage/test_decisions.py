"""Decisions (part 3 of the form): stable option keys, explanation, the assessment they were on."""

from __future__ import annotations

import pytest
from storage_feeds import PROBATION_WORKER, dji, import_rows, iris, newest, one_detainee

from storage import DECISION_OPTIONS, Actor, Database, detainee_record, list_current_admissions
from storage.decisions import record_decision
from storage.errors import StaleAssessment, ValidationFailed


@pytest.fixture
def detainee(database: Database) -> tuple[int, int]:
    """(admission id, newest assessment id) of one detainee."""
    return one_detainee(database)


def test_form_part_three_offers_the_ten_options_of_som_md_section_6() -> None:
    assert len(DECISION_OPTIONS) == 10
    assert {"no_priority", "repeat_after_verdict", "request_advice", "other"} <= set(
        DECISION_OPTIONS
    )
    assert sum(key.startswith("probation_") for key in DECISION_OPTIONS) == 6


def test_every_option_can_be_recorded_with_its_explanation(
    database: Database, detainee: tuple[int, int]
) -> None:
    admission_id, assessment_id = detainee
    for option in DECISION_OPTIONS:
        record_decision(
            database,
            admission_id,
            assessment_id,
            option,
            f"Toelichting {option}",
            PROBATION_WORKER,
            partner_name="Ingrid Smeets",
        )
    stored = detainee_record(database, admission_id).decisions
    assert [d.option for d in stored] == list(DECISION_OPTIONS)
    assert stored[0].partner_name == "Ingrid Smeets"
    assert stored[0].explanation == "Toelichting no_priority"
    assert list_current_admissions(database).iloc[0]["decision"] == "other"


@pytest.mark.parametrize(
    ("option", "explanation", "actor", "field"),
    [
        ("maybe", "Samen besproken.", PROBATION_WORKER, "option"),
        ("no_priority", "   ", PROBATION_WORKER, "explanation"),
        ("no_priority", "Samen besproken.", Actor("Rob Maas", "capacity_manager"), "role"),
    ],
)
def test_invalid_decision_is_refused_with_a_message_for_the_field(
    database: Database,
    detainee: tuple[int, int],
    option: str,
    explanation: str,
    actor: Actor,
    field: str,
) -> None:
    admission_id, assessment_id = detainee
    with pytest.raises(ValidationFailed) as refused:
        record_decision(database, admission_id, assessment_id, option, explanation, actor)
    assert list(refused.value.errors) == [field]


def test_decision_on_an_older_assessment_is_refused(
    database: Database, detainee: tuple[int, int]
) -> None:
    admission_id, old_assessment = detainee
    import_rows(database, [dji("1000001", phase="sentenced")], [iris("1000001")])
    with pytest.raises(StaleAssessment):
        record_decision(
            database, admission_id, old_assessment, "no_priority", "Besproken.", PROBATION_WORKER
        )


def test_the_partner_of_a_joint_decision_is_not_the_user_themselves(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    with pytest.raises(ValidationFailed) as refused:
        record_decision(
            database,
            admission_id,
            assessment_id,
            "request_advice",
            "Samen besproken.",
            PROBATION_WORKER,
            partner_name=" joost hendriks ",
        )
    assert set(refused.value.errors) == {"partner_name"}
