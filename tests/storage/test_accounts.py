"""Accounts: the password rule, argon2id hashes, lockout, the one refusal message, sessions that
end when their account changes, temporary prison grants, and the access log of it all.

Times are pinned (`now=`) wherever the rule depends on them; nothing asserts the wall clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from storage.access_log import access_entries
from storage.accounts import (
    LOCK_MINUTES,
    MAX_FAILED_SIGNINS,
    SIGN_IN_REFUSED,
    SessionEnded,
    SignInRefused,
    add_account,
    current_actor,
    grant_prison,
    list_accounts,
    reset_password,
    set_disabled,
    sign_in,
    sign_in_with_provider,
)
from storage.clock import LOCAL_TIME
from storage.database import Database
from storage.errors import NotFound, ValidationFailed
from storage.passwords import MIN_LENGTH, password_problem
from storage.schema import accounts

PASSWORD = "lantaarn fietsbel kaasschaaf"
AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _case_manager(database: Database, name: str = "cm.test", *prisons: str) -> None:
    add_account(database, name, "case_manager", password=PASSWORD, prisons=prisons or ("Sittard",))


def _refusal(database: Database, name: str, password: str, now: datetime = AT) -> str:
    with pytest.raises(SignInRefused) as refused:
        sign_in(database, name, password, now=now)
    return str(refused.value)


# The password rule -------------------------------------------------------------------------


def test_a_password_needs_twelve_characters() -> None:
    assert MIN_LENGTH == 12
    assert "at least 12 characters" in (password_problem("kaasschaaf!", "x") or "")
    assert password_problem("kaasschaaf!!", "x") is None


@pytest.mark.parametrize(
    "password", ["password1234", "Welkom2026!!", "aaaaaaaaaaaaaa", "1234567890123", "qwertyuiopas"]
)
def test_a_common_password_is_refused(password: str) -> None:
    assert "too common" in (password_problem(password, "someone") or "")


def test_a_password_that_holds_the_account_name_is_refused() -> None:
    assert "name" in (password_problem("xx-cm.sittard-2026", "cm.sittard") or "")
    assert "name" in (password_problem("ingridsmeets!!", "Ingrid Smeets") or "")


def test_the_demo_password_is_accepted() -> None:
    for name in ("cm.sittard", "rw.sittard", "cm.arnhem", "capaciteit", "auditor", "beheer"):
        assert password_problem("som-demo-2026", name) is None


def test_a_refused_password_creates_no_account(database: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        add_account(database, "cm.test", "case_manager", password="short", prisons=("Sittard",))
    assert set(refused.value.errors) == {"password"}
    assert list_accounts(database) == []


# Hashes and lockout ------------------------------------------------------------------------


def test_the_password_is_stored_as_an_argon2id_hash(database: Database) -> None:
    _case_manager(database)
    with database.read() as connection:
        stored = connection.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_five_failed_sign_ins_lock_the_account_for_fifteen_minutes(database: Database) -> None:
    assert (MAX_FAILED_SIGNINS, LOCK_MINUTES) == (5, 15)
    _case_manager(database)
    for attempt in range(4):
        _refusal(database, "cm.test", "wrong password!!", AT + timedelta(seconds=attempt))
    assert sign_in(database, "cm.test", PASSWORD, now=AT + timedelta(seconds=5)).name == "cm.test"
    for attempt in range(5):  # a success starts the count again: five more to lock
        _refusal(database, "cm.test", "wrong password!!", AT + timedelta(seconds=10 + attempt))
    locked_at = AT + timedelta(seconds=14)
    (summary,) = list_accounts(database)
    assert summary.locked_until == locked_at + timedelta(minutes=15)
    _refusal(database, "cm.test", PASSWORD, locked_at + timedelta(minutes=14, seconds=59))
    later = locked_at + timedelta(minutes=15, seconds=1)
    assert sign_in(database, "cm.test", PASSWORD, now=later).name == "cm.test"


def test_a_locked_account_is_refused_even_with_the_right_password(database: Database) -> None:
    _case_manager(database)
    for attempt in range(MAX_FAILED_SIGNINS):
        _refusal(database, "cm.test", "wrong password!!", AT + timedelta(seconds=attempt))
    _refusal(database, "cm.test", PASSWORD, AT + timedelta(minutes=1))
    entry = access_entries(database, event="failed_sign_in", limit=1).iloc[0]
    assert entry["user_name"] == "cm.test" and entry["detail"] == "locked"


def test_the_refusal_message_is_the_same_for_unknown_wrong_locked_and_disabled(
    database: Database,
) -> None:
    _case_manager(database, "cm.locked")
    _case_manager(database, "cm.disabled")
    _case_manager(database, "cm.wrong")
    for attempt in range(MAX_FAILED_SIGNINS):
        _refusal(database, "cm.locked", "wrong password!!", AT + timedelta(seconds=attempt))
    set_disabled(database, "cm.disabled", True)
    messages = {
        _refusal(database, "nobody.here", PASSWORD),
        _refusal(database, "cm.wrong", "wrong password!!"),
        _refusal(database, "cm.locked", PASSWORD),
        _refusal(database, "cm.disabled", PASSWORD),
    }
    assert messages == {SIGN_IN_REFUSED}


# Sessions ----------------------------------------------------------------------------------


def test_disabling_an_account_ends_its_open_sessions(database: Database) -> None:
    _case_manager(database)
    session = sign_in(database, "cm.test", PASSWORD, now=AT)
    assert current_actor(database, session, now=AT) == session
    set_disabled(database, "cm.test", True)
    with pytest.raises(SessionEnded):
        current_actor(database, session, now=AT)
    set_disabled(database, "cm.test", False)  # enabled again: the old session stays ended
    with pytest.raises(SessionEnded):
        current_actor(database, session, now=AT)


def test_a_password_reset_ends_open_sessions_and_the_old_password(database: Database) -> None:
    _case_manager(database)
    session = sign_in(database, "cm.test", PASSWORD, now=AT)
    reset_password(database, "cm.test", "nieuwe zin met woorden")
    with pytest.raises(SessionEnded):
        current_actor(database, session, now=AT)
    _refusal(database, "cm.test", PASSWORD)
    assert sign_in(database, "cm.test", "nieuwe zin met woorden", now=AT).name == "cm.test"


def test_a_temporary_grant_ends_after_its_last_day(database: Database) -> None:
    _case_manager(database, "cm.test", "Sittard")
    last_day = date(2026, 3, 31)
    grant_prison(database, "cm.test", "Arnhem", until=last_day)
    late_on_the_last_day = datetime.combine(last_day, time(23, 59), tzinfo=LOCAL_TIME)
    next_morning = datetime.combine(last_day + timedelta(days=1), time(0, 1), tzinfo=LOCAL_TIME)
    session = sign_in(database, "cm.test", PASSWORD, now=late_on_the_last_day)
    assert session.prisons == frozenset({"Sittard", "Arnhem"})
    with pytest.raises(SessionEnded):
        current_actor(database, session, now=next_morning)
    assert sign_in(database, "cm.test", PASSWORD, now=next_morning).prisons == frozenset(
        {"Sittard"}
    )


def test_a_grant_is_for_case_managers_and_probation_workers_only(database: Database) -> None:
    add_account(database, "aud.test", "auditor", password=PASSWORD)
    with pytest.raises(ValidationFailed) as refused:
        grant_prison(database, "aud.test", "Arnhem")
    assert set(refused.value.errors) == {"pi"}
    with pytest.raises(ValidationFailed):
        add_account(database, "cap.test", "capacity_manager", password=PASSWORD, prisons=("Vught",))


def test_a_case_manager_or_probation_worker_needs_a_prison(database: Database) -> None:
    for role in ("case_manager", "probation_worker"):
        with pytest.raises(ValidationFailed) as refused:
            add_account(database, f"{role}.test", role, password=PASSWORD, prisons=(" ",))
        assert set(refused.value.errors) == {"pi"}


def test_an_unknown_role_is_refused(database: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        add_account(database, "boss", "director", password=PASSWORD)
    assert set(refused.value.errors) == {"role"}


def test_changes_find_the_account_by_its_name_as_added(database: Database) -> None:
    _case_manager(database, "  cm.test ")
    set_disabled(database, " cm.test", True)
    assert list_accounts(database)[0].disabled
    with pytest.raises(NotFound):
        set_disabled(database, "cm.other", True)


def test_an_identity_provider_account_signs_in_by_subject_without_a_password(
    database: Database,
) -> None:
    add_account(database, "aud.idp", "auditor", oidc_subject="auditor@dji.example")
    assert sign_in_with_provider(database, "abc", "auditor@dji.example", now=AT).name == "aud.idp"
    _refusal(database, "aud.idp", "")
    with pytest.raises(ValidationFailed) as refused:
        add_account(database, "aud.two", "auditor", oidc_subject="auditor@dji.example")
    assert set(refused.value.errors) == {"oidc_subject"}


# The access log ----------------------------------------------------------------------------


def test_every_account_change_is_logged_by_som_naming_the_account(database: Database) -> None:
    _case_manager(database)
    set_disabled(database, "cm.test", True)
    set_disabled(database, "cm.test", False)
    reset_password(database, "cm.test", "nieuwe zin met woorden")
    grant_prison(database, "cm.test", "Vught", until=date(2026, 4, 1))
    log = access_entries(database, event="account_change").iloc[::-1]
    assert set(log["user_name"]) == {"SOM"} and set(log["user_role"]) == {"system"}
    assert all('"account": "cm.test"' in detail for detail in log["detail"])
    changes = [detail.split('"change": ')[1].split('"')[1] for detail in log["detail"]]
    assert changes == [
        "added",
        "disabled",
        "enabled",
        "password reset",
        "granted Vught until 2026-04-01",
    ]
    assert PASSWORD not in "".join(log["detail"])


def test_every_sign_in_attempt_is_logged_under_the_name_tried(database: Database) -> None:
    _case_manager(database)
    sign_in(database, "cm.test", PASSWORD, now=AT, access_point="10.0.0.7")
    _refusal(database, "cm.test", "wrong password!!")
    _refusal(database, "nobody.here", PASSWORD)
    log = access_entries(database).iloc[::-1]
    log = log[log["event"] != "account_change"]
    assert list(zip(log["event"], log["outcome"], log["user_name"], strict=True)) == [
        ("sign_in", "ok", "cm.test"),
        ("failed_sign_in", "failed", "cm.test"),
        ("failed_sign_in", "failed", "nobody.here"),
    ]
    assert log.iloc[0]["access_point"] == "10.0.0.7"
    assert "wrong password" in log.iloc[1]["detail"] and PASSWORD not in "".join(log["detail"])
