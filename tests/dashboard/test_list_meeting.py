"""The triage list as the multidisciplinary meeting uses it, driven through AppTest on the demo:
the screening-this-week and awaiting-decision toggles, the Day column and rows whose reason
explains the band they are shown under."""

from __future__ import annotations

import re

import pandas as pd
from screens import band_of, list_table, no_exceptions, open_list
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.i18n import catalogue
from storage.listing import list_current_admissions

DUTCH = catalogue("nl")
DAY = re.compile(r"^dag (\d+) van 21$")


def stored_by_skn():  # type: ignore[no-untyped-def]
    return list_current_admissions(data.database()).set_index("skn")


def test_every_row_shows_which_day_of_the_screening_it_is(app: AppTest) -> None:
    table = list_table(open_list(app))
    no_exceptions(app)
    known = table[table["day"] != ""]
    assert len(known) > 0
    for day, days in zip(known["day"], known["days"], strict=True):
        match = DAY.match(day)
        assert match is not None, day
        assert int(match.group(1)) == days
    assert str(table["days"].dtype) in {"Int64", "int64"}, "the days column sorts as numbers"


def toggled(app: AppTest, key: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole table, and the table once the toggle `key` is switched on (fewer, not none)."""
    everyone = list_table(open_list(app))
    app.toggle(key=key).set_value(True).run()
    no_exceptions(app)
    narrowed = list_table(app)
    assert 0 < len(narrowed) < len(everyone)
    return everyone, narrowed


def test_screening_this_week_keeps_the_rows_whose_screening_day_is_within_seven_days(
    app: AppTest,
) -> None:
    everyone, this_week = toggled(app, "filter_screening_this_week")
    assert all(14 <= days <= 28 for days in this_week["days"])
    in_window = everyone["days"].between(14, 28).fillna(False)
    assert sorted(this_week["skn"]) == sorted(everyone[in_window]["skn"])


def test_awaiting_joint_decision_keeps_priority_and_weighing_rows_without_a_decision(
    app: AppTest,
) -> None:
    _, awaiting = toggled(app, "filter_awaiting_decision")
    assert {band_of(cell) for cell in awaiting["band"]} <= {"priority", "weighing"}
    assert set(awaiting["decision"]) <= {""}
    stored = list_current_admissions(data.database())
    expected = stored[stored["effective_band"].isin(["priority", "weighing"])]
    assert len(awaiting) == expected["decision"].isna().sum()


def test_the_meeting_toggles_stay_on_when_the_screen_runs_again(app: AppTest) -> None:
    open_list(app)
    app.toggle(key="filter_screening_this_week").set_value(True).run()
    app.toggle(key="filter_awaiting_decision").set_value(True).run()
    narrowed = list_table(app)
    app.run()
    assert app.toggle(key="filter_screening_this_week").value
    assert app.toggle(key="filter_awaiting_decision").value
    assert list_table(app)["skn"].tolist() == narrowed["skn"].tolist()


def test_weighing_rows_show_their_weighing_profile(app: AppTest) -> None:
    table = list_table(open_list(app))
    is_weighing = pd.Series([band_of(cell) == "weighing" for cell in table["band"]])
    weighing = table[is_weighing.to_numpy() & (table["automated_band"] == "").to_numpy()]
    assert len(weighing) > 0
    for reason in weighing["reason"]:
        assert re.search(r"; weegprofiel \d van 5", reason), reason


def test_an_overridden_row_names_the_override_and_the_automated_reason(app: AppTest) -> None:
    table = list_table(open_list(app))
    stored = stored_by_skn()
    overridden = table[table["automated_band"] != ""]
    assert len(overridden) > 0
    for skn, reason, cell in zip(
        overridden["skn"], overridden["reason"], overridden["band"], strict=True
    ):
        by = stored.loc[skn, "override_by"]
        assert reason.startswith(f"override door {by}: {DUTCH.band(band_of(cell))} ("), reason
        assert " — automatisch: " in reason, reason
