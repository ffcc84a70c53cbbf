"""Storage benchmarks (`python -m bench.storage`): import, re-import and re-scoring at scale.

On an empty database of each backend (a fresh SQLite file; a scratch PostgreSQL database that is
dropped afterwards):

1. import of 100,000 `dji` + 70,000 `iris` rows — parsing, storing and re-scoring, as
   `som import` does (target on SQLite ≤ 30 s);
2. re-import of the same files, which changes nothing (target ≤ 15 s);
3. publishing a changed policy, which re-scores all 100,000 admissions and writes a new
   assessment for each (target on SQLite ≤ 20 s);
4. the next day's re-scoring (scores everyone, stores only changed results);
5. the dashboard list of all 100,000 current admissions;
6. on a further fresh database, the dashboard list of 10,000 current admissions (target on
   either backend ≤ 5 s; a wall-clock figure belongs here, not in the test suite).

    python -m bench.storage [--backend sqlite|postgresql|both] [--rows N] [--repeat N]

With `--repeat N` every measurement runs N times on a fresh database; the table shows the
median and, in brackets, the fastest run (the least disturbed by other work on the machine).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

AS_OF = date(2026, 11, 29)
ROWS = 100_000
IRIS_SHARE = 0.7
POSTGRES_SERVER = "postgresql://postgres@127.0.0.1:5432"
OUT = Path(__file__).resolve().parent / "out"
TARGETS = {"import": 30.0, "reimport": 15.0, "rescore_after_policy_change": 20.0}
LIST_ROWS = 10_000
#: Seconds for the dashboard list of `LIST_ROWS` admissions, on either backend.
LIST_TARGET = 5.0


def feeds_for(rows: int) -> tuple[Path, Path]:
    """Generate (once) `rows` dji rows and `rows` × 0.7 iris rows as CSV files."""
    from fixtures.generate import generate_population, write_feeds

    directory = OUT / f"storage-{rows // 1000}k"
    dji, iris = directory / "dji.csv", directory / "iris.csv"
    if not (dji.exists() and iris.exists()):
        dji_rows, iris_rows = generate_population(rows, AS_OF, seed=2026)
        write_feeds(dji_rows, iris_rows[: int(rows * IRIS_SHARE)], directory)
    return dji, iris


def measure(url: str, dji: Path, iris: Path) -> dict[str, Any]:
    """Run the five measurements on the (empty) database at `url`."""
    from feeds import read_feeds
    from scoring.policy import policy_from_mapping
    from storage import (
        Actor,
        import_feeds,
        list_current_admissions,
        open_database,
        publish_policy,
        rescore,
    )

    database = open_database(url)
    figures: dict[str, Any] = {}

    def import_files() -> Any:
        feed = read_feeds(dji, iris)
        return import_feeds(database, feed, dji_file=str(dji), iris_file=str(iris), as_of=AS_OF)

    try:
        summary, figures["import"] = _timed(import_files)
        figures["admissions"] = summary.new_admissions
        figures["iris_rows"] = summary.iris_rows
        again, figures["reimport"] = _timed(import_files)
        assert not again.changed_anything, "re-import must change nothing"
        changed = policy_from_mapping({"version": "bench", "short_stay_days": 14})
        _, figures["rescore_after_policy_change"] = _timed(
            lambda: publish_policy(
                database, changed, Actor("Bench", "capacity_manager"), "benchmark", as_of=AS_OF
            )
        )
        daily, figures["daily_rescore"] = _timed(
            lambda: rescore(database, AS_OF + timedelta(days=1))
        )
        figures["daily_rescore_written"] = daily.assessments_written
        frame, figures["list_all"] = _timed(lambda: list_current_admissions(database))
        figures["listed"] = len(frame)
    finally:
        database.dispose()
    return figures


def measure_list(url: str, rows: int = LIST_ROWS) -> float:
    """Seconds for the dashboard list of `rows` current admissions on the (empty) database."""
    from feeds import read_feeds
    from fixtures.generate import generate_population, write_feeds
    from storage import import_feeds, list_current_admissions, open_database

    directory = OUT / f"storage-list-{rows // 1000}k"
    dji, iris = directory / "dji.csv", directory / "iris.csv"
    if not (dji.exists() and iris.exists()):
        write_feeds(*generate_population(rows, AS_OF, seed=7), directory)
    database = open_database(url)
    try:
        feed = read_feeds(dji, iris)
        import_feeds(database, feed, dji_file=str(dji), iris_file=str(iris), as_of=AS_OF)
        frame, seconds = _timed(lambda: list_current_admissions(database))
        assert len(frame) == rows, f"the list holds {len(frame)} of {rows} admissions"
    finally:
        database.dispose()
    return seconds


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, round(time.perf_counter() - start, 2)


@contextmanager
def sqlite_url() -> Iterator[str]:
    """A fresh SQLite file in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="som-bench-") as directory:
        yield f"sqlite:///{Path(directory) / 'som.db'}"


