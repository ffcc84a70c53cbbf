"""Sign-in for every page (issue: accounts, roles and prison scoping): anonymous visitors see the
sign-in form only, refusals never say whether an account exists, five failures lock, idle
sessions end, a disabled account is refused on its next action, each role gets its pages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import errors, list_table, no_exceptions
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.i18n import catalogue
from dashboard.identity import ACTOR_KEY, LAST_ACTIVE_KEY
from storage.accounts import set_disabled
from storage.actor import Actor
from storage.connect import open_database

DUTCH = catalogue("nl")
AUDITOR = Actor("test", "auditor")


def _signing_in(at: AppTest, name: str, password: str) -> AppTest:
    at.text_input(key="sign_in_name").input(name)
    at.text_input(key="sign_in_password").input(password)
    return next(b for b in at.button if b.label == DUTCH("identity.sign_in")).click().run()


def _shows_only_the_sign_in_form(at: AppTest) -> None:
    no_exceptions(at)
    assert [title.value for title in at.title] == [DUTCH("identity.heading")]
    assert len(at.dataframe) == 0 and ACTOR_KEY not in at.session_state


@pytest.mark.parametrize("skn", [None, "1000001"])
def test_an_anonymous_visitor_sees_only_the_sign_in_form(
    anonymous_app: AppTest, skn: str | None
) -> None:
    if skn is not None:
        anonymous_app.query_params["skn"] = skn
    _shows_only_the_sign_in_form(anonymous_app.run())


def test_signing_in_with_the_right_password_opens_the_list(anonymous_app: AppTest) -> None:
    at = _signing_in(anonymous_app.run(), DEFAULT_ACCOUNT, PASSWORD)
    no_exceptions(at)
    assert at.session_state[ACTOR_KEY].name == DEFAULT_ACCOUNT
    assert len(list_table(at)) > 0


@pytest.mark.parametrize(
    ("name", "password"), [("niemand", PASSWORD), (DEFAULT_ACCOUNT, "helemaal-fout-wachtwoord")]
)
def test_a_refused_sign_in_never_says_whether_the_account_exists(
    anonymous_app: AppTest, name: str, password: str
) -> None:
    at = _signing_in(anonymous_app.run(), name, password)
    assert errors(at) == [DUTCH("identity.refused")]
    _shows_only_the_sign_in_form(at)
    log = data.access_log(actor=AUDITOR, event="failed_sign_in")
    assert list(log["user_name"]) == [name]


def test_five_failures_lock_the_account_even_for_the_right_password(
    anonymous_app: AppTest,
) -> None:
    at = anonymous_app.run()
    for _ in range(5):
        at = _signing_in(at, DEFAULT_ACCOUNT, "helemaal-fout-wachtwoord")
    at = _signing_in(at, DEFAULT_ACCOUNT, PASSWORD)
    assert errors(at) == [DUTCH("identity.refused")]
    _shows_only_the_sign_in_form(at)
    details = list(data.access_log(actor=AUDITOR, event="failed_sign_in")["detail"])
    assert details[0] == "locked" and "account locked" in details[1]


def test_an_idle_session_ends_after_thirty_minutes(app: AppTest) -> None:
    app.run()
    app.session_state[LAST_ACTIVE_KEY] = datetime.now(UTC) - timedelta(minutes=31)
    at = app.run()
    _shows_only_the_sign_in_form(at)
    assert [info.value for info in at.info] == [DUTCH("identity.expired", minutes=30)]
    assert list(data.access_log(actor=AUDITOR, event="session_expired")["user_name"]) == [
        DEFAULT_ACCOUNT
    ]


def test_a_session_active_within_thirty_minutes_stays_signed_in(app: AppTest) -> None:
    app.run()
    app.session_state[LAST_ACTIVE_KEY] = datetime.now(UTC) - timedelta(minutes=29)
    at = app.run()
    no_exceptions(at)
    assert ACTOR_KEY in at.session_state


def test_a_disabled_account_is_refused_on_its_next_action(app: AppTest, demo_database: str) -> None:
    assert len(list_table(app.run())) > 0
    database = open_database(demo_database)
    set_disabled(database, DEFAULT_ACCOUNT, True)
    database.dispose()
    at = app.run()
    _shows_only_the_sign_in_form(at)
    assert [info.value for info in at.info] == [DUTCH("identity.ended")]


def test_signing_out_ends_the_session_and_is_logged(app: AppTest) -> None:
    at = app.run()
    at = at.button(key="sign_out").click().run()
    _shows_only_the_sign_in_form(at)
    assert list(data.access_log(actor=AUDITOR, event="sign_out")["user_name"]) == [DEFAULT_ACCOUNT]


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("cm.sittard", "list.title"),
        ("auditor", "list.title"),
        ("capaciteit", "list.title"),
        ("beheer", "admin.title"),
    ],
)
def test_each_role_lands_on_the_page_it_is_for(
    app_as: Callable[[str], AppTest], name: str, title: str
) -> None:
    at = app_as(name).run()
    no_exceptions(at)
    assert [t.value for t in at.title] == [DUTCH(title)]


def test_a_sittard_case_manager_lists_only_sittard(app_as: Callable[[str], AppTest]) -> None:
    assert set(list_table(app_as("cm.sittard").run())["pi"]) == {"Sittard"}


def test_a_capacity_manager_sees_skns_but_no_names(app_as: Callable[[str], AppTest]) -> None:
    table = list_table(app_as("capaciteit").run())
    assert table["skn"].notna().all() and set(table["pi"]) == {"Sittard", "Arnhem", "Vught"}
    assert not table["name"].astype(str).str.strip().replace("None", "").any()
