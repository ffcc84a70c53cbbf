"""The import's rejects report is written by SOM's one CSV writer: a feed cell that a
spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from storage_feeds import csv_bytes, dji

from fixtures.generate import DJI_COLUMNS


def test_a_formula_in_a_rejected_cell_is_written_as_text_in_the_rejects_report(
    tmp_path: Path,
) -> None:
    dji_file = tmp_path / "dji.csv"
    dji_file.write_bytes(
        csv_bytes([dji("1000001"), dji("1000002", phase='=HYPERLINK("x")')], DJI_COLUMNS)
    )
    reports = tmp_path / "reports"
    process = subprocess.run(
        [
            *(sys.executable, "-m", "som_cli.main", "import", "--dji", str(dji_file)),
            *("--as-of", "2026-11-29", "--report-dir", str(reports)),
            *("--database", f"sqlite:///{tmp_path / 'som.db'}"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert process.returncode == 3, process.stderr
    (report,) = reports.glob("*-rejects.csv")
    with report.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["value"] for row in rows] == ['\'=HYPERLINK("x")']
