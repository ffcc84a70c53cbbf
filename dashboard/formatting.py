"""Values in words: dates, booleans, levels and lists as a Dutch or English reader expects."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from dashboard.i18n import Catalogue
from scoring.dates import date_text, moment_text
from scoring.fields import FIELD_BY_NAME
from scoring.text import Text
from scoring.vocabulary import FACTOR_LABELS, LEVEL_LABELS, MOTIVATION_LABELS, SELF_RELIANCE_LABELS
from storage.clock import LOCAL_TIME

#: How large numbers are written in each language (dates: `scoring.dates`, the one source).
THOUSANDS_SEPARATOR = Text(".", ",")


def format_date(value: date | None, texts: Catalogue, empty: str = "common.unknown") -> str:
    """A date as 31-12-2026 (Dutch) or 31 Dec 2026 (English, `scoring.dates`); missing as the
    `empty` text."""
    if value is None:
        return texts(empty)
    return date_text(value).get(texts.language)


def format_time(value: datetime | None, texts: Catalogue) -> str:
    """A moment in local (Dutch) time, to the minute."""
    if value is None:
        return "—"
    return moment_text(value.astimezone(LOCAL_TIME)).get(texts.language)


def format_count(number: int, texts: Catalogue) -> str:
    """A whole number with thousands grouped: 10.000 (Dutch) or 10,000 (English)."""
    return f"{number:,}".replace(",", THOUSANDS_SEPARATOR.get(texts.language))


def format_bool(value: bool | None, texts: Catalogue) -> str:
    """Yes, no or unknown."""
    if value is None:
        return texts("common.unknown")
    return texts("common.yes") if value else texts("common.no")


def format_level(value: str | None, texts: Catalogue) -> str:
    """A RISC level (low / medium / high) in words."""
    if value is None:
        return texts("common.unknown")
    return _vocabulary(value, LEVEL_LABELS, texts)


def format_list(items: Sequence[str] | None, texts: Catalogue, factor_names: bool = False) -> str:
    """A list in words; an empty list is "none", an unknown one "unknown"."""
    if items is None:
        return texts("common.unknown")
    if not items:
        return texts("common.none")
    if factor_names:
        return ", ".join(_factor(item, texts) for item in items)
    return ", ".join(items)


def _factor(item: str, texts: Catalogue) -> str:
    label = FACTOR_LABELS.get(item)
    return item if label is None else label.get(texts.language)


def format_value(field: str, value: Any, texts: Catalogue) -> str:
    """Any input field's value in words, by the kind the field catalogue gives it."""
    declared = FIELD_BY_NAME[field]
    kind = declared.kind
    if kind == "level":
        return format_level(value, texts)
    if kind == "self_reliance":
        return _vocabulary(value, SELF_RELIANCE_LABELS, texts)
    if kind == "motivation":
        return _vocabulary(value, MOTIVATION_LABELS, texts)
    if kind == "phase":
        return texts.phase(value)
    if kind in ("boolean", "flag"):
        return format_bool(value, texts)
    if value is None:
        # A missing value reads as the field's empty meaning: "none" or "unknown".
        return texts("common.none") if declared.empty_means == "none" else texts("common.unknown")
    if kind == "date":
        # Stored versions keep dates as ISO text; the page writes every date the same way.
        return format_date(date.fromisoformat(value) if isinstance(value, str) else value, texts)
    if kind in ("factor_list", "free_list"):
        return format_list(value, texts, factor_names=kind == "factor_list")
    return str(value)


def _vocabulary(value: str | None, labels: dict[str, Text], texts: Catalogue) -> str:
    if value is None:
        return texts("common.unknown")
    label = labels.get(value)
    return value if label is None else label.get(texts.language)
