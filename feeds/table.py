"""From rows of cell text to typed columns, rejecting rows that break the contract.

Parsing is columnar: each distinct cell text of a column is read once, then broadcast, so a
100,000-row feed costs a few thousand parser calls per column rather than 100,000.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from feeds.cells import Invalid, quote
from feeds.columns import Column
from feeds.reader import FeedFileError, RawTable


@dataclass(frozen=True)
class Rejection:
    """A row left out of a feed, with where and why."""

    feed: str
    row: int
    column: str | None
    value: str | None
    reason: str

    @property
    def message(self) -> str:
        """One line for standard error, e.g. "dji row 7, column intake_date: '31-02-2026' ..."."""
        where = f"{self.feed} row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.reason}"


@dataclass
class FeedTable:
    """The accepted rows of one feed, typed per column, in file order."""

    feed: str
    row_numbers: npt.NDArray[np.int64]
    values: dict[str, npt.NDArray[Any]]
    rejections: list[Rejection]
    notices: list[str]

    def __len__(self) -> int:
        return len(self.row_numbers)


def parse_table(table: RawTable, feed: str, columns: tuple[Column, ...], source: str) -> FeedTable:
    """Type every column of a raw feed; reject bad rows with row, column and reason."""
    missing = [c.name for c in columns if c.required and c.name not in table.header]
    if missing:
        names = ", ".join(f"'{name}'" for name in missing)
        raise FeedFileError(f"{source}: missing required column {names}")
    known_names = {c.name for c in columns}
    notices = [
        f"{feed}: unknown column '{name}' ignored"
        for name in table.header
        if name and name not in known_names
    ]
    rejections = [Rejection(feed, number, None, None, reason) for number, reason in table.broken]

    n = len(table.rows)
    numbers = np.fromiter((number for number, _ in table.rows), dtype=np.int64, count=n)
    first_error: list[Rejection | None] = [None] * n
    values: dict[str, npt.NDArray[Any]] = {}
    for column in columns:
        if column.name in table.header:
            position = table.header.index(column.name)
            raw = [cells[position] for _, cells in table.rows]
        else:
            raw = [""] * n
        parsed, errors = _parse_column(column, raw)
        values[column.name] = parsed
        for i, reason in errors:
            if first_error[i] is None:
                first_error[i] = Rejection(feed, int(numbers[i]), column.name, raw[i], reason)

    seen: dict[str, int] = {}
    keep = np.ones(n, dtype=bool)
    skns = values["skn"]
    for i in range(n):
        skn = skns[i]
        if skn is not None and skn != "":
            if skn in seen:
                if first_error[i] is None:
                    first_error[i] = Rejection(
                        feed,
                        int(numbers[i]),
                        "skn",
                        skn,
                        f"duplicate skn {quote(skn)} (first in row {seen[skn]})",
                    )
            else:
                seen[skn] = int(numbers[i])
        rejection = first_error[i]
        if rejection is not None:
            rejections.append(rejection)
            keep[i] = False
    rejections.sort(key=lambda r: r.row)
    return FeedTable(
        feed=feed,
        row_numbers=numbers[keep],
        values={name: array[keep] for name, array in values.items()},
        rejections=rejections,
        notices=notices,
    )


def _parse_column(column: Column, raw: list[str]) -> tuple[npt.NDArray[Any], list[tuple[int, str]]]:
    """Parse each distinct cell once; return the values and (row index, reason) errors."""
    codes, uniques = pd.factorize(pd.Series(raw, dtype=object), use_na_sentinel=False)
    parsed = np.empty(len(uniques), dtype=object)
    bad: dict[int, str] = {}
    for k, text in enumerate(uniques):
        outcome = column.parse(str(text))
        if isinstance(outcome, Invalid):
            bad[k] = outcome.reason
            parsed[k] = None
        else:
            parsed[k] = outcome.value
    errors: list[tuple[int, str]] = []
    if bad:
        bad_codes = np.fromiter(bad, dtype=np.int64)
        for i in np.flatnonzero(np.isin(codes, bad_codes)):
            errors.append((int(i), bad[int(codes[i])]))
    return parsed[codes], errors


def dates_to_datetime64(values: npt.NDArray[Any]) -> npt.NDArray[np.datetime64]:
    """An object array of `date | None` as datetime64[s] with NaT for None."""
    codes, uniques = pd.factorize(pd.Series(values, dtype=object), use_na_sentinel=True)
    table = np.array(
        [
            np.datetime64(d, "s") if isinstance(d, date) else np.datetime64("NaT", "s")
            for d in uniques
        ]
        + [np.datetime64("NaT", "s")],
        dtype="datetime64[s]",
    )
    return table[np.where(codes < 0, len(uniques), codes)]
