"""Precedence (SOM.md section 5): the first step with a true criterion decides the band;
within a step the lowest id is decisive. Unknown criteria in an earlier step whose band differs
are open questions. Before `screening_day` the band is `not_yet`, with the step band kept as
provisional.

| step | criteria | band |  1 C01 C09 C10 no_priority · 2 C07 C08 priority · 3 C05 defer ·
4 C02 no_priority · 5 C06 priority · 6 C04 no_priority · 7 C03 no_priority · 8 weighing
"""

from datetime import timedelta
from typing import Any

import pytest
from support import birthday, days_ago, detainee, policy, score_one, sentenced

YOUNG_WITHOUT_ASR = {"date_of_birth": birthday(20), "asr_framework_applied": False}
SHORT_STAY = {"intake_date": days_ago(40), "expected_release_date": days_ago(40) + timedelta(10)}
NO_INFORMATION = {"latest_information_date": None, "risc_date": None}


def decided(**fields: Any) -> tuple[str, str | None, tuple[str, ...]]:
    result = score_one(detainee(**fields))
    return result["band"], result["decisive"], result["fired"]


# -- one test per step conflict -----------------------------------------------------------
def test_step_1_c01_beats_step_2_c07() -> None:
    assert decided(no_residence_status=True, supervision_after_detention=True) == (
        "no_priority",
        "C01",
        ("C01", "C07"),
    )


def test_step_1_c09_beats_step_2_c08() -> None:
    assert decided(isd_imposed=True, article_43_3_placement=True) == (
        "no_priority",
        "C09",
        ("C08", "C09"),
    )


def test_step_2_c07_beats_step_1_c10_when_c07_is_true() -> None:
    assert decided(outflow_care_authorisation=True, supervision_after_detention=True) == (
        "priority",
        "C07",
        ("C07", "C10"),
    )


def test_step_2_c07_beats_step_3_c05() -> None:
    assert decided(supervision_after_detention=True, advice_requested=True) == (
        "priority",
        "C07",
        ("C05", "C07"),
    )


def test_step_2_c08_beats_step_3_c05() -> None:
    band, decisive, _ = decided(article_43_3_placement=True, om_isd_tbs_investigation=True)
    assert (band, decisive) == ("priority", "C08")


def test_step_3_c05_beats_step_4_c02() -> None:
    # The risk is low, but the advice is pending: wait for it.
    fired = ("C02", "C05")
    assert decided(advice_requested=True, recidivism_risk="low") == ("defer", "C05", fired)


def test_step_4_c02_beats_step_5_c06() -> None:
    fired = ("C02", "C06")
    assert decided(recidivism_risk="low", **YOUNG_WITHOUT_ASR) == ("no_priority", "C02", fired)


def test_step_5_c06_beats_step_6_c04() -> None:
    fired = ("C04", "C06")
    assert decided(**YOUNG_WITHOUT_ASR, **SHORT_STAY) == ("priority", "C06", fired)


def test_step_5_c06_beats_step_7_c03() -> None:
    fired = ("C03", "C06")
    assert decided(**YOUNG_WITHOUT_ASR, **NO_INFORMATION) == ("priority", "C06", fired)


def test_step_6_c04_beats_step_7_c03() -> None:
    fired = ("C03", "C04")
    assert decided(**SHORT_STAY, **NO_INFORMATION) == ("no_priority", "C04", fired)


def test_step_8_nothing_fired_is_weighing() -> None:
    assert decided() == ("weighing", None, ())


def test_within_step_1_the_lowest_id_decides() -> None:
    band, decisive, fired = decided(
        no_residence_status=True, isd_imposed=True, outflow_care_authorisation=True
    )
    assert (band, decisive, fired) == ("no_priority", "C01", ("C01", "C09", "C10"))


def test_every_true_criterion_is_listed_in_fired_ascending() -> None:
    _, decisive, fired = decided(
        supervision_after_detention=True,
        article_43_3_placement=True,
        advice_requested=True,
        recidivism_risk="low",
        **YOUNG_WITHOUT_ASR,
        **SHORT_STAY,
    )
    assert decisive == "C07"
    assert fired == ("C02", "C04", "C05", "C06", "C07", "C08")


# -- open questions -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("unknown", "deciding", "decisive", "open_questions"),
    [
        # step 1 unknown before a priority step
        (
            {"no_residence_status": None},
            {"supervision_after_detention": True},
            "C07",
            (("C01", "no_priority"),),
        ),
        ({"isd_imposed": None}, {"advice_requested": True}, "C05", (("C09", "no_priority"),)),
        # step 2 unknown before defer / no_priority
        (
            {"article_43_3_placement": None},
            {"advice_requested": True},
            "C05",
            (("C08", "priority"),),
        ),
        ({"supervision_after_detention": None}, SHORT_STAY, "C04", (("C07", "priority"),)),
        # step 3 unknown before no_priority / priority
        ({"advice_requested": None}, {"recidivism_risk": "low"}, "C02", (("C05", "defer"),)),
        ({"advice_requested": None}, YOUNG_WITHOUT_ASR, "C06", (("C05", "defer"),)),
        # step 4 unknown before priority
        ({"recidivism_risk": None}, YOUNG_WITHOUT_ASR, "C06", (("C02", "no_priority"),)),
        # step 5 unknown before no_priority
        (
            {"date_of_birth": birthday(20), "asr_framework_applied": None},
            SHORT_STAY,
            "C04",
            (("C06", "priority"),),
        ),
        (
            {"date_of_birth": None, "asr_framework_applied": False},
            NO_INFORMATION,
            "C03",
            (("C06", "priority"),),
        ),
        # step 6 unknown before weighing
        ({"expected_release_date": None}, {}, None, (("C04", "no_priority"),)),
    ],
)
def test_unknown_in_an_earlier_step_with_another_band_is_an_open_question(
    unknown: dict[str, object],
    deciding: dict[str, object],
    decisive: str | None,
    open_questions: tuple[tuple[str, str], ...],
) -> None:
    result = score_one(detainee(**{**unknown, **deciding}))
    assert result["decisive"] == decisive
    assert result["open_questions"] == open_questions