@contextmanager
def postgres_url() -> Iterator[str]:
    """A scratch PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"som_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES_SERVER}/{name}"
    finally:
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: Sequence[str] | None = None) -> int:
    """Run the storage benchmarks and print a Markdown table; figures also go to bench/out."""
    parser = argparse.ArgumentParser(prog="python -m bench.storage", description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv if argv is not None else [])
    dji, iris = feeds_for(args.rows)
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    runs: dict[str, list[dict[str, Any]]] = {backend: [] for backend in backends}
    for _ in range(args.repeat):
        for backend in backends:
            with sqlite_url() if backend == "sqlite" else postgres_url() as url:
                runs[backend].append(measure(url, dji, iris))
            with sqlite_url() if backend == "sqlite" else postgres_url() as url:
                runs[backend][-1]["list_10k"] = measure_list(url)
    OUT.mkdir(exist_ok=True)
    (OUT / "storage.json").write_text(json.dumps(runs, indent=2) + "\n")
    _print_table(runs, args.rows)
    sqlite = runs.get("sqlite", [])
    missed = [
        name
        for name, target in TARGETS.items()
        if sqlite and statistics.median(run[name] for run in sqlite) > target
    ] + [
        f"list_10k ({backend})"
        for backend, backend_runs in runs.items()
        if statistics.median(run["list_10k"] for run in backend_runs) > LIST_TARGET
    ]
    return 1 if missed else 0


def _print_table(runs: dict[str, list[dict[str, Any]]], rows: int) -> None:
    backends = list(runs)
    print(
        f"\n| storage benchmark ({rows:,} detainees) | target (SQLite) | "
        + " | ".join(backends)
        + " |"
    )
    print("|---|---|" + "---|" * len(backends))
    lines = [
        ("import into an empty database (parse, store, score)", "import", "≤ 30 s"),
        ("re-import of the same files (nothing changes)", "reimport", "≤ 15 s"),
        (
            "publish a changed policy: re-score and store all",
            "rescore_after_policy_change",
            "≤ 20 s",
        ),
        ("next day's re-scoring (stores only changes)", "daily_rescore", "—"),
        ("dashboard list of all current admissions", "list_all", "—"),
        (
            f"dashboard list of {LIST_ROWS:,} current admissions (fresh database)",
            "list_10k",
            f"≤ {LIST_TARGET:.0f} s (both)",
        ),
    ]
    for label, key, target in lines:
        cells = " | ".join(_cell([run[key] for run in runs[b]]) for b in backends)
        print(f"| {label} | {target} | {cells} |")


def _cell(seconds: list[float]) -> str:
    if len(seconds) == 1:
        return f"{seconds[0]:.1f} s"
    return f"{statistics.median(seconds):.1f} s ({min(seconds):.1f} s)"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
