"""Re-scoring: a new assessment only when result, policy, input or rules version differ."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Table, select
from storage_feeds import AS_OF, dji, import_rows, iris, moment, newest
from storage_snapshot import content, count

from scoring.policy import policy_from_mapping
from scoring.version import rules_version
from storage import Actor, Database, detainee_record, needs_rescore, publish_policy, rescore
from storage.rescoring import daily_rescore
from storage.schema import assessments, scoring_runs

CAPACITY_MANAGER = Actor("Rob Maas", "capacity_manager")


def _population(database: Database) -> None:
    import_rows(
        database,
        [dji("1000001"), dji("1000002", intake_date="2026-11-20"), dji("1000003")],
        [iris("1000001"), iris("1000002")],
    )


def test_rescoring_on_the_same_day_writes_nothing(database: Database) -> None:
    _population(database)
    before = content(database)
    summary = rescore(database, AS_OF, now=moment(AS_OF))
    assert (summary.scored, summary.assessments_written) == (0, 0)
    assert content(database) == before


def test_daily_rescoring_stores_only_results_that_changed(database: Database) -> None:
    _population(database)
    assert count(database, "assessments") == 3
    next_day = rescore(database, AS_OF + timedelta(days=1), now=moment(AS_OF))
    assert (next_day.scored, next_day.assessments_written) == (3, 0)
    screening_day = rescore(database, AS_OF + timedelta(days=12), now=moment(AS_OF))
    assert (screening_day.assessments_written, screening_day.signals_created) == (1, 1)
    assert count(database, "assessments") == 4


def test_stored_assessment_keeps_result_as_of_policy_and_input_version(database: Database) -> None:
    _population(database)
    record = detainee_record(database, newest(database, "1000003")[0])
    latest = record.latest_assessment
    assert latest is not None
    assert (latest.band, latest.decisive, latest.fired) == ("no_priority", "C03", ("C03",))
    assert (latest.as_of, latest.policy_version) == (AS_OF, "default")
    assert latest.input_version_id == record.input_versions[-1].version_id
    assert latest.states["C03"] == "true" and set(latest.states) >= {"C01", "T1", "P1"}


def test_publishing_a_policy_rescores_every_admission_with_it(database: Database) -> None:
    _population(database)
    without_c03 = policy_from_mapping(
        {"version": "2026-12 zonder C03", "criteria": {"no_probation_information": False}}
    )
    publish_policy(
        database, without_c03, CAPACITY_MANAGER, "C03 uit", as_of=AS_OF, now=moment(AS_OF, 15)
    )
    assert count(database, "assessments") == 6
    record = detainee_record(database, newest(database, "1000003")[0])
    assert [a.policy_version for a in record.assessments] == ["2026-12 zonder C03", "default"]
    assert record.assessments[0].band == "weighing"
    assert [(s.old_band, s.new_band) for s in record.signals] == [("no_priority", "weighing")]


def test_needs_rescore_when_the_stored_assessments_are_older_than_today(
    database: Database,
) -> None:
    _population(database)
    assert not needs_rescore(database, AS_OF)
    assert needs_rescore(database, AS_OF + timedelta(days=1))
    rescore(database, AS_OF + timedelta(days=1), now=moment(AS_OF))
    assert not needs_rescore(database, AS_OF + timedelta(days=1))


#: The rules version of an older (or newer) SOM than the one under test.
OTHER_RULES = "0123456789abcdef"


def _store_results_of_other_rules(database: Database) -> None:
    """As if another version of the rules had scored everyone last: a copy of each newest
    assessment, with the same result, under another rules version (assessments only grow)."""
    with database.read() as connection:
        rows = [dict(row) for row in connection.execute(select(assessments)).mappings()]
    newest_per_admission = {row["admission_id"]: row for row in sorted(rows, key=lambda r: r["id"])}
    with database.write() as connection:
        for row in newest_per_admission.values():
            copy = {key: value for key, value in row.items() if key != "id"}
            connection.execute(assessments.insert().values({**copy, "rules_version": OTHER_RULES}))


def _rules_versions(database: Database, table: Table) -> list[str]:
    with database.read() as connection:
        query = select(table.c.rules_version).order_by(table.c.id)
        return [str(value) for value in connection.execute(query).scalars()]


def test_every_assessment_and_scoring_run_records_the_running_rules_version(
    database: Database,
) -> None:
    _population(database)
    summary = rescore(database, AS_OF + timedelta(days=12), now=moment(AS_OF))
    assert summary.rules_version == rules_version()
    assert set(_rules_versions(database, assessments)) == {rules_version()}
    assert set(_rules_versions(database, scoring_runs)) == {rules_version()}


def test_assessments_made_by_other_rules_need_a_rescore(database: Database) -> None:
    _population(database)
    assert not needs_rescore(database, AS_OF)
    _store_results_of_other_rules(database)
    assert needs_rescore(database, AS_OF)


def test_new_rules_rewrite_every_assessment_even_when_the_band_stays(database: Database) -> None:
    _population(database)
    _store_results_of_other_rules(database)
    bands_before = {skn: newest(database, skn)[2] for skn in ("1000001", "1000002", "1000003")}
    summary = rescore(database, AS_OF, now=moment(AS_OF, 13))
    assert (summary.scored, summary.assessments_written, summary.signals_created) == (3, 3, 0)
    assert {skn: newest(database, skn)[2] for skn in bands_before} == bands_before
    assert _rules_versions(database, assessments)[-3:] == [rules_version()] * 3
    assert not needs_rescore(database, AS_OF)
    again = rescore(database, AS_OF, now=moment(AS_OF, 14))
    assert (again.scored, again.assessments_written) == (0, 0)


def test_daily_rescore_scores_everyone_at_the_given_day(database: Database) -> None:
    _population(database)
    screening_day = AS_OF + timedelta(days=12)
    summary = daily_rescore(database, screening_day, now=moment(AS_OF))
    assert (summary.as_of, summary.scored, summary.signals_created) == (screening_day, 3, 1)
    assert not needs_rescore(database, screening_day)
