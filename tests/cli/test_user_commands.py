"""`som user` and the demo accounts of `som demo`, end to end in-process through
`som_cli.main.main`, with the password on a monkeypatched standard input; on SQLite and
PostgreSQL."""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from som_cli import user_commands
from som_cli.main import main
from storage.accounts import SignInRefused, list_accounts, sign_in
from storage.clock import today
from storage.connect import open_database

PASSWORD = "lantaarn fietsbel kaasschaaf"
DOC = (Path(__file__).parents[2] / "docs" / "accounts.md").read_text(encoding="utf-8")


def _som(
    monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str = "", database: str | None = None
) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main([*args, *(() if database is None else ("--database", database))])


def _add(monkeypatch: pytest.MonkeyPatch, url: str, name: str = "cm.test", *extra: str) -> int:
    options = extra or ("--role", "case_manager", "--pi", "Sittard")
    return _som(
        monkeypatch,
        "user",
        "add",
        name,
        *options,
        "--password-stdin",
        stdin=PASSWORD + "\n",
        database=url,
    )


def _signs_in(url: str, name: str, password: str = PASSWORD) -> bool:
    database = open_database(url)
    try:
        sign_in(database, name, password)
    except SignInRefused:
        return False
    finally:
        database.dispose()
    return True


def _accounts(
    monkeypatch: pytest.MonkeyPatch, url: str, capsys: pytest.CaptureFixture[str]
) -> dict[str, dict[str, Any]]:
    capsys.readouterr()
    assert _som(monkeypatch, "user", "list", "--format", "json", database=url) == 0
    return {account["name"]: account for account in json.loads(capsys.readouterr().out)}


def test_user_add_reads_the_password_from_standard_input_and_the_account_signs_in(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, database_url, "cm.test", "--role", "case_manager", "--pi", "Sittard",
                "--pi", "Vught") == 0  # fmt: skip
    captured = capsys.readouterr()
    assert "added account cm.test (case_manager, Sittard, Vught)" in captured.out
    assert "som: database " in captured.err and PASSWORD not in captured.out + captured.err
    assert _signs_in(database_url, "cm.test")


def test_a_password_is_never_taken_from_an_argument(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    with pytest.raises(SystemExit) as usage:
        _som(monkeypatch, "user", "add", "cm.test", "--role", "admin", "--password", PASSWORD)
    assert usage.value.code == 2
    assert (
        _som(monkeypatch, "user", "add", "cm.test", "--role", "admin", database=database_url) == 2
    )


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("kort-2026", "at least 12 characters"),
        ("Welkom2026!!!", "too common"),
        ("mijn-cm.test-wachtwoord", "name"),
        ("", "no password on standard input"),
    ],
)
def test_a_refused_password_exits_2_saying_why(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    password: str,
    why: str,
) -> None:
    args = (
        "user",
        "add",
        "cm.test",
        "--role",
        "case_manager",
        "--pi",
        "Sittard",
        "--password-stdin",
    )
    assert _som(monkeypatch, *args, stdin=password + "\n", database=database_url) == 2
    message = capsys.readouterr().err.strip().splitlines()[-1]
    assert message.startswith("som user add: ") and why in message and "Traceback" not in message
    assert _accounts(monkeypatch, database_url, capsys) == {}


def test_an_unknown_role_or_a_missing_prison_exits_2(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, database_url, "x.test", "--role", "director") == 2
    assert "role: must be one of case_manager" in capsys.readouterr().err
    for role in ("case_manager", "probation_worker"):
        assert _add(monkeypatch, database_url, "x.test", "--role", role) == 2
        assert f"a {role} needs at least one prison (--pi)" in capsys.readouterr().err
    assert _add(monkeypatch, database_url, "x.test", "--role", "auditor", "--pi", "Vught") == 2
    assert "works across every prison" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [("disable",), ("enable",), ("reset-password", "--password-stdin"), ("grant", "--pi", "Vught")],
)
def test_an_unknown_account_exits_2(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    command: tuple[str, ...],
) -> None:
    args = ("user", command[0], "nobody.here", *command[1:])
    assert _som(monkeypatch, *args, stdin=PASSWORD + "\n", database=database_url) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"som user {command[0]}: no account 'nobody.here'"
    )


def test_a_database_failure_exits_1_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    unreachable = "postgresql://postgres:secret@127.0.0.1:1/som"
    assert _som(monkeypatch, "user", "list", database=unreachable) == 1
    assert _som(monkeypatch, "user", "disable", "cm.test", database=unreachable) == 1
    err = capsys.readouterr().err
    assert "som: database postgresql+psycopg://postgres:***@127.0.0.1:1/som" in err
    assert "som user list: cannot open the database" in err
    assert "Traceback" not in err and "secret" not in err


def test_disable_refuses_sign_in_and_enable_allows_it_again(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, database_url) == 0
    assert _som(monkeypatch, "user", "disable", "cm.test", database=database_url) == 0
    assert not _signs_in(database_url, "cm.test")
    assert _accounts(monkeypatch, database_url, capsys)["cm.test"]["disabled"] is True
    assert _som(monkeypatch, "user", "enable", "cm.test", database=database_url) == 0
    assert _signs_in(database_url, "cm.test")


