"""From columns of cell text to typed columns, rejecting rows that break the contract.

Parsing is columnar: each distinct cell text of a column is read once and the result is shared
by code, so a 100,000-row feed costs a few thousand parser calls per column, not 100,000.
Before parsing, every cell is held to its size limit (`feeds.limits`) and may hold no NUL
character (no database can store one in text); the skn is checked by `cells.parse_skn`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from feeds.cells import ASCII_SKN, Invalid, quote
from feeds.columns import Column
from feeds.limits import cell_max_length
from feeds.notices import line_notices
from feeds.reader import FeedFileError, LineAccount, RawTable

Codes = npt.NDArray[np.int64]


@dataclass(frozen=True)
class Rejection:
    """A row left out of a feed, with where and why."""

    feed: str
    row: int
    column: str | None
    value: str | None
    reason: str
    #: The row's skn when it has one (a rejected detainee is still known by it).
    skn: str | None = None

    @property
    def message(self) -> str:
        """One line for standard error, e.g. "dji row 7, column intake_date: '31-02-2026' ..."."""
        where = f"{self.feed} row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class ParsedColumn:
    """A typed column as codes into a table of distinct parsed values."""

    codes: Codes
    table: npt.NDArray[np.object_]

    def values(self) -> npt.NDArray[np.object_]:
        """One parsed value per row (None = unknown)."""
        return self.table[self.codes]

    def take(self, rows: npt.NDArray[Any]) -> ParsedColumn:
        """The column restricted to some rows (a mask or positions)."""
        return ParsedColumn(self.codes[rows], self.table)


@dataclass
class FeedTable:
    """The accepted rows of one feed, typed per column, in file order."""

    feed: str
    row_numbers: npt.NDArray[np.int64]
    columns: dict[str, ParsedColumn]
    rejections: list[Rejection]
    notices: list[str]
    #: Rows after the header (JSON: elements), empty ones included.
    rows: int = 0
    empty_rows: int = 0
    account: LineAccount | None = None

    def __len__(self) -> int:
        return len(self.row_numbers)


def parse_table(table: RawTable, feed: str, columns: tuple[Column, ...], source: str) -> FeedTable:
    """Type every column of a raw feed; reject bad rows with row, column and reason."""
    missing = [c.name for c in columns if c.required and c.name not in table.header]
    empty_json_array = not table.header and not len(table) and not table.broken
    if missing and not empty_json_array:
        names = ", ".join(f"'{name}'" for name in missing)
        plural = "s" if len(missing) > 1 else ""
        raise FeedFileError(f"{source}: missing required column{plural} {names}")
    known_names = {c.name for c in columns}
    notices = [
        f"{feed}: unknown column '{name}' ignored"
        for name in table.header
        if name and name not in known_names
    ]
    rejections = [
        Rejection(feed, broken.row, broken.column, broken.value, broken.reason)
        for broken in table.broken
    ]
    if table.empty_rows:
        shown = ", ".join(str(number) for number in table.empty_rows[:10])
        more = ", ..." if len(table.empty_rows) > 10 else ""
        notices.append(f"{feed}: {len(table.empty_rows)} empty row(s) skipped (row {shown}{more})")
    notices += line_notices(feed, table)

    n = len(table)
    numbers = table.row_numbers
    first_error: dict[int, Rejection] = {}
    parsed: dict[str, ParsedColumn] = {}
    for column in columns:
        raw = table.column(column.name)
        result, errors = parse_column(column, raw)
        parsed[column.name] = result
        for i, reason in errors:
            if i not in first_error:
                first_error[i] = Rejection(feed, int(numbers[i]), column.name, raw[i], reason)

    for i, skn in _duplicates(parsed["skn"]):
        if i not in first_error:
            first_row = int(numbers[skn[1]])
            first_error[i] = Rejection(
                feed,
                int(numbers[i]),
                "skn",
                skn[0],
                f"duplicate skn {quote(skn[0])} (first in row {first_row})",
            )
    keep = np.ones(n, dtype=bool)
    skns = parsed["skn"].values()
    for i, rejection in first_error.items():
        skn = skns[i]
        rejections.append(replace(rejection, skn=str(skn)) if skn else rejection)
        keep[i] = False
    rejections.sort(key=lambda r: r.row)
    return FeedTable(
        feed=feed,
        row_numbers=numbers[keep],
        columns={name: column.take(keep) for name, column in parsed.items()},
        rejections=rejections,
        notices=notices,
        rows=len(table) + len(table.broken) + len(table.empty_rows),
        empty_rows=len(table.empty_rows),
        account=table.account,
    )


def _duplicates(skn: ParsedColumn) -> list[tuple[int, tuple[str, int]]]:
    """Rows whose skn appeared in an earlier row: (row index, (skn, index of first row))."""
    values = skn.values()
    codes, _ = pd.factorize(values, use_na_sentinel=False)
    _, first_index = np.unique(codes, return_index=True)
    first_of_code = dict(zip(codes[first_index].tolist(), first_index.tolist(), strict=True))
    repeated = np.ones(len(codes), dtype=bool)
    repeated[first_index] = False
    out = []
    for i in np.flatnonzero(repeated).tolist():
        value = values[i]
        if value:
            out.append((i, (str(value), first_of_code[int(codes[i])])))
    return out


def parse_column(
    column: Column, raw: npt.NDArray[Any]
) -> tuple[ParsedColumn, list[tuple[int, str]]]:
    """Parse each distinct cell once; return the column and its (row index, reason) errors."""
    codes, uniques = pd.factorize(raw, use_na_sentinel=False)
    texts = [text if isinstance(text, str) else "" for text in uniques.tolist()]
    table = np.empty(len(texts), dtype=object)
    bad = _oversized_or_nul(column, texts)
    todo: list[int]
    if column.kind == "text":
        # Free text needs no vocabulary: strip it in bulk (names and numbers are mostly unique).
        table[:] = [text.strip() or column.empty for text in texts]
        if column.required:
            bad.update({k: "missing required value" for k in range(len(table)) if table[k] is None})
        todo = []
    elif column.kind == "skn":
        # The common skn (ASCII letters and digits) is accepted in bulk; the rest is explained.
        stripped = [text.strip() for text in texts]
        table[:] = stripped
        todo = [k for k, text in enumerate(stripped) if not ASCII_SKN.fullmatch(text)]
    else:
        todo = list(range(len(texts)))
    for k in todo:
        if k in bad:
            continue
        outcome = column.parse(texts[k])
        if isinstance(outcome, Invalid):
            bad[k] = outcome.reason
        else:
            table[k] = outcome.value
    for k in bad:
        table[k] = None
    errors: list[tuple[int, str]] = []
    if bad:
        bad_codes = np.fromiter(bad, dtype=np.int64)
        for i in np.flatnonzero(np.isin(codes, bad_codes)).tolist():
            errors.append((i, bad[int(codes[i])]))
    return ParsedColumn(codes.astype(np.int64), table), errors


def _oversized_or_nul(column: Column, texts: list[str]) -> dict[int, str]:
    """Distinct cells over the column's size limit or holding a NUL: (index → reason)."""
    limit = cell_max_length(column.name, column.kind)
    bad: dict[int, str] = {}
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    for k in np.flatnonzero(lengths > limit).tolist():
        length = len(texts[k].strip())
        if length > limit:
            bad[k] = f"the cell is {length:,} characters long; at most {limit:,} are accepted"
    if column.kind != "skn" and "\x00" in "".join(texts):
        for k, text in enumerate(texts):
            if "\x00" in text and k not in bad:
                bad[k] = "the cell holds a NUL character (U+0000), which no text may hold"
    return bad
