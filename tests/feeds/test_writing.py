"""Every CSV SOM writes is safe to open in a spreadsheet; terminal text carries no escapes."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feeds.writing import FORMULA_STARTS, safe_cell, terminal_text, write_csv


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x","y")', "+1+1", "-1+2", "@SUM(1)", "\tcmd"])
def test_a_cell_that_a_spreadsheet_would_run_is_written_as_text(cell: str) -> None:
    out = io.StringIO()
    write_csv(out, ["skn"], [[cell]])
    (_, row) = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert row == ["'" + cell]


def test_a_carriage_return_cell_stays_one_cell_and_is_written_as_text() -> None:
    out = io.StringIO()
    write_csv(out, ["skn"], [["\r=cmd"], ["a\rb"]])
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["skn"], ["'\n=cmd"], ["a\nb"]]


def test_plain_cells_are_written_unchanged() -> None:
    out = io.StringIO()
    write_csv(out, ["skn", "band"], [["1234567", "priority"], [None, "weighing"]])
    assert out.getvalue() == "skn,band\n1234567,priority\n,weighing\n"


@given(st.text())
def test_no_written_cell_begins_with_a_formula_character(text: str) -> None:
    assert not safe_cell(text).startswith(FORMULA_STARTS)


def test_terminal_text_drops_ansi_escapes_and_bells() -> None:
    assert terminal_text("\x1b[31mred\x1b[0m\x07 ok") == "[31mred[0m ok"


def test_a_semicolon_delimiter_and_a_bom_on_request() -> None:
    out = io.StringIO()
    write_csv(out, ["naam", "pi"], [["Eëlco Ĳssel", "=Sittard"]], delimiter=";", bom=True)
    text = out.getvalue()
    assert text.startswith("\ufeff") and text.count("\ufeff") == 1
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows == [["naam", "pi"], ["Eëlco Ĳssel", "'=Sittard"]]


def test_without_options_the_csv_is_unchanged_and_another_delimiter_is_refused() -> None:
    out = io.StringIO()
    write_csv(out, ["a"], [["b"]])
    assert out.getvalue() == "a\nb\n"
    with pytest.raises(ValueError, match="delimiter"):
        write_csv(io.StringIO(), ["a"], [], delimiter="\t")
