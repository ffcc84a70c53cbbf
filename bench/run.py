"""`make bench`: the scoring benchmarks of docs/benchmarks.md.

1. Engine alone: `scoring.score` on 100,000 detainees, median of 7 runs.
2. The naive per-row reference (`bench.naive`) on the same data: one run; the ratio to (1).
   Both must agree row by row — a mismatch is reported (and fails the run).
3. `som score --format json` on a 100,000-row `dji` + ~70,000-row `iris` feed as a whole
   process, median of 3 runs.
Other benchmark scripts (`BENCHMARKS`) run after these.
"""

from __future__ import annotations

import importlib
import json
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from feeds import read_feeds
from scoring import Policy, result_records, score
from scoring.inputs import frame_rows

AS_OF = date(2026, 11, 29)
SIZE = 100_000
OUT = Path(__file__).resolve().parent / "out"
#: The other benchmark scripts `make bench` runs after these, in this order.
BENCHMARKS = (
    "bench.storage",
    "bench.accounts",
    "bench.dashboard",
    "bench.whatif",
    "bench.integrity",
    "bench.replay",
    "bench.audit",
)


def ensure_feeds(size: int = SIZE) -> tuple[Path, Path]:
    """Generate (once) a seeded population of `size` detainees as feed files."""
    directory = OUT / f"{size // 1000}k"
    dji, iris = directory / "dji.csv", directory / "iris.csv"
    if not (dji.exists() and iris.exists()):
        from fixtures.generate.command import main as generate

        generate(["--n", str(size), "--as-of", AS_OF.isoformat(), "--out", str(directory)])
    return dji, iris


def timed(action, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    """Wall-clock seconds of `repeat` runs of `action`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    """Run the scoring benchmarks and print a Markdown table of the figures."""
    dji, iris = ensure_feeds()
    feed = read_feeds(dji, iris)
    frame = feed.inputs
    policy = Policy()
    score(frame, policy, AS_OF)  # warm caches and lazy imports

    engine_times = timed(lambda: score(frame, policy, AS_OF), repeat=7)
    engine = statistics.median(engine_times)

    from bench.naive import score_rows

    rows = frame_rows(frame)
    start = time.perf_counter()
    naive_results = score_rows(rows, policy, AS_OF)
    naive = time.perf_counter() - start

    engine_results = result_records(score(frame, policy, AS_OF))
    mismatches = sum(1 for a, b in zip(engine_results, naive_results, strict=True) if a != b)

    command = [
        sys.executable,
        "-m",
        "som_cli.main",
        "score",
        "--dji",
        str(dji),
        "--iris",
        str(iris),
        "--as-of",
        AS_OF.isoformat(),
        "--format",
        "json",
    ]

    def run_cli() -> None:
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)

    cli = statistics.median(timed(run_cli, repeat=3))

    figures = {
        "detainees": len(frame),
        "iris_rows": feed.iris_rows,
        "engine_median_s": round(engine, 3),
        "engine_runs_s": [round(t, 3) for t in engine_times],
        "naive_s": round(naive, 3),
        "engine_speedup": round(naive / engine, 1),
        "naive_mismatches": mismatches,
        "som_score_json_s": round(cli, 3),
    }
    OUT.mkdir(exist_ok=True)
    (OUT / "scoring.json").write_text(json.dumps(figures, indent=2) + "\n")
    print("| benchmark | target | measured |")
    print("|---|---|---|")
    print(f"| engine, {len(frame):,} detainees (median of 7) | ≤ 0.5 s | {engine:.3f} s |")
    print(f"| naive per-row loop, same data | — | {naive:.2f} s |")
    print(f"| engine speed-up over the loop | ≥ 20× | {naive / engine:.0f}× |")
    print(f"| engine vs loop, rows that differ | 0 | {mismatches} |")
    print(f"| `som score --format json`, whole process (median of 3) | ≤ 4 s | {cli:.2f} s |")

    for name in BENCHMARKS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        if hasattr(module, "main"):
            module.main()
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
