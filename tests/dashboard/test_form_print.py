"""The printable SOM form (`/form?skn=…`): parts 1–3, explanation and records, for the dossier;
the same view, permissions and access log as the detainee page; hostile text stays text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pandas as pd
import pytest
from screens import errors, feed_says, no_exceptions, unescaped
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.i18n import catalogue
from dashboard.language import LANGUAGE_KEY
from dashboard.panels.form_print_panels import OPEN, TICKED
from storage.access_log import access_entries
from storage.actor import Actor
from storage.choices import DECISION_OPTIONS
from storage.decisions import record_decision
from storage.listing import list_current_admissions
from storage.overrides import record_override
from storage.records import detainee_record, find_admission

FORM = "screens/form_print.py"
DUTCH = catalogue("nl")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
HOSTILE = "<script>alert('x')</script> [klik](http://evil.example)"
CASE_MANAGER = Actor(
    "Anna de Vries", "case_manager", prisons=frozenset({"Sittard", "Arnhem", "Vught"})
)


def open_form(at: AppTest, skn: str) -> AppTest:
    at.run()
    at.query_params["skn"] = skn
    return at.switch_page(FORM).run()


def sittard_detainee() -> pd.Series:
    rows = list_current_admissions(data.database())
    return rows[(rows["pi"] == "Sittard") & rows["name"].notna() & rows["decision"].isna()].iloc[0]


def arnhem_detainee() -> pd.Series:
    rows = list_current_admissions(data.database())
    return rows[rows["pi"] == "Arnhem"].iloc[0]


def shown_text(at: AppTest) -> list[str]:
    """Every text the form shows: headings, paragraphs, captions and table cells."""
    texts = [e.value for e in (*at.title, *at.subheader, *at.markdown, *at.caption)]
    for table in at.table:
        frame = table.value
        texts += [str(c) for c in frame.columns]
        texts += [str(cell) for column in frame.columns for cell in frame[column]]
    return texts


def scored(skn: str) -> tuple[int, int]:
    """The admission of `skn` and its latest assessment, to record an override or decision on."""
    admission = find_admission(data.database(), skn)
    assert admission is not None
    latest = detainee_record(data.database(), admission).latest_assessment
    assert latest is not None
    return admission, latest.assessment_id


def decide(skn: str, option: str, explanation: str, when: datetime) -> None:
    record_decision(
        data.database(),
        *scored(skn),
        option,
        explanation,
        CASE_MANAGER,
        partner_name="Bram Reclassering",
        now=when,
    )


def test_the_form_shows_parts_1_2_and_3_with_the_explanation_and_the_records(
    app: AppTest,
) -> None:
    person = sittard_detainee()
    options = list(DECISION_OPTIONS)
    first, second = (datetime(2026, 11, day, 9, tzinfo=UTC) for day in (2, 3))
    decide(person["skn"], options[0], "Eerste besluit, later herzien.", first)
    decide(person["skn"], options[3], "Toezicht voorbereiden samen.", second)
    open_form(app, person["skn"])
    no_exceptions(app)
    headings = [h.value for h in app.subheader]
    assert headings == [
        DUTCH("form_print.part_1"),
        DUTCH("form_print.part_2"),
        DUTCH("form_print.explanation"),
        DUTCH("form_print.part_3"),
        DUTCH("form_print.records"),
    ]
    text = [unescaped(t) for t in shown_text(app)]
    # Part 3: every option with a box, only the current (latest) decision ticked.
    boxes = [t for t in text if t[:1] in (TICKED, OPEN)]
    assert len(boxes) == len(DECISION_OPTIONS)
    assert [t for t in boxes if t.startswith(TICKED)] == [
        f"{TICKED} {DECISION_OPTIONS[options[3]].nl}"
    ]
    assert "Toezicht voorbereiden samen." in text
    assert "Eerste besluit, later herzien." in text  # earlier decisions stay, as history
    assert f"SKN {person['skn']}" in " ".join(text)
    assert any("(C01)" in t for t in text)  # the explanation lists the criteria
    assert not [t for t in text if ISO_DATE.search(t)]


def test_the_form_follows_the_language(app: AppTest) -> None:
    person = sittard_detainee()
    app.run()
    app.radio(key=LANGUAGE_KEY).set_value("en").run()
    open_form(app, person["skn"])
    no_exceptions(app)
    english = catalogue("en")
    assert app.subheader[0].value == english("form_print.part_1")
    text = shown_text(app)
    assert any("No residence status (C01)" in unescaped(t) for t in text)
    assert not [t for t in text if ISO_DATE.search(t)]


def test_opening_the_form_is_logged_as_a_view_of_the_detainee_once_per_session(
    app: AppTest,
) -> None:
    person = sittard_detainee()
    open_form(app, person["skn"])
    app.run()  # a redraw is not a new access
    entries = access_entries(data.database())
    mine = entries[(entries["skn"] == person["skn"]) & (entries["event"] == "view_detainee")]
    assert list(mine["user_name"]) == ["Anna de Vries"]
    assert list(mine["outcome"]) == ["ok"]


def test_the_form_is_refused_for_a_detainee_outside_the_users_prisons(
    app_as: Callable[[str], AppTest],
) -> None:
    person = arnhem_detainee()
    at = open_form(app_as("cm.sittard"), person["skn"])
    no_exceptions(at)
    assert errors(at) == [DUTCH("form_print.refused")]
    assert not at.subheader  # nothing of the form
    entries = access_entries(data.database())
    refused = entries[(entries["skn"] == person["skn"]) & (entries["outcome"] == "refused")]
    assert list(refused["user_name"]) == ["cm.sittard"]


def test_a_role_without_access_to_detainees_gets_no_form_page(
    app_as: Callable[[str], AppTest],
) -> None:
    at = app_as("capaciteit")
    at.run()
    with pytest.raises(Exception, match="form_print"):
        at.switch_page(FORM).run()


def test_hostile_feed_and_typed_text_is_shown_as_the_characters_it_is(app: AppTest) -> None:
    person = sittard_detainee()
    database = data.database()
    feed_says(database, person["skn"], HOSTILE)
    record_override(
        database,
        *scored(person["skn"]),
        "priority",
        "other",
        f"Zorgen na bezoek. {HOSTILE}",
        CASE_MANAGER,
    )
    open_form(app, person["skn"])
    no_exceptions(app)
    text = shown_text(app)
    carrying = [t for t in text if "script" in t]
    assert len(carrying) >= 3  # the name, the case manager's notes, the justification
    for shown in carrying:
        assert "<script>" not in shown and "](" not in shown, shown
        assert r"\<script\>" in shown
