"""T3 `high_risk`: a current RISC (at most `risc_max_age_days` old) rates the risk high."""

import pytest
from support import days_ago, detainee, policy, score_one, state

T3_ON = policy(tiers={"high_risk": True})


def test_t3_current_high_risk_holds() -> None:
    result = score_one(detainee(recidivism_risk="high"), T3_ON)
    assert result["state_T3"] == "true"
    assert result["tiers"] == ("T3",)
    assert result["tier_score"] == 1


@pytest.mark.parametrize("risk", ["low", "medium"])
def test_t3_lower_risk_does_not_hold(risk: str) -> None:
    result = score_one(detainee(recidivism_risk=risk), T3_ON)
    assert result["state_T3"] == "false"
    assert result["tier_score"] == 0


def test_t3_unknown_risk_is_unknown() -> None:
    assert state(detainee(recidivism_risk=None), "T3") == "unknown"


def test_t3_high_risk_without_a_risc_date_is_not_held() -> None:
    result = score_one(detainee(risc_date=None, recidivism_risk="high"), T3_ON)
    assert result["state_T3"] == "unknown"
    assert result["tiers"] == ()
    assert result["tier_score"] == 0


def test_t3_risc_of_365_days_old_holds() -> None:
    assert state(detainee(risc_date=days_ago(365), recidivism_risk="high"), "T3") == "true"


def test_t3_risc_of_366_days_old_is_not_held() -> None:
    result = score_one(detainee(risc_date=days_ago(366), recidivism_risk="high"), T3_ON)
    assert result["state_T3"] == "unknown"
    assert result["tier_score"] == 0


def test_t3_risc_dated_after_as_of_counts_as_current() -> None:
    assert state(detainee(risc_date=days_ago(-1), recidivism_risk="high"), "T3") == "true"


def test_t3_holds_but_does_not_count_when_switched_off() -> None:
    result = score_one(detainee(recidivism_risk="high"))
    assert result["tiers"] == ("T3",)
    assert result["tier_score"] == 0
