"""The glossary page and `term_help`: every role reaches it, it lists every entry."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from dashboard_accounts import ACCOUNTS
from screens import no_exceptions, unescaped
from streamlit.testing.v1 import AppTest

from dashboard.glossary import UnknownTerm, entries, term_help
from dashboard.i18n import catalogue
from dashboard.language import LANGUAGE_KEY

GLOSSARY = "screens/glossary.py"


def test_term_help_explains_a_term_in_one_plain_line_per_language() -> None:
    assert term_help("HvB", "nl") == (
        "HvB — huis van bewaring: De preventieve fase: gedetineerd vóór het vonnis in eerste "
        "aanleg. Een gedetineerde in het HvB is preventief gehecht."
    )
    assert term_help("hvb", "en").startswith("HvB — house of detention (remand): ")
    assert term_help("C07", "en").startswith("C07 — Supervision after detention: ")
    assert term_help("priority", "nl").startswith("prioriteit: ")


def test_term_help_names_a_term_the_glossary_does_not_know() -> None:
    with pytest.raises(UnknownTerm, match="'HvBB'"):
        term_help("HvBB", "nl")


def cells(at: AppTest) -> set[str]:
    return {
        unescaped(str(cell))
        for table in at.table
        for column in table.value.columns
        for cell in table.value[column]
    }


@pytest.mark.parametrize("account", sorted(ACCOUNTS))
def test_every_role_reaches_the_glossary_from_the_navigation(
    app_as: Callable[[str], AppTest], account: str
) -> None:
    at = app_as(account)
    at.run()
    no_exceptions(at)
    at.switch_page(GLOSSARY).run()
    no_exceptions(at)
    assert at.title[0].value == catalogue("nl")("glossary.title")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_glossary_page_lists_every_entry_in_the_chosen_language(
    app: AppTest, language: str
) -> None:
    app.run()
    app.radio(key=LANGUAGE_KEY).set_value(language).run()
    app.switch_page(GLOSSARY).run()
    no_exceptions(app)
    shown = cells(app)
    for entry in entries():
        assert entry.meaning.get(language) in shown, entry.key
        assert entry.name.get(language) in shown, entry.key
