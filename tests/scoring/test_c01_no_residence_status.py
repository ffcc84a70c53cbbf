"""C01 `no_residence_status` (Geen verblijfsstatus): step 1, no_priority, both phases."""

from support import assert_scored, detainee, score_one, sentenced


def test_c01_no_residence_status_gives_no_priority() -> None:
    record = detainee(no_residence_status=True)
    assert_scored(record, band="no_priority", decisive="C01", fired=("C01",), state_C01="true")


def test_c01_applies_after_the_verdict_too() -> None:
    result = score_one(sentenced(no_residence_status=True))
    assert (result["band"], result["decisive"]) == ("no_priority", "C01")


def test_c01_unticked_checkbox_is_false() -> None:
    result = score_one(detainee())
    assert result["state_C01"] == "false"
    assert "C01" not in result["fired"] + result["unknown"]
    assert result["band"] == "weighing"


def test_c01_unknown_never_decides_and_is_an_open_question() -> None:
    result = score_one(detainee(no_residence_status=None))
    assert result["state_C01"] == "unknown"
    assert result["unknown"] == ("C01",)
    assert result["band"] == "weighing"
    assert result["decisive"] is None
    assert result["open_questions"] == (("C01", "no_priority"),)


def test_c01_unknown_is_no_open_question_when_the_band_is_already_no_priority() -> None:
    result = score_one(detainee(no_residence_status=None, recidivism_risk="low"))
    assert (result["band"], result["decisive"]) == ("no_priority", "C02")
    assert result["open_questions"] == ()
