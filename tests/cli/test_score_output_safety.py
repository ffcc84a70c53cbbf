"""`som score` output cannot hurt whoever reads it: no terminal escapes in the table or on
standard error."""

from __future__ import annotations

from pathlib import Path

from som_process import DJI_HEADER, som_score, write_feed

ESCAPE = "\x1b"


def test_table_format_drops_escape_sequences_from_the_policy_version(tmp_path: Path) -> None:
    dji = write_feed(
        tmp_path / "dji.csv",
        [{"skn": "1", "pi": "Arnhem", "phase": "sentenced", "intake_date": "2026-01-01"}],
        DJI_HEADER,
    )
    policy = tmp_path / "policy.toml"
    policy.write_text('version = "red\\u001b[31m\\u0007"\n', encoding="utf-8")
    process = som_score(
        "--dji", dji, "--policy", policy, "--as-of", "2026-11-29", "--format", "table"
    )
    assert process.returncode == 0, process.stderr
    assert ESCAPE not in process.stdout and "\x07" not in process.stdout
    assert "policy red[31m" in process.stdout


def test_rejection_lines_on_standard_error_carry_no_escape_sequences(tmp_path: Path) -> None:
    dji = write_feed(
        tmp_path / "dji.csv",
        [{"skn": "1", "pi": "Arnhem", "phase": "\x1b[2Jmaybe", "intake_date": "2026-01-01"}],
        DJI_HEADER,
    )
    process = som_score("--dji", dji, "--as-of", "2026-11-29", "--format", "json")
    assert process.returncode == 3
    assert "dji row 1, column phase" in process.stderr
    assert ESCAPE not in process.stderr
