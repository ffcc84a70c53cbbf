"""C03 `no_probation_information` (Geen informatie bij reclassering): step 7, no_priority.

True when there is no `iris` row, or the newest of `latest_information_date` and `risc_date`
is absent or older than `information_max_age_days` (365 days old: false; 366: true). It is
never unknown. The policy can switch it off (`criteria.no_probation_information`).
"""

import pytest
from support import days_ago, detainee, policy, score_one, sentenced, state, without_iris_row

SWITCHED_OFF = policy(criteria={"no_probation_information": False})


def test_c03_no_iris_row_gives_no_priority() -> None:
    result = score_one(without_iris_row(phase="sentenced"))
    assert result["band"] == "no_priority"
    assert result["decisive"] == "C03"
    assert result["fired"] == ("C03",)
    # Without a RISC, C02 is unknown; it would lead to the same band, so it is no open question.
    assert result["unknown"] == ("C02",)
    assert result["open_questions"] == ()


def test_c03_no_iris_row_in_remand_leaves_the_unknown_advice_open() -> None:
    result = score_one(without_iris_row())
    assert result["state_C03"] == "true"
    assert (result["band"], result["decisive"]) == ("no_priority", "C03")
    # No RISC: C02 unknown, but it leads to the same band; C05 unknown would defer.
    assert result["unknown"] == ("C02", "C05")
    assert result["open_questions"] == (("C05", "defer"),)


def test_c03_record_without_any_date_is_true() -> None:
    record = detainee(latest_information_date=None, risc_date=None)
    assert state(record, "C03") == "true"


def test_c03_information_of_365_days_old_is_current() -> None:
    record = detainee(latest_information_date=days_ago(365), risc_date=None)
    assert state(record, "C03") == "false"


def test_c03_information_of_366_days_old_is_no_information() -> None:
    record = detainee(latest_information_date=days_ago(366), risc_date=None)
    result = score_one(record)
    assert result["state_C03"] == "true"
    assert (result["band"], result["decisive"]) == ("no_priority", "C03")


def test_c03_risc_of_365_days_old_counts_as_current_information() -> None:
    record = detainee(latest_information_date=None, risc_date=days_ago(365))
    assert state(record, "C03") == "false"


def test_c03_risc_of_366_days_old_is_no_information() -> None:
    record = detainee(latest_information_date=None, risc_date=days_ago(366))
    assert state(record, "C03") == "true"


@pytest.mark.parametrize(
    ("information_days", "risc_days"), [(400, 100), (100, 400), (366, 365), (365, 366)]
)
def test_c03_the_newest_of_information_and_risc_date_counts(
    information_days: int, risc_days: int
) -> None:
    record = detainee(
        latest_information_date=days_ago(information_days), risc_date=days_ago(risc_days)
    )
    assert state(record, "C03") == "false"


def test_c03_information_dated_after_as_of_is_current() -> None:
    assert state(detainee(latest_information_date=days_ago(-3), risc_date=None), "C03") == "false"


def test_c03_follows_the_policy_information_max_age() -> None:
    record = detainee(latest_information_date=days_ago(31), risc_date=None)
    assert state(record, "C03", policy(information_max_age_days=31)) == "false"
    assert state(record, "C03", policy(information_max_age_days=30)) == "true"


def test_c03_is_never_unknown() -> None:
    records = [
        without_iris_row(),
        detainee(latest_information_date=None, risc_date=None),
        detainee(latest_information_date=None, risc_date=None, recidivism_risk=None),
    ]
    for record in records:
        result = score_one(record)
        assert result["state_C03"] == "true"
        assert "C03" not in result["unknown"]


def test_c03_switched_off_is_neither_fired_nor_decisive() -> None:
    result = score_one(sentenced(latest_information_date=None, risc_date=None), SWITCHED_OFF)
    assert result["state_C03"] == "off"
    assert "C03" not in result["fired"] + result["unknown"]
    assert result["band"] == "weighing"
    assert result["decisive"] is None


def test_c03_switched_off_does_not_hide_other_criteria() -> None:
    result = score_one(without_iris_row(phase="sentenced"), SWITCHED_OFF)
    assert result["state_C03"] == "off"
    assert (result["band"], result["decisive"]) == ("weighing", None)
    assert result["unknown"] == ("C02",)
    assert result["open_questions"] == (("C02", "no_priority"),)
