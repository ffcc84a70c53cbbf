"""`som audit verify`, `checkpoint` and `seal`, end to end in real processes, on SQLite and
PostgreSQL: fresh demo data verifies (exit 0), a tampered record is named (exit 1), a removed
tail is named against the checkpoint file, bad arguments exit 2; `som demo` makes a key file
when none is configured and says so."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from som_process import REPO, SomForkServer
from sqlalchemy import text

from storage.database import create_database_engine
from tests.storage.tampering import tamper

Run = subprocess.CompletedProcess[str]
AS_OF = "2026-11-29"
SAMPLE = REPO / "fixtures" / "sample"
NO_KEY = {"SOM_AUDIT_KEY": ""}


@pytest.fixture
def som(som_fork: SomForkServer, database_url: str):  # type: ignore[no-untyped-def]
    """`som ARGS --database URL` in a process of its own."""

    def run(*args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
        return som_fork.run(*args, "--database", database_url, env=env, cwd=cwd)

    return run


@pytest.fixture
def imported(som, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The committed sample imported: detainees, admissions, input versions, assessments, the
    default policy and the access log all hold evidence."""
    done = som(
        "import",
        "--dji",
        SAMPLE / "dji.csv",
        "--iris",
        SAMPLE / "iris.csv",
        "--as-of",
        AS_OF,
        "--report-dir",
        tmp_path / "reports",
    )
    assert done.returncode in (0, 3), done.stderr
    return som


def _tamper(url: str, tables: tuple[str, ...], *statements: str) -> None:
    """Edit the database behind the append-only triggers' back, as a superuser could."""
    engine = create_database_engine(url)
    try:
        tamper(engine, tables, *statements)
    finally:
        engine.dispose()


