"""`som docs`: write docs/criteria.md, docs/feeds.md and docs/roles.md from the declarations."""

from __future__ import annotations

import argparse
from pathlib import Path

from som_cli.main import EXIT_OK

DEFAULT_DIRECTORY = Path("docs")


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som docs`."""
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_DIRECTORY, help="folder to write the references to"
    )


def generated_documents() -> dict[str, str]:
    """File name → text of every generated reference."""
    from feeds.reference import feeds_markdown, policy_example
    from scoring.reference import criteria_markdown
    from storage.roles_reference import roles_markdown

    return {
        "criteria.md": criteria_markdown(),
        "feeds.md": feeds_markdown(),
        "policy.example.toml": policy_example(),
        "roles.md": roles_markdown(),
    }


def run(args: argparse.Namespace) -> int:
    """Regenerate the criteria and feed references."""
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in generated_documents().items():
        path = args.out / name
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return EXIT_OK
