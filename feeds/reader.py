"""Reading a feed file into a header and columns of cell text: CSV (`,` or `;`) or JSON.

The bytes are checked to be text and decoded line by line (`feeds.encoding`); then the CSV
reader (`feeds.csv_rows`) or the JSON reader (`feeds.json_rows`) lays them out. Rows are
numbered from 1 = the first row after the header (the first object in JSON), so "row N" is
line N + 1 of a plain CSV file; empty lines count, are skipped and reported.
"""

from __future__ import annotations

from feeds.csv_rows import detect_delimiter, read_csv
from feeds.encoding import decode_feed
from feeds.json_rows import read_json
from feeds.raw import BrokenRow, Cells, FeedFileError, LineAccount, RawTable

__all__ = [
    "BrokenRow",
    "Cells",
    "FeedFileError",
    "LineAccount",
    "RawTable",
    "detect_delimiter",
    "read_table",
]


def read_table(data: bytes, source: str) -> RawTable:
    """Split a feed file into header and columns; `source` names the file in errors."""
    decoded = decode_feed(data, source)
    start = decoded.text.lstrip()[:1]
    if start in ("[", "{"):
        return read_json(decoded, source)
    return read_csv(decoded, source)
