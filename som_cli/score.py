"""`som score`: score feed files and print the bands (stateless; touches no database)."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from som_cli.main import EXIT_OK, EXIT_REJECTED, EXIT_USAGE


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som score` (feeds.md)."""
    parser.add_argument("--dji", required=True, type=Path, help="prison feed (CSV or JSON)")
    parser.add_argument("--iris", type=Path, help="probation feed (CSV or JSON)")
    parser.add_argument("--policy", type=Path, help="policy file (TOML); default policy if absent")
    parser.add_argument("--as-of", dest="as_of", help="reference date YYYY-MM-DD (default: today)")
    parser.add_argument(
        "--format",
        choices=("json", "csv", "table"),
        default=None,
        help="output format (default: table on a terminal, json otherwise)",
    )


def parse_as_of(text: str | None) -> date:
    """The `--as-of` date (ISO or Dutch form); today when absent. Raises ValueError."""
    from feeds.cells import Parsed, parse_date

    if text is None:
        from storage.clock import today

        return today()
    outcome = parse_date(text)
    if not isinstance(outcome, Parsed) or not isinstance(outcome.value, date):
        raise ValueError(f"--as-of: {text!r} is not a date (use YYYY-MM-DD)")
    return outcome.value


def load_policy_file(path: Path | None) -> Any:
    """The policy of `--policy`, or the default policy. Raises OSError or PolicyError."""
    from scoring import Policy, parse_policy

    if path is None:
        return Policy()
    return parse_policy(path.read_text(encoding="utf-8"))


def run(args: argparse.Namespace) -> int:
    """Score the feeds and write the result to standard output."""
    from feeds import FeedFileError, read_feeds
    from scoring import PolicyError, result_records, score
    from scoring.results import results_json

    try:
        as_of = parse_as_of(args.as_of)
        policy = load_policy_file(args.policy)
        feed = read_feeds(args.dji, args.iris)
    except UnicodeDecodeError:
        print(
            f"som score: {args.policy}: the policy is not UTF-8 text (TOML must be UTF-8)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    except (ValueError, FeedFileError) as error:
        if isinstance(error, PolicyError):
            print(f"som score: {args.policy}: {error}", file=sys.stderr)
        else:
            print(f"som score: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(
            f"som score: {args.policy}: cannot read the policy ({error.strerror})", file=sys.stderr
        )
        return EXIT_USAGE

    for rejection in feed.rejections:
        print(rejection.message, file=sys.stderr)
    for notice in feed.notices:
        print(f"notice: {notice}", file=sys.stderr)

    results = score(feed.inputs, policy, as_of)
    output_format = args.format or ("table" if sys.stdout.isatty() else "json")
    if output_format == "json":
        sys.stdout.write(results_json(results, as_of.isoformat(), policy.version) + "\n")
    else:
        writer = write_csv if output_format == "csv" else write_table
        writer(sys.stdout, result_records(results), as_of, policy.version)
    return EXIT_REJECTED if feed.rejections else EXIT_OK


CSV_HEADER = (
    "skn",
    "band",
    "provisional_band",
    "decisive",
    "fired",
    "unknown",
    "open_questions",
    "tiers",
    "tier_score",
    "weighing_signals",
    "weighing_known",
    "warnings",
)


def _flat(record: dict[str, Any]) -> list[str]:
    return [
        record["skn"],
        record["band"],
        record["provisional_band"],
        record["decisive"] or "",
        "|".join(record["fired"]),
        "|".join(record["unknown"]),
        "|".join(f"{q['criterion']}:{q['band']}" for q in record["open_questions"]),
        "|".join(record["tiers"]),
        str(record["tier_score"]),
        str(record["weighing_profile"]["signals"]),
        str(record["weighing_profile"]["known"]),
        "|".join(record["warnings"]),
    ]


def write_csv(out: TextIO, records: list[dict[str, Any]], as_of: date, version: str) -> None:
    """One row per detainee; lists joined with `|`, open questions as `C01:no_priority`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(_flat(record) for record in records)


def write_table(out: TextIO, records: list[dict[str, Any]], as_of: date, version: str) -> None:
    """A readable, aligned table with a heading line."""
    header = (
        "skn",
        "band",
        "provisional",
        "decisive",
        "fired",
        "open questions",
        "tiers",
        "score",
        "profile",
        "warnings",
    )
    rows = []
    for record in records:
        flat = _flat(record)
        profile = record["weighing_profile"]
        rows.append(
            (
                flat[0],
                flat[1],
                flat[2] if flat[2] != flat[1] else "",
                flat[3] or "-",
                flat[4].replace("|", " "),
                flat[6].replace("|", " "),
                flat[7].replace("|", " "),
                flat[8],
                f"{profile['signals']}/{profile['known']}",
                flat[11].replace("|", "; "),
            )
        )
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    out.write(f"SOM bands as of {as_of.isoformat()}, policy {version}: {len(rows)} detainees\n")
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
