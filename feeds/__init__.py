"""Reading the `dji` and `iris` feeds of feeds.md into the engine's input frame.

Public surface: `read_feeds` (from files), `parse_feeds` (from bytes), `FeedResult`,
`FeedSummary`, `Rejection`, `FeedFileError`. A bad row is rejected with its row number, column
and reason; the good rows go on. Row 1 is the first row after the header (the first object in
JSON); empty lines keep their number, are skipped and reported as a notice. Every row is
accounted for: `FeedSummary` counts accepted, rejected and empty rows and, for CSV, the
physical lines they came from. Size limits: `feeds.limits`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from feeds.columns import DJI_COLUMNS, IRIS_COLUMNS
from feeds.limits import max_feed_bytes
from feeds.merge import merge_feeds
from feeds.reader import FeedFileError, read_table
from feeds.table import FeedTable, Rejection, parse_table

__all__ = [
    "FeedFileError",
    "FeedResult",
    "FeedSummary",
    "Rejection",
    "parse_feeds",
    "read_feeds",
]


@dataclass(frozen=True)
class FeedSummary:
    """How one feed file's lines and rows were accounted for.

    `rows == accepted + rejected + empty`; for CSV also
    `lines == header_lines + rows + extra_lines` (JSON: `lines` is None). `accepted` counts
    orphan `iris` rows too: they are skipped with a notice, not rejected.
    """

    feed: str
    source: str
    lines: int | None
    header_lines: int
    rows: int
    accepted: int
    rejected: int
    empty: int
    #: Rows whose quoted cells hold line breaks, and the lines they take beyond their first.
    multi_line_rows: int
    extra_lines: int
    #: Lines read again as rows after a quote that did not close where its cell should end.
    re_read_lines: int


def _summary(table: FeedTable, source: str) -> FeedSummary:
    account = table.account
    multi = account.multi_line if account is not None else []
    return FeedSummary(
        feed=table.feed,
        source=source,
        lines=account.lines if account is not None else None,
        header_lines=account.header_last_line if account is not None else 0,
        rows=table.rows,
        accepted=len(table),
        rejected=len(table.rejections),
        empty=table.empty_rows,
        multi_line_rows=len(multi),
        extra_lines=sum(row.last_line - row.first_line for row in multi),
        re_read_lines=sum(
            r.last_line - r.first_line + 1 for r in (account.re_read if account else [])
        ),
    )


@dataclass
class FeedResult:
    """What the feeds gave: the input frame, the rejected rows and notices."""

    inputs: pd.DataFrame
    rejections: list[Rejection] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    dji_rows: int = 0
    iris_rows: int = 0
    summaries: list[FeedSummary] = field(default_factory=list)


def parse_feeds(
    dji: bytes,
    iris: bytes | None = None,
    dji_name: str = "dji",
    iris_name: str = "iris",
    max_bytes: int | None = None,
) -> FeedResult:
    """Parse feed contents; `*_name` names the files in error messages.

    `max_bytes` limits each file (default: `SOM_FEED_MAX_BYTES`, else 256 MiB).
    """
    limit = max_feed_bytes(max_bytes)
    _check_size(len(dji), limit, dji_name)
    if iris is not None:
        _check_size(len(iris), limit, iris_name)
    dji_table = parse_table(read_table(dji, dji_name), "dji", DJI_COLUMNS, dji_name)
    iris_table = None
    summaries = [_summary(dji_table, dji_name)]
    if iris is not None:
        iris_table = parse_table(read_table(iris, iris_name), "iris", IRIS_COLUMNS, iris_name)
        summaries.append(_summary(iris_table, iris_name))
    inputs, orphans = merge_feeds(dji_table, iris_table)
    rejections = list(dji_table.rejections)
    notices = list(dji_table.notices)
    iris_rows = 0
    if iris_table is not None:
        rejections += iris_table.rejections
        notices += iris_table.notices
        iris_rows = len(iris_table) + len(iris_table.rejections)
    return FeedResult(
        inputs=inputs,
        rejections=rejections,
        notices=notices + orphans,
        dji_rows=len(dji_table) + len(dji_table.rejections),
        iris_rows=iris_rows,
        summaries=summaries,
    )


def read_feeds(
    dji_path: Path, iris_path: Path | None = None, max_bytes: int | None = None
) -> FeedResult:
    """Read and parse feed files; raises `FeedFileError` naming an unreadable file.

    `max_bytes` limits each file (default: `SOM_FEED_MAX_BYTES`, else 256 MiB); a larger file
    is refused before it is read.
    """
    limit = max_feed_bytes(max_bytes)
    return parse_feeds(
        _read_bytes(dji_path, limit),
        _read_bytes(iris_path, limit) if iris_path is not None else None,
        dji_name=str(dji_path),
        iris_name=str(iris_path) if iris_path is not None else "iris",
        max_bytes=limit,
    )


def _check_size(size: int, limit: int, source: str) -> None:
    if size > limit:
        raise FeedFileError(
            f"{source}: the file is {size:,} bytes, over the limit of {limit:,} bytes for a "
            "feed file (set SOM_FEED_MAX_BYTES to change it)"
        )


def _read_bytes(path: Path, limit: int) -> bytes:
    try:
        with Path(path).open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            _check_size(size, limit, str(path))
            # Read one byte past the limit: a file that grows (or a pipe) is caught as well.
            data = file.read(limit + 1)
    except OSError as error:
        raise FeedFileError(f"{path}: cannot read the file ({error.strerror})") from None
    if len(data) > limit:
        raise FeedFileError(
            f"{path}: the file is more than {limit:,} bytes, the limit for a feed file "
            "(set SOM_FEED_MAX_BYTES to change it)"
        )
    return data
