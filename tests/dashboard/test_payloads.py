"""Text that is not the dashboard's own never renders as Markdown or HTML (issue 8, item 5).

Each untrusted channel (a feed's name and notes, an override's justification, a decision's
explanation and partner, the name typed in the sidebar, the `?skn=` URL parameter) gets each
payload; the element that shows it must hold the payload escaped as a whole (`plain`), so the
reader sees the characters and Streamlit draws no image, link, colour, bold or HTML.
"""

from __future__ import annotations

import pandas as pd
import pytest
from dashboard_accounts import ACCOUNTS, DEFAULT_ACCOUNT, PASSWORD, signed_in_as
from screens import (
    errors,
    feed_says,
    field,
    list_table,
    no_exceptions,
    open_detainee,
    open_list,
    submit,
)
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.forms import DECISIONS
from dashboard.i18n import catalogue
from dashboard.markup import plain
from storage.accounts import add_account
from storage.connect import open_database
from storage.listing import list_current_admissions

DUTCH = catalogue("nl")
PAYLOADS = [
    "![x](http://evil.example/x.png)",
    "[click](http://evil.example)",
    ":red[ALERT]",
    "<img src=x onerror=alert(1)>",
    "**bold**",
    "www.evil.example",
]
GOOD_REASON = "Casemanager maakt zich zorgen over de thuissituatie na het laatste bezoek."

payloads = pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))


def shown_as_text(bodies: list[str], payload: str) -> None:
    """Some body holds `payload` escaped as a whole, and none holds it raw."""
    assert any(plain(payload) in body for body in bodies), f"{payload!r} not shown: {bodies}"
    assert not any(payload in body for body in bodies), f"{payload!r} left as Markdown"


def a_detainee() -> pd.Series:
    """A current detainee with a name and no override (the demo has many)."""
    rows = list_current_admissions(data.database())
    return rows[rows["override_id"].isna() & rows["name"].notna()].iloc[0]


def fed(payload: str) -> str:
    """The SKN of a detainee whose name and notes the feed just sent as `payload`."""
    skn = str(a_detainee()["skn"])
    feed_says(data.database(), skn, payload)
    return skn


@payloads
def test_feed_text_never_renders_as_markdown_in_the_title(app: AppTest, payload: str) -> None:
    open_detainee(app, fed(payload))
    no_exceptions(app)
    shown_as_text([title.value for title in app.title], payload)


@payloads
def test_feed_text_never_renders_as_markdown_in_table_cells(app: AppTest, payload: str) -> None:
    open_detainee(app, fed(payload))
    cells = [str(cell) for table in app.table for cell in table.value.to_numpy().ravel()]
    shown_as_text(cells, payload)


@payloads
def test_feed_text_never_renders_as_markdown_in_button_labels(app: AppTest, payload: str) -> None:
    skn = fed(payload)
    app.run()
    app.switch_page("screens/detainee.py").run()
    app.text_input(key="finder_search").input(skn).run()
    no_exceptions(app)
    shown_as_text([button.label for button in app.button], payload)


@payloads
def test_feed_text_stays_the_same_text_in_the_list_table(app: AppTest, payload: str) -> None:
    # A dataframe cell is text, never Markdown: the name shows exactly as the feed sent it.
    skn = fed(payload)
    table = list_table(open_list(app))
    assert table[table["skn"] == skn]["name"].tolist() == [payload]


@payloads
def test_user_name_and_justification_never_render_as_markdown_in_captions_and_records(
    anonymous_app: AppTest, demo_database: str, payload: str
) -> None:
    database = open_database(demo_database)
    prisons = ACCOUNTS[DEFAULT_ACCOUNT][1]
    add_account(database, payload, "case_manager", password=PASSWORD, prisons=prisons)
    database.dispose()
    app = signed_in_as(anonymous_app, demo_database, payload)
    person = a_detainee()
    open_detainee(app, person["skn"])
    app.selectbox(key=field(app, "override", "band")).select("weighing")
    app.selectbox(key=field(app, "override", "reason")).select("cm_concern")
    app.text_area(key=field(app, "override", "justification")).input(f"{GOOD_REASON} {payload}")
    submit(app, DUTCH("override.submit"))
    no_exceptions(app)
    assert errors(app) == []
    captions = [caption.value for caption in app.caption]
    working_as = DUTCH.texts["identity.signed_in_as"].split("{")[0]
    shown_as_text([c for c in captions if c.startswith(working_as)], payload)
    who_when = [c for c in captions if not c.startswith(working_as)]
    shown_as_text(who_when, payload)  # the active override: who, role and when
    records = [body.value for body in app.markdown if body.value.startswith("- ")]
    assert any(plain(f"{GOOD_REASON} {payload}") in body for body in records)
    shown_as_text(records, payload)


@payloads
def test_decision_note_never_renders_as_markdown_in_the_records(
    signed_in_app: AppTest, payload: str
) -> None:
    person = a_detainee()
    open_detainee(signed_in_app, person["skn"])
    signed_in_app.selectbox(key=field(signed_in_app, "decision", "option")).select(DECISIONS[0])
    signed_in_app.text_area(key=field(signed_in_app, "decision", "explanation")).input(payload)
    signed_in_app.text_input(key=field(signed_in_app, "decision", "partner")).input(payload)
    submit(signed_in_app, DUTCH("decision.submit"))
    no_exceptions(signed_in_app)
    records = [body.value for body in signed_in_app.markdown if body.value.startswith("- ")]
    shown_as_text(records, payload)
    assert any(body.count(plain(payload)) == 2 for body in records), "partner and note"


@payloads
def test_url_parameter_never_renders_as_markdown_in_the_error(app: AppTest, payload: str) -> None:
    open_detainee(app, payload)
    no_exceptions(app)
    shown_as_text(errors(app), payload)
