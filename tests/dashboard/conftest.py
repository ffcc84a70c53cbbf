"""Fixtures for the dashboard tests: a demo database per test, and the app driven by AppTest.

The demo history (`som demo`'s `fill_demo`) is built once per session into a template SQLite
file, as of the fixed `DEMO_AS_OF`; each test copies it, points `SOM_DATABASE_URL` at the copy
and clears Streamlit's caches, so tests never see each other's overrides. SOM's clock says
`DEMO_AS_OF` during every dashboard test, so the screens show the same data on any day the
suite runs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from dashboard_accounts import ACCOUNTS, DEFAULT_ACCOUNT, PASSWORD, signed_in_as
from streamlit.testing.v1 import AppTest

from dashboard import data
from fixtures.demo import fill_demo
from storage import clock
from storage.accounts import add_account
from storage.connect import open_database
from storage.database import DATABASE_URL_VARIABLE
from storage.rescoring import rescore

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
#: The day the demo database is filled up to, and the day SOM's clock says during the tests.
DEMO_AS_OF = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """SOM's day is `DEMO_AS_OF`: the dashboard scores and shows the demo as of that day."""
    monkeypatch.setattr(clock, "today", lambda: DEMO_AS_OF)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the demo history up to `DEMO_AS_OF` (built once per session).

    Scored at `DEMO_AS_OF` explicitly: the pages never re-score (they only say one is due).
    """
    path = tmp_path_factory.mktemp("demo") / "som.db"
    database = open_database(f"sqlite:///{path}")
    try:
        fill_demo(database, DEMO_AS_OF)
        rescore(database, DEMO_AS_OF)
        for name, (role, prisons) in ACCOUNTS.items():
            add_account(database, name, role, password=PASSWORD, prisons=prisons)
        with database.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()
    return path


def _forget_everything() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    data.close_databases()


@pytest.fixture
def demo_database(
    demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """URL of this test's own copy of the demo database (also set as `SOM_DATABASE_URL`)."""
    path = tmp_path / "som.db"
    shutil.copyfile(demo_template, path)
    url = f"sqlite:///{path}"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
    _forget_everything()
    yield url
    _forget_everything()


@pytest.fixture
def anonymous_app(demo_database: str) -> AppTest:
    """The dashboard (entry script) on the demo database, not yet run, nobody signed in."""
    return AppTest.from_file(str(APP), default_timeout=60)


@pytest.fixture
def app(anonymous_app: AppTest, demo_database: str) -> AppTest:
    """The dashboard signed in as `DEFAULT_ACCOUNT`, a case manager of every demo prison."""
    return signed_in_as(anonymous_app, demo_database, DEFAULT_ACCOUNT)


@pytest.fixture
def signed_in_app(app: AppTest) -> AppTest:
    """The dashboard signed in as `DEFAULT_ACCOUNT` (the same as `app`)."""
    return app


@pytest.fixture
def app_as(demo_database: str) -> Callable[[str], AppTest]:
    """A factory: the dashboard signed in as one of the test `ACCOUNTS`."""
    return lambda name: signed_in_as(
        AppTest.from_file(str(APP), default_timeout=60), demo_database, name
    )


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], AppTest]]:
    """A factory: the dashboard on any database URL (empty, unreachable …), caches cleared."""

    def make(url: str) -> AppTest:
        monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
        _forget_everything()
        return AppTest.from_file(str(APP), default_timeout=60)

    yield make
    _forget_everything()
