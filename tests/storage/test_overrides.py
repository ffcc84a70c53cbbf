"""Overrides (SOM.md §6): validation, the assessment they were made on, withdrawal, staleness."""

from __future__ import annotations

from datetime import timedelta

import pytest
from storage_feeds import (
    AS_OF,
    CASE_MANAGER,
    PROBATION_WORKER,
    WHY,
    dji,
    import_rows,
    iris,
    newest,
    one_detainee,
)

from storage import (
    Actor,
    Database,
    StaleAssessment,
    ValidationFailed,
    detainee_record,
    list_current_admissions,
    record_override,
    withdraw_override,
)


@pytest.fixture
def weighing_detainee(database: Database) -> tuple[int, int]:
    """A detainee in the weighing band: (admission id, assessment id)."""
    admission_id, assessment_id = one_detainee(database)
    assert newest(database, "1000001")[2] == "weighing"
    return admission_id, assessment_id


def test_override_is_stored_with_what_it_was_made_on(
    database: Database, weighing_detainee: tuple[int, int]
) -> None:
    admission_id, assessment_id = weighing_detainee
    override_id = record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", f"  {WHY}  ", CASE_MANAGER
    )
    record = detainee_record(database, admission_id)
    stored = record.overrides[0]
    assert stored.id == override_id
    assert (stored.band, stored.automated_band, stored.decisive) == ("priority", "weighing", None)
    assert (stored.user_name, stored.user_role) == ("Ingrid Smeets", "case_manager")
    assert stored.justification == WHY
    assert stored.policy_version == "default"
    assert stored.input_fingerprint == record.inputs.fingerprint("all")
    assert stored.created_at.tzinfo is not None
    assert record.active_override == stored


@pytest.mark.parametrize(
    ("band", "reason", "justification", "actor", "field"),
    [
        ("urgent", "cm_concern", WHY, CASE_MANAGER, "band"),
        ("not_yet", "cm_concern", WHY, CASE_MANAGER, "band"),
        ("priority", "gut_feeling", WHY, CASE_MANAGER, "reason_category"),
        ("priority", "cm_concern", "  te kort, 19 tekens ", CASE_MANAGER, "justification"),
        ("priority", "cm_concern", WHY, Actor("Anna de Wit", "auditor"), "role"),
        ("priority", "cm_concern", WHY, Actor("  ", "case_manager"), "user_name"),
    ],
)
def test_invalid_override_is_refused_with_a_message_for_the_field(
    database: Database,
    weighing_detainee: tuple[int, int],
    band: str,
    reason: str,
    justification: str,
    actor: Actor,
    field: str,
) -> None:
    admission_id, assessment_id = weighing_detainee
    with pytest.raises(ValidationFailed) as refused:
        record_override(database, admission_id, assessment_id, band, reason, justification, actor)
    assert list(refused.value.errors) == [field]


def test_justification_of_exactly_twenty_characters_after_trimming_is_enough(
    database: Database, weighing_detainee: tuple[int, int]
) -> None:
    admission_id, assessment_id = weighing_detainee
    justification = "   " + "x" * 20 + "   "
    assert record_override(
        database, admission_id, assessment_id, "priority", "other", justification, PROBATION_WORKER
    )


def test_every_problem_of_an_override_is_reported_at_once(
    database: Database, weighing_detainee: tuple[int, int]
) -> None:
    admission_id, assessment_id = weighing_detainee
    with pytest.raises(ValidationFailed) as refused:
        record_override(database, admission_id, assessment_id, "x", "y", "z", Actor("", "x"))
    assert set(refused.value.errors) == {
        "band",
        "reason_category",
        "justification",
        "user_name",
        "role",
    }


def test_override_to_the_automated_band_is_refused(
    database: Database, weighing_detainee: tuple[int, int]
) -> None:
    admission_id, assessment_id = weighing_detainee
    with pytest.raises(ValidationFailed) as refused:
        record_override(
            database, admission_id, assessment_id, "weighing", "other", WHY, CASE_MANAGER
        )
    assert "already the automated band" in refused.value.errors["band"]


def test_override_on_an_older_assessment_is_refused_with_a_clear_message(
    database: Database, weighing_detainee: tuple[int, int]
) -> None:
    admission_id, old_assessment = weighing_detainee
    import_rows(database, [dji("1000001")], [iris("1000001", advice_requested="true")])
    with pytest.raises(StaleAssessment) as refused:
        record_override(
            database, admission_id, old_assessment, "priority", "cm_concern", WHY, CASE_MANAGER
        )
    assert "no longer current" in str(refused.value)
    assert refused.value.newest_id > old_assessment
    assert detainee_record(database, admission_id).overrides == []


