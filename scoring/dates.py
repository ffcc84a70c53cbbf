"""Dates and moments in words: the one place that decides how a person reads a date.

Dutch readers get 31-12-2026 (the form's own notation); English readers get 31 Dec 2026 — the
day, a three-letter month and the year, which no reader can take for a month-first date, and
which never looks like the ISO dates (2026-12-31) that machine output keeps (feeds.md). The
explanation's sentences (`scoring.explain`) and every date the dashboard shows
(`dashboard.formatting`) are written by these functions.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from scoring.text import Text

#: The English month abbreviations (spelt out here: `%b` would follow the server's locale).
ENGLISH_MONTHS: Final[tuple[str, ...]] = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip


def date_text(value: date) -> Text:
    """A date as 31-12-2026 (Dutch) and 31 Dec 2026 (English)."""
    if isinstance(value, datetime):
        value = value.date()
    english = f"{value.day:02d} {ENGLISH_MONTHS[value.month - 1]} {value.year:04d}"
    return Text(f"{value.day:02d}-{value.month:02d}-{value.year:04d}", english)


def month_text(year: int, month: int) -> Text:
    """A calendar month: 12-2026 (Dutch, as the form writes dates) and Dec 2026 (English)."""
    return Text(f"{month:02d}-{year:04d}", f"{ENGLISH_MONTHS[month - 1]} {year:04d}")


def moment_text(value: datetime) -> Text:
    """A moment (already in the reader's time zone) to the minute: 31-12-2026 14:05."""
    day = date_text(value.date())
    clock = f"{value.hour:02d}:{value.minute:02d}"
    return Text(f"{day.nl} {clock}", f"{day.en} {clock}")
