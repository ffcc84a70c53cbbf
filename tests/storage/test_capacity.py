"""Capacity per prison: the weekly number of new cases probation can take, with who, when and
why, history kept (SOM.md section 7; issue 11, item 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from storage_feeds import AS_OF, moment

from storage import Actor, Database, ValidationFailed
from storage.access_log import access_entries
from storage.capacity import MAX_WEEKLY_CASES, capacity_history, current_capacities, set_capacity
from storage.schema import prison_capacities

PLANNER = Actor("Rob Maas", "capacity_manager")


def test_the_newest_capacity_of_a_prison_is_in_force_and_the_history_is_kept(
    database: Database,
) -> None:
    set_capacity(database, "Arnhem", 12, PLANNER, "Begroting 2026", now=moment(AS_OF))
    set_capacity(database, "Vught", 8, PLANNER, "Begroting 2026", now=moment(AS_OF))
    later = moment(AS_OF + timedelta(days=7))
    set_capacity(database, "Arnhem", 9, PLANNER, "Twee collega's met verlof", now=later)
    current = current_capacities(database, PLANNER)
    assert {pi: c.weekly_cases for pi, c in current.items()} == {"Arnhem": 9, "Vught": 8}
    assert (current["Arnhem"].set_by, current["Arnhem"].set_at) == ("Rob Maas", later)
    history = capacity_history(database, PLANNER, "Arnhem")
    assert [(c.weekly_cases, c.note) for c in history] == [
        (9, "Twee collega's met verlof"),
        (12, "Begroting 2026"),
    ]


@pytest.mark.parametrize(
    ("pi", "cases", "note", "field"),
    [
        (" ", 5, "waarom", "pi"),
        ("Arnhem", -1, "waarom", "weekly_cases"),
        ("Arnhem", MAX_WEEKLY_CASES + 1, "waarom", "weekly_cases"),
        ("Arnhem", 5, "  ", "note"),
    ],
)
def test_a_capacity_needs_a_prison_a_number_in_range_and_a_note(
    database: Database, pi: str, cases: int, note: str, field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        set_capacity(database, pi, cases, PLANNER, note)
    assert set(refused.value.errors) == {field}
    assert capacity_history(database, PLANNER) == []


def test_only_a_role_that_sets_capacity_may_record_it(database: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        set_capacity(database, "Arnhem", 5, Actor("Anna", "case_manager"), "waarom")
    assert "role" in refused.value.errors
    with pytest.raises(ValidationFailed):
        capacity_history(database, Actor("Anna", "auditor"))


def test_recording_a_capacity_is_logged(database: Database) -> None:
    set_capacity(database, "Arnhem", 12, PLANNER, "Begroting 2026")
    entry = access_entries(database).iloc[0]
    assert (entry["event"], entry["user_name"]) == ("set_capacity", "Rob Maas")
    assert "Arnhem" in entry["detail"] and "12" in entry["detail"]


def test_a_recorded_capacity_cannot_be_changed_afterwards(database: Database) -> None:
    set_capacity(database, "Arnhem", 12, PLANNER, "Begroting 2026")
    with pytest.raises(Exception, match="append-only"), database.write() as connection:
        connection.execute(prison_capacities.update().values(weekly_cases=99))
    assert capacity_history(database, PLANNER)[0].weekly_cases == 12
