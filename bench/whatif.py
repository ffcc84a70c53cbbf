"""What-if benchmark (`python -m bench.whatif`): the capacity page's what-if at scale (issue 11).

The database holds a year of intake: about 35,000 generated detainees arrive spread over 72
weeks and leave after a drawn stay, and 52 weekly `som import` runs (the feed of who is inside
each Monday, the last on `AS_OF`) leave about 10,000 current admissions and the rest released.
It is built once and cached under bench/out (SQLite). Measured:

1. the first what-if after a change of the data (loading and decoding every input version,
   scoring the published policy and the draft);
2. the what-if after one toggle (the population and the published side cached: only the draft
   is scored again), median over toggling each tier and C03/C04 — target ≤ 1 s;
3. `som policy whatif DRAFT.toml --format json` as a whole process — target ≤ 3 s.

    python -m bench.whatif [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

AS_OF = date(2026, 11, 29)
OUT = Path(__file__).resolve().parent / "out"
DATABASE = OUT / "whatif" / "som.db"
#: Generated detainees, weeks of weekly imports, and weeks of intake before the first import.
ARRIVALS = 35_000
WEEKS = 52
LEAD_WEEKS = 20
#: Mean stay in days: with the arrivals above, about 10,000 are inside on `AS_OF`.
MEAN_STAY = 150
CAPACITY = 15
TOGGLE_TARGET = 1.0
PROCESS_TARGET = 3.0


def ensure_database() -> str:
    """The cached benchmark database (built on first use); returns its URL."""
    url = f"sqlite:///{DATABASE}"
    if DATABASE.exists():
        return url
    import numpy as np

    from feeds import parse_feeds
    from fixtures.generate import DJI_COLUMNS, IRIS_COLUMNS, csv_bytes, generate_population
    from storage import import_feeds, open_database

    dji_rows, iris_rows = generate_population(ARRIVALS, AS_OF, seed=11)
    rng = np.random.default_rng(11)
    span = (WEEKS + LEAD_WEEKS) * 7
    first_day = AS_OF - timedelta(days=span)
    intake = [first_day + timedelta(days=int(d)) for d in rng.integers(0, span + 1, len(dji_rows))]
    stays = np.maximum(7, rng.exponential(MEAN_STAY, len(dji_rows)).astype(int))
    for row, day, stay in zip(dji_rows, intake, stays.tolist(), strict=True):
        row["intake_date"] = day.isoformat()
        row["expected_release_date"] = (day + timedelta(days=stay)).isoformat()
    iris_of = {row["skn"]: row for row in iris_rows}
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    partial = DATABASE.with_suffix(".building")
    partial.unlink(missing_ok=True)
    database = open_database(f"sqlite:///{partial}")
    try:
        for week in range(WEEKS - 1, -1, -1):
            day = AS_OF - timedelta(days=7 * week)
            inside = [
                row
                for row in dji_rows
                if row["intake_date"] <= day.isoformat() < row["expected_release_date"]
            ]
            known = [iris_of[row["skn"]] for row in inside if row["skn"] in iris_of]
            feed = parse_feeds(csv_bytes(inside, DJI_COLUMNS), csv_bytes(known, IRIS_COLUMNS))
            import_feeds(
                database,
                feed,
                dji_file=f"dji-{day}.csv",
                iris_file=f"iris-{day}.csv",
                as_of=day,
                now=_noon(day),
                allow_mass_release=True,
            )
            print(f"  imported {day}: {len(inside):,} inside", file=sys.stderr)
    finally:
        database.dispose()
    partial.rename(DATABASE)
    return url


def _noon(day: date) -> Any:
    from datetime import UTC, datetime, time

    return datetime.combine(day, time(11), tzinfo=UTC)


def toggles() -> list[Any]:
    """Drafts that each switch one thing of the default policy: every tier, C03, C04."""
    from scoring.catalogue import TIERS
    from scoring.policy import policy_from_mapping

    drafts = [
        policy_from_mapping({"version": f"t-{tier.slug}", "tiers": {tier.slug: True}})
        for tier in TIERS
    ]
    drafts += [
        policy_from_mapping({"version": f"c-{slug}", "criteria": {slug: False}})
        for slug in ("no_probation_information", "short_stay")
    ]
    return drafts


def measure(url: str, repeat: int) -> dict[str, Any]:
    """The three measurements on the benchmark database."""
    from storage import Actor, open_database
    from storage.whatif import what_if

    planner = Actor("Bench", "capacity_manager")
    database = open_database(url)
    figures: dict[str, Any] = {}
    try:
        drafts = toggles()
        prisons = {}
        start = time.perf_counter()
        result = what_if(database, planner, drafts[0], AS_OF)
        figures["first_what_if_s"] = round(time.perf_counter() - start, 3)
        prisons = {pi: CAPACITY for pi in result.prison_counts["published"]}
        figures["current_admissions"] = result.population
        figures["history_landings"] = int(
            sum(w.load["published"].cases for w in result.weekly_load)
        )
        times = []
        for _ in range(repeat):
            for draft in drafts[1:] + drafts[:1]:
                start = time.perf_counter()
                what_if(database, planner, draft, AS_OF, prisons)
                times.append(time.perf_counter() - start)
        figures["toggle_median_s"] = round(statistics.median(times), 3)
        figures["toggle_max_s"] = round(max(times), 3)
    finally:
        database.dispose()
    draft_file = OUT / "whatif" / "draft.toml"
    from feeds.reference import policy_toml

    draft_file.write_text(policy_toml(drafts[1]), encoding="utf-8")
    command = [
        sys.executable,
        "-m",
        "som_cli.main",
        "policy",
        "whatif",
        str(draft_file),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
        "--database",
        url,
    ]
    process_times = []
    for _ in range(max(3, repeat)):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        process_times.append(time.perf_counter() - start)
    figures["som_policy_whatif_s"] = round(statistics.median(process_times), 3)
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run the what-if benchmark and print a Markdown table; figures also go to bench/out."""
    parser = argparse.ArgumentParser(prog="python -m bench.whatif", description=__doc__)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv if argv is not None else [])
    figures = measure(ensure_database(), args.repeat)
    OUT.mkdir(exist_ok=True)
    (OUT / "whatif.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(
        f"\n| what-if benchmark ({figures['current_admissions']:,} current admissions, "
        f"{WEEKS} weeks of history, SQLite) | target | measured |"
    )
    print("|---|---|---|")
    print(f"| first what-if after new data (load, score both sides) | — | "
          f"{figures['first_what_if_s']:.2f} s |")  # fmt: skip
    print(f"| what-if after one toggle (median; slowest) | ≤ {TOGGLE_TARGET:.0f} s | "
          f"{figures['toggle_median_s']:.2f} s ({figures['toggle_max_s']:.2f} s) |")  # fmt: skip
    print(f"| `som policy whatif --format json`, whole process (median of 3) | "
          f"≤ {PROCESS_TARGET:.0f} s | {figures['som_policy_whatif_s']:.2f} s |")  # fmt: skip
    missed = figures["toggle_median_s"] > TOGGLE_TARGET or (
        figures["som_policy_whatif_s"] > PROCESS_TARGET
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
