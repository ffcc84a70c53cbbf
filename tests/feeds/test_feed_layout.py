"""Issue 8, item 2: a CSV feed cannot swallow rows. An open quote rejects the file, a quote that
would swallow rows is rejected and the lines after it are read again, cells with line breaks
are accounted for, and mixed delimiters reject the row."""

from __future__ import annotations

import pytest
from feed_text import records

from feeds import FeedFileError, parse_feeds

HEADER = "skn,name,pi,phase\n"


def dji(body: str, header: str = HEADER) -> bytes:
    return (header + body).encode("utf-8")


def messages(data: bytes) -> list[str]:
    return [rejection.message for rejection in parse_feeds(data).rejections]


# --- a quote left open to the end of the file ----------------------------------------------


def test_quote_open_to_the_end_of_the_file_rejects_the_file_naming_its_line() -> None:
    data = dji('1,Jan,Sittard,remand\n2,"Piet,Sittard,remand\n3,Klaas,Sittard,remand\n')
    with pytest.raises(FeedFileError) as error:
        parse_feeds(data, dji_name="feeds/dji.csv")
    assert str(error.value).startswith("feeds/dji.csv: the quote opened on line 3 is not closed")


def test_quote_open_on_the_last_line_rejects_the_file() -> None:
    with pytest.raises(FeedFileError, match="quote opened on line 2 is not closed"):
        parse_feeds(dji('1,"Jan,Sittard,remand'))


def test_open_quote_after_a_closed_multi_line_cell_names_the_line_it_opened_on() -> None:
    data = dji('1,"Jan\nJansen",Sittard,remand\n2,Piet,Sittard,"remand\n')
    with pytest.raises(FeedFileError, match="quote opened on line 4 is not closed"):
        parse_feeds(data)


def test_quote_open_in_the_header_rejects_the_file() -> None:
    with pytest.raises(FeedFileError, match="quote opened on line 1"):
        parse_feeds(dji("1,Jan,Sittard,remand\n", header='skn,"name,pi,phase\n'))


# --- a quote that would swallow rows ---------------------------------------------------------


def test_quote_that_swallows_rows_rejects_its_row_and_the_lines_after_it_are_read_again() -> None:
    data = dji(
        '1,"Jan,Sittard,remand\n'
        "2,Piet,Sittard,remand\n"
        '3,Klaas",Sittard,remand\n'
        "4,Anna,Sittard,remand\n"
    )
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["2", "3", "4"]
    assert [r.message for r in result.rejections] == [
        "dji row 1: line 2: a quote opened on this line is not closed where its cell should end;"
        " lines 3–4 read again as rows"
    ]
    assert (
        "dji: a quote opened on line 2 (row 1, rejected) would have swallowed lines 3–4; "
        "read again as rows"
    ) in result.notices


def test_quote_that_swallows_one_row_even_when_the_field_count_fits() -> None:
    result = parse_feeds(dji('1,"Jan,Sittard,remand\n2,Piet",Sittard,remand\n'))
    assert [d.skn for d in records(result)] == ["2"]
    assert [r.row for r in result.rejections] == [1]
    (summary,) = result.summaries
    assert summary.re_read_lines == 1


def test_quote_that_leaves_its_row_with_too_many_fields_is_re_read() -> None:
    data = dji('1,"Jan,Sittard,remand\n2,Piet,Sittard,remand\n3,Klaas,Sittard,remand",x,y\n')
    result = parse_feeds(data)
    assert [r.row for r in result.rejections][:1] == [1]
    assert "2" in [d.skn for d in records(result)]


# --- text cells may hold line breaks, and are accounted for -----------------------------------


def test_notes_with_line_breaks_are_one_row_and_the_lines_are_accounted_for() -> None:
    data = dji('1,"Jan\nJansen",Sittard,remand\n2,Piet,Sittard,remand\n')
    result = parse_feeds(data)
    assert [d.name for d in records(result)] == ["Jan\nJansen", "Piet"]
    assert result.rejections == []
    assert result.notices == [
        "dji: 4 lines hold the header and 2 rows (0 could not be laid out and are rejected, "
        "0 empty)",
        "dji: 1 row(s) hold line breaks inside quoted cells: row 1 (lines 2–3)",
    ]


