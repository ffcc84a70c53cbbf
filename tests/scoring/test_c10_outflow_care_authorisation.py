"""C10 `outflow_care_authorisation` (Uitstroom met zorgmachtiging): step 1, no_priority,
unless C07 (supervision after detention) is true.

C10 is listed in `fired`/`unknown` by its own state; for the band it decides only while C07 is
not true. When it decides while C07 is unknown, C07 is an open question (priority).
"""

from support import assert_scored, detainee, score_one, sentenced


def test_c10_with_c07_false_gives_no_priority() -> None:
    record = sentenced(outflow_care_authorisation=True)
    result = assert_scored(record, state_C10="true", band="no_priority", decisive="C10")
    assert result["fired"] == ("C10",)
    assert result["open_questions"] == ()


def test_c10_with_c07_true_yields_to_c07() -> None:
    record = sentenced(outflow_care_authorisation=True, supervision_after_detention=True)
    result = score_one(record)
    assert (result["band"], result["decisive"]) == ("priority", "C07")
    assert result["fired"] == ("C07", "C10")
    assert result["open_questions"] == ()


def test_c10_with_c07_unknown_decides_and_leaves_c07_open() -> None:
    record = sentenced(outflow_care_authorisation=True, supervision_after_detention=None)
    result = score_one(record)
    assert (result["band"], result["decisive"]) == ("no_priority", "C10")
    assert result["fired"] == ("C10",)
    assert result["unknown"] == ("C07",)
    assert result["open_questions"] == (("C07", "priority"),)


def test_c10_with_c07_unknown_but_c01_deciding_leaves_no_open_question() -> None:
    record = sentenced(
        outflow_care_authorisation=True, supervision_after_detention=None, no_residence_status=True
    )
    result = score_one(record)
    assert result["decisive"] == "C01"
    assert result["open_questions"] == ()


def test_c10_applies_in_remand_too() -> None:
    assert score_one(detainee(outflow_care_authorisation=True))["decisive"] == "C10"


def test_c10_unticked_checkbox_is_false() -> None:
    assert score_one(sentenced())["state_C10"] == "false"


def test_c10_unknown_with_c07_false_is_an_open_question() -> None:
    open_questions = (("C10", "no_priority"),)
    record = sentenced(outflow_care_authorisation=None)
    assert_scored(record, state_C10="unknown", unknown=("C10",), open_questions=open_questions)


def test_c10_unknown_with_c07_true_is_no_open_question() -> None:
    # Even if C10 turned out true, C07 keeps the band at priority.
    record = sentenced(outflow_care_authorisation=None, supervision_after_detention=True)
    result = score_one(record)
    assert (result["band"], result["decisive"]) == ("priority", "C07")
    assert result["unknown"] == ("C10",)
    assert result["open_questions"] == ()


def test_c10_and_c07_both_unknown_are_both_open_questions() -> None:
    record = sentenced(outflow_care_authorisation=None, supervision_after_detention=None)
    result = score_one(record)
    assert result["band"] == "weighing"
    assert result["open_questions"] == (("C07", "priority"), ("C10", "no_priority"))


def test_c10_with_c09_decides_by_lowest_id() -> None:
    result = score_one(sentenced(outflow_care_authorisation=True, isd_imposed=True))
    assert result["decisive"] == "C09"
