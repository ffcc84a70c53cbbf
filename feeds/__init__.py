"""Reading the `dji` and `iris` feeds of feeds.md into the engine's input frame.

Public surface: `read_feeds` (from files), `parse_feeds` (from bytes), `FeedResult`,
`Rejection`, `FeedFileError`. A bad row is rejected with its row number, column and reason; the
good rows go on. Row 1 is the first line after the header (the first object in JSON); empty
lines keep their number, are skipped and reported as a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from feeds.columns import DJI_COLUMNS, IRIS_COLUMNS
from feeds.merge import merge_feeds
from feeds.reader import FeedFileError, read_table
from feeds.table import Rejection, parse_table

__all__ = ["FeedFileError", "FeedResult", "Rejection", "parse_feeds", "read_feeds"]


@dataclass
class FeedResult:
    """What the feeds gave: the input frame, the rejected rows and notices."""

    inputs: pd.DataFrame
    rejections: list[Rejection] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    dji_rows: int = 0
    iris_rows: int = 0


def parse_feeds(
    dji: bytes,
    iris: bytes | None = None,
    dji_name: str = "dji",
    iris_name: str = "iris",
) -> FeedResult:
    """Parse feed contents; `*_name` names the files in error messages."""
    dji_table = parse_table(read_table(dji, dji_name), "dji", DJI_COLUMNS, dji_name)
    iris_table = None
    if iris is not None:
        iris_table = parse_table(read_table(iris, iris_name), "iris", IRIS_COLUMNS, iris_name)
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
    )


def read_feeds(dji_path: Path, iris_path: Path | None = None) -> FeedResult:
    """Read and parse feed files; raises `FeedFileError` naming an unreadable file."""
    return parse_feeds(
        _read_bytes(dji_path),
        _read_bytes(iris_path) if iris_path is not None else None,
        dji_name=str(dji_path),
        iris_name=str(iris_path) if iris_path is not None else "iris",
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise FeedFileError(f"{path}: cannot read the file ({error.strerror})") from None
