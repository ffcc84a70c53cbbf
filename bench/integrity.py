"""Integrity benchmarks (`python -m bench.integrity`): verifying and sealing at scale.

1. `som audit verify`'s work (`storage.integrity.verify`) over 100,000 assessments and 10,000
   overrides (with their detainees, admissions, input versions, policies and access log): the
   target on SQLite is ≤ 30 s;
2. what sealing adds to an import of 10,000 admissions and to the re-scoring of all of them
   after a policy change: each is timed as SOM runs it (sealed at commit) and, on an identical
   fresh database, with the seal switched off, then the deferred seal on its own;
3. what it adds to the smallest write, one access-log entry in a transaction of its own.

    python -m bench.integrity [--backend sqlite|postgresql|both] [--assessments N]

The 100,000 assessments are 50,000 admissions imported (one assessment each) and a changed
policy published (one more each); the overrides are written in one transaction through
`storage.overrides.append_override`, the chain append `record_override` uses, because 10,000
single-override transactions would measure the dashboard's form, not verification.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from bench import BENCH_AUDIT_KEY as BENCH_KEY
from bench.storage import AS_OF, OUT, postgres_url, sqlite_url

ASSESSMENTS = 100_000
OVERRIDES = 10_000
SEAL_ROWS = 10_000
VERIFY_TARGET = 30.0


def feeds(rows: int, seed: int) -> tuple[Any, Any]:
    """Generate (once) `rows` dji and iris rows as CSV files."""
    from fixtures.generate import generate_population, write_feeds

    directory = OUT / f"integrity-{rows // 1000}k-{seed}"
    dji, iris = directory / "dji.csv", directory / "iris.csv"
    if not (dji.exists() and iris.exists()):
        write_feeds(*generate_population(rows, AS_OF, seed=seed), directory)
    return dji, iris


def measure_verify(url: str, assessments: int = ASSESSMENTS) -> dict[str, Any]:
    """Build the evidence of `assessments` assessments and 10,000 overrides; time `verify`."""
    from storage import open_database
    from storage.audit_key import parse_key
    from storage.integrity import make_checkpoint, verify

    key = parse_key(BENCH_KEY, "bench")
    database = open_database(url)
    try:
        _import(database, *feeds(assessments // 2, seed=11))
        _publish_changed_policy(database)
        _bulk_overrides(database, OVERRIDES)
        make_checkpoint(database, key)
        report, seconds = _timed(lambda: verify(database, key))
        assert report.ok, report.problems
    finally:
        database.dispose()
    links = {chain.name: chain.links for chain in report.chains}
    return {"verify": seconds, "links": links, "total_links": sum(links.values())}


def measure_sealing(url_factory: Callable[[], Any], rows: int = SEAL_ROWS) -> dict[str, Any]:
    """Import `rows` admissions and re-score them after a policy change, sealed and unsealed."""
    from storage import open_database
    from storage.audit_key import parse_key
    from storage.integrity import seal

    key = parse_key(BENCH_KEY, "bench")
    dji, iris = feeds(rows, seed=12)
    figures: dict[str, Any] = {}
    with url_factory() as url:
        database = open_database(url)
        try:
            _, figures["import_sealed"] = _timed(lambda: _import(database, dji, iris))
            _, figures["rescore_sealed"] = _timed(lambda: _publish_changed_policy(database))
            figures["access_entry_ms_sealed"] = _per_access_entry_ms(database)
        finally:
            database.dispose()
    with url_factory() as url, _seal_switched_off():
        database = open_database(url)
        try:
            _, figures["import_unsealed"] = _timed(lambda: _import(database, dji, iris))
            figures["import_seal_alone"] = _timed(lambda: seal(database, key))[1]
            _, figures["rescore_unsealed"] = _timed(lambda: _publish_changed_policy(database))
            figures["rescore_seal_alone"] = _timed(lambda: seal(database, key))[1]
            figures["access_entry_ms_unsealed"] = _per_access_entry_ms(database)
        finally:
            database.dispose()
    return figures


def _per_access_entry_ms(database: Any, entries: int = 200) -> float:
    """Milliseconds per access-log entry in a transaction of its own (the smallest write)."""
    from storage.access_log import record_access
    from storage.actor import Actor

    auditor = Actor("Bench", "auditor")
    start = time.perf_counter()
    for _ in range(entries):
        record_access(database, auditor, "view_list")
    seconds = time.perf_counter() - start
    return round(seconds * 1000 / entries, 2)


def _import(database: Any, dji: Any, iris: Any) -> Any:
    from feeds import read_feeds
    from storage import import_feeds

    feed = read_feeds(dji, iris)
    return import_feeds(database, feed, dji_file=str(dji), iris_file=str(iris), as_of=AS_OF)


def _publish_changed_policy(database: Any) -> None:
    from scoring.policy import policy_from_mapping
    from storage import Actor, publish_policy

    changed = policy_from_mapping({"version": "bench", "short_stay_days": 14})
    publish_policy(database, changed, Actor("Bench", "capacity_manager"), "bench", as_of=AS_OF)


def _bulk_overrides(database: Any, count: int) -> None:
    from sqlalchemy import func, select

    from storage.actor import Actor
    from storage.overrides import append_override
    from storage.schema import assessments

    case_manager = Actor("Bench", "case_manager")
    moment = datetime(2026, 11, 29, 12, tzinfo=UTC)
    with database.write() as connection:
        newest = (
            select(func.max(assessments.c.id).label("assessment_id"))
            .group_by(assessments.c.admission_id)
            .order_by(assessments.c.admission_id)
            .limit(count)
        ).subquery()
        rows = (
            connection.execute(
                select(assessments)
                .join(newest, assessments.c.id == newest.c.assessment_id)
                .order_by(assessments.c.admission_id)
            )
            .mappings()
            .all()
        )
        for assessment in rows:
            band = "priority" if assessment["band"] != "priority" else "no_priority"
            append_override(
                connection,
                assessment,
                case_manager,
                band,
                "cm_concern",
                "Benchmark: zorgen over huisvesting na detentie.",
                now=moment,
            )
    assert len(rows) == count, f"only {len(rows)} admissions to override"


@contextmanager
def _seal_switched_off() -> Iterator[None]:
    """Writes commit without sealing (only to measure what sealing costs)."""
    import storage.seal

    original = storage.seal.seal_pending
    storage.seal.seal_pending = lambda *args, **kwargs: 0
    try:
        yield
    finally:
        storage.seal.seal_pending = original


def _timed(action: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = action()
    return result, round(time.perf_counter() - start, 2)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; print the figures as JSON; exit 1 when verify misses its target."""
    parser = argparse.ArgumentParser(prog="python -m bench.integrity")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--assessments", type=int, default=ASSESSMENTS)
    args = parser.parse_args(argv)
    os.environ["SOM_AUDIT_KEY"] = BENCH_KEY
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    results: dict[str, Any] = {}
    missed = False
    for backend in backends:
        factory = sqlite_url if backend == "sqlite" else postgres_url
        with factory() as url:
            figures = measure_verify(url, args.assessments)
        figures.update(measure_sealing(factory))
        results[backend] = figures
        if backend == "sqlite" and figures["verify"] > VERIFY_TARGET:
            missed = True
        print(json.dumps({backend: figures}, indent=2), flush=True)
    if missed:
        print(f"verify took more than {VERIFY_TARGET:.0f} s on SQLite", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
