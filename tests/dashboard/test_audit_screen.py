"""The audit page (issue 12): the auditor filters the overrides and decisions of the demo,
reads one override's detail, sees the analytics with the criteria most overruled, and takes the
list away as a file — the download logged. AppTest on the demo database as `auditor`."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from screens import no_exceptions
from streamlit.testing.v1 import AppTest

from dashboard.i18n import catalogue
from storage.access_log import access_entries
from storage.audit_views import override_list
from storage.connect import open_database

TEXTS = catalogue("nl")


@pytest.fixture
def audit(app_as: Callable[[str], AppTest]) -> AppTest:
    """The audit page, signed in as the auditor."""
    at = app_as("auditor")
    at.run()
    at.switch_page("screens/audit.py").run()
    no_exceptions(at)
    return at


def _texts_on(at: AppTest) -> str:
    parts = [*at.title, *at.subheader, *at.caption, *at.markdown, *at.info, *at.error]
    return "\n".join(str(part.value) for part in parts)


def _stored_overrides(url: str) -> int:
    database = open_database(url)
    try:
        return len(override_list(database))
    finally:
        database.dispose()


def test_the_auditor_sees_every_override_and_the_analytics(
    audit: AppTest, demo_database: str
) -> None:
    shown = _texts_on(audit)
    assert str(TEXTS("audit.title")) in shown
    assert str(TEXTS("audit.most_overruled")) in shown
    count = _stored_overrides(demo_database)
    assert count > 0, "the demo holds overrides"
    table = audit.dataframe[0]
    assert len(table.value) == count
    assert audit.get("plotly_chart"), "the analytics are drawn"


def test_a_filter_narrows_the_list(audit: AppTest) -> None:
    direction = next(box for box in audit.selectbox if box.key == "audit_direction")
    direction.select("up").run()
    no_exceptions(audit)
    table = audit.dataframe[0]
    assert set(table.value["direction"]) <= {str(TEXTS("audit.direction_values.up"))}


def test_an_unknown_criterion_is_named_not_a_traceback(audit: AppTest) -> None:
    box = next(box for box in audit.text_input if box.key == "audit_decisive")
    box.input("C99").run()
    assert not audit.exception
    assert any(str(TEXTS("audit.decisive")) in str(error.value) for error in audit.error)


def test_the_detail_shows_the_justification(audit: AppTest) -> None:
    assert str(TEXTS("audit.justification")) in _texts_on(audit)


def test_a_download_is_prepared_and_logged(audit: AppTest, demo_database: str) -> None:
    prepare = str(TEXTS("audit.prepare", format="CSV"))
    next(button for button in audit.button if button.label == prepare).click().run()
    no_exceptions(audit)
    database = open_database(demo_database)
    try:
        entry = access_entries(database, event="export").iloc[0]
    finally:
        database.dispose()
    assert entry["user_name"] == "auditor"
    detail = json.loads(entry["detail"])
    assert (detail["export"], detail["format"], detail["out"]) == ("overrides", "csv", "download")


def test_a_case_manager_has_no_audit_page(app: AppTest) -> None:
    app.run()
    try:
        app.switch_page("screens/audit.py").run()
    except Exception as refused:  # AppTest refuses a page that is not in the navigation
        assert "audit" in str(refused)
        return
    assert str(TEXTS("audit.title")) not in _texts_on(app)
