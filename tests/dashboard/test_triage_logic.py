"""The list screen's steps as plain functions: filters, counts, and the table in words."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import pytest

from dashboard.i18n import catalogue
from dashboard.triage import Filters, apply_filters, band_counts, matching, table_frame
from scoring.policy import Policy
from storage.views import bands_shown
from storage.views_list import finished_rows

DUTCH = catalogue("nl")
ENGLISH = catalogue("en")
AS_OF = date(2026, 11, 29)


def row(skn: str, band: str, **values: Any) -> dict[str, Any]:
    """One row of storage's list; `effective_band` defaults to the automated band."""
    defaults: dict[str, Any] = {
        "admission_id": int(skn),
        "skn": skn,
        "name": f"Naam {skn}",
        "pi": "Sittard",
        "phase": "remand",
        "intake_date": pd.Timestamp("2026-10-01"),
        "band": band,
        "provisional_band": band,
        "effective_band": band,
        "decisive": None,
        "open_questions": (),
        "warnings": (),
        "tier_score": 0,
        "profile_signals": 0,
        "profile_known": 5,
        "override_id": None,
        "override_band": None,
        "override_reason": None,
        "override_by": None,
        "override_stale": False,
        "decision": None,
        "unseen_signals": 0,
    }
    defaults.update(values)
    defaults["has_new_signal"] = defaults["unseen_signals"] > 0
    defaults["has_open_questions"] = bool(defaults["open_questions"])
    return defaults


def frame(*rows: dict[str, Any], policy: Policy | None = None) -> pd.DataFrame:
    """The rows as storage finishes them for the list (shown band, reason, markers)."""
    table = pd.DataFrame(list(rows))
    table["intake_date"] = table["intake_date"].astype("datetime64[s]")
    table["override_id"] = table["override_id"].astype(object)
    return finished_rows(table, policy or Policy(), AS_OF)


def skns(table: pd.DataFrame) -> list[str]:
    return table["skn"].tolist()


@pytest.fixture
def population() -> pd.DataFrame:
    return frame(
        row("1000001", "priority", name="Jan Jansen", pi="Arnhem"),
        row("1000002", "weighing", phase="sentenced", unseen_signals=1),
        row("1000003", "defer", open_questions=(("C01", "no_priority"),)),
        row("1000004", "no_priority", name=None, pi="Vught"),
    )


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
    counts = band_counts(population, bands_shown(split_weighing=False))
    assert counts.to_dict() == {
        "priority": 1,
        "weighing": 1,
        "defer": 1,
        "not_yet": 0,
        "no_priority": 1,
    }


def test_counts_follow_the_split_of_the_weighing_band() -> None:
    policy = Policy(split_weighing=True)
    rows = frame(row("1", "weighing", tier_score=2), row("2", "weighing"), policy=policy)
    assert list(band_counts(rows, bands_shown(split_weighing=True)).index) == [
        "priority",
        "weighing_first",
        "weighing_if_time",
        "defer",
        "not_yet",
        "no_priority",
    ]


def test_the_table_shows_the_automated_band_only_where_an_override_differs() -> None:
    rows = frame(
        row(
            "1",
            "no_priority",
            effective_band="priority",
            override_id=7,
            override_band="priority",
            override_reason="cm_concern",
            override_by="Anna de Vries",
        ),
        row("2", "weighing"),
    )
    table = table_frame(rows, DUTCH, tiers_on=False)
    assert table["markers"].tolist() == [["override"], []]
    assert table["band"].tolist() == [["prioriteit"], ["professionele weging"]]
    assert table["automated_band"].tolist() == ["geen prioriteit", ""]
    assert table["phase"].tolist() == ["preventief (HvB)", "preventief (HvB)"]
    assert "tier_score" not in table.columns


def test_the_table_says_the_reason_and_markers_in_the_users_language() -> None:
    rows = frame(row("1", "priority", decisive="C07", unseen_signals=1))
    assert table_frame(rows, DUTCH, tiers_on=True)["reason"].tolist() == [
        "Toezicht na detentie (C07)"
    ]
    english = table_frame(rows, ENGLISH, tiers_on=True)
    assert english["reason"].tolist() == ["Supervision after detention (C07)"]
    assert english["markers"].tolist() == [[ENGLISH("markers.signal")]]
    assert english["tier_score"].tolist() == [0]


def test_matching_finds_by_skn_or_name_and_nothing_for_empty_text(
    population: pd.DataFrame,
) -> None:
    assert skns(matching(population, "JAN")) == ["1000001"]
    assert skns(matching(population, "   ")) == []
    assert len(matching(population, "100000", limit=2)) == 2
