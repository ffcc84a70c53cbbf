"""Reading a feed file into a header and columns of cell text: CSV (`,` or `;`) or JSON.

Encodings: UTF-8 with or without BOM, else Windows-1252 (Excel's default on Dutch Windows).
Rows are numbered from 1 = the first line after the header (the first object in JSON), so
"row N" is line N + 1 of a plain CSV file; empty lines count, are skipped and reported.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

Cells = npt.NDArray[np.object_]


class FeedFileError(Exception):
    """A feed file that cannot be used at all (unreadable, not CSV/JSON, missing column)."""


@dataclass
class RawTable:
    """A feed as text: normalised header, row numbers and one array of cell text per column."""

    header: list[str]
    row_numbers: npt.NDArray[np.int64]
    columns: dict[str, Cells]
    #: Rows that could not be laid out under the header: (row number, reason).
    broken: list[tuple[int, str]] = field(default_factory=list)
    #: Row numbers of empty lines (blank, or only delimiters): skipped, with a notice.
    empty_rows: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.row_numbers)

    def column(self, name: str) -> Cells:
        """The cells of a column; all empty when the file lacks it."""
        if name in self.columns:
            return self.columns[name]
        empty = np.empty(len(self), dtype=object)
        empty[:] = ""
        return empty


def decode(data: bytes) -> str:
    """Decode feed bytes: UTF-8 (BOM optional), falling back to Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so nothing is lost.
        return data.decode("latin-1")


def read_table(data: bytes, source: str) -> RawTable:
    """Split a feed file into header and columns; `source` names the file in errors."""
    text = decode(data)
    stripped = text.lstrip()
    if stripped.startswith("[") or stripped.startswith("{"):
        return _read_json(stripped, source)
    return _read_csv(text, source)


def detect_delimiter(header_line: str) -> str:
    """`;` when the header has more semicolons than commas (Dutch Excel), else `,`."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _normalise_header(names: list[str], source: str) -> list[str]:
    header = [str(name).strip().lower() for name in names]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FeedFileError(f"{source}: column '{name}' appears twice in the header")
        seen.add(name)
    return header


def _read_csv(text: str, source: str) -> RawTable:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise FeedFileError(f"{source}: the file is empty (a header row is required)")
    delimiter = detect_delimiter(first_line)
    try:
        return _read_csv_fast(text, delimiter, source)
    except (pd.errors.ParserError, ValueError):
        # Rows with too many fields (or odd quoting): read record by record to say which.
        return _read_csv_records(text, delimiter, source)


def _read_csv_fast(text: str, delimiter: str, source: str) -> RawTable:
    frame = pd.read_csv(
        io.StringIO(text.lstrip("\r\n")),
        sep=delimiter,
        dtype=object,
        header=None,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        engine="c",
        quoting=csv.QUOTE_MINIMAL,
    )
    cells = [frame[c].to_numpy(dtype=object) for c in frame.columns]
    if not cells or len(cells[0]) == 0:
        raise FeedFileError(f"{source}: the file is empty (a header row is required)")
    header = _normalise_header([column[0] for column in cells], source)
    body = [column[1:] for column in cells]
    content = np.zeros(len(body[0]), dtype=bool)
    for column in body:
        content |= (column != "") & pd.notna(column)
    numbers = np.arange(1, len(content) + 1, dtype=np.int64)
    body = [column[content] for column in body]
    empty = numbers[~content].tolist()
    return RawTable(header, numbers[content], _by_name(header, body), empty_rows=empty)


def _read_csv_records(text: str, delimiter: str, source: str) -> RawTable:
    reader = csv.reader(io.StringIO(text.lstrip("\r\n"), newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise FeedFileError(f"{source}: not readable as CSV ({error})") from None
    if not records or not "".join(records[0]):
        raise FeedFileError(f"{source}: the file is empty (a header row is required)")
    header = _normalise_header(records[0], source)
    width = len(header)
    rows: list[list[str]] = []
    numbers: list[int] = []
    broken: list[tuple[int, str]] = []
    empty: list[int] = []
    for number, record in enumerate(records[1:], start=1):
        if not "".join(record):
            empty.append(number)
            continue
        if len(record) > width and "".join(record[width:]):
            broken.append(
                (number, f"the row has {len(record)} fields where the header has {width}")
            )
            continue
        rows.append(record[:width] + [""] * (width - len(record)))
        numbers.append(number)
    body = [_objects([row[i] for row in rows]) for i in range(width)]
    return RawTable(
        header, np.array(numbers, dtype=np.int64), _by_name(header, body), broken, empty
    )


def _by_name(header: list[str], body: list[Cells]) -> dict[str, Cells]:
    return {name: column for name, column in zip(header, body, strict=True) if name}


def _objects(values: list[str]) -> Cells:
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _read_json(text: str, source: str) -> RawTable:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FeedFileError(
            f"{source}: not valid JSON ({error.msg}, line {error.lineno})"
        ) from None
    if not isinstance(document, list):
        raise FeedFileError(f"{source}: JSON must be an array of objects")
    names: list[str] = []
    for item in document:
        if isinstance(item, dict):
            for key in item:
                name = str(key).strip().lower()
                if name not in names:
                    names.append(name)
    rows: list[list[str]] = []
    numbers: list[int] = []
    broken: list[tuple[int, str]] = []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            broken.append((number, "the element is not a JSON object"))
            continue
        by_name = {str(key).strip().lower(): value for key, value in item.items()}
        rows.append([_json_cell(by_name.get(name)) for name in names])
        numbers.append(number)
    body = [_objects([row[i] for row in rows]) for i in range(len(names))]
    return RawTable(names, np.array(numbers, dtype=np.int64), _by_name(names, body), broken)


def _json_cell(value: Any) -> str:
    """A JSON value as the cell text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        if not value:
            return "none"
        return "|".join(_json_cell(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value)
    return str(value)
