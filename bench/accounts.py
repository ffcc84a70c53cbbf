"""Benchmarks of sign-in and the access log (docs/benchmarks.md, "Accounts and access log").

1. `storage.accounts.sign_in` with the right password (argon2id), median of 10: target ≤ 0.3 s.
2. One access-log write in its own transaction (`record_access`), median of 50: ≤ 10 ms.
3. The list (`storage.views.triage_view`) at 10,000 admissions for a case manager of one
   prison and for an auditor (every prison), median of 3: within today's list figure.

    python -m bench.accounts
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.storage import AS_OF, LIST_ROWS, OUT

PASSWORD = "een lange zin om te meten"


def _median(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure() -> dict[str, float]:
    """The figures, on a fresh SQLite database of `LIST_ROWS` admissions."""
    from feeds import read_feeds
    from fixtures.generate import generate_population, write_feeds
    from storage import import_feeds, open_database
    from storage.access_log import record_access
    from storage.accounts import add_account, sign_in
    from storage.actor import Actor
    from storage.views import triage_view

    directory = OUT / f"storage-list-{LIST_ROWS // 1000}k"
    dji, iris = directory / "dji.csv", directory / "iris.csv"
    if not (dji.exists() and iris.exists()):
        write_feeds(*generate_population(LIST_ROWS, AS_OF, seed=7), directory)
    with tempfile.TemporaryDirectory() as scratch:
        database = open_database(f"sqlite:///{Path(scratch) / 'som.db'}")
        try:
            feed = read_feeds(dji, iris)
            import_feeds(database, feed, dji_file=str(dji), iris_file=str(iris), as_of=AS_OF)
            add_account(
                database, "cm.bench", "case_manager", password=PASSWORD, prisons=("Sittard",)
            )
            case_manager = sign_in(database, "cm.bench", PASSWORD)
            auditor = Actor("auditor.bench", "auditor")
            return {
                "sign_in_s": _median(lambda: sign_in(database, "cm.bench", PASSWORD), 10),
                "access_log_write_ms": 1000
                * _median(lambda: record_access(database, case_manager, "view_list"), 50),
                "list_one_prison_s": _median(lambda: triage_view(database, AS_OF, case_manager), 3),
                "list_every_prison_s": _median(lambda: triage_view(database, AS_OF, auditor), 3),
            }
        finally:
            database.dispose()


def main() -> None:
    """Print the figures as Markdown table rows."""
    figures = measure()
    rows = [
        (
            "sign-in with the right password (argon2id, median of 10)",
            "≤ 0.3 s",
            f"{figures['sign_in_s']:.3f} s",
        ),
        (
            "one access-log write (median of 50)",
            "≤ 10 ms",
            f"{figures['access_log_write_ms']:.1f} ms",
        ),
        (
            f"list of {LIST_ROWS:,}, case manager of one prison",
            "≤ today's list",
            f"{figures['list_one_prison_s']:.2f} s",
        ),
        (
            f"list of {LIST_ROWS:,}, auditor (every prison)",
            "≤ today's list",
            f"{figures['list_every_prison_s']:.2f} s",
        ),
    ]
    print("| benchmark | target | measured |")
    print("|---|---|---|")
    for name, target, measured in rows:
        print(f"| {name} | {target} | {measured} |")


if __name__ == "__main__":
    main()