@pytest.fixture
def overridden(database: Database, weighing_detainee: tuple[int, int]) -> tuple[int, int]:
    """The weighing detainee raised to priority by the case manager: (admission id, override
    id)."""
    admission_id, assessment_id = weighing_detainee
    override_id = record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", WHY, CASE_MANAGER
    )
    return admission_id, override_id


WITHDRAWN_BECAUSE = "Na overleg met de reclassering toch niet nodig."


def test_withdrawal_is_a_new_record_and_the_automated_band_applies_again(
    database: Database, overridden: tuple[int, int]
) -> None:
    admission_id, override_id = overridden
    withdrawal_id = withdraw_override(database, override_id, WITHDRAWN_BECAUSE, CASE_MANAGER)
    record = detainee_record(database, admission_id)
    assert [(o.id, o.kind) for o in record.overrides] == [
        (override_id, "override"),
        (withdrawal_id, "withdrawal"),
    ]
    assert record.overrides[1].withdraws_id == override_id
    assert record.active_override is None
    row = list_current_admissions(database).iloc[0]
    assert row["effective_band"] == "weighing" and row["override_id"] is None


def test_an_override_cannot_be_withdrawn_twice(
    database: Database, overridden: tuple[int, int]
) -> None:
    _, override_id = overridden
    withdraw_override(database, override_id, WITHDRAWN_BECAUSE, CASE_MANAGER)
    with pytest.raises(ValidationFailed) as refused:
        withdraw_override(database, override_id, WITHDRAWN_BECAUSE, PROBATION_WORKER)
    assert "already withdrawn" in refused.value.errors["override_id"]


def test_withdrawal_needs_a_reason(database: Database, overridden: tuple[int, int]) -> None:
    _, override_id = overridden
    with pytest.raises(ValidationFailed) as refused:
        withdraw_override(database, override_id, "  ", CASE_MANAGER)
    assert "reason" in refused.value.errors


def test_newer_override_replaces_the_previous_one(
    database: Database, weighing_detainee: tuple[int, int]
) -> None:
    admission_id, assessment_id = weighing_detainee
    first = record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", WHY, CASE_MANAGER
    )
    second = record_override(
        database,
        admission_id,
        assessment_id,
        "no_priority",
        "capacity",
        "Geen capaciteit deze week, na MDO opnieuw.",
        PROBATION_WORKER,
    )
    assert detainee_record(database, admission_id).active_override.id == second  # type: ignore[union-attr]
    with pytest.raises(ValidationFailed) as refused:
        withdraw_override(database, first, "Vervangen door een nieuwe afwijking.", CASE_MANAGER)
    assert "no longer active" in refused.value.errors["override_id"]


def test_override_becomes_stale_when_the_input_data_change(
    database: Database, overridden: tuple[int, int]
) -> None:
    admission_id, _ = overridden
    assert not list_current_admissions(database).iloc[0]["override_stale"]
    import_rows(database, [dji("1000001", cm_notes="nieuwe woning gevonden")], [iris("1000001")])
    row = list_current_admissions(database).iloc[0]
    assert row["override_stale"] and row["effective_band"] == "priority"
    assert detainee_record(database, admission_id).override_is_stale


@pytest.mark.usefixtures("overridden")
def test_override_stays_fresh_when_only_the_date_moves(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")], as_of=AS_OF + timedelta(days=1))
    assert not list_current_admissions(database).iloc[0]["override_stale"]


def test_effective_band_decides_the_position_on_the_list(database: Database) -> None:
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001"), iris("1000002")])
    admission_id, assessment_id, _ = newest(database, "1000002")
    record_override(
        database,
        admission_id,
        assessment_id,
        "priority",
        "new_information",
        "Het OM eist toezicht na detentie; nog niet in TULP.",
        PROBATION_WORKER,
    )
    frame = list_current_admissions(database)
    assert frame["skn"].tolist() == ["1000002", "1000001"]
    assert frame["band"].tolist() == ["weighing", "weighing"]
    assert frame["effective_band"].tolist() == ["priority", "weighing"]


def test_override_of_a_released_admission_is_refused(
    database: Database, weighing_detainee: tuple[int, int]
) -> None:
    admission_id, assessment_id = weighing_detainee
    import_rows(database, [dji("1000002")], allow_mass_release=True)
    with pytest.raises(ValidationFailed) as refused:
        record_override(
            database, admission_id, assessment_id, "priority", "cm_concern", WHY, CASE_MANAGER
        )
    assert "released" in refused.value.errors["admission_id"]
