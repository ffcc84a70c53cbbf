"""Running `som score` as a subprocess on files written to a temporary directory."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
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


#: What `som import` loads, imported once by the fork server before it forks (`SomForkServer`).
WARM_MODULES = (
    "som_cli.main",
    "som_cli.store_commands",
    "som_cli.status",
    "som_cli.score",
    "feeds",
    "storage",
    "storage.migrate",
    "alembic.command",
    "psycopg",
)


class SomForkServer:
    """`som ARGS` in a process of its own, forked from a Python that has SOM loaded already.

    A fresh `python -m som_cli.main import` spends about a second importing pandas and
    SQLAlchemy; a corpus run through `som import` on two backends would spend minutes on that
    alone. The server (one Python process, started once) imports the modules `som` uses, then
    forks a child per command: the child has its own standard output and error (files), its own
    environment and working directory, runs `som_cli.main.main(ARGS)` as `python -m` would
    (an uncaught exception prints its traceback to standard error and exits 1) and ends with
    the command's exit status. The parent process itself never opens a database.
    """

    def __init__(self, directory: Path) -> None:
        self._directory = directory
        self._count = 0
        self._server = subprocess.Popen(
            [sys.executable, "-c", "import som_process; som_process.serve_forks()"],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": os.pathsep.join((str(REPO), str(HERE)))},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def run(
        self, *args: str | Path, env: Mapping[str, str] | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        """`som ARGS` in a forked child; stdout and stderr captured as text."""
        assert self._server.stdin is not None and self._server.stdout is not None
        self._count += 1
        out = self._directory / f"som-{self._count}.out"
        err = self._directory / f"som-{self._count}.err"
        argv = [str(a) for a in args]
        request = {
            "argv": argv,
            "env": dict(env or {}),
            "cwd": str(cwd or REPO),
            "out": str(out),
            "err": str(err),
        }
        self._server.stdin.write(json.dumps(request) + "\n")
        self._server.stdin.flush()
        reply = self._server.stdout.readline()
        assert reply, "the fork server ended"
        status = int(json.loads(reply)["status"])
        return subprocess.CompletedProcess(["som", *argv], status, _text(out), _text(err))

    def close(self) -> None:
        """End the server (it ends when its standard input closes)."""
        if self._server.stdin is not None:
            self._server.stdin.close()
        try:
            self._server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()


HERE = Path(__file__).resolve().parent


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


#: A forked command that runs longer than this is killed (SIGALRM), so a hang fails the test.
FORK_TIMEOUT_SECONDS = 120


def serve_forks() -> None:
    """The fork server's loop (`SomForkServer`): one JSON request a line on standard input,
    one JSON reply `{"status": N}` a line on standard output."""
    import importlib

    for name in WARM_MODULES:
        importlib.import_module(name)
    for line in sys.stdin:
        request = json.loads(line)
        sys.stdout.flush()
        child = os.fork()
        if child == 0:
            _run_forked(request)
        _, wait_status = os.waitpid(child, 0)
        status = os.waitstatus_to_exitcode(wait_status)
        sys.stdout.write(json.dumps({"status": status}) + "\n")
        sys.stdout.flush()


def _run_forked(request: dict[str, Any]) -> None:
    """In the child: become `python -m som_cli.main ARGV` with its own stdin, stdout, stderr."""
    import signal
    import traceback

    status = 1
    try:
        os.chdir(request["cwd"])
        os.environ.update(request["env"])
        for fd, path, flags in (
            (0, os.devnull, os.O_RDONLY),
            (1, request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (2, request["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ):
            opened = os.open(path, flags, 0o644)
            os.dup2(opened, fd)
            os.close(opened)
        signal.alarm(FORK_TIMEOUT_SECONDS)
        from som_cli.main import main

        sys.argv = ["som", *request["argv"]]
        try:
            code = main(request["argv"])
            status = 0 if code is None else int(code)
        except SystemExit as exit_:  # as `sys.exit(main())` ends `python -m som_cli.main`
            if exit_.code is None or isinstance(exit_.code, int):
                status = exit_.code or 0
            else:
                print(exit_.code, file=sys.stderr)
                status = 1
        except BaseException:
            traceback.print_exc()
            status = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def som_fresh(
    *args: str | Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`som ARGS` in a new Python (`python -m som_cli.main`), with `env` added to the
    environment; stdout and stderr captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "som_cli.main", *(str(a) for a in args)],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
