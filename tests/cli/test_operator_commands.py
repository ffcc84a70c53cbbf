"""The operator's command line: `som --version`, the database line, `som status`, `som serve`
stopping on SIGTERM and refusing a busy port, and arguments checked before any work."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "fixtures" / "sample"


def _som(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "som_cli.main", *(str(a) for a in args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def imported_db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'som.db'}"
    feeds = ("--dji", SAMPLE / "dji.csv", "--iris", SAMPLE / "iris.csv", "--as-of", "2026-11-29")
    done = _som("import", *feeds, "--database", url, "--report-dir", tmp_path / "rep")
    assert done.returncode == 0, done.stderr
    return url


def test_version_prints_the_package_version() -> None:
    from importlib.metadata import version

    done = _som("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"som {version('som')}"


def test_every_database_command_names_its_database_with_the_password_masked() -> None:
    done = _som("status", "--database", "postgresql://postgres:secret@127.0.0.1:1/som")
    assert done.returncode == 1
    assert "som: database postgresql+psycopg://postgres:***@127.0.0.1:1/som" in done.stderr
    assert "secret" not in done.stderr and "Traceback" not in done.stderr


def test_a_relative_sqlite_file_is_named_by_its_absolute_path(tmp_path: Path) -> None:
    done = _som("status", "--database", "sqlite:///data/som.db", cwd=tmp_path)
    assert f"som: database sqlite:///{tmp_path / 'data' / 'som.db'}" in done.stderr


def test_status_json_counts_current_admissions_per_prison(imported_db: str) -> None:
    done = _som("status", "--format", "json", "--database", imported_db)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert {"database", "policy", "current_admissions", "last_import"} <= set(document)
    assert document["current_admissions"] == {"Arnhem": 14, "Sittard": 13, "Vught": 13}
    assert document["policy"]["version"] == "default"
    assert document["last_import"]["dji_rows"] == 40
    assert document["last_import"]["new_admissions"] == 40


def test_status_table_is_readable(imported_db: str) -> None:
    done = _som("status", "--database", imported_db)
    assert done.returncode == 0
    assert "current admissions: 40" in done.stdout and "Arnhem" in done.stdout
    assert "40 new, 0 changed, 0 released" in done.stdout


def test_status_of_a_new_database_shows_zeros_and_nulls(tmp_path: Path) -> None:
    done = _som("status", "--format", "json", "--database", f"sqlite:///{tmp_path / 'n.db'}")
    document = json.loads(done.stdout)
    assert document["current_admissions"] == {}
    assert document["policy"] is None and document["last_import"] is None


def test_an_unwritable_report_dir_fails_first_and_imports_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    database = tmp_path / "som.db"
    done = _som(
        "import",
        "--dji",
        SAMPLE / "dji.csv",
        "--database",
        f"sqlite:///{database}",
        "--report-dir",
        blocker / "reports",
    )
    assert done.returncode == 2
    assert "--report-dir" in done.stderr and "nothing was imported" in done.stderr
    assert not database.exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_on_a_busy_port_names_it_and_suggests_another(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = _som("serve", "--port", str(port), "--database", f"sqlite:///{tmp_path / 's.db'}")
    assert done.returncode == 2
    assert f"port {port}" in done.stderr and "--port" in done.stderr
    assert not (tmp_path / "s.db").exists()


def test_sigterm_to_serve_frees_the_port(imported_db: str) -> None:
    port = _free_port()
    environment = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "som_cli.main",
            "serve",
            "--port",
            str(port),
            "--database",
            imported_db,
        ],
        cwd=REPO,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, "som serve ended before listening"
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "som serve never listened"
                time.sleep(0.5)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    with socket.socket() as again:
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", port))
