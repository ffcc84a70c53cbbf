"""A damaged or partial `dji` feed never makes detainees disappear silently (issue 8, item 1):
release is scoped to the prisons the feed covers, and a mass release is refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from storage_feeds import csv_bytes, dji, import_rows
from storage_snapshot import content

from fixtures.generate import DJI_COLUMNS
from storage import Database, MassReleaseRefused, find_admission


def test_a_feed_of_one_prison_releases_nobody_of_another_prison(database: Database) -> None:
    import_rows(
        database,
        [dji("1000001", pi="Sittard"), dji("1000002", pi="Sittard"), dji("2000001", pi="Arnhem")],
    )
    summary = import_rows(database, [dji("1000001", pi="Sittard"), dji("1000002", pi="Sittard")])
    assert summary.released == 0
    assert find_admission(database, "2000001") is not None


def test_a_feed_holding_only_its_header_releases_nobody(database: Database) -> None:
    import_rows(database, [dji("1000001"), dji("1000002")])
    summary = import_rows(database, [])
    assert summary.released == 0
    assert find_admission(database, "1000001") is not None


def test_releasing_more_than_half_of_a_prison_is_refused_and_nothing_is_written(
    database: Database,
) -> None:
    import_rows(database, [dji(f"100000{n}", pi="Sittard") for n in range(1, 5)])
    before = content(database)
    with pytest.raises(MassReleaseRefused) as refused:
        import_rows(database, [dji("1000001", pi="Sittard")])
    assert refused.value.releases == {"Sittard": (3, 4)}
    assert "Sittard: 3 of 4" in str(refused.value)
    assert content(database) == before


def test_releasing_half_of_a_prison_is_not_a_mass_release(database: Database) -> None:
    import_rows(database, [dji(f"100000{n}", pi="Sittard") for n in range(1, 5)])
    summary = import_rows(database, [dji("1000001"), dji("1000002")])
    assert summary.released == 2


def test_a_mass_release_goes_through_when_it_is_allowed(database: Database) -> None:
    import_rows(database, [dji(f"100000{n}", pi="Sittard") for n in range(1, 5)])
    summary = import_rows(database, [dji("1000001", pi="Sittard")], allow_mass_release=True)
    assert summary.released == 3


def test_som_import_refuses_a_mass_release_with_exit_2_and_the_counts(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'som.db'}"
    full = tmp_path / "full.csv"
    full.write_bytes(csv_bytes([dji(f"100000{n}") for n in range(1, 5)], DJI_COLUMNS))
    partial = tmp_path / "partial.csv"
    partial.write_bytes(csv_bytes([dji("1000001")], DJI_COLUMNS))
    assert som_import(full, database, tmp_path).returncode == 0
    refused = som_import(partial, database, tmp_path)
    assert refused.returncode == 2
    assert "Sittard: 3 of 4" in refused.stderr and "--allow-mass-release" in refused.stderr
    assert "Traceback" not in refused.stderr
    allowed = som_import(partial, database, tmp_path, "--allow-mass-release")
    assert allowed.returncode == 0, allowed.stderr


def som_import(
    dji_file: Path, database: str, folder: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            *(sys.executable, "-m", "som_cli.main", "import", "--dji", str(dji_file)),
            *("--as-of", "2026-11-29", "--database", database),
            *("--report-dir", str(folder / "reports"), *extra),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_a_dry_run_says_what_the_import_would_do_and_writes_nothing(database: Database) -> None:
    import_rows(database, [dji("1000001"), dji("1000002"), dji("2000001", pi="Arnhem")])
    before = content(database)
    summary = import_rows(database, [dji("1000001"), dji("1000003")], dry_run=True)
    assert summary.dry_run
    assert (summary.new_admissions, summary.released) == (1, 1)
    assert summary.released_by_prison == {"Sittard": 1}
    assert content(database) == before


def test_som_import_dry_run_prints_the_plan_and_writes_no_reports(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'som.db'}"
    full = tmp_path / "full.csv"
    full.write_bytes(csv_bytes([dji(f"100000{n}") for n in range(1, 5)], DJI_COLUMNS))
    process = som_import(full, database, tmp_path, "--dry-run")
    assert process.returncode == 0, process.stderr
    assert process.stdout.startswith("dry run: nothing was written")
    assert "new admissions: 4" in process.stdout
    assert not (tmp_path / "reports").exists()
    assert som_import(full, database, tmp_path, "--dry-run").stdout.count("new admissions: 4") == 1
