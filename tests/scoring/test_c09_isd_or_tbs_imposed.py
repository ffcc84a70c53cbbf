"""C09 `isd_or_tbs_imposed` (ISD of TBS opgelegd): step 1, no_priority, any phase.

`isd_imposed` or `tbs_imposed`, in Kleene logic.
"""

import pytest
from support import KLEENE_OR, assert_scored, detainee, score_one, sentenced


def test_c09_isd_imposed_gives_no_priority() -> None:
    record = sentenced(isd_imposed=True)
    assert_scored(record, state_C09="true", band="no_priority", decisive="C09", fired=("C09",))


def test_c09_tbs_imposed_gives_no_priority() -> None:
    assert score_one(sentenced(tbs_imposed=True))["decisive"] == "C09"


def test_c09_applies_in_remand_too() -> None:
    assert score_one(detainee(tbs_imposed=True))["decisive"] == "C09"


@pytest.mark.parametrize(("isd", "tbs", "expected"), KLEENE_OR)
def test_c09_combines_isd_and_tbs_with_kleene_or(
    isd: bool | None, tbs: bool | None, expected: str
) -> None:
    assert score_one(sentenced(isd_imposed=isd, tbs_imposed=tbs))["state_C09"] == expected


def test_c09_unknown_is_an_open_question_for_no_priority() -> None:
    result = score_one(sentenced(isd_imposed=None))
    assert result["band"] == "weighing"
    assert result["open_questions"] == (("C09", "no_priority"),)


def test_c09_with_c01_decides_by_lowest_id() -> None:
    result = score_one(sentenced(isd_imposed=True, no_residence_status=True))
    assert result["decisive"] == "C01"
    assert result["fired"] == ("C01", "C09")
