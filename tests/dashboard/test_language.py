"""Dutch by default, English on request, everywhere on the screen."""

from __future__ import annotations

import pytest
from screens import counts_on_screen, list_table, no_exceptions, open_detainee, open_list, unescaped
from streamlit.testing.v1 import AppTest

from dashboard.config import LANGUAGE_VARIABLE
from dashboard.i18n import catalogue
from dashboard.language import LANGUAGE_KEY

DUTCH, ENGLISH = catalogue("nl"), catalogue("en")


def chart_labels(at: AppTest) -> list[str]:
    return list(counts_on_screen(at))


def test_the_dashboard_speaks_dutch_by_default(app: AppTest) -> None:
    open_list(app)
    assert app.title[0].value == DUTCH("list.title")
    assert chart_labels(app)[0] == "prioriteit"
    assert app.radio(key=LANGUAGE_KEY).value == "nl"


def test_switching_to_english_changes_every_word_on_the_list(app: AppTest) -> None:
    open_list(app)
    app.radio(key=LANGUAGE_KEY).set_value("en").run()
    no_exceptions(app)
    assert app.title[0].value == ENGLISH("list.title")
    assert chart_labels(app) == [
        "priority",
        "professional weighing",
        "defer",
        "not yet prioritised",
        "no priority",
    ]
    assert app.button(key="sign_out").label == ENGLISH("identity.sign_out")
    assert app.multiselect(key="filter_prisons").label == ENGLISH("filters.prisons")
    reasons = " ".join(list_table(app)["reason"])
    assert "Supervision after detention (C07)" in reasons
    assert "Toezicht" not in reasons


def test_the_detainee_page_follows_the_language(app: AppTest) -> None:
    open_list(app)
    skn = list_table(app)["skn"].iloc[0]
    app.radio(key=LANGUAGE_KEY).set_value("en").run()
    open_detainee(app, skn)
    no_exceptions(app)
    criteria = app.table[0].value
    assert list(criteria.columns) == [
        ENGLISH("explanation.criterion"),
        ENGLISH("explanation.state"),
        ENGLISH("explanation.sentence"),
    ]
    assert (
        unescaped(criteria[ENGLISH("explanation.criterion")].iloc[0]) == "No residence status (C01)"
    )
    labels = [box.label for box in app.selectbox]
    assert ENGLISH("override.band") in labels and ENGLISH("decision.option") in labels
    assert ENGLISH("override.submit") in [button.label for button in app.button]


def test_the_default_language_is_configurable(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LANGUAGE_VARIABLE, "en")
    open_list(app)
    assert app.title[0].value == ENGLISH("list.title")
