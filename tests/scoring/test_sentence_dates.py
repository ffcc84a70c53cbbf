"""Dates in sentences: written the reader's way (31-12-2026, 31 Dec 2026), never as ISO text."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from support import AS_OF, populations, score_all

from scoring import explain
from scoring.dates import date_text, moment_text
from scoring.policy import Policy

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31)))
def test_a_date_reads_day_first_in_both_languages_and_never_as_iso(day: date) -> None:
    text = date_text(day)
    assert text.nl == day.strftime("%d-%m-%Y")
    number, month, year = text.en.split(" ")
    assert (int(number), int(year)) == (day.day, day.year)
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    assert month == months[day.month - 1]
    assert not ISO_DATE.search(text.nl) and not ISO_DATE.search(text.en)


def test_a_moment_is_its_date_and_the_time_to_the_minute() -> None:
    from datetime import datetime

    moment = moment_text(datetime(2026, 3, 7, 9, 5, 59))
    assert (moment.nl, moment.en) == ("07-03-2026 09:05", "07 Mar 2026 09:05")


@settings(max_examples=60, deadline=None)
@given(populations(AS_OF, max_size=4))
def test_no_sentence_of_an_explanation_holds_an_iso_date(records: list) -> None:  # type: ignore[type-arg]
    policy = Policy()
    results = score_all(records, policy)
    by_skn = {record.skn: record for record in records}
    for _, row in results.iterrows():
        explanation = explain(by_skn[row["skn"]], row.to_dict(), policy, AS_OF)
        for language in ("nl", "en"):
            sentences = [
                *explanation.sentences(language),
                *explanation.tier_sentences(language),
                *explanation.weighing_sentences(language),
                explanation.profile_sentence(language),
            ]
            dated = [s for s in sentences if ISO_DATE.search(s)]
            assert not dated, dated


def test_the_risc_date_in_a_sentence_is_in_the_readers_format() -> None:
    from support import detainee, score_one

    record = detainee(risc_date=date(2026, 10, 2), recidivism_risk="low")
    explanation = explain(record, score_one(record), Policy(), AS_OF)
    (dutch,) = [s for s in explanation.criterion_sentences("nl") if "(C02)" in s]
    (english,) = [s for s in explanation.criterion_sentences("en") if "(C02)" in s]
    assert "RISC van 02-10-2026" in dutch
    assert "RISC of 02 Oct 2026" in english


def test_a_month_reads_as_the_form_writes_dates_and_in_english_words() -> None:
    from scoring.dates import month_text
    from scoring.text import Text

    assert month_text(2026, 3) == Text("03-2026", "Mar 2026")
