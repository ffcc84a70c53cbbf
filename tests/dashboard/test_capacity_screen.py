"""The capacity page (issue 11): the draft editor derived from the policy, refusals in place,
saving and publishing with a note, capacity per prison; a draft stays out of the list until it
is published. AppTest on the demo database as the capacity manager `capaciteit`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import get_args

import pytest
from screens import errors, no_exceptions, open_list, submit, unescaped
from streamlit.testing.v1 import AppTest

from dashboard.i18n import catalogue
from scoring.policy import RANGES, Policy
from storage.actor import Actor
from storage.capacity import capacity_history
from storage.connect import open_database
from storage.drafts import list_drafts
from storage.policies import policy_history

TEXTS = catalogue("nl")
PLANNER = Actor("capaciteit", "capacity_manager")
#: The editor's controls start from the policy in force: their keys are `version:default.<field>`.
IN_FORCE = "version:default"


@pytest.fixture
def capacity(app_as: Callable[[str], AppTest]) -> AppTest:
    """The capacity page, signed in as the capacity manager."""
    at = app_as("capaciteit")
    at.run()
    at.switch_page("screens/capacity.py").run()
    no_exceptions(at)
    return at


def _text(at: AppTest, key: str) -> str:
    return str(TEXTS(key))


def _fill(at: AppTest, label_key: str, text: str) -> None:
    label = str(TEXTS(label_key))
    boxes = [box for box in [*at.text_input, *at.text_area] if box.label == label]
    assert boxes, f"no text box {label!r}"
    boxes[0].input(text)


def _save(at: AppTest, name: str, note: str) -> AppTest:
    _fill(at, "capacity.save.name", name)
    _fill(at, "capacity.save.note", note)
    return submit(at, _text(at, "capacity.save.submit"))


def _publish(at: AppTest, note: str) -> AppTest:
    _fill(at, "capacity.publish.note", note)
    return submit(at, _text(at, "capacity.publish.submit"))


def _stored(url: str) -> tuple[list[str], list[str]]:
    """(drafts, published versions newest first) in the database."""
    database = open_database(url)
    try:
        drafts = [d.name for d in list_drafts(database, PLANNER)]
        return drafts, [p.version for p in policy_history(database)]
    finally:
        database.dispose()


def test_every_setting_of_the_policy_has_a_control(capacity: AppTest) -> None:
    keys = {
        widget.key for widget in [*capacity.toggle, *capacity.number_input, *capacity.text_area]
    }
    for name, value in Policy().model_dump().items():
        if name == "version":
            continue
        if isinstance(value, dict):
            assert {f"{IN_FORCE}.{name}.{slug}" for slug in value} <= keys
        elif get_args(Policy.model_fields[name].annotation) == (int, int):  # an age range
            assert {f"{IN_FORCE}.{name}.from", f"{IN_FORCE}.{name}.until"} <= keys
        else:
            assert f"{IN_FORCE}.{name}" in keys, name


@pytest.mark.parametrize("name", ["screening_day", "short_stay_days", "multi_problem_min_factors"])
def test_a_value_outside_its_range_shows_an_error_naming_the_field_and_the_range(
    capacity: AppTest, name: str
) -> None:
    low, high = RANGES[name]
    capacity.number_input(key=f"{IN_FORCE}.{name}").set_value(high + 1).run()
    shown = [unescaped(message) for message in errors(capacity)]
    assert len(shown) == 1
    assert str(TEXTS(f"capacity.fields.{name}")) in shown[0]
    assert f"from {low} to {high}" in shown[0]


def test_a_reversed_young_adult_range_and_a_word_among_the_articles_are_refused(
    capacity: AppTest,
) -> None:
    capacity.number_input(key=f"{IN_FORCE}.young_adult_age.from").set_value(30).run()
    capacity.text_area(key=f"{IN_FORCE}.violence_articles").input("300, geweld").run()
    shown = " ".join(unescaped(message) for message in errors(capacity))
    assert str(TEXTS("capacity.fields.young_adult_age")) in shown
    assert str(TEXTS("capacity.fields.violence_articles")) in shown


def test_switching_a_tier_on_shows_the_change_against_the_policy_in_force(
    capacity: AppTest,
) -> None:
    capacity.toggle(key=f"{IN_FORCE}.tiers.violence_offence").set_value(True).run()
    no_exceptions(capacity)
    table = capacity.table[0].value
    assert list(table.iloc[:, 1:].itertuples(index=False, name=None)) == [
        (str(TEXTS("capacity.off")), str(TEXTS("capacity.on")))
    ]
    assert "T2" in unescaped(str(table.iloc[0, 0]))


def test_a_saved_draft_is_not_used_for_the_list_until_it_is_published(
    capacity: AppTest, app_as: Callable[[str], AppTest], demo_database: str
) -> None:
    capacity.number_input(key=f"{IN_FORCE}.screening_day").set_value(14).run()
    _save(capacity, "eerder-screenen", "Screening op dag 14")
    no_exceptions(capacity)
    assert _stored(demo_database) == (["eerder-screenen"], ["default"])
    listing = open_list(app_as("capaciteit"))
    assert "default" in listing.caption[0].value
    _publish(capacity, "Screening op dag 14 na overleg")
    no_exceptions(capacity)
    assert _stored(demo_database)[1] == ["eerder-screenen", "default"]
    assert "eerder\\-screenen" in open_list(app_as("capaciteit")).caption[0].value


def test_publishing_without_a_note_is_refused_and_publishes_nothing(
    capacity: AppTest, demo_database: str
) -> None:
    capacity.toggle(key=f"{IN_FORCE}.split_weighing").set_value(True).run()
    _save(capacity, "gesplitst", "Weging splitsen")
    _publish(capacity, "   ")
    assert errors(capacity), "no message for the missing note"
    assert _stored(demo_database)[1] == ["default"]


def test_saving_a_draft_needs_a_note_and_a_new_name_for_other_settings(
    capacity: AppTest, demo_database: str
) -> None:
    capacity.toggle(key=f"{IN_FORCE}.tiers.lvb").set_value(True).run()
    _save(capacity, "default", "LVB erbij")
    shown = " ".join(unescaped(message) for message in errors(capacity))
    assert "already published with other settings" in shown
    _save(capacity, "met-lvb", " ")
    assert str(TEXTS("capacity.save.note")) in unescaped(" ".join(errors(capacity)))
    assert _stored(demo_database)[0] == []


def test_a_recorded_capacity_shows_with_its_history(capacity: AppTest, demo_database: str) -> None:
    for cases, note in ((12, "Begroting 2026"), (9, "Verlof")):
        capacity.selectbox(key="capacity_prison_pi").set_value("Arnhem")
        capacity.number_input(key="capacity_prison_n").set_value(cases)
        _fill(capacity, "capacity.prison.note", note)
        submit(capacity, _text(capacity, "capacity.prison.submit"))
        no_exceptions(capacity)
    database = open_database(demo_database)
    try:
        recorded = [(c.pi, c.weekly_cases, c.set_by) for c in capacity_history(database, PLANNER)]
    finally:
        database.dispose()
    assert recorded == [("Arnhem", 9, "capaciteit"), ("Arnhem", 12, "capaciteit")]
    heading = str(TEXTS("capacity.prison.weekly_cases"))
    cells = [
        unescaped(str(cell))
        for table in capacity.table
        if heading in [unescaped(str(column)) for column in table.value.columns]
        for cell in table.value.iloc[:, 0]
    ]
    assert cells.count("Arnhem") == 3  # once in force, twice in the history


def test_a_case_manager_does_not_get_the_capacity_page(app: AppTest) -> None:
    app.run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        app.switch_page("screens/capacity.py")


def _chart(at: AppTest, key: str) -> dict[str, dict[str, int]]:
    """The bars of a plotly chart on the screen: series name → {bar: height} (no empty bars)."""
    charts = [element for element in at.get("plotly_chart") if key in str(element.proto.id)]
    assert charts, f"no chart {key!r} on the screen"
    figure = json.loads(charts[0].proto.spec)
    return {
        trace["name"]: {x: y for x, y in zip(trace["x"], trace["y"], strict=True) if y}
        for trace in figure["data"]
    }


def test_switching_a_tier_on_changes_the_counts_of_the_draft_side(capacity: AppTest) -> None:
    before = _chart(capacity, "capacity_whatif_tier_scores")
    capacity.toggle(key=f"{IN_FORCE}.tiers.multi_problem").set_value(True).run()
    no_exceptions(capacity)
    after = _chart(capacity, "capacity_whatif_tier_scores")
    published, draft = list(after)
    assert before[published] == after[published]  # the policy in force stays as it is
    assert after[draft] != after[published]


def test_a_later_screening_day_moves_detainees_to_not_yet_and_lists_who_moves(
    capacity: AppTest,
) -> None:
    capacity.number_input(key=f"{IN_FORCE}.screening_day").set_value(60).run()
    no_exceptions(capacity)
    heatmaps = [e for e in capacity.get("plotly_chart") if "transitions" in str(e.proto.id)]
    matrix = json.loads(heatmaps[0].proto.spec)["data"][0]["z"]
    moved = sum(sum(row) for row in matrix)
    assert moved > 0
    skn_heading = str(TEXTS("capacity.whatif.skn"))
    movers = [
        table.value
        for table in capacity.table
        if unescaped(str(table.value.columns[0])) == skn_heading
    ]
    assert len(movers[0]) == moved
    assert set(movers[0].iloc[:, 3].map(lambda cell: unescaped(str(cell)))) == {
        TEXTS.band("not_yet")
    }
    assert all("screening_day" in unescaped(str(cell)) for cell in movers[0].iloc[:, -1])
