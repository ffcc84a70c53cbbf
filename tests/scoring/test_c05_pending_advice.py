"""C05 `pending_advice` (Lopende adviesvraag): step 3, defer, remand only.

`advice_requested` or `om_isd_tbs_investigation`, in Kleene logic. For a sentenced detainee
the state is 'out_of_phase' and counts as false.
"""

import pytest
from support import KLEENE_OR, assert_scored, detainee, score_one, sentenced


def test_c05_pending_advice_defers() -> None:
    record = detainee(advice_requested=True)
    assert_scored(record, state_C05="true", band="defer", decisive="C05", fired=("C05",))


def test_c05_prosecutor_investigating_isd_or_tbs_defers() -> None:
    result = score_one(detainee(om_isd_tbs_investigation=True))
    assert (result["band"], result["decisive"]) == ("defer", "C05")


@pytest.mark.parametrize(("advice", "investigation", "expected"), KLEENE_OR)
def test_c05_combines_its_flags_with_kleene_or(
    advice: bool | None, investigation: bool | None, expected: str
) -> None:
    record = detainee(advice_requested=advice, om_isd_tbs_investigation=investigation)
    assert score_one(record)["state_C05"] == expected


def test_c05_unknown_is_an_open_question_for_defer() -> None:
    result = score_one(detainee(advice_requested=None))
    assert result["band"] == "weighing"
    assert result["open_questions"] == (("C05", "defer"),)


def test_c05_is_out_of_phase_after_the_verdict() -> None:
    record = sentenced(advice_requested=True, om_isd_tbs_investigation=True)
    result = assert_scored(record, state_C05="out_of_phase", band="weighing", decisive=None)
    assert "C05" not in result["fired"]


def test_c05_out_of_phase_is_not_unknown() -> None:
    result = score_one(sentenced(advice_requested=None, om_isd_tbs_investigation=None))
    assert result["state_C05"] == "out_of_phase"
    assert "C05" not in result["unknown"]
    assert result["open_questions"] == ()
