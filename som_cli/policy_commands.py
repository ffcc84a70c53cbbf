"""`som policy`: show, export, import, publish, compare the policy and read its history.

The operator's tool for what a capacity manager does on the capacity page. It acts with the
database credentials it is given and records the operating-system user as the actor (role
`system`, `operator_actor`). A policy file is TOML in the feeds.md format; `import` stores it
as a draft (the draft's name is the version it is published under), `publish` puts a draft in
force. Exit statuses: 0 done, 2 a bad argument, file or value (the message names the key) or a
refused change, 1 the database failed.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from som_cli.main import EXIT_OK, EXIT_USAGE

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from scoring.policy import Policy
    from storage.actor import Actor
    from storage.database import Database


def operator_actor() -> Actor:
    """Who a command acts as: the operating-system user, in SOM's own role (`system`)."""
    import getpass
    import os

    from storage.actor import Actor

    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no login name known for this process's user id
        name = f"uid {os.getuid()}"
    return Actor(name, "system")


#: `som policy` sub-command → one-line help. This module implements each with
#: `configure_<name>(parser)` and `run_<name>(args)`; a sub-command it does not implement lives in
#: `som_cli/<name>_command.py`, with `configure(parser)` and `run(args) -> int`.
POLICY_COMMANDS: dict[str, str] = {
    "show": "the policy in force (or --version V) as a policy file",
    "export": "the same policy file on standard output",
    "import": "store a policy file as a draft (checked first)",
    "publish": (
        "publish a draft (the newest when none is named): a new version, every current "
        "admission re-scored"
    ),
    "history": "every publication: when, which version, who, why",
    "diff": "the settings that differ between two drafts or versions",
    "whatif": "what a draft policy file would change, against the published one (stores nothing)",
}


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som policy` and its sub-commands."""
    sub = parser.add_subparsers(dest="policy_command", required=True, metavar="ACTION")
    for name, help_text in POLICY_COMMANDS.items():
        _implementation(name, "configure")(
            sub.add_parser(name, help=help_text, description=help_text)
        )


def run(args: argparse.Namespace) -> int:
    """Run one `som policy` sub-command."""
    return int(_implementation(args.policy_command, "run")(args))


def _implementation(name: str, part: str) -> Any:
    """`configure` or `run` of sub-command `name`: here, or in its own module."""
    here = globals().get(f"{part}_{name}")
    if here is not None:
        return here
    return getattr(importlib.import_module(f"som_cli.{name}_command"), part)


def _database_option(parser: argparse.ArgumentParser) -> None:
    from som_cli.store_commands import _database_option as add

    add(parser)


def configure_show(parser: argparse.ArgumentParser) -> None:
    """Options of `som policy show`."""
    parser.add_argument(
        "--version",
        metavar="V",
        help="a published version, or a draft's name (default: the policy in force)",
    )
    _database_option(parser)


configure_export = configure_show


def configure_import(parser: argparse.ArgumentParser) -> None:
    """Options of `som policy import`."""
    parser.add_argument("file", type=Path, metavar="FILE", help="the policy file (TOML)")
    parser.add_argument("--note", required=True, help="what the draft changes and why")
    parser.add_argument(
        "--name",
        help="the draft's name, which is the version it is published under "
        "(default: the file's `version`)",
    )
    _database_option(parser)


def configure_publish(parser: argparse.ArgumentParser) -> None:
    """Options of `som policy publish`."""
    parser.add_argument("--draft", metavar="NAME", help="the draft (default: the newest saved)")
    parser.add_argument("--note", required=True, help="why this policy is published")
    parser.add_argument(
        "--as-of", dest="as_of", help="reference date of the re-score, YYYY-MM-DD (default: today)"
    )
    _database_option(parser)


def configure_history(parser: argparse.ArgumentParser) -> None:
    """Options of `som policy history`."""
    _database_option(parser)


def configure_diff(parser: argparse.ArgumentParser) -> None:
    """Options of `som policy diff`."""
    for side in ("a", "b"):
        parser.add_argument(
            side, metavar=side.upper(), help="a draft, a published version, or `published`"
        )
    _database_option(parser)


def run_show(args: argparse.Namespace) -> int:
    """Print a policy as a policy file, with where it comes from in comments."""

    def work(database: Database, actor: Actor) -> int:
        from storage.drafts import named_policy
        from storage.policies import published_policy

        if args.version is None:
            current = published_policy(database)
            policy, origin = current.policy, _publication_line(current)
        else:
            policy, origin = named_policy(database, args.version, actor), None
        print(policy_file(policy, origin), end="")
        return EXIT_OK

    return _acting(args, work)


def run_export(args: argparse.Namespace) -> int:
    """Print a policy as a policy file, ready for `som policy import` or `som score --policy`."""

    def work(database: Database, actor: Actor) -> int:
        from storage.drafts import PUBLISHED, named_policy

        policy = named_policy(database, args.version or PUBLISHED, actor)
        sys.stdout.write(policy_file(policy))
        return EXIT_OK

    return _acting(args, work)


def run_import(args: argparse.Namespace) -> int:
    """Check a policy file and store it as a draft."""
    from scoring.policy import PolicyError, parse_policy

    command = "som policy import"
    try:
        policy = parse_policy(args.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        print(f"{command}: cannot read {args.file}: {_reason(error)}", file=sys.stderr)
        return EXIT_USAGE
    except PolicyError as error:
        print(f"{command}: {args.file}: {error}; nothing was stored", file=sys.stderr)
        return EXIT_USAGE
    name = args.name if args.name is not None else policy.version

    def work(database: Database, actor: Actor) -> int:
        from storage.drafts import save_draft

        draft = save_draft(database, name, policy, actor, args.note)
        shown = _shown(draft.name)
        print(f"saved draft {shown}; compare it: som policy diff published {shown}")
        return EXIT_OK

    return _acting(args, work)


def run_publish(args: argparse.Namespace) -> int:
    """Publish a draft and re-score every current admission with it."""
    from datetime import date

    try:
        as_of = None if args.as_of is None else date.fromisoformat(args.as_of)
    except ValueError:
        print(f"som policy publish: --as-of: {args.as_of!r} is not a date", file=sys.stderr)
        return EXIT_USAGE

    def work(database: Database, actor: Actor) -> int:
        from storage.drafts import publish_draft

        done = publish_draft(database, args.draft, actor, args.note, as_of=as_of)
        print(
            f"published version {_shown(done.published.version)}: {done.rescored} current "
            f"admissions re-scored, {done.moved} moved to another band (each has a signal)"
        )
        return EXIT_OK

    return _acting(args, work)


def run_history(args: argparse.Namespace) -> int:
    """Every publication, newest first."""

    def work(database: Database, actor: Actor) -> int:
        from storage.policies import policy_history, published_policy

        published_policy(database)
        rows = [("published at", "version", "by", "note")]
        rows += [
            (f"{p.published_at:%Y-%m-%d %H:%M} UTC", p.version, p.published_by, p.publication_note)
            for p in policy_history(database)
        ]
        print("\n".join(aligned(rows)))
        return EXIT_OK

    return _acting(args, work)


def run_diff(args: argparse.Namespace) -> int:
    """The settings that differ between two policies, one line each: key, A's value, B's."""

    def work(database: Database, actor: Actor) -> int:
        from storage.drafts import compare_policies, named_policy

        old, new = named_policy(database, args.a, actor), named_policy(database, args.b, actor)
        changes = compare_policies(old, new)
        if not changes:
            print(f"{_shown(args.a)} and {_shown(args.b)} have the same settings")
            return EXIT_OK
        rows = [("key", _shown(args.a), _shown(args.b))]
        rows += [(change.key, _value(change.old), _value(change.new)) for change in changes]
        print("\n".join(aligned(rows)))
        return EXIT_OK

    return _acting(args, work)


def policy_file(policy: Policy, origin: str | None = None) -> str:
    """`policy` in the policy-file format of feeds.md (`feeds.reference.policy_toml`)."""
    from feeds.reference import policy_toml

    comments = [f"SOM policy, version {policy.version}. Every key written out."]
    if origin is not None:
        comments.append(origin)
    # A comment is one line: line breaks and control characters in a name or note are dropped.
    return policy_toml(policy, *(_shown(" ".join(line.split())) for line in comments))


def aligned(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows as lines of left-aligned columns (control characters removed)."""
    cleaned = [tuple(_shown(cell) for cell in row) for row in rows]
    widths = [max(len(row[i]) for row in cleaned) for i in range(len(cleaned[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in cleaned]  # fmt: skip


def _acting(args: argparse.Namespace, work: Callable[[Database, Actor], int]) -> int:
    """Run `work` as the operator on the database; a refusal (a value out of range, a name
    already taken, no such draft) is reported on one line with exit status 2."""
    from som_cli.store_commands import _with_database

    command = f"som {args.command} {getattr(args, args.command + '_command')}"
    actor = operator_actor()

    def refusals_reported(database: Database) -> int:
        from storage.errors import NotFound, ValidationFailed

        try:
            return work(database, actor)
        except NotFound as error:
            print(f"{command}: {_shown(str(error))}", file=sys.stderr)
        except ValidationFailed as error:
            lines = "; ".join(f"{field}: {message}" for field, message in error.errors.items())
            print(f"{command}: {_shown(lines)}; nothing was changed", file=sys.stderr)
        return EXIT_USAGE

    return _with_database(command, args.database, refusals_reported)


def _publication_line(current: Any) -> str:
    note = " ".join(current.publication_note.split())
    return (
        f"In force since {current.published_at:%Y-%m-%d %H:%M} UTC, published by "
        f"{current.published_by}: {note}"
    )


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "(none)"
    return str(value)


def _shown(text: str) -> str:
    from feeds.writing import terminal_text

    return terminal_text(text)


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or str(error)
