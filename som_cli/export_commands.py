"""`som export access-log`: the access log as CSV or JSON, for an auditor or a privacy officer.

CSV goes through `feeds.writing.write_csv` (a cell that a spreadsheet would run as a formula,
such as a user name typed as `=HYPERLINK(…)` at the sign-in screen, gets a leading
apostrophe); JSON is an array of objects with the keys of `storage.access_log.ENTRY_COLUMNS`,
times in ISO 8601 UTC. The export itself is logged (`export`, by SOM) with what was exported
and the filters, before the entries are written out. Exit statuses: 0 done, 2 a bad argument or
unwritable file, 1 the database failed.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from som_cli.main import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    import pandas as pd

    from storage.database import Database

#: `som export` sub-command → one-line help.
EXPORT_COMMANDS: dict[str, str] = {
    "access-log": "the access log (who looked at or changed what, when, from where)",
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som export` and its sub-commands."""
    sub = parser.add_subparsers(dest="export_command", required=True, metavar="WHAT")
    log = sub.add_parser(
        "access-log", help=EXPORT_COMMANDS["access-log"], description=EXPORT_COMMANDS["access-log"]
    )
    log.add_argument("--format", choices=("csv", "json"), default="csv", help="output format")
    log.add_argument("--since", metavar="DATE", help="first day, YYYY-MM-DD (Dutch calendar day)")
    log.add_argument("--until", metavar="DATE", help="last day, YYYY-MM-DD (Dutch calendar day)")
    log.add_argument("--user", metavar="NAME", help="only the entries of this user name")
    log.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )
    log.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: $SOM_DATABASE_URL, else sqlite:///data/som.db)",
    )


def run(args: argparse.Namespace) -> int:
    """Export the access log."""
    from som_cli.store_commands import _with_database

    command = "som export access-log"
    try:
        since, until = _day(args.since, "--since"), _day(args.until, "--until")
    except ValueError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    if since is not None and until is not None and since > until:
        print(f"{command}: --since {since} is after --until {until}", file=sys.stderr)
        return EXIT_USAGE
    if args.out is not None and (problem := _file_problem(args.out)) is not None:
        print(f"{command}: --out: {problem}; nothing was exported", file=sys.stderr)
        return EXIT_USAGE

    def work(database: Database) -> int:
        from storage.access_log import access_entries, record_access
        from storage.actor import SYSTEM
        from storage.permissions import require

        require(SYSTEM, "export")
        entries = access_entries(database, since=since, until=until, user=args.user or None)
        text = access_log_text(entries, args.format)
        detail = {
            "export": "access_log",
            "format": args.format,
            "since": since,
            "until": until,
            "user": args.user,
            "entries": len(entries),
            "out": "standard output" if args.out is None else str(args.out.absolute()),
        }
        # Logged before anything leaves SOM; a write that fails then is logged as failed.
        record_access(database, SYSTEM, "export", detail=detail)
        try:
            _write(args.out, text)
        except OSError as error:
            record_access(database, SYSTEM, "export", outcome="failed", detail=detail)
            print(f"{command}: cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
            return EXIT_USAGE
        if args.out is not None:
            print(f"written: {args.out} ({len(entries)} entries)", file=sys.stderr)
        return EXIT_OK

    return _with_database(command, args.database, work)


def access_log_text(entries: pd.DataFrame, form: str) -> str:
    """The entries as CSV (`write_csv`) or as a JSON array of objects (`ENTRY_COLUMNS` keys)."""
    from feeds.writing import write_csv
    from storage.access_log import ENTRY_COLUMNS

    rows = [
        tuple(_plain(value) for value in row)
        for row in entries[list(ENTRY_COLUMNS)].itertuples(index=False, name=None)
    ]
    if form == "json":
        objects = [dict(zip(ENTRY_COLUMNS, row, strict=True)) for row in rows]
        return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    write_csv(out, ENTRY_COLUMNS, rows)
    return out.getvalue()


def _plain(value: Any) -> Any:
    """A cell as JSON has it: times ISO 8601 in UTC, numbers as int, missing as None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if hasattr(value, "item"):  # a numpy number
        return value.item()
    return value


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def _file_problem(path: Path) -> str | None:
    if path.is_dir():
        return f"{path} is a folder"
    folder = path.absolute().parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {folder} is not writable"
    return None


def _write(path: Path | None, text: str) -> None:
    if path is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    # The log names people and detainees: the file is readable by its owner only.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
