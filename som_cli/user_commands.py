"""`som user`: add, disable, enable, reset the password of, grant prisons to, and list accounts.

The commands act as SOM itself (`storage.actor.SYSTEM`, the operator at the server); every
change is in the access log (`account_change`). A password is read from standard input (one
line; hidden when typed at a terminal), never from an argument, so it does not end up in the
shell's history or the process list. Exit statuses: 0 done, 2 refused (a password the rule
refuses, an unknown role or account, a missing prison), 1 the database failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from som_cli.main import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from collections.abc import Callable

    from storage.accounts import AccountSummary
    from storage.database import Database

#: `som user` sub-command → one-line help.
USER_COMMANDS: dict[str, str] = {
    "add": "add an account (a password on standard input, or an identity-provider subject)",
    "disable": "disable an account; its open sessions end on their next action",
    "enable": "enable a disabled account again (and unlock it)",
    "reset-password": "give an account a new password from standard input (ends its sessions)",
    "grant": "let a case manager or probation worker see a prison, for good or until a day",
    "list": "every account: role, prisons, status, how it signs in",
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som user` and its sub-commands."""
    sub = parser.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    parsers = {
        name: sub.add_parser(name, help=help_text, description=help_text)
        for name, help_text in USER_COMMANDS.items()
    }
    for name, command_parser in parsers.items():
        if name != "list":
            command_parser.add_argument("name", metavar="NAME", help="the account's name")
    add = parsers["add"]
    add.add_argument(
        "--role",
        required=True,
        help="case_manager, probation_worker, capacity_manager, auditor or admin",
    )
    add.add_argument(
        "--pi",
        action="append",
        default=[],
        metavar="PI",
        help="a prison the account may see (repeat for more; required for case_manager and "
        "probation_worker, refused for the other roles)",
    )
    add.add_argument(
        "--oidc-subject",
        dest="oidc_subject",
        metavar="SUBJECT",
        help="the identity provider's subject or e-mail address this account signs in as "
        "(then no password is needed)",
    )
    for name in ("add", "reset-password"):
        parsers[name].add_argument(
            "--password-stdin",
            dest="password_stdin",
            action="store_true",
            help="read the password from standard input (one line)",
        )
    grant = parsers["grant"]
    grant.add_argument("--pi", required=True, metavar="PI", help="the prison to grant")
    grant.add_argument(
        "--until",
        metavar="DATE",
        help="last day of the grant, YYYY-MM-DD (default: no end); replaces an earlier grant "
        "of the same prison",
    )
    parsers["list"].add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    for command_parser in parsers.values():
        command_parser.add_argument(
            "--database",
            metavar="URL",
            help="database URL (default: $SOM_DATABASE_URL, else sqlite:///data/som.db)",
        )


def run(args: argparse.Namespace) -> int:
    """Run one `som user` sub-command."""
    from som_cli.store_commands import _with_database

    command = f"som user {args.user_command}"
    try:
        work = _work(args)
    except _Refused as refused:
        print(f"{command}: {refused}", file=sys.stderr)
        return EXIT_USAGE

    def refusals_reported(database: Database) -> int:
        from storage.errors import NotFound, ValidationFailed

        try:
            return work(database)
        except NotFound as error:
            print(f"{command}: {error}", file=sys.stderr)
        except ValidationFailed as error:
            print(f"{command}: {_refusal_line(error.errors)}", file=sys.stderr)
        return EXIT_USAGE

    return _with_database(command, args.database, refusals_reported)


class _Refused(Exception):
    """An argument refused before the database is opened."""


