"""`som audit replay`: score every stored assessment again and compare with the stored result.

Exit 0 when every assessment of the running rules version reproduces, 1 when one does not (each
differing field is listed: assessment id, SKN, field, stored, recomputed) or the database cannot
be read, 2 for bad arguments. Assessments made by another rules version are counted apart, never
as a difference. The comparison is `storage.replay.replay_all`; this module only prints it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from som_cli.main import EXIT_OK, EXIT_USAGE
from som_cli.store_commands import _database_option, _with_database

if TYPE_CHECKING:
    from storage import Database
    from storage.replay import ReplayReport

EXIT_DIFFERENCES = 1
_COMMAND = "som audit replay"


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som audit replay`."""
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    _database_option(parser)


def run(args: argparse.Namespace) -> int:
    """Replay every assessment and print the report; the exit status says whether all reproduce."""
    from storage.connect import database_url_problem

    if args.format not in ("table", "json"):
        print(f"{_COMMAND}: --format must be table or json, not {args.format!r}", file=sys.stderr)
        return EXIT_USAGE
    problem = None if args.database is None else database_url_problem(args.database)
    if problem is not None:
        print(f"{_COMMAND}: --database {problem}", file=sys.stderr)
        return EXIT_USAGE

    def work(database: Database) -> int:
        from storage.replay import replay_all

        report = replay_all(database)
        if args.format == "json":
            print(json.dumps(report.document(), indent=2, ensure_ascii=False))
        else:
            print("\n".join(report_lines(report)))
        return EXIT_OK if report.ok else EXIT_DIFFERENCES

    return _with_database(_COMMAND, args.database, work)


def report_lines(report: ReplayReport) -> list[str]:
    """The report as lines for a person (control characters in stored text removed)."""
    differing = len(report.differing_assessments)
    lines = [
        f"replayed {report.replayed} assessments of rules version {report.rules_version}: "
        f"{report.reproduced} reproduced, {differing} differ"
    ]
    if report.other_rules_versions:
        counts = ", ".join(
            f"{_plain(version)}: {count}" for version, count in report.other_rules_versions.items()
        )
        lines.append(
            f"made by other rules versions (not replayed, not a difference): "
            f"{report.other_rules_version_count} ({counts})"
        )
    if report.differences:
        rows = [("assessment", "skn", "field", "stored", "recomputed")] + [
            (str(d.assessment_id), _plain(d.skn), d.field, _cell(d.stored), _cell(d.recomputed))
            for d in report.differences
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines.append("")
        lines += [
            "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
            + "  "
            + row[4]
            for row in rows
        ]
    return lines


def _cell(value: Any) -> str:
    return "null" if value is None else _plain(str(value))


def _plain(text: str) -> str:
    from feeds.writing import terminal_text

    return terminal_text(text)