@pytest.mark.parametrize(
    ("unknown", "deciding", "decisive"),
    [
        # earlier step, same band
        ({"no_residence_status": None}, {"recidivism_risk": "low"}, "C02"),
        ({"outflow_care_authorisation": None}, SHORT_STAY, "C04"),
        ({"supervision_after_detention": None}, YOUNG_WITHOUT_ASR, "C06"),
        ({"recidivism_risk": None}, SHORT_STAY, "C04"),
        ({"expected_release_date": None}, NO_INFORMATION, "C03"),
        # same step as the decisive criterion
        ({"isd_imposed": None}, {"no_residence_status": True}, "C01"),
        ({"article_43_3_placement": None}, {"supervision_after_detention": True}, "C07"),
        # later step than the decisive criterion
        ({"recidivism_risk": None}, {"supervision_after_detention": True}, "C07"),
        ({"advice_requested": None}, {"no_residence_status": True}, "C01"),
        ({"expected_release_date": None}, YOUNG_WITHOUT_ASR, "C06"),
    ],
)
def test_unknown_that_could_not_change_the_band_is_no_open_question(
    unknown: dict[str, object], deciding: dict[str, object], decisive: str
) -> None:
    result = score_one(detainee(**{**unknown, **deciding}))
    assert result["decisive"] == decisive
    assert result["unknown"] != ()
    assert result["open_questions"] == ()


def test_open_questions_are_sorted_by_id_with_the_band_each_leads_to() -> None:
    unknown_facts = [
        "expected_release_date",
        "asr_framework_applied",
        "recidivism_risk",
        "advice_requested",
        "article_43_3_placement",
        "outflow_care_authorisation",
        "no_residence_status",
    ]
    record = detainee(date_of_birth=birthday(19), **dict.fromkeys(unknown_facts, None))
    result = score_one(record)
    assert result["band"] == "weighing"
    assert result["open_questions"] == (
        ("C01", "no_priority"),
        ("C02", "no_priority"),
        ("C04", "no_priority"),
        ("C05", "defer"),
        ("C06", "priority"),
        ("C08", "priority"),
        ("C10", "no_priority"),
    )


def test_an_unknown_criterion_never_decides() -> None:
    record = detainee(
        no_residence_status=None, supervision_after_detention=None, advice_requested=None
    )
    result = score_one(record)
    assert (result["band"], result["decisive"], result["fired"]) == ("weighing", None, ())


# -- not yet prioritised -------------------------------------------------------------------
def test_day_20_after_intake_is_not_yet_with_a_provisional_band() -> None:
    result = score_one(sentenced(intake_date=days_ago(20), supervision_after_detention=True))
    assert result["band"] == "not_yet"
    assert result["provisional_band"] == "priority"
    assert result["decisive"] == "C07"
    assert result["fired"] == ("C07",)


def test_day_21_after_intake_is_scored() -> None:
    result = score_one(sentenced(intake_date=days_ago(21), supervision_after_detention=True))
    assert result["band"] == result["provisional_band"] == "priority"


def test_not_yet_open_questions_describe_the_provisional_band() -> None:
    record = sentenced(
        intake_date=days_ago(5), recidivism_risk="low", supervision_after_detention=None
    )
    result = score_one(record)
    assert result["band"] == "not_yet"
    assert (result["provisional_band"], result["decisive"]) == ("no_priority", "C02")
    assert result["open_questions"] == (("C07", "priority"),)


def test_not_yet_with_provisional_weighing_has_no_decisive_criterion() -> None:
    result = score_one(detainee(intake_date=days_ago(0)))
    assert (result["band"], result["provisional_band"]) == ("not_yet", "weighing")
    assert result["decisive"] is None


def test_intake_after_as_of_is_not_yet() -> None:
    assert score_one(detainee(intake_date=days_ago(-2)))["band"] == "not_yet"


def test_screening_day_follows_the_policy() -> None:
    record = detainee(intake_date=days_ago(14))
    assert score_one(record, policy(screening_day=14))["band"] == "weighing"
    assert score_one(record, policy(screening_day=15))["band"] == "not_yet"


def test_missing_intake_date_is_scored_with_a_warning() -> None:
    result = score_one(sentenced(intake_date=None, supervision_after_detention=True))
    assert result["band"] == "priority"
    assert result["warnings"] == ("intake_date missing",)


def test_known_intake_date_carries_no_warning() -> None:
    assert score_one(detainee())["warnings"] == ()
