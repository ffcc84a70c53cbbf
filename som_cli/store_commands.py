"""`som import`, `som rescore` and `som demo`: the commands that write SOM's database.

Heavy libraries (pandas, SQLAlchemy) are imported inside the run functions, so `som score` and
`som --help` stay fast. Exit statuses as for `som score`: 0 success, 3 some rows rejected (the
others were imported), 2 usage error or unreadable file; 1 when the database fails.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from som_cli.database_line import announce_database
from som_cli.main import EXIT_OK, EXIT_REJECTED, EXIT_USAGE

EXIT_DATABASE = 1
DEFAULT_REPORT_DIRECTORY = Path("data") / "imports"
#: Files with fewer rows than this import without a progress bar.
PROGRESS_MIN_ROWS = 5_000


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: $SOM_DATABASE_URL, else sqlite:///data/som.db)",
    )


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", dest="as_of", help="reference date YYYY-MM-DD (default: today)")


def configure_import(parser: argparse.ArgumentParser) -> None:
    """Options of `som import`."""
    parser.add_argument("--dji", required=True, type=Path, help="prison feed (CSV or JSON)")
    parser.add_argument(
        "--iris", type=Path, help="probation feed (CSV or JSON); without it stored data are kept"
    )
    _as_of_option(parser)
    parser.add_argument(
        "--report-dir",
        type=Path,
        default=DEFAULT_REPORT_DIRECTORY,
        help=f"where the summary and rejects files go (default: {DEFAULT_REPORT_DIRECTORY})",
    )
    parser.add_argument(
        "--allow-mass-release",
        action="store_true",
        help="import even when more than half of a prison's detainees would be released",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="say what the import would do (per prison) and write nothing, not even reports",
    )
    _database_option(parser)


def configure_rescore(parser: argparse.ArgumentParser) -> None:
    """Options of `som rescore`."""
    _as_of_option(parser)
    _database_option(parser)


def configure_demo(parser: argparse.ArgumentParser) -> None:
    """Options of `som demo`."""
    _as_of_option(parser)
    parser.add_argument("--seed", type=int, default=2026, help="seed of the demo generator")
    _database_option(parser)


def run_import(args: argparse.Namespace) -> int:
    """Import the feeds, re-score, and report what changed and what was rejected."""
    from feeds import FeedFileError, read_feeds
    from feeds.writing import terminal_text
    from som_cli.checks import directory_problem

    if (problem := directory_problem(args.report_dir)) is not None:
        print(f"som import: --report-dir: {problem}; nothing was imported", file=sys.stderr)
        return EXIT_USAGE
    try:
        as_of = _as_of(args.as_of)
        feed = read_feeds(args.dji, args.iris)
    except (ValueError, FeedFileError) as error:
        print(f"som import: {terminal_text(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    for rejection in feed.rejections:
        print(terminal_text(rejection.message), file=sys.stderr)
    for notice in feed.notices:
        print(f"notice: {terminal_text(notice)}", file=sys.stderr)

    def work(database: Any) -> int:
        from storage import MassReleaseRefused

        try:
            summary = _import(database, progress_rows=len(feed.inputs))
        except MassReleaseRefused as refused:
            print(f"som import: {args.dji}: {terminal_text(str(refused))}", file=sys.stderr)
            return EXIT_USAGE
        lines = import_summary_lines(summary, args.iris is not None)
        if args.dry_run:
            for line in ["dry run: nothing was written; the import would do this:", *lines]:
                print(line)
            return EXIT_REJECTED if feed.rejections else EXIT_OK
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        reports = _write_reports(args.report_dir, stamp, lines, feed.rejections)
        for line in lines:
            print(line)
        for path in reports:
            print(f"written: {path}")
        return EXIT_REJECTED if feed.rejections else EXIT_OK

    def _import(database: Any, progress_rows: int) -> Any:
        from storage import import_feeds

        with _progress_bar(progress_rows) as progress:
            return import_feeds(
                database,
                feed,
                dji_file=str(args.dji),
                iris_file=str(args.iris) if args.iris is not None else None,
                as_of=as_of,
                kept_skns=rejected_skns(feed.rejections, "dji"),
                kept_probation_skns=rejected_skns(feed.rejections, "iris"),
                progress=progress,
                allow_mass_release=args.allow_mass_release,
                dry_run=args.dry_run,
            )

    return _with_database("som import", args.database, work)


def run_rescore(args: argparse.Namespace) -> int:
    """Re-score every current admission with the published policy."""
    as_of = _reported_as_of("som rescore", args.as_of)
    if as_of is None:
        return EXIT_USAGE

    def work(database: Any) -> int:
        from storage.rescoring import daily_rescore

        with _progress_bar(PROGRESS_MIN_ROWS) as progress:
            summary = daily_rescore(database, as_of, progress=progress)
        print(rescore_summary_line(summary))
        return EXIT_OK

    return _with_database("som rescore", args.database, work)


def run_demo(args: argparse.Namespace) -> int:
    """Fill an empty database with demo data; leave a database with data alone."""
    as_of = _reported_as_of("som demo", args.as_of)
    if as_of is None:
        return EXIT_USAGE

    def work(database: Any) -> int:
        import fixtures.demo

        summary = fixtures.demo.fill_demo(database, as_of, seed=args.seed)
        if summary is None:
            print("som demo: the database already holds data; left it as it is (no demo accounts)")
            return EXIT_OK
        counts = summary.counts
        print(
            f"demo data as of {as_of}: {summary.current_admissions} detainees inside three "
            f"prisons, {summary.admissions_total} admissions over a year ({summary.imports} "
            f"imports); {counts.overrides} overrides ({counts.withdrawals} withdrawn), "
            f"{counts.decisions} decisions"
        )
        for line in demo_account_lines(fixtures.demo.add_demo_accounts(database)):
            print(line)
        capacities = fixtures.demo.add_demo_capacities(database, as_of)
        listed = ", ".join(f"{pi} {weekly}" for pi, weekly in capacities.items())
        print(f"probation capacity (new cases a week): {listed}")
        from storage.integrity import database_audit_key, make_checkpoint

        make_checkpoint(database, database_audit_key(database))
        print(
            "audit checkpoint: the length and head of every evidence chain are stored; "
            "`som audit checkpoint` prints a new one to keep outside the database"
        )
        return EXIT_OK

    from storage.database import database_url
    from storage.sqlite_files import build_aside

    url = args.database or database_url()
    if not _demo_audit_key("som demo", url):
        return EXIT_USAGE
    aside = build_aside(url)
    if aside is None:
        return _with_database("som demo", url, work)
    # A new SQLite file is built aside and moved into place only when complete, so an
    # interrupted first `make run` leaves no half-filled database that later runs would keep.
    announce_database(url)
    status = _with_database("som demo", aside.url, work, announce=False)
    if status == EXIT_OK:
        aside.complete()
    return status


def _demo_audit_key(command: str, url: str) -> bool:
    """Make a local audit key file when no key is configured, and say so; False (after saying
    why) when the configured key is unusable."""
    from storage.audit_key import AuditKeyMissing, ensure_audit_key

    try:
        created = ensure_audit_key(url)
    except (AuditKeyMissing, OSError) as error:
        print(f"{command}: {_first_line(error)}", file=sys.stderr)
        return False
    if created is not None:
        print(
            f"audit key: none was configured, so a local key file was made: {created} — it seals "
            "the evidence; keep a copy apart from the database's backups (docs/audit.md)"
        )
    return True


def demo_account_lines(accounts: list[Any]) -> list[str]:
    """The demo accounts as `som demo` prints them: name, role, prisons, password."""
    from fixtures.demo import DEMO_PASSWORD

    rows = [("name", "role", "prisons", "password")]
    for account, added in accounts:
        password = DEMO_PASSWORD if added else "(existed already: left as it was)"
        rows.append((account.name, account.role, ", ".join(account.prisons) or "all", password))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = [
        "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]
    return ["demo accounts (for trying SOM out only; disable them before real use):", *table]


def rescore_summary_line(summary: Any) -> str:
    """What a re-score did, in one line (`som rescore`, and `som serve` at start)."""
    return (
        f"re-scored {summary.scored} admissions as of {summary.as_of} with policy "
        f"{summary.policy_version!r} and rules {summary.rules_version}: "
        f"{summary.assessments_written} new assessments, {summary.signals_created} band changes "
        "signalled"
    )


def import_summary_lines(summary: Any, iris_given: bool) -> list[str]:
    """The human-readable summary of an import (also written to the summary file)."""
    rescored = summary.rescore
    lines = [
        f"import as of {summary.as_of}: {summary.dji_rows} dji rows, {summary.iris_rows} iris "
        f"rows, {summary.accepted_rows} detainees accepted, {summary.rejected_rows} rows rejected",
        f"  new admissions: {summary.new_admissions} (re-admissions: {summary.readmissions}), "
        f"resumed: {summary.resumed}",
        f"  changed: {summary.changed}, unchanged: {summary.unchanged}, "
        f"released: {summary.released}",
        f"  re-scored {rescored.scored} with policy {rescored.policy_version!r}: "
        f"{rescored.assessments_written} new assessments, {rescored.signals_created} band "
        "changes signalled",
    ]
    from feeds.writing import terminal_text

    for prison, count in sorted(summary.released_by_prison.items()):
        lines.append(f"  released in {terminal_text(prison)}: {count}")
    if summary.kept_rejected:
        lines.append(
            f"  kept {summary.kept_rejected} detainees at their stored data: their row was rejected"
        )
    if not iris_given:
        lines.append("  no iris feed given: stored probation data were kept")
    if not summary.changed_anything:
        lines.append("  nothing changed in the stored data")
    return lines


def rejected_skns(rejections: list[Any], feed: str) -> set[str]:
    """The skns of a feed's rejected rows: their stored data stay as they were.

    A rejected `dji` row means the detainee is still inside (not released); a rejected `iris`
    row means probation still knows what it knew.
    """
    return {r.skn for r in rejections if r.feed == feed and r.skn}


def _write_reports(
    directory: Path, stamp: str, lines: list[str], rejections: list[Any]
) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    summary_path = directory / f"import-{stamp}-summary.txt"
    summary_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not rejections:
        return [summary_path]
    rejects_path = directory / f"import-{stamp}-rejects.csv"
    from feeds.writing import write_csv

    with rejects_path.open("w", encoding="utf-8", newline="") as handle:
        write_csv(
            handle,
            ("feed", "row", "skn", "column", "value", "reason"),
            ((r.feed, r.row, r.skn, r.column, r.value, r.reason) for r in rejections),
        )
    return [summary_path, rejects_path]


def _with_database(
    command: str, url: str | None, work: Callable[[Any], int], *, announce: bool = True
) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from storage import StorageError, open_database

    if announce:
        announce_database(url)
    try:
        database = open_database(url)
    except (SQLAlchemyError, OSError) as error:
        print(f"{command}: cannot open the database: {_first_line(error)}", file=sys.stderr)
        return EXIT_DATABASE
    try:
        return work(database)
    except (SQLAlchemyError, StorageError) as error:
        print(
            f"{command}: database error, nothing was changed: {_first_line(error)}", file=sys.stderr
        )
        return EXIT_DATABASE
    finally:
        database.dispose()


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def _as_of(text: str | None) -> date:
    from som_cli.score import parse_as_of

    return parse_as_of(text)


def _reported_as_of(command: str, text: str | None) -> date | None:
    """The reference date of `--as-of`; None after telling the user why it is not a date."""
    try:
        return _as_of(text)
    except ValueError as error:
        print(f"{command}: {error}", file=sys.stderr)
        return None


@contextmanager
def _progress_bar(rows: int, stream: TextIO | None = None) -> Iterator[Any]:
    """A progress callback drawing a bar on a terminal for large work; silent otherwise."""
    out = stream or sys.stderr
    if rows < PROGRESS_MIN_ROWS or not out.isatty():
        yield None
        return
    drawn = False

    def report(stage: str, done: int, total: int) -> None:
        nonlocal drawn
        width = 30
        filled = width if total == 0 else min(width, width * done // total)
        out.write(f"\r{stage:<16} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        out.flush()
        drawn = True

    try:
        yield report
    finally:
        if drawn:
            out.write("\r" + " " * 70 + "\r")
            out.flush()