def test_summary_counts_physical_lines_and_rows() -> None:
    data = dji('1,"a\nb\nc",Sittard,remand\n\n3,Piet,Sittard,remand\n4,Anna,Sittard,vrij\n')
    (summary,) = parse_feeds(data).summaries
    assert (summary.lines, summary.header_lines, summary.rows) == (7, 1, 4)
    assert (summary.accepted, summary.rejected, summary.empty) == (2, 1, 1)
    assert (summary.multi_line_rows, summary.extra_lines) == (1, 2)
    assert summary.lines == summary.header_lines + summary.rows + summary.extra_lines


def test_plain_file_has_one_line_per_row_and_no_line_notice() -> None:
    result = parse_feeds(dji("1,Jan,Sittard,remand\n2,Piet,Sittard,remand\n"))
    (summary,) = result.summaries
    assert (summary.lines, summary.rows, summary.extra_lines) == (3, 2, 0)
    assert result.notices == []


def test_blank_lines_before_the_header_are_counted_as_lines() -> None:
    (summary,) = parse_feeds(b"\n\n" + dji("1,Jan,Sittard,remand\n")).summaries
    assert (summary.lines, summary.header_lines, summary.rows) == (4, 3, 1)


def test_old_mac_line_ends_are_rows() -> None:
    result = parse_feeds(dji("1,Jan,Sittard,remand\r2,Piet,Sittard,remand\r").replace(b"\n", b"\r"))
    assert [d.skn for d in records(result)] == ["1", "2"]
    assert result.summaries[0].lines == 3


def test_quote_inside_an_unquoted_cell_is_text() -> None:
    result = parse_feeds(dji('1,Jan "JJ" Jansen,Sittard,remand\n'))
    assert [d.name for d in records(result)] == ['Jan "JJ" Jansen']


# --- mixed delimiters -------------------------------------------------------------------------


def test_comma_row_in_a_semicolon_file_is_rejected_as_mixed_delimiters() -> None:
    data = dji(
        "1;Jan;Sittard;remand\n2,Piet,Sittard,remand\n3;Anna;Sittard;remand\n",
        "skn;name;pi;phase\n",
    )
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["1", "3"]
    assert [r.message for r in result.rejections] == [
        "dji row 2: mixed delimiters: the header is separated by ';' but this row also by ',' "
        "(1 fields where the header has 4)"
    ]


def test_semicolon_row_in_a_comma_file_is_rejected_as_mixed_delimiters() -> None:
    assert messages(dji("1;Jan;Sittard;remand\n2,Piet,Sittard,remand\n")) == [
        "dji row 1: mixed delimiters: the header is separated by ',' but this row also by ';' "
        "(1 fields where the header has 4)"
    ]


def test_row_half_in_one_delimiter_and_half_in_the_other_is_mixed() -> None:
    data = dji("1;Jan,Sittard;remand\n", "skn;name;pi;phase\n")
    (message,) = messages(data)
    assert message.startswith("dji row 1: mixed delimiters")


def test_mixed_delimiters_found_by_the_careful_reader_too() -> None:
    # The multi-line cell of row 1 sends the file to the record-by-record reader.
    data = dji('1,"Jan\nJansen",Sittard,remand\n2;Piet;Sittard;remand\n')
    assert messages(data) == [
        "dji row 2: mixed delimiters: the header is separated by ',' but this row also by ';' "
        "(1 fields where the header has 4)"
    ]


def test_commas_inside_cells_of_a_semicolon_file_are_not_mixed_delimiters() -> None:
    data = dji("1;Jansen, J.;Sittard;remand\n", "skn;name;pi;phase\n")
    assert messages(data) == []


def test_row_with_too_many_fields_is_rejected_with_the_counts() -> None:
    assert messages(dji("1,Jan,Sittard,remand,extra\n2,Piet,Sittard,remand\n")) == [
        "dji row 1: the row has 5 fields where the header has 4"
    ]


def test_trailing_empty_fields_are_not_too_many() -> None:
    assert messages(dji("1,Jan,Sittard,remand,,\n")) == []
