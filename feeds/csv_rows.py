"""Reading a CSV feed into rows of cell text without losing a row to a stray quote.

Two readers give the same rows. The fast one (pandas' C tokenizer) is used when every
physical line turns out to be exactly one row, which is checked, not assumed: the number of
rows it returns must equal the number of lines. Otherwise (a quoted cell holding a line break,
a row with too many fields, a quote left open, old Mac line ends) the careful reader reads
record by record and knows the lines of each row:

- a quote left open to the end of the file rejects the file, naming the line it opened on;
- a quoted cell that spans lines is accepted when it looks like text, and every such row is
  accounted for (`LineAccount.multi_line`);
- a quoted cell whose continuation lines look like rows of the feed (as many fields as the
  header), or that leaves its row with too many fields, is a quote that swallowed rows: the
  row where it opened is rejected and the lines after it are read again as rows
  (`LineAccount.re_read`).
"""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from feeds.encoding import DecodedText
from feeds.raw import (
    BrokenRow,
    Cells,
    FeedFileError,
    LineAccount,
    MultiLineRow,
    RawTable,
    ReRead,
    by_name,
    line_range,
    normalise_header,
    objects,
)

#: A continuation line with at least this many fields (and the header's count) looks like a
#: row: two-column files would otherwise reject notes such as "see: work, housing".
_MIN_FIELDS_OF_A_SWALLOWED_ROW = 3

#: pandas reads every cell as the text it holds: no header row (lines are counted here), no
#: "NA" guessing, blank lines kept so that line numbers stay true.
_EVERY_CELL_AS_TEXT: Final[dict[str, Any]] = {
    "dtype": object,
    "header": None,
    "keep_default_na": False,
    "na_filter": False,
    "skip_blank_lines": False,
    "engine": "c",
    "quoting": csv.QUOTE_MINIMAL,
}


def detect_delimiter(header_line: str) -> str:
    """`;` when the header has more semicolons than commas (Dutch Excel), else `,`."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_csv(decoded: DecodedText, source: str) -> RawTable:
    """Split CSV text into header and columns; `source` names the file in errors."""
    text = decoded.text
    table = _read_fast(text, source)
    if table is None:
        table = _read_records(text, source)
    _place_windows_1252_lines(table, decoded.windows_1252_lines)
    return table


def _empty_file(source: str) -> FeedFileError:
    return FeedFileError(f"{source}: the file is empty (a header row is required)")


# --- the fast reader --------------------------------------------------------------------------


def _header_start(text: str) -> tuple[int, int] | None:
    """(offset, 1-based line number) of the first line that is not blank."""
    offset, number = 0, 1
    while offset < len(text):
        end = text.find("\n", offset)
        stop = len(text) if end < 0 else end + 1
        if text[offset:stop].strip():
            return offset, number
        offset, number = stop, number + 1
    return None


def _read_fast(text: str, source: str) -> RawTable | None:
    """The C tokenizer's reading, or None when a row may span lines (or be malformed)."""
    if text.count("\r") != text.count("\r\n"):
        return None  # a lone \r ends a line for one reader and not for the other
    start = _header_start(text)
    if start is None:
        raise _empty_file(source)
    offset, header_line = start
    body = text[offset:]
    line_count = body.count("\n") + (0 if body.endswith("\n") else 1)
    first_end = body.find("\n")
    delimiter = detect_delimiter(body if first_end < 0 else body[:first_end])
    try:
        frame = pd.read_csv(io.StringIO(body), sep=delimiter, **_EVERY_CELL_AS_TEXT)
    except (pd.errors.ParserError, ValueError):
        return None
    if len(frame) != line_count:
        return None  # some row spans lines: only the careful reader can tell which
    cells = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    header = normalise_header([column[0] for column in cells], source)
    body_cells = [column[1:] for column in cells]
    rows = line_count - 1
    content = np.zeros(rows, dtype=bool)
    for column in body_cells:
        content |= column != ""
    numbers = np.arange(1, rows + 1, dtype=np.int64)
    broken = _short_rows_with_mixed_delimiters(body, header, delimiter, numbers[content])
    keep = content.copy()
    for row in broken:
        keep[row.row - 1] = False
    return RawTable(
        header,
        numbers[keep],
        by_name(header, [column[keep] for column in body_cells]),
        broken=broken,
        empty_rows=numbers[~content].tolist(),
        account=LineAccount(
            lines=header_line - 1 + line_count,
            header_line=header_line,
            header_last_line=header_line,
            rows=rows,
        ),
    )


