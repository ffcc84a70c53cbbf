"""Preferences: a signed-in person's last choices, one value per account and key."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from storage.accounts import add_account, sign_in
from storage.actor import Actor
from storage.database import Database
from storage.preferences import VALUE_MAX_LENGTH, preference, remember
from storage.schema import account_preferences

PASSWORD = "lantaarn fietsbel kaasschaaf"
AT = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def person(database: Database, name: str) -> Actor:
    add_account(database, name, "case_manager", password=PASSWORD, prisons=("Sittard",), now=AT)
    return sign_in(database, name, PASSWORD, now=AT)


def test_a_remembered_choice_comes_back_for_the_same_account_only(database: Database) -> None:
    anna, bram = person(database, "anna"), person(database, "bram")
    assert remember(database, anna, "list_view", {"bands": ["priority"], "search": ""}, now=AT)
    assert preference(database, anna, "list_view") == {"bands": ["priority"], "search": ""}
    assert preference(database, bram, "list_view") is None


def test_the_next_choice_overwrites_the_last(database: Database) -> None:
    anna = person(database, "anna")
    remember(database, anna, "language", "en", now=AT)
    remember(database, anna, "language", "nl", now=AT)
    assert preference(database, anna, "language") == "nl"
    with database.read() as connection:
        rows = connection.execute(account_preferences.select()).fetchall()
    assert len(rows) == 1


def test_a_session_without_an_account_keeps_nothing(database: Database) -> None:
    nobody = Actor("SOM", "system")
    assert not remember(database, nobody, "language", "en")
    assert preference(database, nobody, "language") is None


def test_a_value_too_long_to_keep_is_not_kept(database: Database) -> None:
    anna = person(database, "anna")
    assert not remember(database, anna, "list_view", {"search": "x" * VALUE_MAX_LENGTH})
    assert preference(database, anna, "list_view") is None


def test_an_unknown_preference_is_a_programming_error(database: Database) -> None:
    with pytest.raises(KeyError, match="unknown preference 'colour'"):
        preference(database, person(database, "anna"), "colour")


def test_a_damaged_stored_value_reads_as_nothing_chosen(database: Database) -> None:
    anna = person(database, "anna")
    remember(database, anna, "language", "en", now=AT)
    with database.write() as connection:
        connection.execute(update(account_preferences).values(value="{not json"))
    assert preference(database, anna, "language") is None
