"""`som serve`: start the dashboard (Streamlit)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som serve`."""
    parser.add_argument("--port", type=int, default=8501, help="port to listen on")
    parser.add_argument("--address", default="127.0.0.1", help="address to listen on")
    parser.add_argument(
        "--database", help="database URL (default: SOM_DATABASE_URL, else data/som.db here)"
    )


def run(args: argparse.Namespace) -> int:
    """Run `streamlit run dashboard/app.py` with the project's configuration."""
    from storage.database import DATABASE_URL_VARIABLE, DEFAULT_SQLITE_PATH

    environment = dict(os.environ)
    if args.database:
        environment[DATABASE_URL_VARIABLE] = args.database
    elif not environment.get(DATABASE_URL_VARIABLE, "").strip():
        # Streamlit runs from the project folder; pin the default file to *this* folder, the
        # one `som demo` and `som import` used, so both sides read the same database.
        environment[DATABASE_URL_VARIABLE] = f"sqlite:///{Path.cwd() / DEFAULT_SQLITE_PATH}"
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
    return subprocess.call(command, cwd=app.parent.parent, env=environment)