def _short_rows_with_mixed_delimiters(
    body: str, header: list[str], delimiter: str, rows: npt.NDArray[np.int64]
) -> list[BrokenRow]:
    """Rows the C tokenizer padded with empty cells that are written with the other delimiter."""
    other = _other(delimiter)
    if other not in body:
        return []
    lines = body.split("\n")
    broken = []
    for row in rows.tolist():
        line = lines[row].rstrip("\r")
        if other not in line:
            continue
        if '"' not in line and line.count(delimiter) + 1 >= len(header):
            continue
        record = _fields(line, delimiter)
        problem = layout_problem(record, len(header), delimiter)
        if problem is not None:
            broken.append(BrokenRow(row, problem))
    return broken


# --- the careful reader -----------------------------------------------------------------------


class _LineFeed:
    """The lines of the file from `position` on, for `csv.reader`; rewindable."""

    def __init__(self, lines: list[str], position: int) -> None:
        self.lines = lines
        self.position = position

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        if self.position >= len(self.lines):
            raise StopIteration
        line = self.lines[self.position]
        self.position += 1
        return line


@contextlib.contextmanager
def _field_size_limit(limit: int) -> Iterator[None]:
    # The csv module refuses cells over 128 KiB by default; the cell limits of feeds.limits
    # reject such a row with a reason, so the reader must first be able to read it.
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, limit))
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _read_records(text: str, source: str) -> RawTable:
    lines = list(io.StringIO(text, newline=""))
    header_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if header_index is None:
        raise _empty_file(source)
    delimiter = detect_delimiter(lines[header_index])
    with _field_size_limit(len(text) + 1):
        return _lay_out(lines, header_index, delimiter, source)


def _lay_out(lines: list[str], header_index: int, delimiter: str, source: str) -> RawTable:
    feed = _LineFeed(lines, header_index)
    reader = csv.reader(feed, delimiter=delimiter)
    header = normalise_header(_next_record(reader, feed, header_index, delimiter, source), source)
    header_last_line = feed.position
    width = len(header)
    rows: list[list[str]] = []
    numbers: list[int] = []
    first_lines: list[int] = []
    broken: list[BrokenRow] = []
    empty: list[int] = []
    multi_line: list[MultiLineRow] = []
    re_read: list[ReRead] = []
    while feed.position < len(lines):
        first = feed.position  # index of the row's first line = its 1-based number - 1
        record = _next_record(reader, feed, first, delimiter, source)
        last = feed.position  # 1-based number of the row's last line
        number = len(first_lines) + 1
        first_lines.append(first + 1)
        if last > first + 1:
            if _swallows_rows(record, lines[first + 1 : last], width, delimiter):
                broken.append(
                    BrokenRow(
                        number,
                        f"line {first + 1}: a quote opened on this line is not closed where its "
                        f"cell should end; {line_range(first + 2, last)} read again as rows",
                    )
                )
                re_read.append(ReRead(number, first + 1, first + 2, last))
                feed.position = first + 1
                reader = csv.reader(feed, delimiter=delimiter)
                continue
            multi_line.append(MultiLineRow(number, first + 1, last))
        if not "".join(record):
            empty.append(number)
            continue
        problem = layout_problem(record, width, delimiter)
        if problem is not None:
            broken.append(BrokenRow(number, problem))
            continue
        rows.append(record[:width] + [""] * (width - len(record)))
        numbers.append(number)
    body: list[Cells] = [objects([row[i] for row in rows]) for i in range(width)]
    return RawTable(
        header,
        np.array(numbers, dtype=np.int64),
        by_name(header, body),
        broken=broken,
        empty_rows=empty,
        account=LineAccount(
            lines=len(lines),
            header_line=header_index + 1,
            header_last_line=header_last_line,
            rows=len(first_lines),
            multi_line=multi_line,
            re_read=re_read,
        ),
        first_lines=first_lines,
    )


