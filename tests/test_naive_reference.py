"""The naive per-row reference scorer (`bench/naive.py`) checked on hand-made cases.

The reference is the yardstick for the vectorised engine, so it is itself held to SOM.md
section 5 here: one rule per test, boundaries and three-valued cases spelled out.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from scoring.fields import Feed, feed_columns
from scoring.policy import DEFAULT_VIOLENCE_ARTICLES, CriteriaSwitches, Policy, TierSwitches

# `bench` is not one of the installed packages (pyproject lists scoring, feeds, … fixtures), so
# `pytest` alone cannot import it; until it is listed, find it from the repository root.
_REPOSITORY = str(Path(__file__).resolve().parents[1])
if _REPOSITORY not in sys.path:
    sys.path.insert(0, _REPOSITORY)

from bench.naive import (  # noqa: E402
    is_violence_article,
    score_row,
    score_rows,
    sr_article_number,
)

AS_OF = date(2026, 11, 29)
DEFAULT = Policy()


def days_ago(days: int) -> date:
    return AS_OF - timedelta(days=days)


def empty_cells(*feeds: Feed) -> dict[str, Any]:
    """Every column of `feeds` as an empty cell reads (`Field.empty`): unknown, false or none."""
    return {field.name: field.empty for feed in feeds for field in feed_columns(feed)}


def detainee(**changes: Any) -> dict[str, Any]:
    """A sentenced 36-year-old with current probation information that lands in weighing with
    every automated criterion known and false, the other cells empty; `changes` override single
    fields."""
    row: dict[str, Any] = empty_cells("dji", "iris") | {
        "skn": "1000001",
        "pi": "Sittard",
        "phase": "sentenced",
        "name": "Jan de Vries",
        "date_of_birth": date(1990, 1, 1),
        "intake_date": days_ago(60),
        "expected_release_date": days_ago(60) + timedelta(days=200),
        "offence_article": "310",
        "scil_lvb_indication": False,
        "has_probation_record": True,
        "latest_information_date": days_ago(10),
        "advice_requested": False,
        "om_isd_tbs_investigation": False,
        "risc_date": days_ago(30),
        "recidivism_risk": "medium",
        "criminogenic_factors": ("housing",),
        "protective_factors": ("werk", "sport"),
        "self_reliance": "sufficient",
        "motivation": "not_motivatable",
    }
    row.update(changes)
    return row


def score(policy: Policy = DEFAULT, **changes: Any) -> dict[str, Any]:
    return score_row(detainee(**changes), policy, AS_OF)


def questions(result: dict[str, Any]) -> list[tuple[str, str]]:
    return [(q["criterion"], q["band"]) for q in result["open_questions"]]


def test_fully_known_detainee_without_fired_criteria_goes_to_weighing() -> None:
    result = score()
    assert result == {
        "skn": "1000001",
        "band": "weighing",
        "provisional_band": "weighing",
        "decisive": None,
        "fired": [],
        "unknown": [],
        "open_questions": [],
        "tiers": [],
        "tier_score": 0,
        "weighing_profile": {"signals": 1, "known": 5},
        "warnings": [],
    }


# --- precedence and open questions ------------------------------------------------------------


def test_c10_with_c07_unknown_decides_and_asks_c07() -> None:
    result = score(outflow_care_authorisation=True, supervision_after_detention=None)
    assert (result["band"], result["decisive"]) == ("no_priority", "C10")
    assert result["fired"] == ["C10"]
    assert result["unknown"] == ["C07"]
    assert questions(result) == [("C07", "priority")]


def test_c10_gives_way_when_c07_fires() -> None:
    result = score(outflow_care_authorisation=True, supervision_after_detention=True)
    assert (result["band"], result["decisive"]) == ("priority", "C07")
    assert result["fired"] == ["C07", "C10"]  # C10 is still listed as fired


def test_unknown_c10_before_deciding_c07_is_an_open_question() -> None:
    result = score(outflow_care_authorisation=None, supervision_after_detention=True)
    assert (result["band"], result["decisive"]) == ("priority", "C07")
    assert result["unknown"] == ["C10"]
    assert questions(result) == []  # C07 is true, so C10 could never decide


def test_lowest_id_in_the_first_fired_step_decides() -> None:
    result = score(isd_imposed=True, no_residence_status=True, article_43_3_placement=True)
    assert (result["band"], result["decisive"]) == ("no_priority", "C01")
    assert result["fired"] == ["C01", "C08", "C09"]


def test_open_questions_are_unknowns_before_the_decisive_step_with_another_band() -> None:
    # C08 decides priority in step 2. C01 (step 1, no_priority) is asked; C02 (step 4) and
    # C04 (step 6) come after the decisive step and are not.
    result = score(
        article_43_3_placement=True,
        no_residence_status=None,
        risc_date=None,
        expected_release_date=None,
    )
    assert result["decisive"] == "C08"
    assert result["unknown"] == ["C01", "C02", "C04"]
    assert questions(result) == [("C01", "no_priority")]


def test_unknown_with_the_same_band_as_the_decided_one_is_no_question() -> None:
    result = score(isd_imposed=True, no_residence_status=None)
    assert result["decisive"] == "C09"
    assert questions(result) == []


def test_weighing_asks_every_unknown_criterion() -> None:
    result = score(
        phase="remand",
        advice_requested=None,
        no_residence_status=None,
        recidivism_risk=None,
        date_of_birth=None,
        asr_framework_applied=False,
    )
    assert result["band"] == "weighing"
    assert questions(result) == [
        ("C01", "no_priority"),
        ("C02", "no_priority"),
        ("C05", "defer"),
        ("C06", "priority"),
    ]


# --- the criteria, three-valued -------------------------------------------------------------


def test_c02_unknown_without_current_risc_and_values_ignored() -> None:
    result = score(risc_date=days_ago(366), recidivism_risk="high")
    assert result["unknown"] == ["C02"]
    assert "T3" not in result["tiers"]
    assert result["weighing_profile"] == {"signals": 0, "known": 4}


def test_c02_fires_on_low_risk_with_a_risc_of_exactly_the_maximum_age() -> None:
    result = score(risc_date=days_ago(365), recidivism_risk="low")
    assert (result["band"], result["decisive"]) == ("no_priority", "C02")


def test_c02_risc_dated_in_the_future_counts_as_current() -> None:
    result = score(risc_date=AS_OF + timedelta(days=3), recidivism_risk="low")
    assert result["decisive"] == "C02"


def test_c03_fires_without_iris_row_and_is_never_unknown() -> None:
    no_iris_row = {name: value for name, value in empty_cells("iris").items() if name != "skn"}
    result = score(**no_iris_row, has_probation_record=False)
    assert (result["band"], result["decisive"]) == ("no_priority", "C03")
    assert "C03" not in result["unknown"]


@pytest.mark.parametrize(
    ("latest", "risc", "fires"),
    [
        (days_ago(365), None, False),
        (days_ago(366), None, True),
        (None, None, True),
        (days_ago(400), days_ago(100), False),  # the newer of the two dates counts
        (None, days_ago(500), True),
    ],
)
def test_c03_takes_the_newest_of_information_and_risc_date(
    latest: date | None, risc: date | None, fires: bool
) -> None:
    result = score(latest_information_date=latest, risc_date=risc)
    assert ("C03" in result["fired"]) is fires


@pytest.mark.parametrize(("stay", "fires"), [(27, True), (28, False)])
def test_c04_short_stay_is_strictly_under_short_stay_days(stay: int, fires: bool) -> None:
    result = score(expected_release_date=days_ago(60) + timedelta(days=stay))
    assert ("C04" in result["fired"]) is fires


def test_c04_unknown_when_release_date_missing() -> None:
    assert score(expected_release_date=None)["unknown"] == ["C04"]


def test_c05_true_when_either_flag_true_even_if_the_other_is_unknown() -> None:
    result = score(phase="remand", advice_requested=None, om_isd_tbs_investigation=True)
    assert (result["band"], result["decisive"]) == ("defer", "C05")


def test_c05_and_c06_are_false_for_a_sentenced_detainee() -> None:
    result = score(advice_requested=True, date_of_birth=date(2006, 1, 1))
    assert "C05" not in result["fired"] + result["unknown"]
    assert "C06" not in result["fired"] + result["unknown"]


def test_c06_false_for_a_forty_year_old_with_asr_unknown() -> None:
    result = score(phase="remand", date_of_birth=date(1986, 5, 1))
    assert "C06" not in result["fired"] + result["unknown"]


def test_c06_unknown_age_is_unknown_unless_asr_applied() -> None:
    assert "C06" in score(phase="remand", date_of_birth=None)["unknown"]
    assert (
        "C06"
        not in score(phase="remand", date_of_birth=None, asr_framework_applied=True)["unknown"]
    )


@pytest.mark.parametrize(
    ("birth", "fires"),
    [
        (date(2008, 11, 29), True),  # 18 today
        (date(2008, 11, 30), False),  # 17, 18 tomorrow
        (date(2003, 11, 30), True),  # 22, 23 tomorrow
        (date(2003, 11, 29), False),  # 23 today
    ],
)
def test_c06_age_in_whole_years_half_open_range(birth: date, fires: bool) -> None:
    result = score(phase="remand", date_of_birth=birth, asr_framework_applied=False)
    assert ("C06" in result["fired"]) is fires
    assert ("T5" in result["tiers"]) is fires


def test_c09_kleene_or_of_isd_and_tbs() -> None:
    assert score(isd_imposed=None, tbs_imposed=True)["decisive"] == "C09"
    assert score(isd_imposed=None, tbs_imposed=False)["unknown"] == ["C09"]


def test_switched_off_criteria_are_neither_fired_nor_unknown_nor_asked() -> None:
    policy = Policy(criteria=CriteriaSwitches(no_probation_information=False, short_stay=False))
    result = score(
        policy,
        has_probation_record=False,
        latest_information_date=None,
        risc_date=None,
        expected_release_date=None,
        no_residence_status=None,
    )
    assert result["band"] == "weighing"
    assert result["fired"] == []
    assert result["unknown"] == ["C01", "C02"]
    assert questions(result) == [("C01", "no_priority"), ("C02", "no_priority")]


# --- not yet, warnings -----------------------------------------------------------------------


@pytest.mark.parametrize(("days", "band"), [(20, "not_yet"), (21, "no_priority")])
def test_not_yet_before_screening_day_keeps_provisional_band(days: int, band: str) -> None:
    result = score(
        intake_date=days_ago(days),
        expected_release_date=days_ago(days - 10),
        no_residence_status=True,
    )
    assert (result["band"], result["provisional_band"]) == (band, "no_priority")
    assert result["decisive"] == "C01"


def test_missing_intake_date_is_scored_with_a_warning() -> None:
    result = score(intake_date=None)
    assert result["band"] == "weighing"
    assert result["warnings"] == ["intake_date missing"]
    assert result["unknown"] == ["C04"]


# --- tiers and the weighing profile ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("300", (300, "")),
        ("Sr 300", (300, "")),
        ("art. 287 Sr", (287, "")),
        ("art 285", (285, "")),
        ("WvSr 312 lid 2", (312, "")),
        ("273f", (273, "f")),
        ("ART.300SR", (300, "")),
        ("art. 300 lid 3 WvSr", (300, "")),
        ("300 sr", (300, "")),
        ("Opiumwet 2", None),
        ("WVW 8", None),
        ("WWM 26", None),
        ("310/311", None),
        ("", None),
        (None, None),
        ("lid 2", None),
        ("art.", None),
        ("sr.300", None),
    ],
)
def test_t2_reads_sr_article_forms(text: str | None, number: tuple[int, str] | None) -> None:
    assert sr_article_number(text) == number


def test_t2_article_with_a_letter_is_never_a_listed_violence_article() -> None:
    assert not is_violence_article("300a", DEFAULT_VIOLENCE_ARTICLES)
    assert is_violence_article("WvSr 300 lid 1", DEFAULT_VIOLENCE_ARTICLES)
    assert not is_violence_article("Opiumwet 2", DEFAULT_VIOLENCE_ARTICLES)


def test_tiers_hold_regardless_of_switches_but_only_switched_on_ones_score() -> None:
    changes: dict[str, Any] = {
        "scil_lvb_indication": True,
        "offence_article": "art. 302 Sr",
        "recidivism_risk": "high",
        "criminogenic_factors": ("housing", "drugs", "finances"),
        "date_of_birth": date(2005, 6, 1),
    }
    assert score(**changes)["tiers"] == ["T1", "T2", "T3", "T4", "T5"]
    assert score(**changes)["tier_score"] == 0
    policy = Policy(tiers=TierSwitches(lvb=True, multi_problem=True))
    assert score(policy, **changes)["tier_score"] == 2


def test_t4_counts_distinct_criminogenic_factors() -> None:
    assert "T4" not in score(criminogenic_factors=("drugs", "drugs", "housing"))["tiers"]
    assert "T4" not in score(criminogenic_factors=None)["tiers"]


def test_weighing_profile_counts_signals_and_known() -> None:
    result = score(
        recidivism_risk="high",
        criminogenic_factors=("housing", "drugs", "alcohol"),
        protective_factors=(),
        self_reliance="limited",
        motivation="motivatable",
    )
    assert result["weighing_profile"] == {"signals": 5, "known": 5}
    unknowns = score(
        criminogenic_factors=None,
        protective_factors=None,
        self_reliance=None,
        motivation=None,
        risc_date=None,
    )
    assert unknowns["weighing_profile"] == {"signals": 0, "known": 0}


# --- order ------------------------------------------------------------------------------------


def test_dashboard_order_band_then_tier_score_then_intake_then_skn() -> None:
    policy = Policy(tiers=TierSwitches(lvb=True))
    rows = [
        detainee(skn="7", no_residence_status=True),  # no_priority
        detainee(skn="6", intake_date=days_ago(3)),  # not_yet
        detainee(skn="5", phase="remand", advice_requested=True),  # defer
        detainee(skn="4", intake_date=None),  # weighing, unknown
        detainee(skn="3", intake_date=days_ago(90)),  # weighing, older
        detainee(skn="22", intake_date=days_ago(60)),  # weighing, skn tie
        detainee(skn="21", intake_date=days_ago(60)),
        detainee(skn="1", intake_date=days_ago(30), scil_lvb_indication=True),  # tier score 1
        detainee(skn="0", supervision_after_detention=True),  # priority
    ]
    order = [result["skn"] for result in score_rows(rows, policy, AS_OF)]
    assert order == ["0", "1", "3", "21", "22", "4", "5", "6", "7"]
