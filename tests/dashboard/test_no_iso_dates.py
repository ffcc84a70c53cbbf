"""Every date a person reads is in their format: no sentence on the list or the detainee page
holds an ISO date (2026-12-28); machine output (`som score`) keeps ISO, see feeds.md."""

from __future__ import annotations

import re

import pytest
from screens import no_exceptions, open_detainee
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.language import LANGUAGE_KEY
from storage import clock
from storage.actor import Actor
from storage.listing import list_current_admissions
from storage.views import LANGUAGES, day_column, detainee_view, reason_column, triage_view

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
AUDITOR = Actor("Controle", "auditor")


def on_screen(at: AppTest) -> list[str]:
    """Every text of the page: headings, paragraphs, captions, notices and table cells."""
    texts = [
        str(e.value)
        for e in (*at.title, *at.subheader, *at.markdown, *at.caption, *at.info, *at.warning)
    ]
    for table in (*at.table, *at.dataframe):
        frame = table.value
        texts += [str(cell) for column in frame.columns for cell in frame[column]]
    return texts


def test_no_reason_or_day_on_the_list_holds_an_iso_date(demo_database: str) -> None:
    listing = triage_view(data.database(), clock.today(), AUDITOR)
    for language in LANGUAGES:
        for column in (reason_column(language), day_column(language)):
            dated = [t for t in listing.frame[column].astype(str) if ISO_DATE.search(t)]
            assert not dated, dated[:3]


def test_no_sentence_of_any_demo_detainee_holds_an_iso_date(demo_database: str) -> None:
    database = data.database()
    for skn in list_current_admissions(database)["skn"]:
        for language in LANGUAGES:
            view = detainee_view(database, skn, clock.today(), language, AUDITOR, log=False)
            assert view is not None
            words = view.explanation
            sentences = [
                words.summary,
                words.profile_sentence,
                *words.weighing,
                *words.warnings,
                *(line.sentence for line in (*words.criteria, *words.tiers)),
                *(question.sentence for question in words.open_questions),
                *(signal.sentence for signal in view.signals),
            ]
            dated = [s for s in sentences if ISO_DATE.search(s)]
            assert not dated, (skn, language, dated)


def dated_detainees() -> list[str]:
    """Demo detainees whose explanation quotes a date (the RISC date of C02), one per band."""
    database = data.database()
    chosen: dict[str, str] = {}
    for _, row in list_current_admissions(database).iterrows():
        if row["band"] in chosen:
            continue
        view = detainee_view(database, row["skn"], clock.today(), "nl", AUDITOR, log=False)
        assert view is not None
        if any("RISC van" in line.sentence for line in view.explanation.criteria):
            chosen[row["band"]] = str(row["skn"])
    assert len(chosen) >= 3, chosen
    return list(chosen.values())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_detainee_page_shows_no_iso_date(app: AppTest, language: str) -> None:
    app.run()
    app.radio(key=LANGUAGE_KEY).set_value(language).run()
    for skn in dated_detainees():
        open_detainee(app, skn)
        no_exceptions(app)
        dated = [t for t in on_screen(app) if ISO_DATE.search(t)]
        assert not dated, (skn, dated)
