"""Notices about how a feed file's lines became rows: encodings, rows spanning lines, lines
read again after a stray quote. Each names the rows (or lines) it is about."""

from __future__ import annotations

from collections.abc import Sequence

from feeds.raw import RawTable, line_range

#: How many row numbers a notice lists before it says how many more there are.
SHOWN: int = 10


def some(numbers: Sequence[int]) -> str:
    """ "3, 7, 12" — at most `SHOWN` numbers, then how many more."""
    shown = ", ".join(str(number) for number in numbers[:SHOWN])
    if len(numbers) > SHOWN:
        shown += f" and {len(numbers) - SHOWN:,} more"
    return shown


def line_notices(feed: str, table: RawTable) -> list[str]:
    """The notices of one feed file about its encoding and its lines."""
    notices: list[str] = []
    if table.windows_1252_lines:
        lines = some(table.windows_1252_lines)
        where = f"line {lines} (the header)" if table.account is not None else f"line {lines}"
        notices.append(f"{feed}: {where} not valid UTF-8; read as Windows-1252")
    if table.windows_1252_rows:
        rows = table.windows_1252_rows
        notices.append(
            f"{feed}: {len(rows):,} row(s) not valid UTF-8, read as Windows-1252: row {some(rows)}"
        )
    account = table.account
    if account is not None and (account.multi_line or account.re_read):
        notices.append(
            f"{feed}: {account.lines:,} lines hold the header and {account.rows:,} rows "
            f"({len(table.broken):,} could not be laid out and are rejected, "
            f"{len(table.empty_rows):,} empty)"
        )
        spans = [
            f"row {r.row} ({line_range(r.first_line, r.last_line)})" for r in account.multi_line
        ]
        if spans:
            listed = "; ".join(spans[:SHOWN])
            more = f"; and {len(spans) - SHOWN:,} more" if len(spans) > SHOWN else ""
            notices.append(
                f"{feed}: {len(spans):,} row(s) hold line breaks inside quoted cells: "
                f"{listed}{more}"
            )
        if len(account.re_read) > SHOWN:
            notices.append(
                f"{feed}: {len(account.re_read):,} quotes opened and were not closed where their "
                f"cell should end; the first {SHOWN} follow"
            )
        for again in account.re_read[:SHOWN]:
            notices.append(
                f"{feed}: a quote opened on line {again.line} (row {again.row}, rejected) would "
                f"have swallowed {line_range(again.first_line, again.last_line)}; read again "
                "as rows"
            )
    return notices
