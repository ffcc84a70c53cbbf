"""Fixtures for the dashboard tests: a demo database per test, and the app driven by AppTest.

The demo history (`som demo`'s `fill_demo`) is built once per session into a template SQLite
file; each test copies it, points `SOM_DATABASE_URL` at the copy and clears Streamlit's caches,
so tests never see each other's overrides.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import data
from storage.connect import open_database
from storage.database import DATABASE_URL_VARIABLE
from storage.demo import fill_demo
from storage.rescoring import rescore

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file holding the demo history up to today (built once per session).

    Scored at today explicitly: the pages never re-score (they only say a re-score is due).
    """
    path = tmp_path_factory.mktemp("demo") / "som.db"
    database = open_database(f"sqlite:///{path}")
    try:
        fill_demo(database, data.today())
        rescore(database, data.today())
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
def app(demo_database: str) -> AppTest:
    """The dashboard (entry script) on the demo database, not yet run, nobody signed in."""
    return AppTest.from_file(str(APP), default_timeout=60)


@pytest.fixture
def signed_in_app(app: AppTest) -> AppTest:
    """The dashboard with a case manager named in the sidebar."""
    app.session_state["identity_name"] = "Anna de Vries"
    app.session_state["identity_role"] = "case_manager"
    return app


@pytest.fixture
def app_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], AppTest]]:
    """A factory: the dashboard on any database URL (empty, unreachable …), caches cleared."""

    def make(url: str) -> AppTest:
        monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
        _forget_everything()
        return AppTest.from_file(str(APP), default_timeout=60)

    yield make
    _forget_everything()
