"""`som audit`: prove that the evidence is complete — seal, checkpoint, verify.

Every command needs the audit key (`SOM_AUDIT_KEY`, else the key file; docs/audit.md). The
operator keeps each printed checkpoint somewhere the database's users cannot write; `verify
--checkpoint FILE` then also proves that nothing was removed from the end of a chain. Exit
statuses: 0 intact (or done), 1 not intact or the database failed, 2 a bad argument, an
unreadable or malformed checkpoint file, or no usable key.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from som_cli.main import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from storage.database import Database
    from storage.integrity import IntegrityReport

EXIT_NOT_INTACT = 1

#: `som audit` sub-command → one-line help. This module implements each with
#: `configure_<name>(parser)` and `run_<name>(args)`; a sub-command it does not implement lives in
#: `som_cli/<name>_command.py`, with `configure(parser)` and `run(args) -> int`.
AUDIT_COMMANDS: dict[str, str] = {
    "verify": (
        "check every evidence chain (and a checkpoint file): exit 0 when intact, 1 naming the "
        "first bad record of each chain"
    ),
    "checkpoint": "sign and store the length and head of every chain; prints it as JSON",
    "seal": "seal evidence stored before the keyed chains existed (or while no key was set)",
    "replay": (
        "score every stored assessment again and compare with the stored result: exit 0 when "
        "all reproduce, 1 listing the differences"
    ),
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som audit` and its sub-commands."""
    sub = parser.add_subparsers(dest="audit_command", required=True, metavar="ACTION")
    for name, help_text in AUDIT_COMMANDS.items():
        sub_command(name, "configure")(sub.add_parser(name, help=help_text, description=help_text))


def run(args: argparse.Namespace) -> int:
    """Run one `som audit` sub-command."""
    return int(sub_command(args.audit_command, "run")(args))


def sub_command(name: str, part: str) -> Any:
    """The `configure` or `run` (`part`) of the sub-command `name`: here, or in
    `som_cli.NAME_command`."""
    here = globals().get(f"{part}_{name}")
    if here is not None:
        return here
    return getattr(importlib.import_module(f"som_cli.{name}_command"), part)


def configure_verify(parser: argparse.ArgumentParser) -> None:
    """Options of `som audit verify`."""
    parser.add_argument(
        "--checkpoint",
        metavar="FILE",
        type=Path,
        help="a checkpoint printed by `som audit checkpoint`, kept outside the database",
    )
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    _database_option(parser)


def run_verify(args: argparse.Namespace) -> int:
    """Verify every chain; print the report; exit 0 intact, 1 not."""
    key = _key("som audit verify", args.database)
    if key is None:
        return EXIT_USAGE
    checkpoint = None
    if args.checkpoint is not None:
        checkpoint = _read_checkpoint(args.checkpoint)
        if checkpoint is None:
            return EXIT_USAGE

    def work(database: Database) -> int:
        from storage.integrity import verify

        report = verify(
            database, key, checkpoint, checkpoint_source=f"checkpoint file {args.checkpoint}"
        )
        if args.format == "json":
            print(json.dumps(report.document(), indent=2, ensure_ascii=False))
        else:
            print("\n".join(report_lines(report)))
        return EXIT_OK if report.ok else EXIT_NOT_INTACT

    return _with_database("som audit verify", args.database, work)


def configure_checkpoint(parser: argparse.ArgumentParser) -> None:
    """Options of `som audit checkpoint`."""
    _database_option(parser)


def run_checkpoint(args: argparse.Namespace) -> int:
    """Seal what is pending, store a signed checkpoint and print it."""
    key = _key("som audit checkpoint", args.database)
    if key is None:
        return EXIT_USAGE

    def work(database: Database) -> int:
        from storage.integrity import make_checkpoint

        print(make_checkpoint(database, key))
        print(
            "som audit checkpoint: stored; keep a copy of it where the database's users cannot "
            "write (`som audit verify --checkpoint FILE`)",
            file=sys.stderr,
        )
        return EXIT_OK

    return _with_database("som audit checkpoint", args.database, work)


def configure_seal(parser: argparse.ArgumentParser) -> None:
    """Options of `som audit seal`."""
    _database_option(parser)


def run_seal(args: argparse.Namespace) -> int:
    """Seal every evidence row that has no seal yet."""
    key = _key("som audit seal", args.database)
    if key is None:
        return EXIT_USAGE

    def work(database: Database) -> int:
        from storage.integrity import seal

        print(f"sealed {seal(database, key)} records")
        return EXIT_OK

    return _with_database("som audit seal", args.database, work)


def report_lines(report: IntegrityReport) -> list[str]:
    """The verification report for a person: one line per chain, then the verdict."""
    from feeds.writing import terminal_text

    width = max(len(chain.name) for chain in report.chains)
    lines = [f"{'chain':<{width}}  {'sealed':>8}  {'rows':>8}  status"]
    for chain in report.chains:
        problem = report.first_problem_of(chain)
        status = "ok"
        count = report.problem_count_of(chain)
        if problem is not None:
            more = f" (+{count - 1} more)" if count > 1 else ""
            status = f"BAD: {terminal_text(problem.message)}{more}"
        lines.append(f"{chain.name:<{width}}  {chain.links:>8}  {chain.rows:>8}  {status}")
    # A checkpoint problem that is its chain's first problem is on that chain's line already.
    on_chain_lines = [report.first_problem_of(chain) for chain in report.chains]
    for problem in report.checkpoint_problems:
        if not any(problem is shown for shown in on_chain_lines):
            lines.append(f"checkpoint: BAD: {terminal_text(problem.message)}")
    checked = f"{report.checkpoints_checked} checkpoints checked, key {report.key_id}"
    if report.ok and report.checkpoints_checked == 0:
        lines.append(
            f"unaltered: every record is sealed and every seal matches ({checked}); with no "
            "checkpoint to compare, a removed tail cannot be ruled out"
        )
    elif report.ok:
        lines.append(f"intact: every record is sealed and every seal matches ({checked})")
    else:
        lines.append(f"NOT intact ({checked})")
    return lines


def _key(command: str, url: str | None) -> bytes | None:
    from storage.audit_key import AuditKeyMissing, require_audit_key
    from storage.database import database_url

    try:
        return require_audit_key(url or database_url())
    except AuditKeyMissing as error:
        print(f"{command}: {error}", file=sys.stderr)
        return None


def _read_checkpoint(path: Path) -> dict[str, Any] | None:
    from feeds.writing import terminal_text
    from storage.integrity import CheckpointInvalid, parse_checkpoint

    try:
        return parse_checkpoint(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        problem = f"cannot be read ({reason})"
    except CheckpointInvalid as error:
        problem = str(error)
    print(
        f"som audit verify: --checkpoint {terminal_text(str(path))}: {terminal_text(problem)}",
        file=sys.stderr,
    )
    return None


def _database_option(parser: argparse.ArgumentParser) -> None:
    from som_cli.store_commands import _database_option as option

    option(parser)


def _with_database(command: str, url: str | None, work: Any) -> int:
    from som_cli.store_commands import _with_database as with_database

    return int(with_database(command, url, work))
