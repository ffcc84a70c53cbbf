"""The triage list's rules as plain functions: order, filters, counts, markers and words."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from dashboard.i18n import catalogue
from dashboard.records import LIST_COLUMNS
from dashboard.triage import (
    Filters,
    apply_filters,
    band_counts,
    in_list_order,
    matching,
    reason_words,
    row_markers,
    table_frame,
    with_display_band,
)
from scoring.explain import NO_CRITERION
from scoring.policy import Policy, TierSwitches

DUTCH = catalogue("nl")
ENGLISH = catalogue("en")


def row(skn: str, band: str, **values: Any) -> dict[str, Any]:
    """One list row; `effective_band` defaults to the automated band (no override)."""
    defaults: dict[str, Any] = {
        "admission_id": int(skn),
        "skn": skn,
        "name": f"Naam {skn}",
        "pi": "Sittard",
        "phase": "remand",
        "intake_date": pd.Timestamp("2026-10-01"),
        "days_since_intake": 59,
        "band": band,
        "provisional_band": band,
        "effective_band": band,
        "decisive": None,
        "open_questions": (),
        "warnings": (),
        "tier_score": 0,
        "override_active": False,
        "override_stale": False,
        "decision_option": None,
        "unseen_signals": 0,
    }
    defaults.update(values)
    assert set(defaults) == set(LIST_COLUMNS), "rows have the columns of the list frame"
    return defaults


def frame(*rows: dict[str, Any]) -> pd.DataFrame:
    table = pd.DataFrame(list(rows))
    table["intake_date"] = table["intake_date"].astype("datetime64[s]")
    table["days_since_intake"] = table["days_since_intake"].astype("Int64")
    return table


def skns(table: pd.DataFrame) -> list[str]:
    return table["skn"].tolist()


def test_an_active_override_moves_the_row_to_its_effective_band() -> None:
    rows = frame(
        row("1", "weighing"),
        row("2", "no_priority", effective_band="priority", override_active=True),
        row("3", "priority"),
    )
    assert skns(in_list_order(rows)) == ["2", "3", "1"]


def test_within_a_band_higher_tier_score_then_older_intake_then_skn_come_first() -> None:
    rows = frame(
        row("4", "weighing", intake_date=pd.Timestamp("2026-09-01")),
        row("3", "weighing", intake_date=pd.NaT, days_since_intake=None),
        row("2", "weighing", tier_score=1),
        row("1", "weighing", intake_date=pd.Timestamp("2026-09-01")),
    )
    assert skns(in_list_order(rows)) == ["2", "1", "4", "3"]


def test_split_weighing_shows_first_and_if_time_permits_by_tier_score() -> None:
    policy = Policy(split_weighing=True, tiers=TierSwitches(high_risk=True))
    shown = with_display_band(
        frame(row("1", "weighing", tier_score=1), row("2", "weighing")), policy
    )
    assert shown["shown_band"].tolist() == ["weighing_first", "weighing_if_time"]
    assert with_display_band(frame(row("1", "weighing")), Policy())["shown_band"].tolist() == [
        "weighing"
    ]


@pytest.fixture
def population() -> pd.DataFrame:
    rows = frame(
        row("1000001", "priority", name="Jan Jansen", pi="Arnhem"),
        row("1000002", "weighing", phase="sentenced", unseen_signals=1),
        row("1000003", "defer", open_questions=(("C01", "no_priority"),)),
        row("1000004", "no_priority", name=None, pi="Vught"),
    )
    return with_display_band(rows, Policy())


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["1000001", "1000002", "1000003", "1000004"]),
        (Filters(prisons=("Arnhem", "Vught")), ["1000001", "1000004"]),
        (Filters(phases=("sentenced",)), ["1000002"]),
        (Filters(bands=("defer", "priority")), ["1000001", "1000003"]),
        (Filters(search="jansen"), ["1000001"]),
        (Filters(search=" 0003 "), ["1000003"]),
        (Filters(only_signals=True), ["1000002"]),
        (Filters(only_open_questions=True), ["1000003"]),
        (Filters(prisons=("Sittard",), only_signals=True), ["1000002"]),
    ],
)
def test_filters_keep_the_rows_that_pass_every_filter(
    population: pd.DataFrame, filters: Filters, expected: list[str]
) -> None:
    assert skns(apply_filters(population, filters)) == expected


def test_a_missing_name_never_matches_and_never_fails(population: pd.DataFrame) -> None:
    assert skns(apply_filters(population, Filters(search="naam 1000004"))) == []


def test_counts_list_every_band_in_list_order_with_zeros(population: pd.DataFrame) -> None:
    counts = band_counts(population, Policy())
    assert counts.to_dict() == {
        "priority": 1,
        "weighing": 1,
        "defer": 1,
        "not_yet": 0,
        "no_priority": 1,
    }


def test_counts_follow_the_split_of_the_weighing_band() -> None:
    policy = Policy(split_weighing=True)
    rows = with_display_band(
        frame(row("1", "weighing", tier_score=2), row("2", "weighing")), policy
    )
    assert list(band_counts(rows, policy).index) == [
        "priority",
        "weighing_first",
        "weighing_if_time",
        "defer",
        "not_yet",
        "no_priority",
    ]


def test_markers_name_signal_stale_override_open_question_warning_and_decision() -> None:
    rows = frame(
        row(
            "1",
            "weighing",
            unseen_signals=2,
            override_active=True,
            override_stale=True,
            open_questions=(("C01", "no_priority"),),
            warnings=("intake_date missing",),
            decision_option="other",
        ),
        row("2", "weighing", override_active=True),
        row("3", "weighing"),
    )
    assert row_markers(rows).tolist() == [
        ["signal", "stale_override", "open_question", "warning", "decision"],
        ["override"],
        [],
    ]


def test_the_reason_names_the_decisive_criterion_in_the_users_language() -> None:
    rows = frame(row("1", "priority", decisive="C07"), row("2", "weighing"))
    assert reason_words(rows, Policy(), DUTCH).tolist() == [
        "Toezicht na detentie (C07)",
        NO_CRITERION.get("nl"),
    ]
    assert reason_words(rows, Policy(), ENGLISH).tolist()[0] == "Supervision after detention (C07)"


def test_a_not_yet_row_says_which_day_it_is_and_its_provisional_band() -> None:
    rows = frame(
        row("1", "not_yet", provisional_band="priority", decisive="C08", days_since_intake=5)
    )
    assert reason_words(rows, Policy(), ENGLISH).tolist() == [
        "not yet prioritised: day 5 of 21; provisionally priority — Article 43.3 placement (C08)"
    ]


def test_the_table_shows_the_automated_band_only_where_an_override_differs() -> None:
    rows = with_display_band(
        frame(
            row("1", "no_priority", effective_band="priority", override_active=True),
            row("2", "weighing"),
        ),
        Policy(),
    )
    table = table_frame(rows, Policy(), DUTCH)
    assert table["markers"].tolist() == [["override"], []]
    assert table["band"].tolist() == [["prioriteit"], ["professionele weging"]]
    assert table["automated_band"].tolist() == ["geen prioriteit", ""]
    assert table["phase"].tolist() == ["preventief (HvB)", "preventief (HvB)"]


def test_matching_finds_by_skn_or_name_and_nothing_for_empty_text(
    population: pd.DataFrame,
) -> None:
    assert skns(matching(population, "JAN")) == ["1000001"]
    assert skns(matching(population, "   ")) == []
    assert len(matching(population, "100000", limit=2)) == 2
