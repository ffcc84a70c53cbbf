"""`som policy whatif DRAFT.toml`: what a draft policy file would change, storing nothing.

Compares the draft with the published policy over the stored data (`storage.whatif.what_if`),
as the operator (`som_cli.policy_commands.operator_actor`), with the recorded weekly capacity of
each prison for the cut lines. JSON (`--format json`) holds `counts` (per side, every band of
the automated result, no overrides), `moved` (every current admission whose automated band
differs: skn, from, to, pi, moved_by), `tier_scores`, `per_prison`, `transitions`,
`cut_lines`, `tier_lifts`, `projections` and `weekly_load`. The table (default) shows the
counts, the transitions that move someone, the movers and the cut lines. Exit statuses: 0 done,
2 a bad argument or draft file (the message names the key), 1 the database failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any

from som_cli.main import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from scoring.policy import Policy
    from storage.actor import Actor
    from storage.database import Database
    from storage.whatif import CutLine, Mover, WhatIf

COMMAND = "som policy whatif"


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som policy whatif`."""
    from pathlib import Path

    from som_cli.policy_commands import _database_option

    parser.add_argument("draft", type=Path, metavar="DRAFT.toml", help="the draft policy file")
    parser.add_argument("--as-of", dest="as_of", help="reference date, YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--format", choices=("table", "json"), default="table", help="output format"
    )
    _database_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print the what-if of the draft file against the published policy."""
    from som_cli.policy_commands import _acting

    read = _read_arguments(args)
    if isinstance(read, str):
        print(f"{COMMAND}: {read}", file=sys.stderr)
        return EXIT_USAGE
    as_of, draft = read

    def work(database: Database, actor: Actor) -> int:
        from storage.capacity import current_capacities
        from storage.whatif import what_if

        capacities = {
            pi: recorded.weekly_cases
            for pi, recorded in current_capacities(database, actor).items()
        }
        result = what_if(database, actor, draft, as_of, capacities)
        if args.format == "json":
            print(json.dumps(what_if_document(result), indent=2, ensure_ascii=False))
        else:
            print("\n".join(what_if_table(result)))
        return EXIT_OK

    return _acting(args, work)


def _read_arguments(args: argparse.Namespace) -> tuple[date, Policy] | str:
    """The reference date and the draft policy, or what is wrong with them."""
    from scoring.policy import PolicyError
    from som_cli.score import load_policy_file, parse_as_of

    try:
        return parse_as_of(args.as_of), load_policy_file(args.draft)
    except PolicyError as error:
        return f"{args.draft}: {error}; nothing was compared"
    except (OSError, UnicodeDecodeError) as error:
        return f"cannot read {args.draft}: {error}"
    except ValueError as error:
        return str(error)


def _mover(mover: Mover) -> dict[str, Any]:
    return {
        "skn": mover.skn,
        "from": mover.from_band,
        "to": mover.to_band,
        "pi": mover.pi,
        "moved_by": list(mover.moved_by),
    }


def _cut_line(line: CutLine) -> dict[str, Any]:
    document: dict[str, Any] = _plain(asdict(line))
    return document


def _plain(value: Any) -> Any:
    """Dataclass fields as JSON values: dates as ISO text, tuples as lists, keys as text."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def what_if_document(result: WhatIf) -> dict[str, Any]:
    """The JSON document of a what-if (see the module docstring)."""
    from storage.whatif import SIDES

    prisons = sorted(result.prison_counts["published"])
    return {
        "as_of": result.as_of.isoformat(),
        "versions": {side: result.policies[side].version for side in SIDES},
        "population": result.population,
        "counts": {side: result.counts[side].bands for side in SIDES},
        "tier_scores": _plain({side: result.counts[side].tier_scores for side in SIDES}),
        "per_prison": {
            pi: {side: result.prison_counts[side][pi].bands for side in SIDES} for pi in prisons
        },
        "transitions": result.transitions,
        "moved": [_mover(mover) for mover in result.band_movers],
        "cut_lines": {
            side: {pi: _cut_line(line) for pi, line in result.cut_lines[side].items()}
            for side in SIDES
        },
        "tier_lifts": [_plain(asdict(lift)) for lift in result.tier_lifts],
        "projections": [
            _plain({**asdict(projection), "total": {s: asdict(projection.total(s)) for s in SIDES}})
            for projection in result.projections
        ],
        "weekly_load": [_plain(asdict(week)) for week in result.weekly_load],
    }


def what_if_table(result: WhatIf) -> list[str]:
    """The what-if as aligned text: counts, transitions, movers and cut lines."""
    from som_cli.policy_commands import aligned
    from storage.whatif import SIDES

    published, draft = (result.counts[side].bands for side in SIDES)
    versions = [result.policies[side].version for side in SIDES]
    lines = [f"What-if at {result.as_of}: {result.population} current admissions", ""]
    rows = [("band", f"published ({versions[0]})", f"draft ({versions[1]})", "change")]
    rows += [
        (band, str(published[band]), str(draft[band]), f"{draft[band] - published[band]:+d}")
        for band in published
    ]
    lines += aligned(rows)
    moves = [
        (source, target, str(n))
        for source, row in result.transitions.items()
        for target, n in row.items()
        if source != target and n
    ]
    lines += ["", "Transitions:"]
    lines += aligned([("from", "to", "admissions"), *moves]) if moves else ["  nobody moves"]
    movers = result.band_movers
    if movers:
        lines += ["", "Movers:"]
        lines += aligned(
            [("skn", "prison", "from", "to", "moved by")]
            + [(m.skn, m.pi or "", m.from_band, m.to_band, ", ".join(m.moved_by)) for m in movers]
        )
    for side in SIDES:
        cut_lines = result.cut_lines[side]
        if not cut_lines:
            continue
        lines += ["", f"Cut lines ({side}):"]
        lines += aligned(
            [("prison", "capacity", "awaiting", "above", "below", "marginal case", "ties")]
            + [
                (
                    pi,
                    str(line.capacity),
                    str(line.awaiting),
                    str(line.above),
                    str(line.below),
                    line.marginal.skn if line.marginal else "",
                    str(len(line.ties_above) + len(line.ties_below)),
                )
                for pi, line in cut_lines.items()
            ]
        )
    return lines
