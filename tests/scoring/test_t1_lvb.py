"""T1 `lvb`: the SCIL screener suggests a possible mild intellectual disability.

The `tiers` list shows every tier that holds whatever the switches; `tier_score` counts only
tiers switched on. Tiers never change a band.
"""

from support import assert_scored, detainee, policy, score_one, sentenced

LVB_ON = policy(tiers={"lvb": True})


def test_t1_lvb_indication_holds_and_counts_when_switched_on() -> None:
    record = detainee(scil_lvb_indication=True)
    assert_scored(record, LVB_ON, state_T1="true", tiers=("T1",), tier_score=1)


def test_t1_holds_but_does_not_count_when_switched_off() -> None:
    result = score_one(detainee(scil_lvb_indication=True))
    assert result["tiers"] == ("T1",)
    assert result["tier_score"] == 0


def test_t1_no_lvb_indication_does_not_hold() -> None:
    record = detainee(scil_lvb_indication=False)
    assert_scored(record, LVB_ON, state_T1="false", tiers=(), tier_score=0)


def test_t1_unknown_indication_does_not_hold() -> None:
    record = detainee(scil_lvb_indication=None)
    assert_scored(record, LVB_ON, state_T1="unknown", tiers=(), tier_score=0)


def test_t1_applies_in_both_phases() -> None:
    assert score_one(sentenced(scil_lvb_indication=True), LVB_ON)["tier_score"] == 1


def test_t1_never_changes_the_band() -> None:
    record = detainee(scil_lvb_indication=True, advice_requested=True)
    off, on = score_one(record), score_one(record, LVB_ON)
    assert (on["band"], on["decisive"]) == (off["band"], off["decisive"]) == ("defer", "C05")
