"""Dashboard benchmarks (`python -m bench.dashboard`): the triage list and the detainee page
with 10,000 current admissions (SQLite).

1. The list screen's script run on the server (AppTest), with the list read from storage
   (cache emptied before each run) — target ≤ 1.5 s — and with the list kept (a filter or
   click within `dashboard.cache.LIST_SECONDS`); median of 5.
2. Opening a detainee: the detainee screen's script run for 10 different detainees — target
   ≤ 0.5 s (median; the slowest is reported too).
3. In Debian's Chromium: from navigation to the list being visible (table drawn, script
   finished) — target ≤ 5 s. The first visit after `som serve` started (the server imports its
   libraries then) and the median of 3 later visits, each in a fresh browser context.

    python -m bench.dashboard [--rows N] [--no-browser]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPOSITORY = Path(__file__).resolve().parents[1]
APP = REPOSITORY / "dashboard" / "app.py"
ROWS = 10_000
TARGETS = {"list": 1.5, "detainee": 0.5, "browser": 5.0}


def build_database(path: Path, rows: int) -> str:
    """A SQLite database with `rows` current admissions and a few hundred active overrides."""
    from dashboard.data import today
    from feeds import read_feeds
    from fixtures.generate import generate_population, write_feeds
    from storage.actor import Actor
    from storage.connect import open_database
    from storage.importer import import_feeds
    from storage.listing import list_current_admissions
    from storage.overrides import record_override

    dji_rows, iris_rows = generate_population(rows, today(), seed=4)
    dji, iris = write_feeds(dji_rows, iris_rows, path.parent / "feeds")
    url = f"sqlite:///{path}"
    database = open_database(url)
    try:
        import_feeds(
            database, read_feeds(dji, iris), dji_file=str(dji), iris_file=str(iris), as_of=today()
        )
        listing = list_current_admissions(database)
        worker = Actor("Benchmark Casemanager", "case_manager")
        chosen = random.Random(4).sample(range(len(listing)), k=min(300, len(listing) // 20))
        for index in chosen:
            row = listing.iloc[index]
            band = "priority" if row["band"] != "priority" else "no_priority"
            record_override(
                database,
                int(row["admission_id"]),
                int(row["assessment_id"]),
                band,
                "professional_weighing",
                "Benchmark: gezamenlijk gewogen in het MDO.",
                worker,
            )
    finally:
        database.dispose()
    return url


def _timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def server_side(url: str) -> dict[str, Any]:
    """List and detainee script runs through AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from dashboard import data
    from storage.listing import list_current_admissions

    os.environ["SOM_DATABASE_URL"] = url
    app = AppTest.from_file(str(APP), default_timeout=120)
    first = _timed(app.run)  # imports, migrations check, first read
    assert not app.exception, app.exception
    uncached = []
    for _ in range(5):
        st.cache_resource.clear()
        uncached.append(_timed(app.run))
    kept = [_timed(app.run) for _ in range(5)]

    skns = list_current_admissions(data.database())["skn"].sample(10, random_state=4).tolist()
    app.query_params["skn"] = skns[0]
    app.switch_page("screens/detainee.py").run()  # first visit loads the page's modules
    opened = []
    for skn in skns:
        app.query_params["skn"] = skn
        opened.append(_timed(app.run))
        assert not app.exception, app.exception
    data.close_databases()
    return {
        "list_first": first,
        "list_uncached": statistics.median(uncached),
        "list_kept": statistics.median(kept),
        "detainee": statistics.median(opened),
        "detainee_max": max(opened),
    }


def in_browser(url: str, log: Path) -> dict[str, Any]:
    """Navigation to a visible list in Chromium against `som serve`."""
    sys.path.insert(0, str(REPOSITORY / "tests" / "dashboard"))
    import browser  # the end-to-end test's driver: som serve, Chromium, waiting for Streamlit
    from playwright.sync_api import sync_playwright

    if not browser.CHROMIUM.exists():
        return {"skipped": "no /usr/bin/chromium (apt-get install -y chromium)"}
    visits = []
    with browser.som_serve(url, log) as base, sync_playwright() as playwright:
        chromium = browser.launch(playwright)
        warm_up = chromium.new_page()  # Chromium's own start-up is not the dashboard's time
        warm_up.goto("about:blank")
        warm_up.close()
        for _ in range(4):
            context = chromium.new_context(viewport={"width": 1600, "height": 1000})
            page = context.new_page()
            started = time.perf_counter()
            page.goto(base)
            page.wait_for_selector(f"{browser.TABLE} canvas", timeout=120_000)
            page.wait_for_selector(browser.IDLE, timeout=120_000)
            visits.append(time.perf_counter() - started)
            context.close()
        chromium.close()
    return {"browser_first": visits[0], "browser": statistics.median(visits[1:])}


def main(argv: Sequence[str] | None = None) -> int:
    """Build the database, measure, print the table of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard", description=__doc__)
    parser.add_argument("--rows", type=int, default=ROWS, help="current admissions")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="som-bench-dashboard-") as scratch:
        path = Path(scratch) / "som.db"
        started = time.perf_counter()
        url = build_database(path, args.rows)
        print(f"built {args.rows:,} admissions in {time.perf_counter() - started:.1f} s")
        figures = server_side(url)
        if not args.no_browser:
            figures.update(in_browser(url, Path(scratch) / "serve.log"))
    _print_table(figures, args.rows)
    over = [
        name
        for name, key in (
            ("list", "list_uncached"),
            ("detainee", "detainee"),
            ("browser", "browser"),
        )
        if key in figures and figures[key] > TARGETS[name]
    ]
    return 1 if over else 0


def _print_table(figures: dict[str, Any], rows: int) -> None:
    print()
    print(f"Dashboard, {rows:,} current admissions (SQLite)")
    print()
    print("| benchmark | target | measured |")
    print("|---|---|---|")
    print(
        f"| list script run, list read from storage (median of 5) | ≤ 1.5 s | "
        f"{figures['list_uncached']:.2f} s |"
    )
    print(
        f"| list script run, list kept (filter or click; median of 5) | — | "
        f"{figures['list_kept']:.2f} s |"
    )
    print(
        f"| list script run, first of a fresh server process | — | {figures['list_first']:.2f} s |"
    )
    print(
        f"| opening a detainee (median of 10; slowest) | ≤ 0.5 s | "
        f"{figures['detainee']:.2f} s; {figures['detainee_max']:.2f} s |"
    )
    if "skipped" in figures:
        print(f"| browser: list visible after navigation | ≤ 5 s | skipped: {figures['skipped']} |")
    elif "browser" in figures:
        print(
            f"| browser: list visible after navigation (median of 3) | ≤ 5 s | "
            f"{figures['browser']:.2f} s |"
        )
        print(
            f"| browser: first visit after `som serve` started | — | "
            f"{figures['browser_first']:.2f} s |"
        )


if __name__ == "__main__":
    sys.exit(main())
