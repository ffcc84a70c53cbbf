"""`som score`: score feed files and print the bands (stateless; touches no database)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from som_cli.main import EXIT_OK, EXIT_REJECTED, EXIT_USAGE

if TYPE_CHECKING:
    import pandas as pd


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
    from feeds.writing import terminal_text
    from scoring import PolicyError, score
    from scoring.results import results_json
    from scoring.version import rules_version

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
            print(f"som score: {terminal_text(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:
        print(
            f"som score: {args.policy}: cannot read the policy ({error.strerror})", file=sys.stderr
        )
        return EXIT_USAGE

    for rejection in feed.rejections:
        print(terminal_text(rejection.message), file=sys.stderr)
    for notice in feed.notices:
        print(f"notice: {terminal_text(notice)}", file=sys.stderr)

    results = score(feed.inputs, policy, as_of)
    output_format = args.format or ("table" if sys.stdout.isatty() else "json")
    if output_format == "json":
        document = results_json(results, as_of.isoformat(), policy.version, rules_version())
        sys.stdout.write(document + "\n")
    elif output_format == "csv":
        write_csv(sys.stdout, results)
    else:
        write_table(sys.stdout, results, as_of, policy.version)
    return EXIT_REJECTED if feed.rejections else EXIT_OK


def write_csv(out: TextIO, results: pd.DataFrame) -> None:
    """One row per detainee, one column per result field (`scoring.result_fields`)."""
    from feeds.writing import write_csv as write_csv_rows
    from scoring.result_fields import RESULT_FIELDS

    columns = [(field, results[field.name].tolist()) for field in RESULT_FIELDS]
    rows = ([field.csv_cell(values[i]) for field, values in columns] for i in range(len(results)))
    write_csv_rows(out, [field.csv_header for field in RESULT_FIELDS], rows)


def write_table(out: TextIO, results: pd.DataFrame, as_of: date, version: str) -> None:
    """A readable, aligned table with a heading line; control characters are dropped."""
    from feeds.writing import terminal_text
    from scoring.result_fields import RESULT_FIELDS, table_headings, table_row

    header = table_headings()
    names = [field.name for field in RESULT_FIELDS]
    values = [results[name].tolist() for name in names]
    rows = [
        tuple(terminal_text(cell) for cell in table_row(dict(zip(names, row, strict=True))))
        for row in zip(*values, strict=True)
    ]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    heading = f"SOM bands as of {as_of.isoformat()}, policy {terminal_text(version)}"
    out.write(f"{heading}: {len(rows)} detainees\n")
    out.write("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n")