def _work(args: argparse.Namespace) -> Callable[[Database], int]:
    """The work of the sub-command on an open database; arguments checked (and the password
    read) first, so a refused argument opens no database."""
    from storage import accounts

    name: str = " ".join(getattr(args, "name", "").split())
    if args.user_command == "add":
        if not args.password_stdin and not args.oidc_subject:
            raise _Refused(
                "give the password on standard input (--password-stdin), or --oidc-subject"
            )
        password = _read_password() if args.password_stdin else None
        prisons = f", {', '.join(args.pi)}" if args.pi else ""
        return _changing(
            lambda database: accounts.add_account(
                database,
                name,
                args.role,
                password=password,
                prisons=tuple(args.pi),
                oidc_subject=args.oidc_subject,
            ),
            f"added account {_shown(name)} ({args.role}{prisons})",
        )
    if args.user_command in ("disable", "enable"):
        disabled = args.user_command == "disable"
        return _changing(
            lambda database: accounts.set_disabled(database, name, disabled),
            f"{args.user_command}d account {_shown(name)}",
        )
    if args.user_command == "reset-password":
        if not args.password_stdin:
            raise _Refused("give the new password on standard input (--password-stdin)")
        new_password = _read_password()
        return _changing(
            lambda database: accounts.reset_password(database, name, new_password),
            f"new password set for {_shown(name)}; its open sessions have ended",
        )
    if args.user_command == "grant":
        until = _until(args.until)
        end = "" if until is None else f" until the end of {until}"
        return _changing(
            lambda database: accounts.grant_prison(database, name, args.pi, until=until),
            f"granted {_shown(args.pi.strip())} to {_shown(name)}{end}",
        )

    def show(database: Database) -> int:
        summaries = accounts.list_accounts(database)
        now = datetime.now(UTC)
        if args.format == "json":
            document = [account_document(s, now) for s in summaries]
            print(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            print("\n".join(account_lines(summaries, now)))
        return EXIT_OK

    return show


def _changing(change: Callable[[Database], object], done: str) -> Callable[[Database], int]:
    """Work that makes one change and then says what it did."""

    def work(database: Database) -> int:
        change(database)
        print(done)
        return EXIT_OK

    return work


def _read_password() -> str:
    """One line of standard input without its line end (hidden when typed at a terminal)."""
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass("password: ")
    line = sys.stdin.readline()
    password = line.removesuffix("\n").removesuffix("\r")
    if not password:
        raise _Refused("no password on standard input (one line)")
    return password


def _until(text: str | None) -> date | None:
    if text is None:
        return None
    from storage.clock import today

    try:
        until = date.fromisoformat(text)
    except ValueError:
        raise _Refused(f"--until: {text!r} is not a date (YYYY-MM-DD)") from None
    if until < today():
        raise _Refused(f"--until: {until} has passed; a grant must last at least until today")
    return until


def _refusal_line(errors: dict[str, str]) -> str:
    """The refusal in one line, the password's problem named as such."""
    parts = []
    for field, message in errors.items():
        if field == "password":
            parts.append(f"password refused: {message}")
        elif field == "pi":
            parts.append(message)
        else:
            parts.append(f"{field.replace('_', '-')}: {message}")
    return "; ".join(parts)


def _shown(text: str) -> str:
    from feeds.writing import terminal_text

    return terminal_text(text)


def account_document(summary: AccountSummary, now: datetime) -> dict[str, Any]:
    """One account in `som user list --format json`."""
    locked = summary.locked_until is not None and summary.locked_until > now
    return {
        "name": summary.name,
        "role": summary.role,
        "prisons": [
            {"pi": pi, "until": None if until is None else until.isoformat()}
            for pi, until in summary.prisons
        ],
        "disabled": summary.disabled,
        "locked_until": summary.locked_until.isoformat()
        if locked and summary.locked_until
        else None,
        "signs_in_with": summary.signs_in_with,
    }


def account_lines(summaries: list[AccountSummary], now: datetime) -> list[str]:
    """`som user list` as a table for a person (control characters removed)."""
    if not summaries:
        return ["no accounts yet: add one with `som user add NAME --role ROLE --password-stdin`"]
    from storage.clock import LOCAL_TIME, local_day
    from storage.permissions import PRISON_SCOPED_ROLES

    today = local_day(now)
    rows: list[tuple[str, ...]] = [("name", "role", "prisons", "status", "signs in with")]
    for summary in summaries:
        prisons = ", ".join(
            pi if until is None else f"{pi} until {until}" + (" (ended)" if until < today else "")
            for pi, until in summary.prisons
        )
        if summary.disabled:
            status = "disabled"
        elif summary.locked_until is not None and summary.locked_until > now:
            status = f"locked until {summary.locked_until.astimezone(LOCAL_TIME):%H:%M}"
        else:
            status = "enabled"
        everywhere = "none" if summary.role in PRISON_SCOPED_ROLES else "every prison"
        cells = (summary.name, summary.role, prisons or everywhere, status)
        rows.append((*(_shown(cell) for cell in cells), summary.signs_in_with))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
