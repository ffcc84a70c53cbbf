"""What a feed file holds before any cell is typed: header, rows of cell text, and the account
of how the file's lines became rows.

Shared by the CSV and JSON readers (`feeds.csv_rows`, `feeds.json_rows`) and read by
`feeds.table`, which types the cells and turns the account into notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

Cells = npt.NDArray[np.object_]


class FeedFileError(Exception):
    """A feed file that cannot be used at all (unreadable, not CSV/JSON, missing column)."""


@dataclass(frozen=True)
class BrokenRow:
    """A row that could not be laid out under the header, with the reason (and column)."""

    row: int
    reason: str
    column: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class MultiLineRow:
    """A CSV row whose quoted cells hold line breaks: it spans lines `first`..`last`."""

    row: int
    first_line: int
    last_line: int


@dataclass(frozen=True)
class ReRead:
    """A quote that opened on `line` (row `row`, rejected) and would have swallowed the lines
    `first_line`..`last_line`; those lines were read again as rows of their own."""

    row: int
    line: int
    first_line: int
    last_line: int


@dataclass
class LineAccount:
    """How the physical lines of a CSV file became rows (JSON files have none).

    Every line is the header's, a blank line before it, or part of exactly one row:
    `lines == header_last_line + sum(row spans)`.
    """

    lines: int
    header_line: int
    header_last_line: int
    rows: int
    multi_line: list[MultiLineRow] = field(default_factory=list)
    re_read: list[ReRead] = field(default_factory=list)


@dataclass
class RawTable:
    """A feed as text: normalised header, row numbers and one array of cell text per column."""

    header: list[str]
    row_numbers: npt.NDArray[np.int64]
    columns: dict[str, Cells]
    #: Rows that could not be laid out under the header.
    broken: list[BrokenRow] = field(default_factory=list)
    #: Row numbers of empty lines (blank, or only delimiters): skipped, with a notice.
    empty_rows: list[int] = field(default_factory=list)
    #: Rows (CSV) whose line was not valid UTF-8 and was read as Windows-1252.
    windows_1252_rows: list[int] = field(default_factory=list)
    #: Lines (JSON, or a CSV header) that were not valid UTF-8 and were read as Windows-1252.
    windows_1252_lines: list[int] = field(default_factory=list)
    account: LineAccount | None = None
    #: The first line of each row (row N at index N - 1), when rows may span lines.
    first_lines: list[int] | None = None

    def __len__(self) -> int:
        return len(self.row_numbers)

    def column(self, name: str) -> Cells:
        """The cells of a column; all empty when the file lacks it."""
        if name in self.columns:
            return self.columns[name]
        empty = np.empty(len(self), dtype=object)
        empty[:] = ""
        return empty


def line_range(first: int, last: int) -> str:
    """ "line 7" or "lines 7–9"."""
    return f"line {first}" if first == last else f"lines {first}–{last}"


def normalise_header(names: list[str], source: str) -> list[str]:
    """Header names trimmed and lower-cased; a name given twice rejects the file."""
    header = [str(name).strip().lower() for name in names]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FeedFileError(f"{source}: column '{name}' appears twice in the header")
        seen.add(name)
    return header


def by_name(header: list[str], body: list[Cells]) -> dict[str, Cells]:
    """The columns keyed by header name (columns with an empty name are dropped)."""
    return {name: column for name, column in zip(header, body, strict=True) if name}


def objects(values: list[str]) -> Cells:
    """A list of cell texts as a numpy object array (never a 2-D array of characters)."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array
