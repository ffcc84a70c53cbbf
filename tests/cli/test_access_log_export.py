"""`som export access-log`: CSV through the one CSV writer (a formula typed as a user name is
neutralised), JSON with the access log's keys and UTC times, filters, the export logged by SOM;
end to end in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import argparse
import csv
import io
import json
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from som_cli import export_commands
from som_cli.main import main
from storage.access_log import ENTRY_COLUMNS, EVENTS, access_entries
from storage.accounts import SignInRefused, add_account, sign_in
from storage.connect import open_database
from storage.database import Database

PASSWORD = "lantaarn fietsbel kaasschaaf"
FORMULA = '=HYPERLINK("http://evil.example","klik")'
DOC = (Path(__file__).parents[2] / "docs" / "accounts.md").read_text(encoding="utf-8")
MARCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
APRIL = datetime(2026, 4, 6, 9, 0, tzinfo=UTC)


@pytest.fixture
def logged(database_url: str) -> Iterator[Database]:
    """A database whose log holds a sign-in in March, and in April a failed sign-in by someone
    who typed a formula as their name."""
    database = open_database(database_url)
    try:
        add_account(database, "cm.test", "case_manager", password=PASSWORD, prisons=("Sittard",))
        sign_in(database, "cm.test", PASSWORD, now=MARCH, access_point="10.0.0.7")
        with pytest.raises(SignInRefused):
            sign_in(database, FORMULA, PASSWORD, now=APRIL)
        yield database
    finally:
        database.dispose()


def _export(url: str, *args: str) -> int:
    return main(["export", "access-log", *args, "--database", url])


def test_csv_export_neutralises_a_formula_typed_as_a_user_name(
    logged: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(database_url, "--format", "csv") == 0
    captured = capsys.readouterr()
    assert "som: database " in captured.err
    rows = list(csv.reader(io.StringIO(captured.out)))
    assert tuple(rows[0]) == ENTRY_COLUMNS
    names = [row[ENTRY_COLUMNS.index("user_name")] for row in rows[1:]]
    assert "'" + FORMULA in names and FORMULA not in names
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_json_export_is_an_array_of_entries_with_the_log_keys_and_utc_times(
    logged: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(database_url, "--format", "json") == 0
    entries = json.loads(capsys.readouterr().out)
    assert isinstance(entries, list) and len(entries) == 3
    assert all(tuple(entry) == ENTRY_COLUMNS for entry in entries)
    signed_in = next(entry for entry in entries if entry["event"] == "sign_in")
    assert signed_in["at"] == "2026-03-02T09:00:00Z"
    assert datetime.fromisoformat(signed_in["at"]) == MARCH
    assert signed_in["user_name"] == "cm.test" and signed_in["access_point"] == "10.0.0.7"
    assert signed_in["skn"] is None and isinstance(signed_in["id"], int)
    failed = next(entry for entry in entries if entry["event"] == "failed_sign_in")
    assert failed["user_name"] == FORMULA  # JSON is data, not a spreadsheet: kept as typed


def test_since_until_and_user_filter_the_entries(
    logged: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    def events(*args: str) -> list[str]:
        capsys.readouterr()
        assert _export(database_url, "--format", "json", *args) == 0
        return [entry["event"] for entry in json.loads(capsys.readouterr().out)]

    assert events("--since", "2026-03-01", "--until", "2026-03-31") == ["sign_in"]
    assert events("--since", "2026-04-06", "--until", "2026-04-06") == ["failed_sign_in"]
    assert events("--user", "cm.test") == ["sign_in"]


def test_the_export_is_logged_by_som_with_what_and_the_filters(
    logged: Database, database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "log.csv"
    assert (
        _export(database_url, "--since", "2026-03-01", "--user", "cm.test", "--out", str(out)) == 0
    )
    export = access_entries(logged, event="export").iloc[0]
    assert (export["user_name"], export["user_role"], export["outcome"]) == ("SOM", "system", "ok")
    detail = json.loads(export["detail"])
    assert detail == {
        "export": "access_log",
        "format": "csv",
        "since": "2026-03-01",
        "until": None,
        "user": "cm.test",
        "entries": 1,
        "out": str(out),
    }


def test_out_writes_a_file_only_its_owner_may_read(
    logged: Database, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "log.json"
    assert _export(database_url, "--format", "json", "--out", str(out)) == 0
    assert capsys.readouterr().out == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "1-3-2026"), "--since: '1-3-2026' is not a date"),
        (("--since", "2026-04-01", "--until", "2026-03-01"), "is after --until"),
        (("--out", "/nonexistent-folder/log.csv"), "does not exist; nothing was exported"),
    ],
)
def test_a_bad_argument_exits_2_and_exports_nothing(
    database_url: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    assert _export(database_url, *args) == 2
    assert message in capsys.readouterr().err
    database = open_database(database_url)
    try:
        assert access_entries(database, event="export").empty
    finally:
        database.dispose()


def test_every_option_column_and_event_is_documented() -> None:
    parser = argparse.ArgumentParser()
    export_commands.configure(parser)
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert "som export access-log" in DOC
    options = [o for a in sub.choices["access-log"]._actions for o in a.option_strings]
    missing = [o for o in options if o.startswith("--") and o != "--help" and o not in DOC]
    missing += [f"`{name}`" for name in (*ENTRY_COLUMNS, *EVENTS) if f"`{name}`" not in DOC]
    assert not missing, f"document {missing} in docs/accounts.md"
