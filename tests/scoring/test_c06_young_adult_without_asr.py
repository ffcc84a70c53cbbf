"""C06 `young_adult_without_asr`: step 5, priority, remand only.

Age in [18, 23) at `as_of` and `asr_framework_applied` false, in Kleene logic. Ages are whole
years; a detainee turns 23 on the birthday itself.
"""

from datetime import date, timedelta
from typing import Any

import pytest
from support import AS_OF, assert_scored, birthday, detainee, policy, score_one, sentenced, state

from scoring import DetaineeInputs


def young(age: int, days_after_birthday: int = 0, **fields: Any) -> DetaineeInputs:
    born = birthday(age) - timedelta(days=days_after_birthday)
    return detainee(date_of_birth=born, **{"asr_framework_applied": False, **fields})


def test_c06_young_adult_without_asr_gets_priority() -> None:
    assert_scored(young(20), state_C06="true", band="priority", decisive="C06", fired=("C06",))


def test_c06_aged_22_the_day_before_the_23rd_birthday_is_young_adult() -> None:
    assert state(young(23, days_after_birthday=-1), "C06") == "true"


def test_c06_on_the_23rd_birthday_is_no_longer_young_adult() -> None:
    result = score_one(young(23))
    assert result["state_C06"] == "false"
    assert result["band"] == "weighing"


def test_c06_on_the_18th_birthday_is_young_adult() -> None:
    assert state(young(18), "C06") == "true"


def test_c06_aged_17_the_day_before_the_18th_birthday_is_not_young_adult() -> None:
    assert state(young(18, days_after_birthday=-1), "C06") == "false"


def test_c06_leap_day_birthday_turns_23_on_the_first_of_march() -> None:
    record = detainee(date_of_birth=date(2004, 2, 29), asr_framework_applied=False)
    assert state(record, "C06", as_of=date(2027, 2, 28)) == "true"
    assert state(record, "C06", as_of=date(2027, 3, 1)) == "false"


def test_c06_framework_already_applied_is_false() -> None:
    assert state(young(20, asr_framework_applied=True), "C06") == "false"


@pytest.mark.parametrize(
    ("age", "asr", "expected"),
    [
        (20, None, "unknown"),
        (40, None, "false"),
        (None, True, "false"),
        (None, False, "unknown"),
        (None, None, "unknown"),
        (40, False, "false"),
    ],
)
def test_c06_combines_age_and_framework_with_kleene_and(
    age: int | None, asr: bool | None, expected: str
) -> None:
    born = None if age is None else birthday(age) - timedelta(days=100)
    record = detainee(date_of_birth=born, asr_framework_applied=asr)
    assert state(record, "C06") == expected


def test_c06_unknown_is_an_open_question_for_priority() -> None:
    result = score_one(young(20, asr_framework_applied=None))
    assert result["band"] == "weighing"
    assert result["open_questions"] == (("C06", "priority"),)


def test_c06_is_out_of_phase_after_the_verdict() -> None:
    record = sentenced(date_of_birth=birthday(20), asr_framework_applied=False)
    result = score_one(record)
    assert result["state_C06"] == "out_of_phase"
    assert "C06" not in result["fired"] + result["unknown"]
    assert result["band"] == "weighing"


def test_c06_out_of_phase_is_not_unknown() -> None:
    result = score_one(sentenced(date_of_birth=None, asr_framework_applied=None))
    assert result["state_C06"] == "out_of_phase"
    assert result["open_questions"] == ()


def test_c06_follows_the_policy_young_adult_age() -> None:
    record = young(24)
    assert state(record, "C06") == "false"
    assert state(record, "C06", policy(young_adult_age=(18, 25))) == "true"


def test_c06_age_is_counted_at_as_of_not_today() -> None:
    record = detainee(date_of_birth=birthday(23), asr_framework_applied=False)
    assert state(record, "C06", as_of=AS_OF - timedelta(days=1)) == "true"
    assert state(record, "C06", as_of=AS_OF) == "false"
