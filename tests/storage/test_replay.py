"""Replay: every stored assessment is scored again from its stored input version, policy
version and `as_of`, and must give the stored result; a tampered one is found and named, and
one made by other rules is reported as such, not as a mismatch."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from storage_feeds import AS_OF, dji, import_rows, iris, newest

from fixtures.demo.replay import fill_demo
from scoring.version import rules_version
from storage import Database
from storage.errors import NotFound
from storage.replay import UNREADABLE_POLICY_FIELD, replay_all, replay_assessment
from tests.storage.tampering import tamper


def _tamper(database: Database, statement: str) -> None:
    """Change an assessment behind the append-only trigger's back, as a superuser could."""
    tamper(database.engine, ("assessments",), statement)


@pytest.fixture
def three_detainees(database: Database) -> Database:
    import_rows(
        database,
        [dji("1000001"), dji("1000002", phase="sentenced"), dji("1000003")],
        [iris("1000001"), iris("1000002")],
    )
    return database


def test_replay_reproduces_every_assessment_of_the_demo(database: Database) -> None:
    fill_demo(database, AS_OF)
    report = replay_all(database)
    with database.read() as connection:
        stored = connection.execute(text("SELECT count(*) FROM assessments")).scalar_one()
    assert stored > 300
    assert (report.replayed, report.reproduced) == (stored, stored)
    assert report.ok and report.differences == [] and report.other_rules_versions == {}


def test_replay_in_small_batches_gives_the_same_report(three_detainees: Database) -> None:
    assert replay_all(three_detainees, batch_size=1) == replay_all(three_detainees)


def test_one_assessment_replays_field_by_field(three_detainees: Database) -> None:
    _, assessment_id, band = newest(three_detainees, "1000001")
    result = replay_assessment(three_detainees, assessment_id)
    assert result.status == "reproduced"
    assert (result.skn, result.rules_version, result.as_of) == ("1000001", rules_version(), AS_OF)
    by_field = {f.field: f for f in result.fields}
    assert by_field["band"].stored == by_field["band"].recomputed == band
    assert "states.C05" in by_field
    assert result.differences == ()


def test_a_changed_band_is_detected_and_named(three_detainees: Database) -> None:
    _, assessment_id, band = newest(three_detainees, "1000002")
    forged = "priority" if band != "priority" else "no_priority"
    _tamper(three_detainees, f"UPDATE assessments SET band = '{forged}' WHERE id = {assessment_id}")

    report = replay_all(three_detainees)
    assert not report.ok
    assert report.differing_assessments == [assessment_id]
    [difference] = report.differences
    assert (difference.skn, difference.field, difference.stored, difference.recomputed) == (
        "1000002",
        "band",
        forged,
        band,
    )
    single = replay_assessment(three_detainees, assessment_id)
    assert single.status == "differs"
    assert [f.field for f in single.differences] == ["band"]


def test_a_changed_state_is_named_by_its_criterion(three_detainees: Database) -> None:
    _, assessment_id, _ = newest(three_detainees, "1000001")
    with three_detainees.read() as connection:
        states = connection.execute(
            text(f"SELECT states_json FROM assessments WHERE id = {assessment_id}")
        ).scalar_one()
    forged = states.replace('"C05":"false"', '"C05":"true"')
    assert forged != states
    _tamper(
        three_detainees,
        f"UPDATE assessments SET states_json = '{forged}' WHERE id = {assessment_id}",
    )
    [difference] = replay_all(three_detainees).differences
    assert (difference.field, difference.stored, difference.recomputed) == (
        "states.C05",
        "true",
        "false",
    )


def test_an_assessment_of_other_rules_is_reported_as_such_not_as_a_mismatch(
    three_detainees: Database,
) -> None:
    _, assessment_id, _ = newest(three_detainees, "1000003")
    _tamper(
        three_detainees,
        f"UPDATE assessments SET rules_version = 'unknown', band = 'priority' "
        f"WHERE id = {assessment_id}",
    )
    report = replay_all(three_detainees)
    assert report.ok
    assert report.other_rules_versions == {"unknown": 1}
    assert report.replayed == 2 and report.differences == []
    single = replay_assessment(three_detainees, assessment_id)
    assert (single.status, single.rules_version, single.fields) == (
        "other_rules_version",
        "unknown",
        (),
    )


def test_an_unknown_assessment_is_not_found(database: Database) -> None:
    with pytest.raises(NotFound, match="assessment 999"):
        replay_assessment(database, 999)


@pytest.mark.parametrize(
    "forged",
    ["not json at all", '["a list"]', '{"intake_date": "31-02-2026"}'],
)
def test_an_unreadable_input_document_is_named_and_the_others_still_replay(
    three_detainees: Database, forged: str
) -> None:
    _, assessment_id, _ = newest(three_detainees, "1000002")
    with three_detainees.engine.begin() as connection:
        if three_detainees.is_sqlite:
            connection.execute(text("DROP TRIGGER input_versions_refuse_update"))
        else:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        connection.execute(
            text(
                "UPDATE input_versions SET inputs_json = :forged WHERE id = "
                "(SELECT input_version_id FROM assessments WHERE id = :id)"
            ),
            {"forged": forged, "id": assessment_id},
        )
    report = replay_all(three_detainees)
    assert (report.replayed, report.reproduced) == (3, 2)
    [difference] = report.differences
    assert (difference.assessment_id, difference.field, difference.stored) == (
        assessment_id,
        "inputs_json",
        forged,
    )
    assert replay_assessment(three_detainees, assessment_id).status == "differs"


def test_an_altered_policy_document_is_named_for_its_assessments_not_a_crash(
    three_detainees: Database,
) -> None:
    tamper(three_detainees.engine, ("policies",), "UPDATE policies SET document_json = '{nope'")
    report = replay_all(three_detainees)
    assert not report.ok and report.replayed == 3 and report.reproduced == 0
    assert {d.field for d in report.differences} == {UNREADABLE_POLICY_FIELD}
    _, assessment_id, _ = newest(three_detainees, "1000001")
    single = replay_assessment(three_detainees, assessment_id)
    assert single.status == "differs"
    assert [f.field for f in single.differences] == [UNREADABLE_POLICY_FIELD]
