"""Building feed files for the feed tests: rows of cell text in, file bytes out.

Rows are dicts keyed by the feeds.md column names. A cell left out of a row is written empty; a
column used by no row is left out of the header.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from feeds import FeedResult, Rejection, parse_feeds
from scoring.fields import field_names
from scoring.inputs import DetaineeInputs, records_from_frame

Row = dict[str, str]

#: The smallest valid `dji` row: only the required columns.
DJI_REQUIRED: Row = {"skn": "1000001", "pi": "Sittard", "phase": "remand"}


def csv_bytes(
    rows: Sequence[Row],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    header: Sequence[str] | None = None,
    line_end: str = "\n",
) -> bytes:
    """A CSV file with a header row; `encoding="utf-8-sig"` writes a BOM."""
    columns = list(header) if header is not None else _columns(rows)
    lines = [_csv_line(columns, delimiter)]
    lines += [_csv_line([row.get(column, "") for column in columns], delimiter) for row in rows]
    return "".join(line + line_end for line in lines).encode(encoding)


def _csv_line(cells: Sequence[str], delimiter: str) -> str:
    # Written with CRLF so that the writer quotes any cell holding \r or \n, whatever line
    # end the file gets: a bare \r in an unquoted cell would end the record.
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()[:-2]


def json_bytes(items: Sequence[Any]) -> bytes:
    """A JSON feed: an array of objects."""
    return json.dumps(list(items), ensure_ascii=False).encode("utf-8")


def _columns(rows: Sequence[Row]) -> list[str]:
    return list(dict.fromkeys(column for row in rows for column in row))


def dji_row(skn: str = "1000001", **cells: str) -> Row:
    """A valid `dji` row with the required cells filled, changed by `cells`."""
    return {**DJI_REQUIRED, "skn": skn, **cells}


def parse(dji_rows: Sequence[Row], iris_rows: Sequence[Row] | None = None) -> FeedResult:
    """Parse `,`-delimited UTF-8 feeds built from rows."""
    iris = csv_bytes(iris_rows) if iris_rows is not None else None
    return parse_feeds(csv_bytes(dji_rows), iris)


def records(result: FeedResult) -> list[DetaineeInputs]:
    """The accepted detainees of a parse, as python values."""
    return records_from_frame(result.inputs)


def one_detainee(dji: Row | None = None, iris: Row | None = None) -> DetaineeInputs:
    """Parse one `dji` row (and its `iris` row) that must be accepted; return the detainee."""
    dji_cells = dji_row(**(dji or {}))
    iris_rows = [{"skn": dji_cells["skn"], **(iris or {})}] if iris is not None else None
    result = parse([dji_cells], iris_rows)
    assert result.rejections == [], [r.message for r in result.rejections]
    (detainee,) = records(result)
    return detainee


def only_rejection(dji: Row | None = None, iris: Row | None = None) -> Rejection:
    """Parse one `dji` row (and its `iris` row); exactly one row must be rejected."""
    dji_cells = dji_row(**(dji or {}))
    iris_rows = [{"skn": dji_cells["skn"], **(iris or {})}] if iris is not None else None
    result = parse([dji_cells], iris_rows)
    assert len(result.rejections) == 1, [r.message for r in result.rejections]
    return result.rejections[0]


#: The columns of the `iris` feed (feeds.md, feed 2) besides `skn`.
IRIS_ONLY_COLUMNS = frozenset(field_names(feed="iris"))


def parse_column(column: str, cells: Sequence[str]) -> FeedResult:
    """One detainee per cell, the cell in `column` of whichever feed holds it (row i+1)."""
    skns = [str(3000000 + i) for i in range(len(cells))]
    if column in IRIS_ONLY_COLUMNS:
        iris = [{"skn": skn, column: cell} for skn, cell in zip(skns, cells, strict=True)]
        return parse([dji_row(skn) for skn in skns], iris)
    return parse([dji_row(skn, **{column: cell}) for skn, cell in zip(skns, cells, strict=True)])


def column_values(column: str, cells: Sequence[str]) -> list[Any]:
    """The parsed value of each cell; every row must be accepted."""
    result = parse_column(column, cells)
    assert result.rejections == [], [r.message for r in result.rejections]
    return [getattr(detainee, column) for detainee in records(result)]


def column_rejections(column: str, cells: Sequence[str]) -> list[Rejection]:
    """The rejections of the cells; every row (of the feed holding the column) is rejected."""
    result = parse_column(column, cells)
    accepted = [getattr(d, column) for d in records(result) if d.has_probation_record]
    if column not in IRIS_ONLY_COLUMNS:
        accepted = [getattr(d, column) for d in records(result)]
    assert accepted == [], f"accepted as {accepted}"
    assert len(result.rejections) == len(cells), [r.message for r in result.rejections]
    return result.rejections