def _next_record(
    reader: Iterator[list[str]],
    feed: _LineFeed,
    first: int,
    delimiter: str,
    source: str,
) -> list[str]:
    """The next record; a quote still open at the end of the file rejects the file."""
    try:
        record = next(reader)
    except csv.Error as error:
        raise FeedFileError(
            f"{source}: line {feed.position}: not readable as CSV ({error})"
        ) from None
    if feed.position >= len(feed.lines):
        opened = unclosed_quote(feed.lines[first:], delimiter)
        if opened is not None:
            raise FeedFileError(
                f"{source}: the quote opened on line {first + 1 + opened} is not closed before "
                "the end of the file (every row after it would be swallowed); close the quote "
                "or remove it"
            )
    return record


def _swallows_rows(record: list[str], continuation: list[str], width: int, delimiter: str) -> bool:
    """Whether a row spanning lines holds rows of the feed inside a quoted cell.

    A line wholly inside the quoted cell looks like a row when it has the header's number of
    fields. The closing line legitimately holds the rest of the row after the cell, so it looks
    like a row only when it has more fields than that rest (and the header's number).
    """
    if len(record) > width and "".join(record[width:]):
        return True
    enough = max(width, _MIN_FIELDS_OF_A_SWALLOWED_ROW)
    opened_in = next((i for i, cell in enumerate(record) if "\n" in cell or "\r" in cell), 0)
    rest_of_row = len(record) - opened_in
    for index, line in enumerate(continuation):
        if line.count(delimiter) + 1 < enough:
            continue
        fields = len(_fields(line, delimiter))
        closing = index == len(continuation) - 1
        if fields >= enough and (not closing or fields > rest_of_row):
            return True
    return False


def unclosed_quote(lines: list[str], delimiter: str) -> int | None:
    """Index of the line where a quote opened that is still open after the last line, or None.

    Reads as `csv.reader` does: a quote opens a quoted cell only at the start of a cell, `""`
    inside it is a quote, and text after the closing quote belongs to the same cell.
    """
    in_quote = False
    opened = 0
    for index, line in enumerate(lines):
        position = 0
        end = len(line)
        while position < end:
            if in_quote:
                closing = line.find('"', position)
                if closing < 0:
                    break
                if line.startswith('"', closing + 1):
                    position = closing + 2
                    continue
                in_quote = False
                position = _next_cell(line, closing + 1, delimiter)
            elif line.startswith('"', position):
                in_quote = True
                opened = index
                position += 1
            else:
                position = _next_cell(line, position, delimiter)
    return opened if in_quote else None


def _next_cell(line: str, position: int, delimiter: str) -> int:
    found = line.find(delimiter, position)
    return len(line) if found < 0 else found + 1


# --- one row ----------------------------------------------------------------------------------


def _other(delimiter: str) -> str:
    return "," if delimiter == ";" else ";"


def _fields(line: str, delimiter: str) -> list[str]:
    """The cells of one line read on its own."""
    try:
        return next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
    except csv.Error:
        return []


def layout_problem(record: list[str], width: int, delimiter: str) -> str | None:
    """Why a row cannot be laid out under a header of `width` columns, or None.

    Too many fields reject the row (trailing empty cells, as Excel writes them, do not count).
    Too few are filled with empty cells, unless the row is written with the other delimiter
    (mixed delimiters), which rejects it.
    """
    if len(record) == width:
        return None
    other = _other(delimiter)
    others = sum(cell.count(other) for cell in record)
    if len(record) < width:
        if others and len(record) + others >= width:
            return (
                f"mixed delimiters: the header is separated by {delimiter!r} but this row "
                f"also by {other!r} ({len(record)} fields where the header has {width})"
            )
        return None
    if not "".join(record[width:]):
        return None
    return f"the row has {len(record)} fields where the header has {width}"


# --- encodings --------------------------------------------------------------------------------


def _place_windows_1252_lines(table: RawTable, lines: list[int]) -> None:
    """Name the rows (or header lines) that were read as Windows-1252."""
    if not lines or table.account is None:
        return
    account = table.account
    rows: list[int] = []
    starts = np.asarray(table.first_lines or [], dtype=np.int64)
    for line in lines:
        if line <= account.header_last_line:
            table.windows_1252_lines.append(line)
        elif table.first_lines is None:
            rows.append(line - account.header_line)
        else:
            rows.append(int(np.searchsorted(starts, line, side="right")))
    table.windows_1252_rows = sorted(set(rows))
