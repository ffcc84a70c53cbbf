"""The one way SOM writes CSV for people to open, and text for a terminal.

A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a
formula, so such a cell is written with a leading apostrophe (the spreadsheet shows the text,
and does not run it). Every CSV export of SOM goes through `write_csv`; every text printed to
a terminal goes through `terminal_text`, which drops control characters such as ANSI escapes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Final, TextIO

#: The first characters that make a spreadsheet treat a cell as a formula.
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_cell(value: object) -> str:
    """A cell's text that no spreadsheet runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


#: The delimiters `write_csv` accepts: `;` is what Excel expects in a Dutch locale.
CSV_DELIMITERS: Final = (",", ";")
#: The byte order mark that makes Excel read a CSV file as UTF-8 (names such as Eëlco, IJsbrand).
BOM: Final = "\ufeff"


def write_csv(
    out: TextIO,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> None:
    """Write a header and rows as CSV (`,` or `;`, `\\n`), every cell made safe for spreadsheets;
    `bom` starts the text with a byte order mark, for Excel.

    A carriage return inside a cell is written as a line break: Python's CSV writer quotes a
    cell with `\\n` but not one with a lone `\\r`, which a reader would split into two rows.
    """
    if delimiter not in CSV_DELIMITERS:
        raise ValueError(f"delimiter {delimiter!r}: must be one of {' '.join(CSV_DELIMITERS)}")
    if bom:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\n", delimiter=delimiter)
    writer.writerow([_cell(name) for name in header])
    writer.writerows([_cell(cell) for cell in row] for row in rows)


def _cell(value: object) -> str:
    return safe_cell(value).replace("\r\n", "\n").replace("\r", "\n")


def terminal_text(value: str) -> str:
    """Text with control characters (ANSI escapes, bells, backspaces) removed."""
    return _CONTROL.sub("", value)
