"""C08 `article_43_3_placement` (Artikel 43.3 plaatsing): step 2, priority, any phase."""

from support import assert_scored, detainee, score_one, sentenced


def test_c08_article_43_3_placement_gives_priority() -> None:
    record = sentenced(article_43_3_placement=True)
    assert_scored(record, state_C08="true", band="priority", decisive="C08", fired=("C08",))


def test_c08_applies_in_remand_too() -> None:
    assert score_one(detainee(article_43_3_placement=True))["decisive"] == "C08"


def test_c08_unticked_checkbox_is_false() -> None:
    assert score_one(sentenced())["state_C08"] == "false"


def test_c08_unknown_is_an_open_question_for_priority() -> None:
    open_questions = (("C08", "priority"),)
    record = sentenced(article_43_3_placement=None)
    assert_scored(record, state_C08="unknown", band="weighing", open_questions=open_questions)


def test_c08_yields_to_c07_in_the_same_step_by_lowest_id() -> None:
    result = score_one(sentenced(supervision_after_detention=True, article_43_3_placement=True))
    assert (result["band"], result["decisive"]) == ("priority", "C07")
    assert result["fired"] == ("C07", "C08")
