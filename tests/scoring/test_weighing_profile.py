"""The weighing profile: how many of the report's five consensus signals hold, and how many
are known. Signals: current RISC risk medium/high; criminogenic factors ≥ 3 (fixed by the
report, not the T4 policy threshold); protective factors ≤ 1; self-reliance `limited`; motivation
`motivatable`. The profile informs; it never sets the band.
"""

import pytest
from support import days_ago, detainee, policy, score_all, score_one, sentenced

from scoring import result_records

FULL_PROFILE = {
    "recidivism_risk": "high",
    "criminogenic_factors": ("housing", "drugs", "finances"),
    "protective_factors": ("family",),
    "self_reliance": "limited",
    "motivation": "motivatable",
}


def profile(**fields: object) -> tuple[int, int]:
    result = score_one(detainee(**fields))
    return int(result["profile_signals"]), int(result["profile_known"])


def test_profile_all_five_signals_hold() -> None:
    assert profile(**FULL_PROFILE) == (5, 5)


def test_profile_of_the_plain_detainee_has_only_the_risk_signal() -> None:
    assert profile() == (1, 5)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("recidivism_risk", "low"),
        ("criminogenic_factors", ("housing", "drugs")),
        ("protective_factors", ("family", "work")),
        ("self_reliance", "sufficient"),
        ("motivation", "not_motivatable"),
    ],
)
def test_profile_signal_that_does_not_hold_is_still_known(field: str, value: object) -> None:
    assert profile(**{**FULL_PROFILE, field: value}) == (4, 5)


@pytest.mark.parametrize(
    "field",
    [
        "recidivism_risk",
        "criminogenic_factors",
        "protective_factors",
        "self_reliance",
        "motivation",
    ],
)
def test_profile_unknown_signal_is_not_counted_as_known(field: str) -> None:
    assert profile(**{**FULL_PROFILE, field: None}) == (4, 4)


def test_profile_medium_risk_is_a_signal() -> None:
    assert profile(**{**FULL_PROFILE, "recidivism_risk": "medium"}) == (5, 5)


def test_profile_risk_of_an_old_risc_is_unknown() -> None:
    assert profile(**FULL_PROFILE, risc_date=days_ago(366)) == (4, 4)


def test_profile_risk_of_a_risc_365_days_old_counts() -> None:
    assert profile(**FULL_PROFILE, risc_date=days_ago(365)) == (5, 5)


def test_profile_risk_without_a_risc_date_is_unknown() -> None:
    assert profile(**FULL_PROFILE, risc_date=None) == (4, 4)


@pytest.mark.parametrize(
    ("factors", "holds"), [((), True), (("family",), True), (("a", "b"), False)]
)
def test_profile_few_protective_factors_means_at_most_one(
    factors: tuple[str, ...], holds: bool
) -> None:
    assert profile(**{**FULL_PROFILE, "protective_factors": factors}) == (4 + holds, 5)


def test_profile_many_criminogenic_factors_means_at_least_three_whatever_the_t4_threshold() -> None:
    two = detainee(**{**FULL_PROFILE, "criminogenic_factors": ("housing", "drugs")})
    assert score_one(two)["profile_signals"] == 4
    assert score_one(two, policy(multi_problem_min_factors=2))["profile_signals"] == 4
    three = detainee(**{**FULL_PROFILE, "criminogenic_factors": ("housing", "drugs", "alcohol")})
    assert score_one(three, policy(multi_problem_min_factors=5))["profile_signals"] == 5


def test_profile_never_sets_the_band() -> None:
    assert score_one(detainee(**FULL_PROFILE))["band"] == "weighing"
    assert score_one(sentenced(**FULL_PROFILE, isd_imposed=True))["band"] == "no_priority"
    assert score_one(detainee(**FULL_PROFILE, advice_requested=True))["band"] == "defer"


def test_profile_appears_in_the_json_record() -> None:
    records = result_records(score_all([detainee(**{**FULL_PROFILE, "motivation": None})]))
    assert records[0]["weighing_profile"] == {"signals": 4, "known": 4}
