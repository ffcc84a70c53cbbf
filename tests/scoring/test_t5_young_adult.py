"""T5 `young_adult`: age in [18, 23) at `as_of`, in either phase."""

from datetime import timedelta

from support import assert_scored, birthday, detainee, policy, score_one, sentenced, state

T5_ON = policy(tiers={"young_adult": True})


def test_t5_aged_22_holds() -> None:
    record = detainee(date_of_birth=birthday(22))
    assert_scored(record, T5_ON, state_T5="true", tiers=("T5",), tier_score=1)


def test_t5_the_day_before_the_23rd_birthday_holds() -> None:
    assert state(detainee(date_of_birth=birthday(23) + timedelta(days=1)), "T5") == "true"


def test_t5_on_the_23rd_birthday_does_not_hold() -> None:
    result = score_one(detainee(date_of_birth=birthday(23)), T5_ON)
    assert result["state_T5"] == "false"
    assert result["tier_score"] == 0


def test_t5_on_the_18th_birthday_holds() -> None:
    assert state(detainee(date_of_birth=birthday(18)), "T5") == "true"


def test_t5_the_day_before_the_18th_birthday_does_not_hold() -> None:
    assert state(detainee(date_of_birth=birthday(18) + timedelta(days=1)), "T5") == "false"


def test_t5_unknown_date_of_birth_is_unknown() -> None:
    result = score_one(detainee(date_of_birth=None), T5_ON)
    assert result["state_T5"] == "unknown"
    assert result["tier_score"] == 0


def test_t5_applies_after_the_verdict_too() -> None:
    # Unlike C06, the tier is not bound to remand.
    record = sentenced(date_of_birth=birthday(20))
    assert_scored(record, T5_ON, state_C06="out_of_phase", tiers=("T5",), tier_score=1)


def test_t5_follows_the_policy_young_adult_age() -> None:
    record = detainee(date_of_birth=birthday(24))
    assert state(record, "T5", policy(young_adult_age=(18, 25))) == "true"


def test_t5_never_changes_the_band() -> None:
    record = detainee(date_of_birth=birthday(20), asr_framework_applied=False)
    assert score_one(record, T5_ON)["band"] == score_one(record)["band"] == "priority"
