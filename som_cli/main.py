"""Entry point of the `som` command: one sub-command per module, imported only when used.

Exit statuses are shared by all commands: 0 success, 3 some input rows rejected (the rest were
used), 2 usage error, unreadable file or bad policy.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_REJECTED = 3

#: sub-command → (module that implements it, one-line help). Each module has
#: `configure(parser)` and `run(args) -> int`.
COMMANDS: dict[str, tuple[str, str]] = {
    "score": ("som_cli.score", "score dji/iris feeds and print bands (no database)"),
    "import": ("som_cli.store_commands", "import dji/iris feeds into the database"),
    "rescore": ("som_cli.store_commands", "re-score every current admission"),
    "demo": ("som_cli.store_commands", "fill an empty database with demo data"),
    "serve": ("som_cli.serve", "bring the bands up to date and start the dashboard"),
    "status": ("som_cli.status", "the database, published policy, admissions and last import"),
    "user": ("som_cli.user_commands", "add, disable, enable, grant prisons to and list accounts"),
    "export": ("som_cli.export_commands", "export the access log, overrides or decisions"),
    "policy": ("som_cli.policy_commands", "show, import, publish and compare policy versions"),
    "capacity": ("som_cli.capacity_commands", "record and show the weekly capacity per prison"),
    "audit": ("som_cli.audit_commands", "verify the evidence chains, sign and store checkpoints"),
    "database": ("som_cli.database_commands", "set up the PostgreSQL owner and application roles"),
    "docs": ("som_cli.docs", "regenerate docs/criteria.md from the criteria catalogue"),
}


def package_version() -> str:
    """The installed package's version (`importlib.metadata`); a hint when SOM is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("som")
    except PackageNotFoundError:
        return "unknown (not installed: run `make setup`)"


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; with `only`, just that sub-command's options are loaded."""
    parser = argparse.ArgumentParser(prog="som", description="SOM — Selectie Ondersteunend Model")
    parser.add_argument("--version", action="version", version=f"som {package_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        command_parser.set_defaults(_module=module_name)
        if only is not None and name != only:
            continue
        module = importlib.import_module(module_name)
        configure = getattr(module, f"configure_{name}", None) or module.configure
        configure(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run `som` with the given arguments; returns the exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = next((a for a in arguments if not a.startswith("-")), None)
    parser = build_parser(chosen if chosen in COMMANDS else None)
    args = parser.parse_args(arguments)
    module = importlib.import_module(args._module)
    run = getattr(module, f"run_{args.command}", None) or module.run
    try:
        return int(run(args))
    except KeyboardInterrupt:
        print("som: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`som score | head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
