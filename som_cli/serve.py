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


def run(args: argparse.Namespace) -> int:
    """Run `streamlit run dashboard/app.py` with the project's configuration."""
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
    return subprocess.call(command, cwd=app.parent.parent, env=dict(os.environ))
