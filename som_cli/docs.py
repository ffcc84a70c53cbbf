"""`som docs`: write docs/criteria.md from the criteria catalogue."""

from __future__ import annotations

import argparse
from pathlib import Path

from som_cli.main import EXIT_OK

DEFAULT_PATH = Path("docs/criteria.md")


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som docs`."""
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH, help="file to write")


def run(args: argparse.Namespace) -> int:
    """Regenerate the criteria reference."""
    from scoring.reference import criteria_markdown

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(criteria_markdown(), encoding="utf-8")
    print(f"wrote {args.out}")
    return EXIT_OK
