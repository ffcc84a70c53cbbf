"""docs/storage.md documents every option, setting, list column and decision key."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from som_cli import store_commands
from storage import DECISION_OPTIONS, LIST_COLUMNS, REASON_CATEGORIES
from storage.database import DATABASE_URL_VARIABLE

DOC = (Path(__file__).parents[2] / "docs" / "storage.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["import", "rescore", "demo"])
def test_every_option_of_the_storage_commands_is_documented(command: str) -> None:
    parser = argparse.ArgumentParser()
    getattr(store_commands, f"configure_{command}")(parser)
    options = [o for action in parser._actions for o in action.option_strings if o.startswith("--")]
    assert f"som {command}" in DOC
    missing = [o for o in options if o != "--help" and o not in DOC]
    assert not missing, f"document {missing} of `som {command}` in docs/storage.md"


def test_database_setting_list_columns_and_choice_keys_are_documented() -> None:
    names = [DATABASE_URL_VARIABLE, *LIST_COLUMNS, *DECISION_OPTIONS, *REASON_CATEGORIES]
    missing = [name for name in names if f"`{name}`" not in DOC]
    assert not missing, f"document {missing} in docs/storage.md"
