"""One current decision per admission (issue 10, item 4): the latest recorded; earlier ones are
history. The detainee view and the SQL the list can join state the same rule."""

from __future__ import annotations

from storage_feeds import AS_OF, PROBATION_WORKER, dji, import_rows, iris, moment, newest

from storage import Actor, Database
from storage.decisions import current_decisions_query, record_decision
from storage.views import detainee_view

READER = Actor("Aad Auditor", "auditor")


def decide(database: Database, skn: str, option: str, hour: int) -> int:
    admission_id, assessment_id, _ = newest(database, skn)
    return record_decision(
        database,
        admission_id,
        assessment_id,
        option,
        f"Besproken in het MDO ({option}).",
        PROBATION_WORKER,
        partner_name="Ingrid Smeets",
        now=moment(AS_OF, hour),
    )


def current_rows(database: Database) -> dict[int, tuple[int, str]]:
    """admission id → (decision id, option) of the current decisions, read with the SQL rule."""
    with database.read() as connection:
        rows = connection.execute(current_decisions_query()).mappings().all()
    return {int(row["admission_id"]): (int(row["id"]), str(row["option"])) for row in rows}


def test_the_current_decision_is_the_latest_and_the_earlier_ones_are_history(
    database: Database,
) -> None:
    import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001"), iris("1000002")])
    first = decide(database, "1000001", "request_advice", 9)
    second = decide(database, "1000001", "repeat_after_verdict", 10)
    latest = decide(database, "1000001", "no_priority", 11)

    page = detainee_view(database, "1000001", AS_OF, "nl", READER)
    assert page is not None
    assert page.current_decision is not None and page.current_decision.id == latest
    assert [d.id for d in page.earlier_decisions] == [second, first]
    # The list's rule gives the same decision, and nothing for a detainee without one.
    admission_id, _, _ = newest(database, "1000001")
    assert current_rows(database) == {admission_id: (latest, "no_priority")}
    other = detainee_view(database, "1000002", AS_OF, "nl", READER)
    assert other is not None and other.current_decision is None and other.earlier_decisions == ()


def test_the_order_of_recording_decides_not_a_supplied_time(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    decide(database, "1000001", "request_advice", 15)
    # Recorded later, though its supplied time is earlier (a clock set back, a replay).
    later = decide(database, "1000001", "probation_prepare_supervision", 8)

    page = detainee_view(database, "1000001", AS_OF, "en", READER)
    assert page is not None and page.current_decision is not None
    assert page.current_decision.id == later
    assert [row[0] for row in current_rows(database).values()] == [later]
