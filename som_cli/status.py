"""`som status`: which database, the published policy, current admissions per prison and the
last import. The figures come from `storage.database_status`; this module only prints them.

JSON keys (`database`, `policy`, `current_admissions`, `last_import`) are read by tools;
`current_admissions` (prison → count) is a contract (feeds.md).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from som_cli.database_line import shown_database
from som_cli.main import EXIT_OK
from som_cli.store_commands import _database_option, _with_database

if TYPE_CHECKING:
    from storage import Database, DatabaseStatus


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som status`."""
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    _database_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print the status of the database."""

    def work(database: Database) -> int:
        from storage import database_status

        status = database_status(database)
        shown = shown_database(args.database)
        if args.format == "json":
            print(json.dumps(status_document(shown, status), indent=2, ensure_ascii=False))
        else:
            print("\n".join(status_lines(shown, status)))
        return EXIT_OK

    return _with_database("som status", args.database, work)


def status_document(database: str, status: DatabaseStatus) -> dict[str, Any]:
    """The JSON document of `som status --format json` (dates as ISO text)."""
    last = None if status.last_import is None else asdict(status.last_import)
    if last is not None:
        last["imported_at"] = last["imported_at"].isoformat()
        last["as_of"] = last["as_of"].isoformat()
    policy = None
    if status.policy is not None:
        policy = {
            "version": status.policy.version,
            "published_at": status.policy.published_at.isoformat(),
        }
    return {
        "database": database,
        "policy": policy,
        "current_admissions": status.current_admissions,
        "current_admissions_total": status.current_total,
        "last_import": last,
    }


def status_lines(database: str, status: DatabaseStatus) -> list[str]:
    """`som status` as lines for a person (control characters in stored text removed)."""
    lines = [f"database:        {database}"]
    if status.policy is None:
        lines.append(
            "policy:          none published yet (the default applies at the first import)"
        )
    else:
        lines.append(
            f"policy:          {_plain(status.policy.version)!r}, published "
            f"{status.policy.published_at:%Y-%m-%d %H:%M} UTC"
        )
    lines.append(f"current admissions: {status.current_total}")
    width = max((len(_plain(pi)) for pi in status.current_admissions), default=0)
    for prison, count in status.current_admissions.items():
        lines.append(f"  {_plain(prison) or '(no prison)':<{width}}  {count:>7}")
    last = status.last_import
    if last is None:
        lines.append("last import:     none")
    else:
        lines += [
            f"last import:     {last.imported_at:%Y-%m-%d %H:%M} UTC, as of {last.as_of}",
            f"  files: {_plain(last.dji_file)}"
            + (f", {_plain(last.iris_file)}" if last.iris_file else ""),
            f"  rows: {last.dji_rows} dji, {last.iris_rows} iris, {last.rejected_rows} rejected",
            f"  admissions: {last.new_admissions} new, {last.changed_admissions} changed, "
            f"{last.released_admissions} released",
        ]
    return lines


def _plain(text: str) -> str:
    from feeds.writing import terminal_text

    return terminal_text(text)
