"""feeds.md, cell rules: vocabularies, dates, lists and what an empty cell means per column.

Each test parses one feed with one detainee per cell, so a whole vocabulary is checked in one
parse; failures name the cells that came out wrong.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from feed_text import (
    column_rejections,
    column_values,
    csv_bytes,
    dji_row,
    one_detainee,
    only_rejection,
    records,
)

from feeds import parse_feeds

DJI_BOOLEANS = (
    "scil_lvb_indication",
    "supervision_after_detention",
    "article_43_3_placement",
    "no_residence_status",
    "tbs_imposed",
    "isd_imposed",
    "outflow_care_authorisation",
)
IRIS_BOOLEANS = ("advice_requested", "om_isd_tbs_investigation", "asr_framework_applied")
BOOLEANS = DJI_BOOLEANS + IRIS_BOOLEANS
DJI_DATES = ("date_of_birth", "intake_date", "hearing_date", "expected_release_date")
IRIS_DATES = ("latest_information_date", "risc_date")
DATES = DJI_DATES + IRIS_DATES
LEVELS = ("recidivism_risk", "injury_risk", "absconding_risk")
FREE_LISTS = ("protective_factors", "special_conditions", "care_contacts")
LISTS = ("criminogenic_factors", *FREE_LISTS)
RISC_DOMAINS = (
    "housing",
    "education_work",
    "finances",
    "relationships_partner_family",
    "relationships_friends",
    "drugs",
    "alcohol",
    "emotional_wellbeing",
    "thinking_behaviour",
    "attitude",
)


def parsed(column: str, expected: dict[str, Any]) -> dict[str, Any]:
    """Cell → parsed value, for comparing with `expected` (the same cells)."""
    cells = list(expected)
    return dict(zip(cells, column_values(column, cells), strict=True))


def spellings(words: dict[str, Any]) -> dict[str, Any]:
    """Each word as written, upper case, capitalised and with surrounding spaces."""
    out: dict[str, Any] = {}
    for word, value in words.items():
        for cell in (word, word.upper(), word.capitalize(), f"  {word} ", f"\t{word.upper()}  "):
            out[cell] = value
    return out


# --- empty means: the feeds.md tables, column by column ----------------------------------------

EMPTY_MEANS: dict[str, Any] = {
    # dji
    "name": None,
    "date_of_birth": None,
    "intake_date": None,
    "hearing_date": None,
    "expected_release_date": None,
    "offence_article": None,
    "scil_lvb_indication": None,
    "supervision_after_detention": False,
    "article_43_3_placement": False,
    "no_residence_status": False,
    "tbs_imposed": False,
    "isd_imposed": False,
    "outflow_care_authorisation": False,
    "cm_name": None,
    "cm_notes": None,
    # iris
    "rw_name": None,
    "latest_information_date": None,
    "advice_requested": None,
    "om_isd_tbs_investigation": None,
    "risc_date": None,
    "recidivism_risk": None,
    "injury_risk": None,
    "absconding_risk": None,
    "criminogenic_factors": None,
    "protective_factors": None,
    "self_reliance": None,
    "motivation": None,
    "asr_framework_applied": None,
    "special_conditions": (),
    "care_contacts": (),
    "rw_notes": None,
}


@pytest.mark.parametrize(("column", "expected"), EMPTY_MEANS.items())
def test_empty_cell_means_what_the_feeds_table_says(column: str, expected: Any) -> None:
    assert column_values(column, ["", "   ", "\t"]) == [expected] * 3


def test_empty_checkbox_means_false() -> None:
    detainee = one_detainee({column: "" for column in DJI_BOOLEANS[1:]})
    for column in DJI_BOOLEANS[1:]:
        assert getattr(detainee, column) is False, column


def test_empty_scil_lvb_indication_means_unknown() -> None:
    assert one_detainee({"scil_lvb_indication": ""}).scil_lvb_indication is None


def test_empty_advice_requested_means_unknown() -> None:
    assert one_detainee(iris={"advice_requested": ""}).advice_requested is None


def test_empty_criminogenic_factors_means_unknown_but_none_means_an_empty_list() -> None:
    assert one_detainee(iris={"criminogenic_factors": ""}).criminogenic_factors is None
    assert one_detainee(iris={"criminogenic_factors": "none"}).criminogenic_factors == ()


def test_empty_special_conditions_and_care_contacts_mean_none() -> None:
    detainee = one_detainee(iris={"special_conditions": "", "care_contacts": ""})
    assert detainee.special_conditions == ()
    assert detainee.care_contacts == ()


def test_empty_latest_information_date_and_risc_date_mean_none() -> None:
    detainee = one_detainee(iris={"latest_information_date": "", "risc_date": ""})
    assert detainee.latest_information_date is None
    assert detainee.risc_date is None
    assert detainee.has_probation_record is True


def test_columns_left_out_of_the_file_mean_the_same_as_empty_cells() -> None:
    detainee = one_detainee({}, iris={})
    for column, expected in EMPTY_MEANS.items():
        assert getattr(detainee, column) == expected, column


def test_text_cells_keep_their_text_without_surrounding_spaces() -> None:
    detainee = one_detainee(
        {"name": "  Jan de Vries ", "offence_article": " art. 287 Sr", "cm_notes": "none"},
        iris={"rw_name": "Ilse Bos", "rw_notes": "belt terug"},
    )
    assert detainee.name == "Jan de Vries"
    assert detainee.offence_article == "art. 287 Sr"
    assert detainee.cm_notes == "none"
    assert (detainee.rw_name, detainee.rw_notes) == ("Ilse Bos", "belt terug")


def test_required_text_cells_are_stripped() -> None:
    detainee = one_detainee({"skn": " 7654321 ", "pi": " Arnhem "})
    assert (detainee.skn, detainee.pi) == ("7654321", "Arnhem")


def words(**spelled: tuple[str, ...]) -> dict[str, str]:
    """Every spelling of each meaning (feeds.md lists the words per meaning)."""
    return spellings({word: meaning for meaning, forms in spelled.items() for word in forms})


def assert_each_cell_rejects_its_row(feed: str, column: str, cells: list[str]) -> None:
    """Every cell rejects its own row, and the message names row, column and the cell."""
    rejections = column_rejections(column, cells)
    assert [(r.feed, r.row, r.column, r.value) for r in rejections] == [
        (feed, row, column, cell) for row, cell in enumerate(cells, start=1)
    ]
    for rejection in rejections:
        assert rejection.message.startswith(
            f"{feed} row {rejection.row}, column {column}: {rejection.value!r}"
        )


# --- booleans ---------------------------------------------------------------------------------

#: feeds.md: "Booleans: true/false, yes/no, ja/nee, 1/0, y/n, j/n".
TRUE_WORDS = ("true", "yes", "ja", "1", "y", "j")
FALSE_WORDS = ("false", "no", "nee", "0", "n")
BOOLEAN_WORDS = spellings({**dict.fromkeys(TRUE_WORDS, True), **dict.fromkeys(FALSE_WORDS, False)})


@pytest.mark.parametrize("column", BOOLEANS)
def test_every_boolean_word_in_every_boolean_column(column: str) -> None:
    assert parsed(column, BOOLEAN_WORDS) == BOOLEAN_WORDS


BAD_BOOLEANS = ["maybe", "2", "x", "waar", "true false", "ja/nee", "-1", "jaa", "t"]


@pytest.mark.parametrize("column", BOOLEANS)
def test_bad_boolean_rejects_the_row(column: str) -> None:
    rejections = column_rejections(column, BAD_BOOLEANS)
    assert [(r.row, r.column, r.value) for r in rejections] == [
        (row, column, cell) for row, cell in enumerate(BAD_BOOLEANS, start=1)
    ]
    for rejection in rejections:
        assert repr(rejection.value) in rejection.message
        assert "boolean" in rejection.reason


# --- unknown / onbekend in every vocabulary column --------------------------------------------

UNKNOWN_SPELLINGS = spellings({"unknown": None, "onbekend": None})
VOCABULARY_COLUMNS = BOOLEANS + LEVELS + ("self_reliance", "motivation", "criminogenic_factors")


@pytest.mark.parametrize("column", VOCABULARY_COLUMNS)
def test_unknown_word_means_unknown_in_every_vocabulary_column(column: str) -> None:
    assert parsed(column, UNKNOWN_SPELLINGS) == UNKNOWN_SPELLINGS


def test_unknown_checkbox_is_unknown_not_false() -> None:
    assert column_values("supervision_after_detention", ["unknown", "Onbekend", ""]) == [
        None,
        None,
        False,
    ]


@pytest.mark.parametrize("cell", ["unknown", "onbekend"])
def test_unknown_phase_rejects_the_row_because_phase_is_required(cell: str) -> None:
    rejection = only_rejection({"phase": cell})
    assert (rejection.feed, rejection.row, rejection.column) == ("dji", 1, "phase")


# --- phases, levels, self-reliance, motivation ------------------------------------------------

PHASE_WORDS = words(
    remand=("remand", "preventief", "hvb"), sentenced=("sentenced", "veroordeeld", "gevangenis")
)


def test_phase_words_in_english_and_dutch() -> None:
    assert parsed("phase", PHASE_WORDS) == PHASE_WORDS


def test_bad_phase_rejects_the_row() -> None:
    cells = ["detained", "voorlopig", "tbs", "remanded"]
    assert_each_cell_rejects_its_row("dji", "phase", cells)


LEVEL_WORDS = words(
    low=("low", "laag"), medium=("medium", "gemiddeld", "matig"), high=("high", "hoog")
)


@pytest.mark.parametrize("column", LEVELS)
def test_level_words_in_english_and_dutch(column: str) -> None:
    assert parsed(column, LEVEL_WORDS) == LEVEL_WORDS


@pytest.mark.parametrize("column", LEVELS)
def test_bad_level_rejects_the_row(column: str) -> None:
    cells = ["very high", "3", "middel", "hoger"]
    assert_each_cell_rejects_its_row("iris", column, cells)


SELF_RELIANCE_WORDS = words(sufficient=("sufficient", "voldoende"), limited=("limited", "beperkt"))
MOTIVATION_WORDS = words(
    motivatable=("motivatable", "te_motiveren"),
    not_motivatable=("not_motivatable", "niet_te_motiveren"),
)


def test_self_reliance_words_in_english_and_dutch() -> None:
    assert parsed("self_reliance", SELF_RELIANCE_WORDS) == SELF_RELIANCE_WORDS


def test_motivation_words_in_english_and_dutch() -> None:
    assert parsed("motivation", MOTIVATION_WORDS) == MOTIVATION_WORDS


@pytest.mark.parametrize(
    ("column", "cells"),
    [("self_reliance", ["good", "low", "ja"]), ("motivation", ["yes", "motivated", "hoog"])],
)
def test_bad_self_reliance_or_motivation_rejects_the_row(column: str, cells: list[str]) -> None:
    assert_each_cell_rejects_its_row("iris", column, cells)


# --- dates ------------------------------------------------------------------------------------

GOOD_DATES = {
    "2026-11-29": date(2026, 11, 29),
    "29-11-2026": date(2026, 11, 29),
    "01-02-2026": date(2026, 2, 1),
    "1-2-2026": date(2026, 2, 1),
    "1-12-2026": date(2026, 12, 1),
    "9-03-2026": date(2026, 3, 9),
    "29-02-2028": date(2028, 2, 29),
    "2028-02-29": date(2028, 2, 29),
    " 2026-11-29 ": date(2026, 11, 29),
    "1950-01-01": date(1950, 1, 1),
}


@pytest.mark.parametrize("column", DATES)
def test_iso_and_dutch_dates(column: str) -> None:
    assert parsed(column, GOOD_DATES) == GOOD_DATES


BAD_DATES = [
    "31-02-2026",
    "2026-13-01",
    "2026-02-30",
    "29-02-2026",
    "32-01-2026",
    "2026/11/29",
    "29/11/2026",
    "29.11.2026",
    "20261129",
    "2026-11-29T10:00",
    "29 november 2026",
    "nov 29, 2026",
    "2026-1-2",
    "29-11-26",
    "11/29/2026",
    "today",
    "onbekend",
]


@pytest.mark.parametrize("column", DATES)
def test_any_other_date_form_rejects_the_row(column: str) -> None:
    feed = "iris" if column in IRIS_DATES else "dji"
    assert [r.message for r in column_rejections(column, BAD_DATES)] == [
        f"{feed} row {row}, column {column}: {cell!r} is not a date"
        for row, cell in enumerate(BAD_DATES, start=1)
    ]


@pytest.mark.parametrize("cell", ["٢٠٢٦-١١-٢٩", "２０２６-１１-２９", "29-11-２０２６"])
def test_date_with_non_ascii_digits_rejects_the_row(cell: str) -> None:
    rejection = only_rejection({"intake_date": cell})
    assert rejection.column == "intake_date"


# --- lists ------------------------------------------------------------------------------------


def test_criminogenic_factors_split_on_bar_or_semicolon() -> None:
    expected = ("drugs", "alcohol", "housing")
    assert column_values(
        "criminogenic_factors", ["drugs|alcohol|housing", "drugs;alcohol;housing"]
    ) == [expected, expected]


def test_every_risc_domain_is_a_criminogenic_factor() -> None:
    assert column_values("criminogenic_factors", list(RISC_DOMAINS)) == [
        (domain,) for domain in RISC_DOMAINS
    ]
    together = one_detainee(iris={"criminogenic_factors": "|".join(RISC_DOMAINS)})
    assert together.criminogenic_factors == RISC_DOMAINS


def test_criminogenic_factors_ignore_case_and_spaces() -> None:
    detainee = one_detainee(iris={"criminogenic_factors": " Drugs | ALCOHOL |Housing "})
    assert detainee.criminogenic_factors == ("drugs", "alcohol", "housing")


def test_semicolon_file_writes_lists_with_bars() -> None:
    iris = csv_bytes(
        [{"skn": "1", "criminogenic_factors": "drugs|finances", "care_contacts": "GGZ|wijkteam"}],
        delimiter=";",
    )
    (detainee,) = records(parse_feeds(csv_bytes([dji_row("1")], delimiter=";"), iris))
    assert detainee.criminogenic_factors == ("drugs", "finances")
    assert detainee.care_contacts == ("GGZ", "wijkteam")


def test_quoted_semicolon_list_inside_a_semicolon_file() -> None:
    iris = csv_bytes([{"skn": "1", "criminogenic_factors": "drugs;finances"}], delimiter=";")
    assert b'"drugs;finances"' in iris
    (detainee,) = records(parse_feeds(csv_bytes([dji_row("1")], delimiter=";"), iris))
    assert detainee.criminogenic_factors == ("drugs", "finances")


NONE_WORDS = spellings({"none": (), "geen": ()})


@pytest.mark.parametrize("column", LISTS)
def test_none_or_geen_is_a_list_known_to_be_empty(column: str) -> None:
    assert parsed(column, NONE_WORDS) == NONE_WORDS


@pytest.mark.parametrize("column", ["criminogenic_factors", "protective_factors"])
def test_empty_list_cell_is_unknown_unlike_none(column: str) -> None:
    assert column_values(column, ["", "none", "geen"]) == [None, (), ()]


@pytest.mark.parametrize("column", ["special_conditions", "care_contacts"])
def test_empty_list_cell_is_none_where_empty_means_none(column: str) -> None:
    assert column_values(column, ["", "none", "geen"]) == [(), (), ()]


@pytest.mark.parametrize("column", FREE_LISTS)
def test_free_list_items_are_kept_as_written(column: str) -> None:
    items = ("eigen woning", "werk bij bakker", "steunend netwerk")
    cells = ["|".join(items), ";".join(items), " | ".join(items), "verslavingszorg"]
    assert column_values(column, cells) == [items, items, items, ("verslavingszorg",)]


def test_criminogenic_factor_outside_the_list_rejects_the_row() -> None:
    cells = ["gambling", "drugs|gambling", "drugs;geld", "none|drugs", "drugs|onbekend"]
    rejections = column_rejections("criminogenic_factors", cells)
    assert [(r.feed, r.row, r.column) for r in rejections] == [
        ("iris", row, "criminogenic_factors") for row in range(1, len(cells) + 1)
    ]
    for rejection in rejections:
        assert rejection.message.startswith(
            f"iris row {rejection.row}, column criminogenic_factors: "
        )
