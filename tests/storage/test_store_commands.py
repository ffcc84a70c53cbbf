"""`som import`, `som rescore` and `som demo` from the command line."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from storage_feeds import AS_OF, csv_bytes, dji, iris
from storage_snapshot import content

from fixtures.generate import DJI_COLUMNS, IRIS_COLUMNS
from scoring.version import rules_version
from som_cli.main import main
from storage import Database, list_current_admissions, verify_chain

SAMPLE = Path(__file__).parents[2] / "fixtures" / "sample"


def _som(*arguments: str | Path) -> int:
    return main([str(argument) for argument in arguments])


def _import(
    database_url: str,
    dji_file: Path,
    *,
    iris_file: Path | None = None,
    report_dir: Path,
    as_of: date | None = AS_OF,
) -> int:
    """`som import` of feed files into the test database, its reports into `report_dir`."""
    arguments: list[str | Path] = ["import", "--dji", dji_file, "--report-dir", report_dir]
    arguments += ["--database", database_url]
    if iris_file is not None:
        arguments += ["--iris", iris_file]
    if as_of is not None:
        arguments += ["--as-of", as_of.isoformat()]
    return _som(*arguments)


def _write(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...]) -> Path:
    path.write_bytes(csv_bytes(rows, columns))
    return path


def test_import_reports_what_changed_and_exits_zero(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _import(
        database_url,
        SAMPLE / "dji.csv",
        iris_file=SAMPLE / "iris.csv",
        report_dir=tmp_path / "reports",
    )
    out = capsys.readouterr().out
    assert status == 0
    assert "new admissions: 40" in out
    [summary] = (tmp_path / "reports").glob("import-*-summary.txt")
    assert "40 detainees accepted" in summary.read_text(encoding="utf-8")


def test_import_with_rejected_rows_writes_a_rejects_file_and_exits_three(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dji_file = _write(
        tmp_path / "dji.csv",
        [dji("1000001"), dji("1000002", intake_date="31-02-2026")],
        DJI_COLUMNS,
    )
    status = _import(database_url, dji_file, report_dir=tmp_path / "reports")
    captured = capsys.readouterr()
    assert status == 3
    assert "dji row 2, column intake_date: '31-02-2026'" in captured.err
    [rejects] = (tmp_path / "reports").glob("import-*-rejects.csv")
    with rejects.open(encoding="utf-8") as handle:
        [row] = list(csv.DictReader(handle))
    assert (row["feed"], row["row"], row["skn"], row["column"], row["value"]) == (
        "dji",
        "2",
        "1000002",
        "intake_date",
        "31-02-2026",
    )
    assert "is not a date" in row["reason"]


def test_import_of_a_missing_file_is_a_usage_error(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = _som("import", "--dji", tmp_path / "absent.csv", "--database", database_url)
    assert status == 2
    assert "absent.csv" in capsys.readouterr().err


def test_unreachable_database_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dji_file = _write(tmp_path / "dji.csv", [dji("1000001")], DJI_COLUMNS)
    status = _som(
        "import",
        "--dji",
        dji_file,
        "--database",
        "postgresql://nobody@127.0.0.1:1/none",
        "--report-dir",
        tmp_path,
    )
    err = capsys.readouterr().err
    assert status == 1
    assert "\nsom import: cannot open the database" in err and "Traceback" not in err


def test_rescore_reports_new_assessments(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dji_file = _write(tmp_path / "dji.csv", [dji("1000001", intake_date="2026-11-20")], DJI_COLUMNS)
    iris_file = _write(tmp_path / "iris.csv", [iris("1000001")], IRIS_COLUMNS)
    _import(database_url, dji_file, iris_file=iris_file, report_dir=tmp_path)
    capsys.readouterr()
    status = _som("rescore", "--as-of", "2026-12-11", "--database", database_url)
    assert status == 0
    out = capsys.readouterr().out
    assert f"with policy 'default' and rules {rules_version()}" in out
    assert "1 new assessments, 1 band changes signalled" in out


def test_demo_fills_an_empty_database_with_a_year_of_history(
    database_url: str, database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _som("demo", "--as-of", AS_OF.isoformat(), "--database", database_url) == 0
    out = capsys.readouterr().out
    assert "demo data as of 2026-11-29" in out
    assert "probation capacity (new cases a week): Sittard 2, Arnhem 3, Vught 2" in out
    from fixtures.demo import DEMO_CAPACITY
    from storage.actor import SYSTEM
    from storage.capacity import current_capacities

    recorded = current_capacities(database, SYSTEM)
    assert {pi: change.weekly_cases for pi, change in recorded.items()} == DEMO_CAPACITY
    frame = list_current_admissions(database)
    assert 300 <= len(frame) <= 600
    assert set(frame["pi"]) == {"Sittard", "Arnhem", "Vught"}
    assert frame["override_id"].notna().sum() > 5
    assert frame["override_stale"].any() and frame["has_new_signal"].any()
    assert frame["decision"].notna().any()
    stored = content(database)
    assert any(row.kind == "withdrawal" for row in _rows(stored, "overrides"))
    assert len(stored["admissions"]) > len(frame), "released admissions of the past year"
    assert verify_chain(database).ok


def test_demo_leaves_a_database_with_data_alone(
    database_url: str, database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dji_file = _write(tmp_path / "dji.csv", [dji("1000001")], DJI_COLUMNS)
    _som("import", "--dji", dji_file, "--database", database_url, "--report-dir", tmp_path)
    before = content(database)
    assert _som("demo", "--database", database_url) == 0
    assert "left it as it is" in capsys.readouterr().out
    assert content(database) == before


def _rows(stored: dict[str, list[tuple[object, ...]]], table: str) -> list[object]:
    from storage.schema import metadata

    columns = [column.name for column in metadata.tables[table].columns]
    from collections import namedtuple

    row_type = namedtuple(table, columns)  # type: ignore[misc]
    return [row_type(*row) for row in stored[table]]


def test_detainee_whose_row_is_rejected_stays_inside(
    database_url: str, database: Database, tmp_path: Path
) -> None:
    good = _write(tmp_path / "good.csv", [dji("1000001"), dji("1000002")], DJI_COLUMNS)
    bad = _write(tmp_path / "bad.csv", [dji("1000001"), dji("1000002", phase="maybe")], DJI_COLUMNS)
    for dji_file in (good, bad):
        _som("import", "--dji", dji_file, "--database", database_url, "--report-dir", tmp_path)
    assert sorted(list_current_admissions(database)["skn"]) == ["1000001", "1000002"]


def test_a_rejected_iris_row_keeps_the_stored_probation_data(
    database: Database, database_url: str, tmp_path: Path
) -> None:
    dji_file = _write(tmp_path / "dji.csv", [dji("1000001")], DJI_COLUMNS)
    good = _write(
        tmp_path / "iris.csv", [iris("1000001", latest_information_date="2026-10-01")], IRIS_COLUMNS
    )
    assert _import(database_url, dji_file, iris_file=good, report_dir=tmp_path / "reports") == 0
    before = content(database)
    bad = _write(
        tmp_path / "iris-bad.csv",
        [iris("1000001", latest_information_date="31-02-2026")],
        IRIS_COLUMNS,
    )
    assert _import(database_url, dji_file, iris_file=bad, report_dir=tmp_path / "reports") == 3
    # The bad cell is reported; nothing about the detainee changes (no new version, no C03).
    assert content(database) == before


def test_an_interrupted_demo_leaves_no_half_filled_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fixtures.demo
    from storage.errors import StorageError

    target = tmp_path / "data" / "som.db"
    real_fill = fixtures.demo.fill_demo

    def fill_then_fail(database: Database, *args: object, **kwargs: object) -> object:
        real_fill(database, *args, **kwargs)  # type: ignore[arg-type]
        raise StorageError("the machine went down")

    monkeypatch.setattr(fixtures.demo, "fill_demo", fill_then_fail)
    assert _som("demo", "--as-of", AS_OF.isoformat(), "--database", f"sqlite:///{target}") == 1
    assert not target.exists()

    monkeypatch.setattr(fixtures.demo, "fill_demo", real_fill)
    assert _som("demo", "--as-of", AS_OF.isoformat(), "--database", f"sqlite:///{target}") == 0
    assert target.exists()
    assert not (tmp_path / "data" / "som.db.partial").exists()
