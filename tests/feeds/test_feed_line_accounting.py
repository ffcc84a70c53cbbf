"""Properties of issue 8, item 2: whatever the bytes, parsing gives a result or a
`FeedFileError`, never another exception; every row is accepted, rejected or reported empty;
every physical line of a CSV file belongs to the header or to exactly one row."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds import FeedFileError, FeedResult, parse_feeds

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HEADER = "skn,name,pi,phase,cm_notes\n"

#: Pieces of hostile CSV: quotes, both delimiters, line ends, Windows-1252 and NUL bytes.
piece = st.sampled_from(
    ['"', '""', ",", ";", "\n", "\r\n", "\r", "1", "Jan", "Sittard", "remand", " ", "ë", "\x00"]
)
line = st.lists(piece, max_size=12).map("".join)


def accounted(result: FeedResult) -> None:
    for summary in result.summaries:
        assert summary.rows == summary.accepted + summary.rejected + summary.empty
        if summary.lines is not None:
            assert summary.lines == summary.header_lines + summary.rows + summary.extra_lines
    rows = {r.row for r in result.rejections}
    assert len(rows) == len(result.rejections), "one rejection per row"


@SETTINGS
@given(lines=st.lists(line, max_size=10), encode_1252=st.booleans())
def test_every_physical_line_is_the_headers_or_one_rows(
    lines: list[str], encode_1252: bool
) -> None:
    text = HEADER + "\n".join(lines)
    data = text.encode("cp1252" if encode_1252 else "utf-8")
    try:
        result = parse_feeds(data)
    except FeedFileError as error:
        assert str(error).startswith("dji: ")
        return
    accepted = len(result.inputs)
    (summary,) = result.summaries
    assert summary.accepted == accepted
    accounted(result)


@SETTINGS
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_give_a_result_or_a_file_error(data: bytes) -> None:
    try:
        result = parse_feeds(data)
    except FeedFileError as error:
        assert str(error).startswith("dji")
        return
    accounted(result)


@SETTINGS
@given(
    # A note line with as many delimiters as the header is read as a swallowed row (by
    # design, feeds.csv_rows); notes here stay below that.
    rows=st.lists(
        st.tuples(
            st.integers(1, 10**6),
            st.text(max_size=20).filter(lambda t: t.count(",") + t.count(";") < 3),
        ),
        max_size=8,
    ),
    delimiter=st.sampled_from([",", ";"]),
)
def test_well_quoted_cells_with_any_text_are_never_re_read(
    rows: list[tuple[int, str]], delimiter: str
) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["skn", "pi", "phase", "cm_notes"])
    for number, note in rows:
        writer.writerow([str(number), "Sittard", "remand", note])
    try:
        result = parse_feeds(buffer.getvalue().encode())
    except FeedFileError:
        return  # e.g. a note that makes the file look binary
    (summary,) = result.summaries
    assert summary.re_read_lines == 0
    assert summary.rows == len(rows)
    accounted(result)