def _newest(url: str, table: str) -> int:
    engine = create_database_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT max(id) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_verify_without_any_checkpoint_says_a_removed_tail_is_not_ruled_out(
    imported,  # type: ignore[no-untyped-def]
) -> None:
    verified = imported("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "0 checkpoints checked" in verified.stdout
    assert "a removed tail cannot be ruled out" in verified.stdout


def test_verify_of_fresh_demo_data_exits_0(som) -> None:  # type: ignore[no-untyped-def]
    demo = som("demo", "--as-of", AS_OF)
    assert demo.returncode == 0, demo.stderr
    verified = som("audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "intact: every record is sealed and every seal matches" in verified.stdout
    assert "1 checkpoints checked" in verified.stdout  # the one `som demo` stored
    for chain in ("overrides", "decisions", "assessments", "input_versions", "access_log"):
        assert chain in verified.stdout


def test_demo_makes_a_local_key_file_and_says_so(som_fork: SomForkServer, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'data' / 'som.db'}"
    demo = som_fork.run("demo", "--as-of", AS_OF, "--database", url, env=NO_KEY)
    assert demo.returncode == 0, demo.stderr
    key_file = tmp_path / "data" / "audit.key"
    assert f"a local key file was made: {key_file}" in demo.stdout
    assert key_file.stat().st_mode & 0o777 == 0o600
    verified = som_fork.run("audit", "verify", "--database", url, env=NO_KEY)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_altered_assessment_band_is_named_with_exit_1(imported, database_url: str) -> None:  # type: ignore[no-untyped-def]
    target = _newest(database_url, "assessments")
    _tamper(
        database_url,
        ("assessments",),
        f"UPDATE assessments SET band = 'priority' WHERE id = {target}",
    )
    verified = imported("audit", "verify", "--format", "json")
    assert verified.returncode == 1
    report = json.loads(verified.stdout)
    bad = {c["chain"]: c["first_problem"] for c in report["chains"] if not c["ok"]}
    assert list(bad) == ["assessments"]
    assert bad["assessments"]["record_id"] == target
    assert bad["assessments"]["kind"] == "altered"


def test_removed_tail_is_named_against_the_checkpoint_file(  # type: ignore[no-untyped-def]
    imported, database_url: str, tmp_path: Path
) -> None:
    checkpoint = imported("audit", "checkpoint")
    assert checkpoint.returncode == 0, checkpoint.stderr
    saved = tmp_path / "checkpoint.json"
    saved.write_text(checkpoint.stdout, encoding="utf-8")
    newest = _newest(database_url, "assessments")
    _tamper(
        database_url,
        ("assessments", "chain_links", "checkpoints"),
        f"DELETE FROM assessments WHERE id = {newest}",
        f"DELETE FROM chain_links WHERE table_name = 'assessments' AND record_id = {newest}",
        "DELETE FROM checkpoints",
    )
    assert imported("audit", "verify").returncode == 0  # the chain alone cannot tell
    verified = imported("audit", "verify", "--checkpoint", saved)
    assert verified.returncode == 1
    assert f"assessments: checkpoint file {saved} counts" in verified.stdout
    assert f"up to record {newest}" in verified.stdout


def test_altered_checkpoint_file_is_reported_with_exit_1(imported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = json.loads(imported("audit", "checkpoint").stdout)
    document["chains"]["assessments"]["length"] -= 1
    saved = tmp_path / "checkpoint.json"
    saved.write_text(json.dumps(document), encoding="utf-8")
    verified = imported("audit", "verify", "--checkpoint", saved)
    assert verified.returncode == 1
    assert "its signature does not match" in verified.stdout


def test_unreadable_or_malformed_checkpoint_file_exits_2(imported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = imported("audit", "verify", "--checkpoint", tmp_path / "none.json")
    assert missing.returncode == 2
    assert "none.json: cannot be read" in missing.stderr
    malformed = tmp_path / "bad.json"
    malformed.write_text('{"kind": "something else"}', encoding="utf-8")
    refused = imported("audit", "verify", "--checkpoint", malformed)
    assert refused.returncode == 2
    assert "not a SOM checkpoint" in refused.stderr


def test_bad_format_exits_2(imported) -> None:  # type: ignore[no-untyped-def]
    assert imported("audit", "verify", "--format", "xml").returncode == 2


def test_without_a_key_audit_commands_exit_2(imported, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {**NO_KEY, "SOM_AUDIT_KEY_FILE": str(tmp_path / "none.key")}
    for action in ("verify", "checkpoint", "seal"):
        refused = imported("audit", action, env=env)
        assert refused.returncode == 2, action
        assert "no audit key: set SOM_AUDIT_KEY" in refused.stderr


def test_without_a_key_an_import_writes_nothing(som, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    env = {**NO_KEY, "SOM_AUDIT_KEY_FILE": str(tmp_path / "none.key")}
    refused = som(
        "import",
        "--dji",
        SAMPLE / "dji.csv",
        "--as-of",
        AS_OF,
        "--report-dir",
        tmp_path,
        env=env,
    )
    assert refused.returncode == 1
    assert "no audit key" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_every_audit_command_option_and_key_setting_is_documented() -> None:
    import argparse

    from som_cli import audit_commands
    from storage.audit_key import KEY_FILE_VARIABLE, KEY_VARIABLE

    doc = (REPO / "docs" / "audit.md").read_text(encoding="utf-8")
    missing = [f"`{name}`" for name in (KEY_VARIABLE, KEY_FILE_VARIABLE) if f"`{name}`" not in doc]
    for name in audit_commands.AUDIT_COMMANDS:
        parser = argparse.ArgumentParser()
        audit_commands.sub_command(name, "configure")(parser)
        options = [o for a in parser._actions for o in a.option_strings if o.startswith("--")]
        missing += [f"som audit {name}"] if f"som audit {name}" not in doc else []
        missing += [f"{name} {o}" for o in options if o != "--help" and o not in doc]
    assert not missing, f"document {missing} in docs/audit.md"


def test_serve_without_a_key_does_not_start(som_fork: SomForkServer, tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"sqlite:///{tmp_path / 'som.db'}"
    env = {**NO_KEY, "SOM_AUDIT_KEY_FILE": str(tmp_path / "none.key")}
    refused = som_fork.run("serve", "--port", str(port), "--database", url, env=env)
    assert refused.returncode == 2
    assert "som serve: no audit key: set SOM_AUDIT_KEY" in refused.stderr
    assert "the dashboard was not started" in refused.stderr
