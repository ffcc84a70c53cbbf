"""Issue 8: the corpus of hostile feed files (hostile_corpus.py) run through `som import` on
SQLite and on PostgreSQL, each command in a process of its own.

Each case gives its exit status and message (as for `som score`: 0, 3 or 2), no traceback and
no control character on standard error. After status 0 or 3 exactly the good rows' skns are
current admissions and every rejected row is in the rejects report; after status 2 nothing was
written: no admission, no import, no policy, no report.
"""

from __future__ import annotations

import csv
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_corpus import AS_OF, CONTROL, CORPUS, FRESH, Case, check_stderr, rejected_rows
from hostile_corpus import csv as csv_feed
from som_process import SomForkServer, som_fresh

from storage import database_status, list_current_admissions, open_database

Runner = Callable[..., subprocess.CompletedProcess[str]]


def som_import(run: Runner, case: Case, directory: Path, database_url: str) -> Path:
    """Import the case's files into `database_url`; check what `som import` said and stored.
    Returns the report folder."""
    reports = directory / "reports"
    arguments = [*case.write_feeds(directory), "--as-of", AS_OF, "--report-dir", reports]
    process = run("import", *arguments, "--database", database_url, env=case.env)
    check_stderr(case, process, "import")
    check_database(case, database_url, rejected_rows(process.stderr))
    check_reports(case, reports, rejected_rows(process.stderr))
    return reports


def check_database(case: Case, database_url: str, rejected: set[tuple[str, int]]) -> None:
    database = open_database(database_url)
    try:
        status = database_status(database)
        current = list_current_admissions(database)["skn"].tolist()
    finally:
        database.dispose()
    assert sorted(current) == sorted(case.accepted)
    if case.status == 2:
        assert status.policy is None and status.last_import is None
    elif case.accepted:
        assert status.last_import is not None
        assert status.last_import.rejected_rows == len(rejected)


def check_reports(case: Case, reports: Path, rejected: set[tuple[str, int]]) -> None:
    if case.status == 2:
        assert not reports.exists() or not any(reports.iterdir())
        return
    assert len(list(reports.glob("*-summary.txt"))) == 1
    rejects = list(reports.glob("*-rejects.csv"))
    if case.status == 0:
        assert rejects == []
        return
    (report,) = rejects
    csv.field_size_limit(max(csv.field_size_limit(), 2_000_000))  # the megabyte note
    with report.open(encoding="utf-8", newline="") as handle:
        rows = {(row["feed"], int(row["row"])) for row in csv.DictReader(handle)}
    assert rows == rejected and rows


@pytest.mark.parametrize("case", CORPUS.values(), ids=CORPUS.keys())
def test_hostile_feed_imports_its_good_rows_and_gives_its_status_and_message(
    case: Case, database_url: str, tmp_path: Path, som_fork: SomForkServer
) -> None:
    som_import(som_fork.run, case, tmp_path, database_url)


@pytest.mark.parametrize("name", FRESH)
def test_a_new_python_gives_the_same_outcome(name: str, database_url: str, tmp_path: Path) -> None:
    som_import(som_fresh, CORPUS[name], tmp_path, database_url)


def test_a_prison_name_holding_an_escape_sequence_reaches_the_terminal_without_it(
    database_url: str, tmp_path: Path, som_fork: SomForkServer
) -> None:
    prison = "Sit\x1b[2Jtard"  # a text cell: stored as given, shown without the escape
    process = None
    for name, skns in (("inside", "123"), ("one-left", "12")):
        feed = tmp_path / f"{name}.csv"
        feed.write_bytes(csv_feed(*(f"{skn},Jan,{prison},remand" for skn in skns)))
        arguments = ["--dji", feed, "--as-of", AS_OF, "--report-dir", tmp_path / "reports"]
        process = som_fork.run("import", *arguments, "--database", database_url)
        assert process.returncode == 0, process.stderr
    assert process is not None and "  released in Sit[2Jtard: 1" in process.stdout
    assert not CONTROL.search(process.stdout), repr(process.stdout)
