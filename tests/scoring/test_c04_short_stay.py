"""C04 `short_stay` (Verblijfsduur < 4 weken): step 6, no_priority, both phases.

True when `expected_release_date` − `intake_date` < `short_stay_days` (27 days: true; 28:
false); unknown when either date is missing. The policy can switch it off (`criteria.short_stay`).
"""

from datetime import timedelta
from typing import Any

from support import assert_scored, days_ago, detainee, policy, score_one, sentenced, state

from scoring import DetaineeInputs

INTAKE = days_ago(40)
SWITCHED_OFF = policy(criteria={"short_stay": False})


def staying(days: int, **fields: Any) -> DetaineeInputs:
    return detainee(intake_date=INTAKE, expected_release_date=INTAKE + timedelta(days), **fields)


def test_c04_stay_of_27_days_is_short() -> None:
    fired = ("C04",)
    assert_scored(staying(27), state_C04="true", band="no_priority", decisive="C04", fired=fired)


def test_c04_stay_of_28_days_is_not_short() -> None:
    result = score_one(staying(28))
    assert result["state_C04"] == "false"
    assert result["band"] == "weighing"


def test_c04_applies_after_the_verdict_too() -> None:
    record = sentenced(intake_date=INTAKE, expected_release_date=INTAKE + timedelta(10))
    assert score_one(record)["decisive"] == "C04"


def test_c04_release_before_intake_is_short() -> None:
    assert state(staying(-1), "C04") == "true"


def test_c04_missing_release_date_is_unknown() -> None:
    open_questions = (("C04", "no_priority"),)
    record = detainee(expected_release_date=None)
    assert_scored(record, state_C04="unknown", unknown=("C04",), open_questions=open_questions)


def test_c04_missing_intake_date_is_unknown_and_still_scored() -> None:
    result = score_one(detainee(intake_date=None))
    assert result["state_C04"] == "unknown"
    assert result["band"] == "weighing"
    assert result["warnings"] == ("intake_date missing",)


def test_c04_follows_the_policy_short_stay_days() -> None:
    assert state(staying(10), "C04", policy(short_stay_days=11)) == "true"
    assert state(staying(10), "C04", policy(short_stay_days=10)) == "false"


def test_c04_switched_off_never_decides() -> None:
    result = score_one(staying(3), SWITCHED_OFF)
    assert result["state_C04"] == "off"
    assert "C04" not in result["fired"]
    assert (result["band"], result["decisive"]) == ("weighing", None)


def test_c04_switched_off_is_neither_unknown_nor_an_open_question() -> None:
    result = score_one(detainee(expected_release_date=None), SWITCHED_OFF)
    assert result["state_C04"] == "off"
    assert "C04" not in result["unknown"]
    assert result["open_questions"] == ()
