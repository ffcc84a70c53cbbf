"""Reading a feed file into a header and rows of cell text: CSV (`,` or `;`) or JSON.

Encodings: UTF-8 with or without BOM, else Windows-1252 (Excel's default on Dutch Windows).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from typing import Any


class FeedFileError(Exception):
    """A feed file that cannot be used at all (unreadable, not CSV/JSON, missing column)."""


@dataclass
class RawTable:
    """A feed as text: normalised header and rows, each with its row number (1 = first data row)."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    #: Rows that could not be laid out under the header: (row number, reason).
    broken: list[tuple[int, str]] = field(default_factory=list)


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
    """Split a feed file into header and rows; `source` names the file in errors."""
    text = decode(data)
    stripped = text.lstrip()
    if stripped.startswith("[") or stripped.startswith("{"):
        return _read_json(stripped, source)
    return _read_csv(text, source)


def _normalise_header(names: list[str], source: str) -> list[str]:
    header = [name.strip().lower() for name in names]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FeedFileError(f"{source}: column '{name}' appears twice in the header")
        seen.add(name)
    return header


def detect_delimiter(header_line: str) -> str:
    """`;` when the header has more semicolons than commas (Dutch Excel), else `,`."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def _read_csv(text: str, source: str) -> RawTable:
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise FeedFileError(f"{source}: the file is empty (a header row is required)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    try:
        records = [record for record in reader if any(cell.strip() for cell in record)]
    except csv.Error as error:
        raise FeedFileError(f"{source}: not readable as CSV ({error})") from None
    header = _normalise_header(records[0], source)
    table = RawTable(header=header, rows=[])
    width = len(header)
    for number, record in enumerate(records[1:], start=1):
        if len(record) > width and any(cell.strip() for cell in record[width:]):
            table.broken.append(
                (number, f"the row has {len(record)} fields where the header has {width}")
            )
            continue
        cells = record[:width] + [""] * (width - len(record))
        table.rows.append((number, cells))
    return table


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
                if str(key).strip().lower() not in names:
                    names.append(str(key).strip().lower())
    table = RawTable(header=names, rows=[])
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            table.broken.append((number, "the element is not a JSON object"))
            continue
        by_name = {str(key).strip().lower(): value for key, value in item.items()}
        table.rows.append((number, [_json_cell(by_name.get(name)) for name in names]))
    return table


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
