"""T4 `multi_problem`: at least `multi_problem_min_factors` (3) criminogenic factors."""

from support import detainee, policy, score_one, state

T4_ON = policy(tiers={"multi_problem": True})


def test_t4_three_criminogenic_factors_hold() -> None:
    record = detainee(criminogenic_factors=("housing", "drugs", "finances"))
    result = score_one(record, T4_ON)
    assert result["state_T4"] == "true"
    assert result["tiers"] == ("T4",)
    assert result["tier_score"] == 1


def test_t4_two_criminogenic_factors_do_not_hold() -> None:
    result = score_one(detainee(criminogenic_factors=("housing", "drugs")), T4_ON)
    assert result["state_T4"] == "false"
    assert result["tier_score"] == 0


def test_t4_a_factor_named_twice_counts_once() -> None:
    record = detainee(criminogenic_factors=("housing", "housing", "drugs"))
    assert state(record, "T4") == "false"


def test_t4_known_empty_list_does_not_hold() -> None:
    assert state(detainee(criminogenic_factors=()), "T4") == "false"


def test_t4_unknown_factors_are_unknown() -> None:
    result = score_one(detainee(criminogenic_factors=None), T4_ON)
    assert result["state_T4"] == "unknown"
    assert result["tier_score"] == 0


def test_t4_follows_the_policy_minimum() -> None:
    record = detainee(criminogenic_factors=("housing", "drugs"))
    assert state(record, "T4", policy(multi_problem_min_factors=2)) == "true"


def test_t4_holds_but_does_not_count_when_switched_off() -> None:
    result = score_one(detainee(criminogenic_factors=("housing", "drugs", "alcohol")))
    assert result["tiers"] == ("T4",)
    assert result["tier_score"] == 0
