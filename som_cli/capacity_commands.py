"""`som capacity`: record and show the weekly number of new cases probation can take per prison.

Acts as the operating-system user (`som_cli.policy_commands.operator_actor`); every recorded
capacity keeps who, when and why, and the history stays. Exit statuses: 0 done, 2 a refused
value (the message names it), 1 the database failed.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from som_cli.main import EXIT_OK
from som_cli.policy_commands import _acting, _database_option, aligned

if TYPE_CHECKING:
    from storage.actor import Actor
    from storage.capacity import PrisonCapacity
    from storage.database import Database

#: `som capacity` sub-command → one-line help.
CAPACITY_COMMANDS: dict[str, str] = {
    "set": "record the weekly number of new cases probation can take in a prison",
    "show": "the capacity in force per prison (with --history: every recorded change)",
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som capacity` and its sub-commands."""
    sub = parser.add_subparsers(dest="capacity_command", required=True, metavar="ACTION")
    recording = sub.add_parser(
        "set", help=CAPACITY_COMMANDS["set"], description=CAPACITY_COMMANDS["set"]
    )
    recording.add_argument("pi", metavar="PI", help="the prison (as the prison feed names it)")
    recording.add_argument("cases", metavar="N", type=int, help="new cases a week (a number)")
    recording.add_argument("--note", required=True, help="why the capacity changes")
    showing = sub.add_parser(
        "show", help=CAPACITY_COMMANDS["show"], description=CAPACITY_COMMANDS["show"]
    )
    showing.add_argument("--history", action="store_true", help="every recorded change")
    showing.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    _database_option(recording)
    _database_option(showing)


def run(args: argparse.Namespace) -> int:
    """Run one `som capacity` sub-command."""

    def record(database: Database, actor: Actor) -> int:
        from storage.capacity import set_capacity

        recorded = set_capacity(database, args.pi, args.cases, actor, args.note)
        print("\n".join(aligned([("recorded", recorded.pi, f"{recorded.weekly_cases} a week")])))
        return EXIT_OK

    def show(database: Database, actor: Actor) -> int:
        from storage.capacity import capacity_history, current_capacities

        if args.history:
            shown = capacity_history(database, actor)
        else:
            shown = list(current_capacities(database, actor).values())
        if args.format == "json":
            print(json.dumps([_document(c) for c in shown], indent=2, ensure_ascii=False))
        elif not shown:
            print("no capacity recorded yet: som capacity set PI N --note TEXT")
        else:
            rows = [("prison", "new cases a week", "set at", "by", "note")]
            rows += [
                (c.pi, str(c.weekly_cases), f"{c.set_at:%Y-%m-%d %H:%M} UTC", c.set_by, c.note)
                for c in shown
            ]
            print("\n".join(aligned(rows)))
        return EXIT_OK

    return _acting(args, record if args.capacity_command == "set" else show)


def _document(recorded: PrisonCapacity) -> dict[str, object]:
    return {
        "pi": recorded.pi,
        "weekly_cases": recorded.weekly_cases,
        "set_at": recorded.set_at.isoformat().replace("+00:00", "Z"),
        "set_by": recorded.set_by,
        "set_role": recorded.set_role,
        "note": recorded.note,
    }
