"""`som export overrides|decisions`: the audit lists through the one CSV writer (BOM, `;` on
request, formula cells neutralised), JSON that reads back, keyed pseudonyms, the export logged
with its filters; end to end in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "storage"))

from audit_records import AuditRecords, make_audit_records
from storage_feeds import CASE_MANAGER, dji, import_rows, iris, newest

from feeds.writing import BOM
from som_cli.main import main
from storage import record_override
from storage.access_log import access_entries
from storage.audit_analytics import MOST_OVERRULED_COLUMNS, audit_analytics
from storage.audit_exports import (
    ANALYTICS_TABLES,
    PSEUDONYM_KEY_VARIABLE,
    audit_text,
    pseudonym,
)
from storage.audit_views import OVERRIDE_COLUMNS, override_list
from storage.connect import open_database
from storage.database import Database

KEY = "een-geheime-sleutel-voor-onderzoek"
FORMULAS = ("=SUM(A1:A9)", "+31 6 1234", "-2+3", "@cmd")


@pytest.fixture
def stored(database_url: str) -> Iterator[tuple[Database, AuditRecords]]:
    database = open_database(database_url)
    try:
        yield database, make_audit_records(database)
    finally:
        database.dispose()


def _export(url: str, kind: str, *args: str) -> int:
    return main(["export", kind, *args, "--database", url])


def _csv(text: str, delimiter: str = ",") -> list[dict[str, str]]:
    assert text.startswith(BOM)
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=delimiter))


def test_csv_starts_with_a_bom_and_keeps_dutch_names(
    database_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = open_database(database_url)
    try:
        import_rows(database, [dji("1000007", name="Eëlco van der Ĳssel")], [iris("1000007")])
        admission, assessment, _ = newest(database, "1000007")
        why = "Zorgen over de terugkeer naar Ĳsselstein, geen woning."
        record_override(database, admission, assessment, "priority", "other", why, CASE_MANAGER)
    finally:
        database.dispose()
    out = tmp_path / "overrides.csv"
    assert _export(database_url, "overrides", "--out", str(out)) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    (row,) = _csv(raw.decode("utf-8"))
    assert row["name"] == "Eëlco van der Ĳssel"
    assert "Ĳsselstein" in row["justification"]
    assert list(row) == list(OVERRIDE_COLUMNS)


@pytest.mark.parametrize("formula", FORMULAS)
def test_formula_cells_are_neutralised(
    database_url: str, capsys: pytest.CaptureFixture[str], formula: str
) -> None:
    database = open_database(database_url)
    try:
        import_rows(database, [dji("1000007", name=formula)], [iris("1000007")])
        admission, assessment, _ = newest(database, "1000007")
        why = formula + " is geen formule maar een toelichting van voldoende lengte."
        record_override(database, admission, assessment, "priority", "other", why, CASE_MANAGER)
    finally:
        database.dispose()
    capsys.readouterr()
    assert _export(database_url, "overrides", "--format", "csv") == 0
    (row,) = _csv(capsys.readouterr().out)
    assert row["name"] == "'" + formula
    assert row["justification"].startswith("'" + formula)
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@pytest.mark.parametrize("start", ["\t", "\r"])
def test_cells_starting_with_a_tab_or_carriage_return_are_neutralised(
    stored: tuple[Database, AuditRecords], start: str
) -> None:
    # Stored justifications are trimmed, so these reach the writer only from other columns.
    frame = override_list(stored[0])
    frame["user_name"] = start + "=1+1"
    rows = _csv(audit_text(frame, OVERRIDE_COLUMNS, "csv"))
    assert {row["user_name"] for row in rows} == {"'" + ("\n" if start == "\r" else start) + "=1+1"}


def test_semicolon_delimiter_on_request(
    stored: tuple[Database, AuditRecords], database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert _export(database_url, "decisions", "--delimiter", ";") == 0
    rows = _csv(capsys.readouterr().out, delimiter=";")
    assert len(rows) == 3 and rows[0]["status"] == "current"


def test_json_reads_back_as_the_filtered_list(
    stored: tuple[Database, AuditRecords], database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _, records = stored
    capsys.readouterr()
    assert _export(database_url, "overrides", "--format", "json", "--direction", "up") == 0
    objects = json.loads(capsys.readouterr().out)
    assert [o["override_id"] for o in objects] == [records.o4, records.o2, records.o1]
    assert all(tuple(o) == OVERRIDE_COLUMNS for o in objects)
    withdrawn = next(o for o in objects if o["override_id"] == records.o2)
    assert withdrawn["status"] == "withdrawn" and withdrawn["outside_own_prison"] is True
    assert withdrawn["created_at"] == "2026-11-20T12:00:00Z"
    assert withdrawn["withdrawn_at"] == "2026-11-21T12:00:00Z"
    assert objects[0]["withdrawn_at"] is None


def test_pseudonyms_are_stable_per_key_and_differ_between_keys(
    stored: tuple[Database, AuditRecords],
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def exported(key: str) -> list[dict[str, object]]:
        monkeypatch.setenv(PSEUDONYM_KEY_VARIABLE, key)
        capsys.readouterr()
        assert _export(database_url, "overrides", "--format", "json", "--pseudonymise") == 0
        return list(json.loads(capsys.readouterr().out))

    first, again, other = exported(KEY), exported(KEY), exported(KEY + "-anders")
    assert [o["skn"] for o in first] == [o["skn"] for o in again]
    assert {o["skn"] for o in first}.isdisjoint({o["skn"] for o in other})
    skns = {str(o["skn"]) for o in first}
    assert not skns & {"1000001", "1000002", "1000003", "1000005"}
    assert pseudonym(KEY.encode(), "1000001") in skns
    assert all(o["name"] == o["skn"] for o in first)


def test_pseudonymising_without_a_key_is_refused(
    stored: tuple[Database, AuditRecords],
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(PSEUDONYM_KEY_VARIABLE, raising=False)
    capsys.readouterr()
    assert _export(database_url, "overrides", "--pseudonymise") == 2
    captured = capsys.readouterr()
    assert f"{PSEUDONYM_KEY_VARIABLE}: is not set" in captured.err
    assert captured.out == ""
    assert access_entries(stored[0], event="export").empty


def test_the_export_is_logged_with_its_filters(
    stored: tuple[Database, AuditRecords], database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "o.json"
    args = ("--format", "json", "--prison", "Sittard", "--since", "2026-11-25", "--out", str(out))
    assert _export(database_url, "overrides", *args) == 0
    entry = access_entries(stored[0], event="export").iloc[0]
    assert (entry["user_name"], entry["outcome"]) == ("SOM", "ok")
    assert json.loads(entry["detail"]) == {
        "export": "overrides",
        "format": "json",
        "delimiter": None,
        "pseudonymised": False,
        "filters": {"prison": "Sittard", "from_day": "2026-11-25"},
        "rows": 3,
        "out": str(out),
    }


@pytest.mark.parametrize(
    ("kind", "args", "message"),
    [
        ("overrides", ("--status", "lost"), "--status: must be one of active"),
        ("overrides", ("--decisive", "C99"), "--decisive: must be one of"),
        ("decisions", ("--status", "active"), "--status: must be one of current, earlier"),
        ("overrides", ("--since", "2026-12-01", "--until", "2026-11-01"), "--until: the last day"),
        ("overrides", ("--since", "1-11-2026"), "--since: '1-11-2026' is not a date"),
    ],
)
def test_a_bad_filter_exits_2_and_exports_nothing(
    stored: tuple[Database, AuditRecords],
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    args: tuple[str, ...],
    message: str,
) -> None:
    assert _export(database_url, kind, *args) == 2
    assert message in capsys.readouterr().err
    assert access_entries(stored[0], event="export").empty


def test_every_option_column_and_setting_is_documented() -> None:
    import argparse

    from som_cli import export_commands
    from storage.audit_analytics import REVIEW_ONE_WAY_VARIABLE, REVIEW_RATE_VARIABLE
    from storage.audit_views import DECISION_COLUMNS

    doc = (Path(__file__).parents[2] / "docs" / "audit.md").read_text(encoding="utf-8")
    parser = argparse.ArgumentParser()
    export_commands.configure(parser)
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    missing = [f"som export {kind}" for kind in ("overrides", "decisions", "analytics")]
    missing = [name for name in missing if name not in doc]
    for kind in ("overrides", "decisions", "analytics"):
        options = [o for a in sub.choices[kind]._actions for o in a.option_strings]
        missing += [o for o in options if o.startswith("--") and o != "--help" and o not in doc]
    names = (*OVERRIDE_COLUMNS, *DECISION_COLUMNS, PSEUDONYM_KEY_VARIABLE, *ANALYTICS_TABLES)
    missing += [f"`{n}`" for n in (*names, REVIEW_RATE_VARIABLE, REVIEW_ONE_WAY_VARIABLE)]
    missing = [name for name in missing if name not in doc]
    assert not missing, f"document {missing} in docs/audit.md"


def test_analytics_csv_is_the_criteria_most_overruled_as_counted(
    stored: tuple[Database, AuditRecords], database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = audit_analytics(stored[0])
    capsys.readouterr()
    assert _export(database_url, "analytics", "--delimiter", ";") == 0
    rows = _csv(capsys.readouterr().out, delimiter=";")
    assert list(rows[0]) == list(MOST_OVERRULED_COLUMNS)
    assert [r["decisive"] for r in rows] == figures.most_overruled["decisive"].tolist()
    assert [int(r["overridden"]) for r in rows] == figures.most_overruled["overridden"].tolist()
    assert {r["flagged"] for r in rows} <= {"true", "false"}


def test_analytics_json_holds_every_table_and_the_thresholds(
    stored: tuple[Database, AuditRecords], database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = audit_analytics(stored[0])
    capsys.readouterr()
    assert _export(database_url, "analytics", "--format", "json") == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["assessed"], document["overridden"]) == (figures.assessed, figures.overridden)
    assert document["thresholds"] == {"rate": 0.1, "one_way": 0.9}
    assert list(document["tables"]) == list(ANALYTICS_TABLES)
    per_prison = document["tables"]["by_prison"]
    assert [row["pi"] for row in per_prison] == figures.by_prison["pi"].tolist()
    [entry] = access_entries(stored[0], event="export")["detail"].tolist()
    assert json.loads(entry)["export"] == "analytics"


def test_analytics_of_an_unknown_table_exits_2_and_exports_nothing(
    stored: tuple[Database, AuditRecords], database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _export(database_url, "analytics", "--table", "by_mood") == 2
    assert "--table" in capsys.readouterr().err
    assert access_entries(stored[0], event="export").empty
