"""`som export access-log|overrides|decisions|analytics`: the access log, the auditor's lists
of overrides and decisions, or the override analytics (`storage.audit_exports`), as CSV or JSON.

`overrides` and `decisions` take the audit filters as options, CSV in UTF-8 with a byte order
mark (`--delimiter ';'` for Dutch Excel) and `--pseudonymise` (SKN and name replaced by a keyed
pseudonym; `SOM_PSEUDONYM_KEY` must be set). Each export is logged in the access log with its
filters before anything is written.

The access log:

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
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from som_cli.main import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    import pandas as pd

    from storage.database import Database

#: `som export` sub-command → one-line help.
EXPORT_COMMANDS: dict[str, str] = {
    "access-log": "the access log (who looked at or changed what, when, from where)",
    "overrides": "every override with its status, direction and justification (the audit list)",
    "decisions": "every joint decision with the automated band it was taken on (the audit list)",
    "analytics": "the override analytics: criteria most overruled, per prison, user, policy, time",
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
    _out_options(log)
    for kind in ("overrides", "decisions"):
        _configure_audit_list(
            sub.add_parser(kind, help=EXPORT_COMMANDS[kind], description=EXPORT_COMMANDS[kind]),
            kind,
        )
    analytics = sub.add_parser(
        "analytics", help=EXPORT_COMMANDS["analytics"], description=EXPORT_COMMANDS["analytics"]
    )
    _format_options(analytics, "csv: one table; json: the headline, the thresholds and every table")
    analytics.add_argument(
        "--table",
        default="most_overruled",
        metavar="NAME",
        help="the table of a CSV (default most_overruled; the others in docs/audit.md, and a "
        "wrong name is answered with the list)",
    )
    _out_options(analytics)


def _format_options(parser: argparse.ArgumentParser, format_help: str) -> None:
    """`--format` and `--delimiter` of the audit files."""
    parser.add_argument("--format", choices=("csv", "json"), default="csv", help=format_help)
    parser.add_argument(
        "--delimiter",
        choices=(",", ";"),
        default=",",
        help="CSV delimiter (';' for Excel in a Dutch locale)",
    )


def _out_options(parser: argparse.ArgumentParser) -> None:
    """`--out` and `--database` of every export."""
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="write to FILE (default: standard output)"
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: $SOM_DATABASE_URL, else sqlite:///data/som.db)",
    )


def _configure_audit_list(parser: argparse.ArgumentParser, kind: str) -> None:
    _format_options(parser, "output format")
    parser.add_argument(
        "--since", metavar="DATE", help="first day, YYYY-MM-DD (Dutch calendar day)"
    )
    parser.add_argument("--until", metavar="DATE", help="last day, YYYY-MM-DD (Dutch calendar day)")
    parser.add_argument("--prison", metavar="PI", help="only records on detainees of this prison")
    parser.add_argument("--user", metavar="NAME", help="only the records of this user name")
    parser.add_argument("--role", metavar="ROLE", help="only the records made in this role")
    parser.add_argument(
        "--decisive", metavar="CRITERION", help="decisive criterion of the automated band, or none"
    )
    parser.add_argument(
        "--policy-version", metavar="VERSION", help="only under this policy version"
    )
    parser.add_argument(
        "--status",
        metavar="STATUS",
        help="active, stale, withdrawn, superseded"
        if kind == "overrides"
        else "current or earlier",
    )
    if kind == "overrides":
        parser.add_argument("--reason", metavar="CATEGORY", help="only this reason category")
        parser.add_argument("--direction", choices=("up", "down"), help="up or down in band order")
    parser.add_argument(
        "--outside-own-prison",
        choices=("yes", "no"),
        help="only records after (yes) or without (no) access outside the user's own prisons",
    )
    parser.add_argument(
        "--pseudonymise",
        action="store_true",
        help="replace SKN and name by a keyed pseudonym (needs $SOM_PSEUDONYM_KEY)",
    )
    _out_options(parser)


def run(args: argparse.Namespace) -> int:
    """Export the access log, the overrides or the decisions."""
    if args.export_command in ("overrides", "decisions"):
        return _run_audit_list(args)
    if args.export_command == "analytics":
        return _run_analytics(args)
    return _run_access_log(args)


def _run_analytics(args: argparse.Namespace) -> int:
    from som_cli.store_commands import _with_database
    from storage.audit_exports import ANALYTICS_TABLES

    command = "som export analytics"
    if args.table not in ANALYTICS_TABLES:
        print(
            f"{command}: --table: must be one of {', '.join(ANALYTICS_TABLES)} "
            f"(found {args.table!r}); nothing was exported",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if _out_refused(command, args.out):
        return EXIT_USAGE

    def work(database: Database) -> int:
        from storage.audit_exports import export_analytics

        destination = _destination(args.out)
        export = export_analytics(
            database,
            args.format,
            table=args.table,
            delimiter=args.delimiter,
            destination=destination,
        )
        return _written(database, command, args.out, export, "rows")

    return _with_database(command, args.database, work)


def _written(database: Database, command: str, out: Path | None, export: Any, what: str) -> int:
    """Write a logged export out; a write that fails is logged as failed."""
    from storage.access_log import record_access
    from storage.actor import SYSTEM

    try:
        _write(out, export.text)
    except OSError as error:
        record_access(database, SYSTEM, "export", outcome="failed", detail=export.detail)
        print(f"{command}: cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    if out is not None:
        print(f"written: {out} ({export.rows} {what})", file=sys.stderr)
    return EXIT_OK


def _run_audit_list(args: argparse.Namespace) -> int:
    from som_cli.store_commands import _with_database
    from storage.audit_exports import pseudonym_key
    from storage.audit_views import AuditFilters, filter_problems
    from storage.errors import ValidationFailed

    kind = args.export_command
    command = f"som export {kind}"
    try:
        since, until = _day(args.since, "--since"), _day(args.until, "--until")
    except ValueError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    outside = None if args.outside_own_prison is None else args.outside_own_prison == "yes"
    filters = AuditFilters(
        from_day=since,
        to_day=until,
        prison=args.prison or None,
        user=args.user or None,
        role=args.role or None,
        reason_category=getattr(args, "reason", None) or None,
        direction=getattr(args, "direction", None),
        decisive=args.decisive or None,
        policy_version=args.policy_version or None,
        status=args.status or None,
        outside_own_prison=outside,
    )
    problems = filter_problems(filters, kind)
    if args.pseudonymise:
        try:
            pseudonym_key()
        except ValidationFailed as error:
            problems.update(error.errors)
    if problems:
        for name, message in problems.items():
            print(
                f"{command}: {_option_of(name)}: {message}; nothing was exported", file=sys.stderr
            )
        return EXIT_USAGE
    if _out_refused(command, args.out):
        return EXIT_USAGE

    def work(database: Database) -> int:
        from storage.audit_exports import export_audit_list

        destination = _destination(args.out)
        export = export_audit_list(
            database,
            kind,
            filters,
            args.format,
            delimiter=args.delimiter,
            pseudonymise=args.pseudonymise,
            destination=destination,
        )
        return _written(database, command, args.out, export, kind)

    return _with_database(command, args.database, work)


#: The option that sets each audit filter (for messages).
_OPTIONS = {
    "from_day": "--since",
    "to_day": "--until",
    "reason_category": "--reason",
    "policy_version": "--policy-version",
    "outside_own_prison": "--outside-own-prison",
}


def _option_of(name: str) -> str:
    if name.startswith("SOM_"):
        return name
    return _OPTIONS.get(name, "--" + name.replace("_", "-"))


def _run_access_log(args: argparse.Namespace) -> int:
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
    if _out_refused(command, args.out):
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
            "out": _destination(args.out),
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
    from storage.audit_exports import plain_value

    rows = [
        tuple(plain_value(value) for value in row)
        for row in entries[list(ENTRY_COLUMNS)].itertuples(index=False, name=None)
    ]
    if form == "json":
        objects = [dict(zip(ENTRY_COLUMNS, row, strict=True)) for row in rows]
        return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    write_csv(out, ENTRY_COLUMNS, rows)
    return out.getvalue()


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{option}: {text!r} is not a date (YYYY-MM-DD)") from None


def _out_refused(command: str, out: Path | None) -> bool:
    """Whether `--out` names a file that cannot be written (said on standard error)."""
    problem = None if out is None else _file_problem(out)
    if problem is not None:
        print(f"{command}: --out: {problem}; nothing was exported", file=sys.stderr)
    return problem is not None


def _destination(out: Path | None) -> str:
    """Where an export goes, as the access log records it."""
    return "standard output" if out is None else str(out.absolute())


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
