"""C07 `supervision_after_detention` (Toezicht na detentie): step 2, priority, any phase."""

from support import assert_scored, detainee, score_one, sentenced


def test_c07_supervision_after_detention_gives_priority() -> None:
    record = sentenced(supervision_after_detention=True)
    assert_scored(record, state_C07="true", band="priority", decisive="C07", fired=("C07",))


def test_c07_applies_in_remand_too() -> None:
    result = score_one(detainee(supervision_after_detention=True))
    assert (result["band"], result["decisive"]) == ("priority", "C07")


def test_c07_unticked_checkbox_is_false() -> None:
    result = score_one(sentenced())
    assert result["state_C07"] == "false"
    assert result["band"] == "weighing"


def test_c07_unknown_is_an_open_question_for_priority() -> None:
    result = assert_scored(sentenced(supervision_after_detention=None), state_C07="unknown")
    assert result["unknown"] == ("C07",)
    assert (result["band"], result["decisive"]) == ("weighing", None)
    assert result["open_questions"] == (("C07", "priority"),)


def test_c07_unknown_is_an_open_question_when_a_later_step_gives_no_priority() -> None:
    result = score_one(sentenced(supervision_after_detention=None, recidivism_risk="low"))
    assert (result["band"], result["decisive"]) == ("no_priority", "C02")
    assert result["open_questions"] == (("C07", "priority"),)


def test_c07_unknown_after_an_earlier_decisive_step_is_no_open_question() -> None:
    result = score_one(sentenced(supervision_after_detention=None, no_residence_status=True))
    assert (result["band"], result["decisive"]) == ("no_priority", "C01")
    assert result["open_questions"] == ()
