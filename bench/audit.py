"""Audit benchmarks (`python -m bench.audit`): the auditor's lists and analytics at scale.

A seeded population of 100,000 detainees is imported (100,000 assessments), then 10,000
overrides (every tenth admission; a tenth of them withdrawn), 5,000 decisions and 500 entries
of access outside one's prisons are stored in one transaction through the chain's own append.
Timed, median of 3 runs each: `override_list`, `decision_list` and `audit_analytics` — what the
audit page computes server-side (target ≤ 2 s for the analytics).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.storage import AS_OF, OUT, feeds_for, postgres_url, sqlite_url

ROWS = 100_000
OVERRIDES = 10_000
TARGET = 2.0
_REASONS = ("cm_concern", "new_information", "professional_weighing", "capacity", "other")
_BANDS = ("priority", "weighing", "defer", "no_priority")


def _fill(database: Any, overrides_wanted: int) -> None:
    """Store overrides, withdrawals, decisions and access-log entries against the assessments."""
    from sqlalchemy import select

    from storage.access_log import log_access
    from storage.actor import Actor
    from storage.chain import append_chained
    from storage.schema import admissions as admissions_table
    from storage.schema import assessments, decisions, detainees, input_versions, overrides

    start = datetime(2026, 6, 1, 9, tzinfo=UTC)
    with database.write() as connection:
        rows = connection.execute(
            select(
                assessments.c.id,
                assessments.c.admission_id,
                assessments.c.band,
                assessments.c.decisive,
                assessments.c.policy_id,
                assessments.c.input_version_id,
                input_versions.c.fingerprint,
                detainees.c.skn,
            )
            .join(input_versions, input_versions.c.id == assessments.c.input_version_id)
            .join(admissions_table, admissions_table.c.id == assessments.c.admission_id)
            .join(detainees, detainees.c.id == admissions_table.c.detainee_id)
            .order_by(assessments.c.id)
        ).all()
        step = max(1, len(rows) // overrides_wanted)
        for number, row in enumerate(rows[::step][:overrides_wanted]):
            actor = Actor(
                f"professional {number % 40}", ("case_manager", "probation_worker")[number % 2]
            )
            when = start + timedelta(hours=number % 4000)
            band = next(b for b in _BANDS[number % 4 :] + _BANDS if b != row.band)
            context = {
                "admission_id": row.admission_id,
                "assessment_id": row.id,
                "automated_band": row.band,
                "decisive": row.decisive,
                "policy_id": row.policy_id,
                "input_version_id": row.input_version_id,
                "input_fingerprint": row.fingerprint,
                "user_name": actor.name,
                "user_role": actor.role,
            }
            if number % 20 == 0:
                log_access(connection, actor, "access_outside_prison", skn=row.skn, now=when)
            override_id = append_chained(
                connection,
                overrides,
                {
                    **context,
                    "kind": "override",
                    "withdraws_id": None,
                    "band": band,
                    "reason_category": _REASONS[number % 5],
                    "justification": "Benchmark: een afwijking met voldoende toelichting.",
                    "created_at": when,
                },
            )
            if number % 10 == 0:
                append_chained(
                    connection,
                    overrides,
                    {
                        **context,
                        "kind": "withdrawal",
                        "withdraws_id": override_id,
                        "band": None,
                        "reason_category": None,
                        "justification": "Benchmark: ingetrokken na nieuw overleg.",
                        "created_at": when + timedelta(days=1),
                    },
                )
            if number % 2 == 0:
                append_chained(
                    connection,
                    decisions,
                    {
                        "admission_id": row.admission_id,
                        "assessment_id": row.id,
                        "option": "no_priority",
                        "explanation": "Benchmark",
                        "partner_name": None,
                        "user_name": actor.name,
                        "user_role": actor.role,
                        "created_at": when + timedelta(days=2),
                    },
                )


def _median(action: Callable[[], Any], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        begun = time.perf_counter()
        action()
        times.append(time.perf_counter() - begun)
    return round(statistics.median(times), 2)


def measure(url: str, rows: int, overrides_wanted: int) -> dict[str, float]:
    """Seconds for the lists and the analytics on a database of `rows` detainees."""
    from feeds import read_feeds
    from storage import import_feeds, open_database
    from storage.audit_analytics import audit_analytics
    from storage.audit_exports import export_analytics, export_audit_list
    from storage.audit_views import AuditFilters, decision_list, override_list

    none = AuditFilters()

    dji, iris = feeds_for(rows)
    database = open_database(url)
    try:
        feed = read_feeds(dji, iris)
        import_feeds(database, feed, dji_file=str(dji), iris_file=str(iris), as_of=AS_OF)
        _fill(database, overrides_wanted)
        listed = override_list(database)
        assert len(listed) == overrides_wanted, f"{len(listed)} overrides listed"
        # The first call of a process reads every input version's prison (PostgreSQL keeps it).
        first = _median(lambda: audit_analytics(database), repeat=1)
        return {
            "analytics_first": first,
            "override_list": _median(lambda: override_list(database)),
            "override_list_filtered": _median(
                lambda: override_list(database, AuditFilters(direction="up", status="active"))
            ),
            "decision_list": _median(lambda: decision_list(database)),
            "analytics": _median(lambda: audit_analytics(database)),
            "analytics_json": _median(lambda: export_analytics(database, "json")),
            "override_csv": _median(lambda: export_audit_list(database, "overrides", none, "csv")),
        }
    finally:
        database.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the audit benchmarks; print a Markdown table; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.audit", description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--overrides", type=int, default=OVERRIDES)
    args = parser.parse_args(argv if argv is not None else [])
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    figures: dict[str, dict[str, float]] = {}
    for backend in backends:
        with sqlite_url() if backend == "sqlite" else postgres_url() as url:
            figures[backend] = measure(url, args.rows, args.overrides)
    OUT.mkdir(exist_ok=True)
    (OUT / "audit.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(
        f"\n| audit ({args.rows:,} assessments, {args.overrides:,} overrides) | target | "
        + " | ".join(backends)
        + " |"
    )
    print("|---|---|" + "---|" * len(backends))
    for label, key, target in (
        ("override list, all", "override_list", "—"),
        ("override list, filtered (up, active)", "override_list_filtered", "—"),
        ("decision list, all", "decision_list", "—"),
        ("analytics, first call of the process", "analytics_first", f"≤ {TARGET:g} s"),
        ("analytics (every table of the page)", "analytics", f"≤ {TARGET:g} s"),
        (
            "analytics as a JSON file, logged (page and `som export analytics`)",
            "analytics_json",
            "—",
        ),
        (
            "override list as a CSV file, logged (page and `som export overrides`)",
            "override_csv",
            "—",
        ),
    ):
        cells = " | ".join(f"{figures[b][key]:.2f} s" for b in backends)
        print(f"| {label} | {target} | {cells} |")
    slowest = (max(run["analytics"], run["analytics_first"]) for run in figures.values())
    return 1 if any(seconds > TARGET for seconds in slowest) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
