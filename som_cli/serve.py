"""`som serve`: bring the bands up to date, then start the dashboard (Streamlit).

The daily re-score (`storage.rescoring.daily_rescore`) runs here, in the server process, before
Streamlit starts, and again after each midnight (Dutch time) while the dashboard serves — never
while a page renders. Several servers on one PostgreSQL database may each run it: writers queue,
and the second finds nothing left to do.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.database import Database

#: Longest wait between two checks whether the bands need a re-score, in seconds.
CHECK_INTERVAL_SECONDS = 3_600.0
#: Wait this long past midnight, so the new day has begun on every clock that asks.
_PAST_MIDNIGHT_SECONDS = 5.0


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som serve`."""
    parser.add_argument("--port", type=int, default=8501, help="port to listen on")
    parser.add_argument("--address", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--database", help="database URL (default: SOM_DATABASE_URL, else data/som.db here)"
    )


def run(args: argparse.Namespace) -> int:
    """Re-score, then run `streamlit run dashboard/app.py` with the project's configuration."""
    from storage.database import DATABASE_URL_VARIABLE, DEFAULT_SQLITE_PATH

    environment = dict(os.environ)
    if args.database:
        environment[DATABASE_URL_VARIABLE] = args.database
    elif not environment.get(DATABASE_URL_VARIABLE, "").strip():
        # Streamlit runs from the project folder; pin the default file to *this* folder, the
        # one `som demo` and `som import` used, so both sides read the same database.
        environment[DATABASE_URL_VARIABLE] = f"sqlite:///{Path.cwd() / DEFAULT_SQLITE_PATH}"
    url = environment[DATABASE_URL_VARIABLE]
    if (busy := _port_problem(args.address, args.port)) is not None:
        print(f"som serve: {busy}", file=sys.stderr)
        return 2
    if (missing := _audit_key_problem(url)) is not None:
        print(f"som serve: {missing}; the dashboard was not started", file=sys.stderr)
        return 2
    status = refresh_bands(url)
    if status != 0:
        return status
    app = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(args.port),
        "--server.address",
        args.address,
    ]
    stop = threading.Event()
    nightly = threading.Thread(
        target=_refresh_while_serving, args=(url, stop), name="som-daily-rescore", daemon=True
    )
    with subprocess.Popen(command, cwd=app.parent.parent, env=environment) as dashboard:

        def stop_dashboard(_signum: int, _frame: object) -> None:
            # Without this, SIGTERM ends this process and leaves Streamlit holding the port.
            dashboard.terminate()

        signal.signal(signal.SIGTERM, stop_dashboard)
        signal.signal(signal.SIGINT, stop_dashboard)
        nightly.start()
        try:
            status = dashboard.wait()
        finally:
            stop.set()
        return 0 if status in (0, -signal.SIGTERM) else status


def _audit_key_problem(url: str) -> str | None:
    """Why the dashboard could not seal the evidence it writes (no usable audit key), or None."""
    from storage.audit_key import AuditKeyMissing, require_audit_key

    try:
        require_audit_key(url)
    except AuditKeyMissing as error:
        return str(error)
    return None


def _port_problem(address: str, port: int) -> str | None:
    """Why the dashboard cannot listen on `address:port`, or None (checked before any work)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Streamlit's server does
        try:
            probe.bind((address, port))
        except OSError as error:
            return (
                f"port {port} on {address} is not free ({error.strerror}); stop the program "
                "using it or choose another port with --port"
            )
    return None


def refresh_bands(url: str, as_of: date | None = None, *, only_when_needed: bool = False) -> int:
    """Open (and migrate) the database at `url` and run the daily re-score at `as_of` (default:
    today in the Netherlands); with `only_when_needed`, only when `needs_rescore` says the
    stored bands are outdated.

    Returns 0, or 1 after saying on standard error what went wrong with the database.
    """
    from som_cli.store_commands import _with_database, rescore_summary_line

    def work(database: Database) -> int:
        from storage import clock
        from storage.rescoring import daily_rescore, needs_rescore

        day = as_of or clock.today()
        if only_when_needed and not needs_rescore(database, day):
            return 0
        summary = daily_rescore(database, day)
        print(f"som serve: {rescore_summary_line(summary)}", flush=True)
        return 0

    return _with_database("som serve", url, work)


def seconds_until_next_day(moment: datetime) -> float:
    """Seconds from `moment` (timezone-aware) to the next midnight in the Netherlands, where
    SOM's day changes (`storage.clock`); days of 23 and 25 hours included."""
    from storage.clock import LOCAL_TIME, local_day

    midnight = datetime.combine(local_day(moment) + timedelta(days=1), time(), tzinfo=LOCAL_TIME)
    return (midnight.astimezone(UTC) - moment.astimezone(UTC)).total_seconds()


def _refresh_while_serving(url: str, stop: threading.Event) -> None:
    """Re-score after each midnight (checking at least hourly) until `stop` is set."""
    while True:
        wait = seconds_until_next_day(datetime.now(UTC)) + _PAST_MIDNIGHT_SECONDS
        if stop.wait(min(wait, CHECK_INTERVAL_SECONDS)):
            return
        refresh_bands(url, only_when_needed=True)
