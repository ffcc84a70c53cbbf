"""The roles setup and the replay command are documented: every option, setting and grant."""

from __future__ import annotations

import argparse
from pathlib import Path

from som_cli import database_commands, replay_command
from storage.connect import MIGRATION_URL_VARIABLE
from storage.postgres_roles import APPLICATION_DELETES, APPLICATION_UPDATES

DOCS = Path(__file__).parents[2] / "docs"
DEPLOYMENT = (DOCS / "deployment.md").read_text(encoding="utf-8")
AUDIT = (DOCS / "audit.md").read_text(encoding="utf-8")


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    ]


def test_every_option_and_setting_of_the_roles_setup_is_documented() -> None:
    parser = argparse.ArgumentParser()
    database_commands.configure(parser)
    [roles] = [
        action.choices["roles"]
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    names = [
        "som database roles",
        *_options(roles),
        MIGRATION_URL_VARIABLE,
        database_commands.OWNER_PASSWORD_VARIABLE,
        database_commands.APP_PASSWORD_VARIABLE,
    ]
    assert not [name for name in names if name not in DEPLOYMENT]


def test_every_update_the_application_role_may_make_is_documented() -> None:
    columns = [c for listed in APPLICATION_UPDATES.values() if listed for c in listed]
    assert "## PostgreSQL roles" in DEPLOYMENT
    assert not [c for c in columns if f"`{c}`" not in DEPLOYMENT]
    assert APPLICATION_DELETES == ("account_prisons",)  # "a prison grant that is being replaced"


def test_every_option_of_the_replay_command_is_documented() -> None:
    parser = argparse.ArgumentParser()
    replay_command.configure(parser)
    assert "## Replay" in AUDIT and "som audit replay" in AUDIT
    assert not [option for option in _options(parser) if option not in AUDIT]
