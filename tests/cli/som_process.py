"""Running `som score` as a subprocess on files written to a temporary directory."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from scoring.fields import feed_columns

Row = dict[str, str]
Capture = pytest.CaptureFixture[str]

#: The reference date of every `som score` run in these tests.
AS_OF = "2026-11-29"

#: Probation knows the detainee well: recent information, a current RISC with medium risk.
FRESH_IRIS: Row = {
    "latest_information_date": "2026-10-01",
    "risc_date": "2026-06-01",
    "recidivism_risk": "medium",
    "advice_requested": "nee",
    "om_isd_tbs_investigation": "nee",
    "asr_framework_applied": "ja",
}

REPO = Path(__file__).resolve().parents[2]
SOM_SCORE = (sys.executable, "-m", "som_cli.main", "score")

#: The columns of the two feeds, as the field catalogue declares them (feeds.md).
DJI_HEADER = tuple(field.name for field in feed_columns("dji"))
IRIS_HEADER = tuple(field.name for field in feed_columns("iris"))


def write_feed(
    path: Path,
    rows: Sequence[Row],
    header: Sequence[str],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write a CSV feed with every column of `header`; missing cells are empty."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        unknown = set(row) - set(header)
        assert not unknown, unknown
        writer.writerow([row.get(column, "") for column in header])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def som_score(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`som score ARGS` in a fresh Python process; stdout and stderr captured as text."""
    command = [*SOM_SCORE, *(str(a) for a in args)]
    return subprocess.run(
        command,
        cwd=cwd or REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )


def json_output(process: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The JSON document on standard output (must be the whole output)."""
    document = json.loads(process.stdout)
    assert isinstance(document, dict)
    return document


def bands(document: dict[str, Any]) -> dict[str, str]:
    """skn → band of a `som score` JSON document."""
    return {detainee["skn"]: detainee["band"] for detainee in document["detainees"]}


def stderr_lines(process: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in process.stderr.splitlines() if line.strip()]


def som_score_in_process(
    capsys: pytest.CaptureFixture[str], *args: str | Path
) -> subprocess.CompletedProcess[str]:
    """`som score ARGS` through `som_cli.main.main` in this process (fast, for variations of a
    case that a subprocess test already covers end to end)."""
    from som_cli.main import main

    arguments = ["score", *(str(a) for a in args)]
    capsys.readouterr()
    try:
        status = main(arguments)
    except SystemExit as exit_:  # argparse usage errors
        status = exit_.code if isinstance(exit_.code, int) else 2
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(arguments, status, captured.out, captured.err)