def test_reset_password_replaces_the_password(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, database_url) == 0
    new = "een hele nieuwe zin"
    args = ("user", "reset-password", "cm.test", "--password-stdin")
    assert _som(monkeypatch, *args, stdin="kort\n", database=database_url) == 2
    assert "password refused: a password needs at least 12" in capsys.readouterr().err
    assert _som(monkeypatch, *args, stdin=new + "\r\n", database=database_url) == 0
    assert _signs_in(database_url, "cm.test", new) and not _signs_in(database_url, "cm.test")


def test_grant_until_a_day_shows_in_the_list_and_a_past_day_is_refused(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, database_url) == 0
    last_day = today() + timedelta(days=30)
    grant = ("user", "grant", "cm.test", "--pi", "Arnhem", "--until")
    assert _som(monkeypatch, *grant, last_day.isoformat(), database=database_url) == 0
    assert f"granted Arnhem to cm.test until the end of {last_day}" in capsys.readouterr().out
    prisons = _accounts(monkeypatch, database_url, capsys)["cm.test"]["prisons"]
    assert prisons == [
        {"pi": "Arnhem", "until": last_day.isoformat()},
        {"pi": "Sittard", "until": None},
    ]
    yesterday = today() - timedelta(days=1)
    assert _som(monkeypatch, *grant, yesterday.isoformat(), database=database_url) == 2
    assert "has passed" in capsys.readouterr().err
    assert _som(monkeypatch, *grant, "31-12-2026", database=database_url) == 2
    assert "is not a date" in capsys.readouterr().err


def test_list_shows_every_account_as_a_table_or_json(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _som(monkeypatch, "user", "list", database=database_url) == 0
    assert "no accounts yet" in capsys.readouterr().out
    assert _add(monkeypatch, database_url) == 0
    assert _add(monkeypatch, database_url, "cap.test", "--role", "capacity_manager") == 0
    capsys.readouterr()
    assert _som(monkeypatch, "user", "list", database=database_url) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "role", "prisons", "status", "signs", "in", "with"]
    assert lines[1].split() == ["cap.test", "capacity_manager", "every", "prison", "enabled",
                                "password"]  # fmt: skip
    assert lines[2].split() == ["cm.test", "case_manager", "Sittard", "enabled", "password"]
    account = _accounts(monkeypatch, database_url, capsys)["cm.test"]
    assert set(account) == {"name", "role", "prisons", "disabled", "locked_until", "signs_in_with"}


def test_an_identity_provider_account_needs_no_password(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("user", "add", "aud.idp", "--role", "auditor", "--oidc-subject", "aud@dji.example")
    assert _som(monkeypatch, *args, database=database_url) == 0
    assert _accounts(monkeypatch, database_url, capsys)["aud.idp"]["signs_in_with"] == (
        "identity provider"
    )


def test_every_account_change_by_the_command_is_logged_by_som(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    from storage.access_log import access_entries

    assert _add(monkeypatch, database_url) == 0
    assert _som(monkeypatch, "user", "disable", "cm.test", database=database_url) == 0
    database = open_database(database_url)
    try:
        log = access_entries(database, event="account_change")
        assert len(list_accounts(database)) == 1
    finally:
        database.dispose()
    assert list(log["user_name"]) == ["SOM", "SOM"]
    assert all('"account": "cm.test"' in detail for detail in log["detail"])


def test_demo_prints_the_six_accounts_and_each_signs_in_with_the_demo_password(
    monkeypatch: pytest.MonkeyPatch, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from fixtures.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    assert _som(monkeypatch, "demo", "--as-of", "2026-11-29", database=database_url) == 0
    out = capsys.readouterr().out
    expected = [
        "cm.sittard case_manager Sittard",
        "rw.sittard probation_worker Sittard",
        "cm.arnhem case_manager Arnhem",
        "capaciteit capacity_manager all",
        "auditor auditor all",
        "beheer admin all",
    ]
    printed = [" ".join(line.split()) for line in out.splitlines()[3:9]]
    assert printed == [f"{account} som-demo-2026" for account in expected]
    assert [account.name for account in DEMO_ACCOUNTS] == [e.split()[0] for e in expected]
    for account in DEMO_ACCOUNTS:
        assert _signs_in(database_url, account.name, DEMO_PASSWORD)
    # A second demo leaves the database alone: no accounts added or changed.
    before = _accounts(monkeypatch, database_url, capsys)
    assert _som(monkeypatch, "demo", database=database_url) == 0
    assert "no demo accounts" in capsys.readouterr().out
    assert _accounts(monkeypatch, database_url, capsys) == before


def test_no_other_command_creates_the_demo_accounts(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    sample = Path(__file__).parents[2] / "fixtures" / "sample"
    feeds = ("--dji", str(sample / "dji.csv"), "--iris", str(sample / "iris.csv"))
    args = ("import", *feeds, "--as-of", "2026-11-29", "--report-dir", str(tmp_path))
    assert _som(monkeypatch, *args, database=database_url) == 0
    assert _som(monkeypatch, "rescore", database=database_url) == 0
    assert _som(monkeypatch, "status", database=database_url) == 0
    assert _accounts(monkeypatch, database_url, capsys) == {}


def test_every_option_of_som_user_is_documented() -> None:
    parser = argparse.ArgumentParser()
    user_commands.configure(parser)
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for name, command_parser in sub.choices.items():
        assert f"som user {name}" in DOC, f"document `som user {name}` in docs/accounts.md"
        options = [o for a in command_parser._actions for o in a.option_strings]
        missing = [o for o in options if o.startswith("--") and o != "--help" and o not in DOC]
        assert not missing, f"document {missing} of `som user {name}` in docs/accounts.md"
