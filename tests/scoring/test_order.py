"""Order of the list (SOM.md): bands priority, weighing, defer, not_yet, no_priority; within a
band tier score high to low, then `intake_date` oldest first (unknown last), then `skn`.
"""

from support import ALL_TIERS_ON, birthday, days_ago, detainee, score_all

from scoring import DetaineeInputs, Policy, result_records

PRIORITY = {"supervision_after_detention": True}
DEFER = {"advice_requested": True}
NO_PRIORITY = {"no_residence_status": True}


def skns(records: list[DetaineeInputs], policy: Policy | None = None) -> list[str]:
    return list(score_all(records, policy)["skn"])


def test_order_bands_from_priority_to_no_priority() -> None:
    records = [
        detainee(skn="no_priority", **NO_PRIORITY),
        detainee(skn="not_yet", intake_date=days_ago(3)),
        detainee(skn="defer", **DEFER),
        detainee(skn="weighing"),
        detainee(skn="priority", **PRIORITY),
    ]
    assert skns(records) == ["priority", "weighing", "defer", "not_yet", "no_priority"]


def test_order_places_not_yet_by_its_band_not_its_provisional_band() -> None:
    records = [
        detainee(skn="a", intake_date=days_ago(3), **PRIORITY),
        detainee(skn="b", **NO_PRIORITY),
        detainee(skn="c", **DEFER),
    ]
    assert skns(records) == ["c", "a", "b"]


def test_order_within_a_band_puts_the_higher_tier_score_first() -> None:
    records = [
        detainee(skn="1", intake_date=days_ago(100)),
        detainee(skn="2", intake_date=days_ago(50), scil_lvb_indication=True),
        detainee(
            skn="3", intake_date=days_ago(30), scil_lvb_indication=True, offence_article="300"
        ),
    ]
    assert skns(records, policy=ALL_TIERS_ON) == ["3", "2", "1"]


def test_order_band_comes_before_tier_score() -> None:
    records = [
        detainee(skn="w"),
        detainee(skn="n", date_of_birth=birthday(20), offence_article="300", **NO_PRIORITY),
    ]
    results = score_all(records, ALL_TIERS_ON)
    assert list(results["skn"]) == ["w", "n"]
    assert list(results["tier_score"]) == [0, 2]


def test_order_switched_off_tiers_do_not_reorder() -> None:
    records = [
        detainee(skn="1", intake_date=days_ago(100)),
        detainee(skn="2", intake_date=days_ago(50), scil_lvb_indication=True),
    ]
    assert skns(records) == ["1", "2"]


def test_order_within_a_band_and_tier_score_oldest_intake_first() -> None:
    records = [
        detainee(skn="1", intake_date=days_ago(30)),
        detainee(skn="2", intake_date=days_ago(300)),
        detainee(skn="3", intake_date=days_ago(31)),
    ]
    assert skns(records) == ["2", "3", "1"]


def test_order_unknown_intake_date_comes_last_in_its_band() -> None:
    records = [
        detainee(skn="1", intake_date=None),
        detainee(skn="2", intake_date=days_ago(30)),
        detainee(skn="3", intake_date=days_ago(3000)),
        detainee(skn="4", intake_date=None, **PRIORITY),
    ]
    assert skns(records) == ["4", "3", "2", "1"]


def test_order_tier_score_comes_before_intake_date() -> None:
    records = [
        detainee(skn="old", intake_date=days_ago(400)),
        detainee(skn="tier", intake_date=None, scil_lvb_indication=True),
    ]
    assert skns(records, policy=ALL_TIERS_ON) == ["tier", "old"]


def test_order_ties_are_broken_by_skn_as_text() -> None:
    same = days_ago(40)
    records = [detainee(skn=skn, intake_date=same) for skn in ["9", "10", "100", "2"]]
    assert skns(records) == ["10", "100", "2", "9"]


def test_order_ties_without_intake_date_are_broken_by_skn() -> None:
    records = [detainee(skn=skn, intake_date=None) for skn in ["b", "a", "c"]]
    assert skns(records) == ["a", "b", "c"]


def test_order_keeps_one_row_per_detainee_with_its_input_index() -> None:
    records = [detainee(skn=str(n), intake_date=days_ago(30 + n)) for n in range(5)]
    results = score_all(records)
    assert sorted(results.index) == list(range(5))
    assert all(results.loc[n, "skn"] == str(n) for n in range(5))


def test_order_of_the_json_records_is_the_result_order() -> None:
    records = [detainee(skn="b"), detainee(skn="a", **PRIORITY)]
    assert [r["skn"] for r in result_records(score_all(records))] == ["a", "b"]


def test_empty_population_gives_an_empty_list() -> None:
    results = score_all([])
    assert len(results) == 0
    assert result_records(results) == []
