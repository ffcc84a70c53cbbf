"""C02 `low_recidivism_risk` (Laag recidiverisico): step 4, no_priority, both phases.

Team reading: without a current RISC (undated, or more than `risc_max_age_days` before
`as_of`; a future date counts as current) the recidivism risk is unknown, so C02 is unknown.
"""

import pytest
from support import days_ago, detainee, policy, score_one, sentenced, state


def test_c02_current_low_risk_gives_no_priority() -> None:
    result = score_one(detainee(recidivism_risk="low"))
    assert result["band"] == "no_priority"
    assert result["decisive"] == "C02"
    assert result["fired"] == ("C02",)


def test_c02_applies_after_the_verdict_too() -> None:
    assert score_one(sentenced(recidivism_risk="low"))["decisive"] == "C02"


@pytest.mark.parametrize("risk", ["medium", "high"])
def test_c02_medium_or_high_risk_is_false(risk: str) -> None:
    result = score_one(detainee(recidivism_risk=risk))
    assert result["state_C02"] == "false"
    assert result["band"] == "weighing"


def test_c02_unknown_risk_with_a_current_risc_is_unknown() -> None:
    result = score_one(detainee(recidivism_risk=None))
    assert result["state_C02"] == "unknown"
    assert result["unknown"] == ("C02",)


def test_c02_without_a_risc_date_is_unknown_even_when_rated_low() -> None:
    result = score_one(detainee(risc_date=None, recidivism_risk="low"))
    assert result["state_C02"] == "unknown"
    assert result["band"] == "weighing"
    assert result["open_questions"] == (("C02", "no_priority"),)


def test_c02_risc_of_365_days_old_is_current() -> None:
    assert state(detainee(risc_date=days_ago(365), recidivism_risk="low"), "C02") == "true"


def test_c02_risc_of_366_days_old_counts_as_no_risc() -> None:
    assert state(detainee(risc_date=days_ago(366), recidivism_risk="low"), "C02") == "unknown"


def test_c02_old_risc_rated_medium_is_unknown_not_false() -> None:
    assert state(detainee(risc_date=days_ago(366), recidivism_risk="medium"), "C02") == "unknown"


def test_c02_risc_dated_after_as_of_counts_as_current() -> None:
    assert state(detainee(risc_date=days_ago(-10), recidivism_risk="low"), "C02") == "true"


def test_c02_follows_the_policy_risc_max_age() -> None:
    record = detainee(risc_date=days_ago(31), recidivism_risk="low")
    assert state(record, "C02", policy(risc_max_age_days=31)) == "true"
    assert state(record, "C02", policy(risc_max_age_days=30)) == "unknown"
