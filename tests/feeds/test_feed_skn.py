"""Issue 8, item 3: the skn is trimmed and NFC-normalised and holds 1–32 letters, digits, `-`,
`_` or `.`; anything else rejects the row with the reason."""

from __future__ import annotations

import unicodedata

import pytest
from feed_text import csv_bytes, dji_row, parse, records

from feeds import parse_feeds
from feeds.cells import Invalid, Parsed, parse_skn


@pytest.mark.parametrize("cell", ["1234567", "A-12", "x_1.2", "a" * 32, "Ölçü9", "١٢٣"], ids=str)
def test_skn_of_letters_digits_dash_underscore_and_dot_is_accepted(cell: str) -> None:
    assert parse_skn(cell) == Parsed(cell)


def test_skn_is_trimmed() -> None:
    (detainee,) = records(parse([dji_row("  1234567\t")]))
    assert detainee.skn == "1234567"


def test_skn_is_nfc_normalised_so_both_spellings_are_the_same_detainee() -> None:
    composed = unicodedata.normalize("NFC", "Zoë1")
    decomposed = unicodedata.normalize("NFD", "Zoë1")
    assert composed != decomposed
    assert parse_skn(decomposed) == Parsed(composed)
    result = parse([dji_row(composed), dji_row(decomposed)])
    assert [r.reason for r in result.rejections] == [f"duplicate skn {composed!r} (first in row 1)"]


def test_skn_longer_than_32_characters_is_rejected() -> None:
    outcome = parse_skn("1" * 33)
    assert isinstance(outcome, Invalid)
    assert "is not a valid skn: it is 33 characters long" in outcome.reason


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("12 34", "a space (U+0020) at position 3"),
        ("12\u00a034", "a space (U+00A0) at position 3"),
        ("12\x0034", "a control character (U+0000) at position 3"),
        ("12\x1b[31m", "a control character (U+001B) at position 3"),
        ("\u200b1234", "an invisible character (U+200B) at position 1"),
        ("12\u200d34", "an invisible character (U+200D) at position 3"),
        ("1234\ufeff", "an invisible character (U+FEFF) at position 5"),
        ("=1+1", "the character '=' (a spreadsheet formula character) at position 1"),
        ("+31612", "the character '+' (a spreadsheet formula character) at position 1"),
        ("@SUM(1)", "the character '@' (a spreadsheet formula character) at position 1"),
        ("12/34", "the character '/' at position 3"),
        ("1;2", "the character ';' at position 2"),
        ('A"12', "the character '\"' at position 2"),
    ],
    ids=repr,
)
def test_skn_with_a_character_outside_the_rule_is_rejected_naming_it(
    cell: str, reason: str
) -> None:
    outcome = parse_skn(cell)
    assert isinstance(outcome, Invalid)
    assert outcome.reason == (
        f"{cell!r} is not a valid skn: {reason}; an skn is 1–32 letters, digits, '-', '_' or '.'"
    )


def test_bad_skn_rejects_its_row_with_the_documented_message_and_keeps_the_others() -> None:
    rows = [dji_row(str(n)) for n in range(1, 8)]
    rows[6]["skn"] = "=HYPERLINK(1)"
    result = parse_feeds(csv_bytes(rows))
    assert [d.skn for d in records(result)] == ["1", "2", "3", "4", "5", "6"]
    (message,) = [r.message for r in result.rejections]
    assert message.startswith("dji row 7, column skn: '=HYPERLINK(1)' is not a valid skn")


def test_bad_skn_in_the_iris_feed_rejects_the_iris_row() -> None:
    result = parse([dji_row("1")], [{"skn": "1 "}, {"skn": "1\u200b"}])
    assert [(r.feed, r.row, r.column) for r in result.rejections] == [("iris", 2, "skn")]
