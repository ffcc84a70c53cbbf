"""T2 `violence_offence`: `offence_article` names a violence article of the Criminal Code.

Ignoring case and spaces, a Sr article is an article number (digits, optionally one letter,
optionally `lid N`) with only `Sr`, `WvSr`, `art.` or `art` before it and `Sr` or `WvSr`
after it. The violence list is policy. Empty → unknown.
"""

import pytest
from support import assert_scored, detainee, policy, score_one, state

T2_ON = policy(tiers={"violence_offence": True})


@pytest.mark.parametrize(
    "text",
    [
        "300",
        "Sr 300",
        "art. 287 Sr",
        "art 285",
        "WvSr 312 lid 2",
        "SR 141",
        "ART. 302 SR",
        "wvsr312lid2",
        " 317 ",
        "art.242",
        "245 WvSr",
    ],
)
def test_t2_violence_article_of_the_criminal_code_holds(text: str) -> None:
    assert_scored(
        detainee(offence_article=text), T2_ON, state_T2="true", tiers=("T2",), tier_score=1
    )


@pytest.mark.parametrize(
    "text",
    [
        "273f",  # an Sr article, but not in the violence list
        "310",  # theft: an Sr article, not violence
        "300a",  # a lettered article is not article 300
        "Opiumwet 2",
        "WVW 8",
        "WWM 26",
        "Opiumwet 300",  # another law, even with a listed number
        "art. 300 Opiumwet",
        "Sr",
        "diefstal",
        "300 301",
    ],
)
def test_t2_other_texts_are_no_violence_offence(text: str) -> None:
    assert_scored(detainee(offence_article=text), T2_ON, state_T2="false", tiers=(), tier_score=0)


def test_t2_unknown_offence_is_unknown() -> None:
    result = score_one(detainee(offence_article=None), T2_ON)
    assert result["state_T2"] == "unknown"
    assert result["tiers"] == ()


@pytest.mark.parametrize("text", ["", "   "])
def test_t2_empty_offence_text_is_unknown(text: str) -> None:
    assert state(detainee(offence_article=text), "T2") == "unknown"


@pytest.mark.parametrize("text", ["\uff13\uff10\uff10", "Sr \u0663\u0660\u0660"])
def test_t2_article_number_is_written_in_ascii_digits(text: str) -> None:
    # Fullwidth "３００" and Arabic-Indic "٣٠٠" are not how TULP writes article 300.
    assert state(detainee(offence_article=text), "T2") == "false"


def test_t2_follows_the_policy_violence_list() -> None:
    only_theft = policy(violence_articles=(310,), tiers={"violence_offence": True})
    assert state(detainee(offence_article="Sr 310"), "T2", only_theft) == "true"
    assert state(detainee(offence_article="Sr 300"), "T2", only_theft) == "false"


def test_t2_holds_but_does_not_count_when_switched_off() -> None:
    result = score_one(detainee(offence_article="300"))
    assert result["tiers"] == ("T2",)
    assert result["tier_score"] == 0
