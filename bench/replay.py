"""Replay benchmark (`python -m bench.replay`): `som audit replay` over 100,000 assessments.

On a fresh SQLite file (or `--backend postgresql`, a scratch database dropped afterwards), the
100,000-detainee feeds of `bench.storage` are imported — one assessment each — and then every
stored assessment is scored again and compared (`storage.replay.replay_all`, the whole of
`som audit replay` but the printing). Target on SQLite: ≤ 30 s. The run fails when an
assessment does not reproduce.

    python -m bench.replay [--backend sqlite|postgresql] [--rows N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from bench.storage import AS_OF, ROWS, feeds_for, postgres_url, sqlite_url

TARGET_SECONDS = 30.0


def measure(url: str, rows: int) -> tuple[int, float, float]:
    """(assessments replayed, seconds of the import, seconds of the replay) on the empty
    database at `url`."""
    from feeds import read_feeds
    from storage import import_feeds, open_database
    from storage.replay import replay_all

    dji, iris = feeds_for(rows)
    database = open_database(url)
    try:
        start = time.perf_counter()
        feed = read_feeds(dji, iris)
        import_feeds(database, feed, dji_file=str(dji), iris_file=str(iris), as_of=AS_OF)
        imported = round(time.perf_counter() - start, 2)
        start = time.perf_counter()
        report = replay_all(database)
        seconds = round(time.perf_counter() - start, 2)
    finally:
        database.dispose()
    assert report.ok, f"{len(report.differing_assessments)} assessments did not reproduce"
    return report.replayed, imported, seconds


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one Markdown table row; exit 1 when the target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.replay", description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    with sqlite_url() if args.backend == "sqlite" else postgres_url() as url:
        replayed, imported, seconds = measure(url, args.rows)
    print(f"| import of the feeds (setup, {args.backend}) | — | {imported} s |")
    print(f"| som audit replay, {replayed:,} assessments ({args.backend}) | ≤ 30 s | {seconds} s |")
    return 0 if args.backend != "sqlite" or seconds <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
