"""Reading one cell: the scalar parsers for every column kind of feeds.md.

Each parser takes the raw cell text and returns `Parsed(value)` or `Invalid(reason)`. They are
pure and total: whatever the text, they never raise. Column specs (`feeds.columns`) say which
parser a column uses and what an empty cell means.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from scoring.vocabulary import (
    BOOLEAN_WORDS,
    CRIMINOGENIC_FACTORS,
    EMPTY_LIST_WORDS,
    LEVEL_WORDS,
    MOTIVATION_WORDS,
    PHASE_WORDS,
    SELF_RELIANCE_WORDS,
    UNKNOWN_WORDS,
)

CellValue = str | bool | date | tuple[str, ...] | None

ISO_DATE: Final = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
DUTCH_DATE: Final = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")
LIST_SEPARATORS: Final = re.compile(r"[|;]")

#: Dutch names of the RISC domains, accepted beside the English keys.
FACTOR_WORDS: Final[dict[str, str]] = {
    **{key: key for key in CRIMINOGENIC_FACTORS},
    "huisvesting": "housing",
    "opleiding_werk": "education_work",
    "financien": "finances",
    "financiën": "finances",
    "relaties_partner_familie": "relationships_partner_family",
    "relaties_vrienden": "relationships_friends",
    "emotioneel_welzijn": "emotional_wellbeing",
    "denkpatronen_gedrag": "thinking_behaviour",
    "houding": "attitude",
}


@dataclass(frozen=True)
class Parsed:
    """A cell that was read; `value` None means unknown."""

    value: CellValue


@dataclass(frozen=True)
class Invalid:
    """A cell that breaks the contract; `reason` completes "column X: ..."."""

    reason: str


Outcome = Parsed | Invalid
UNKNOWN: Final = Parsed(None)


def quote(raw: str) -> str:
    """The raw cell as shown in messages: quoted, shortened when very long."""
    shown = raw if len(raw) <= 60 else raw[:57] + "..."
    return repr(shown)


def word(raw: str) -> str:
    """A vocabulary word normalised: case and surrounding spaces ignored."""
    return raw.strip().lower()


def parse_date(raw: str) -> Outcome:
    """`YYYY-MM-DD` or Dutch `DD-MM-YYYY` / `D-M-YYYY`; anything else is not a date."""
    text = raw.strip()
    iso = ISO_DATE.fullmatch(text)
    dutch = DUTCH_DATE.fullmatch(text) if iso is None else None
    try:
        if iso is not None:
            return Parsed(date(int(iso[1]), int(iso[2]), int(iso[3])))
        if dutch is not None:
            return Parsed(date(int(dutch[3]), int(dutch[2]), int(dutch[1])))
    except ValueError:
        pass
    return Invalid(f"{quote(raw)} is not a date")


def _vocabulary(words: Mapping[str, str | bool], what: str, raw: str) -> Outcome:
    key = word(raw)
    if key in UNKNOWN_WORDS:
        return UNKNOWN
    if key in words:
        return Parsed(words[key])
    # Dutch multi-word values may be written with spaces or hyphens: "niet te motiveren".
    joined = re.sub(r"[\s\-]+", "_", key)
    if joined in words:
        return Parsed(words[joined])
    return Invalid(f"{quote(raw)} is not {what}")


def parse_boolean(raw: str) -> Outcome:
    """true/false, yes/no, ja/nee, 1/0, y/n, j/n; unknown/onbekend."""
    return _vocabulary(BOOLEAN_WORDS, "a boolean (true/false, ja/nee, ...)", raw)


def parse_phase(raw: str) -> Outcome:
    """remand/sentenced; Dutch preventief, hvb, veroordeeld, gevangenis."""
    return _vocabulary(PHASE_WORDS, "a phase (remand/sentenced)", raw)


def parse_level(raw: str) -> Outcome:
    """low/medium/high; Dutch laag/gemiddeld/matig/hoog."""
    return _vocabulary(LEVEL_WORDS, "a level (low/medium/high)", raw)


def parse_self_reliance(raw: str) -> Outcome:
    """sufficient/limited; Dutch voldoende/beperkt."""
    return _vocabulary(SELF_RELIANCE_WORDS, "a self-reliance value (sufficient/limited)", raw)


def parse_motivation(raw: str) -> Outcome:
    """motivatable/not_motivatable; Dutch te_motiveren/niet_te_motiveren."""
    return _vocabulary(MOTIVATION_WORDS, "a motivation value (motivatable/not_motivatable)", raw)


def parse_text(raw: str) -> Outcome:
    """Free text, surrounding spaces removed."""
    return Parsed(raw.strip())


def _items(raw: str) -> list[str]:
    return [item.strip() for item in LIST_SEPARATORS.split(raw) if item.strip()]


def parse_free_list(raw: str) -> Outcome:
    """Items separated by `|` or `;`; the single item none/geen is an empty list."""
    items = _items(raw)
    if len(items) == 1 and word(items[0]) in EMPTY_LIST_WORDS:
        return Parsed(())
    if len(items) == 1 and word(items[0]) in UNKNOWN_WORDS:
        return UNKNOWN
    return Parsed(tuple(items))


def parse_factor_list(raw: str) -> Outcome:
    """Criminogenic factors: items from the RISC domains; none/geen is an empty list."""
    items = _items(raw)
    if len(items) == 1 and word(items[0]) in EMPTY_LIST_WORDS:
        return Parsed(())
    if len(items) == 1 and word(items[0]) in UNKNOWN_WORDS:
        return UNKNOWN
    factors: list[str] = []
    for item in items:
        key = word(item)
        if key not in FACTOR_WORDS:
            key = re.sub(r"[\s\-]+", "_", key)
        if key not in FACTOR_WORDS:
            return Invalid(f"{quote(item)} is not a criminogenic factor")
        if FACTOR_WORDS[key] not in factors:
            factors.append(FACTOR_WORDS[key])
    return Parsed(tuple(factors))
