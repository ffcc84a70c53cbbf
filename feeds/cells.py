"""Reading one cell: the scalar parsers for every column kind of feeds.md.

Each parser takes the raw cell text and returns `Parsed(value)` or `Invalid(reason)`. They are
pure and total: whatever the text, they never raise. Column specs (`feeds.columns`) say which
parser a column uses and what an empty cell means.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final

from feeds.limits import LIST_ITEM_MAX_LENGTH, LIST_MAX_ITEMS, SKN_MAX_LENGTH
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
#: The common form of an skn, checked first; anything else goes through `_skn_problem`.
ASCII_SKN: Final = re.compile(rf"[A-Za-z0-9._-]{{1,{SKN_MAX_LENGTH}}}")
FORMULA_CHARACTERS: Final = "=+@"
SKN_RULE: Final = f"an skn is 1–{SKN_MAX_LENGTH} letters, digits, '-', '_' or '.'"

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


def parse_skn(raw: str) -> Outcome:
    """The detainee number: trimmed, NFC-normalised, 1–32 letters, digits, `-`, `_`, `.`.

    Control and invisible characters, spaces inside and formula characters (`=`, `+`, `@`,
    ...) reject the cell with the character and its position named.
    """
    text = raw.strip()
    if ASCII_SKN.fullmatch(text):
        return Parsed(text)
    text = unicodedata.normalize("NFC", text)
    problem = _skn_problem(text)
    if problem is not None:
        return Invalid(f"{quote(raw)} is not a valid skn: {problem}; {SKN_RULE}")
    return Parsed(text)


def _skn_problem(text: str) -> str | None:
    if not text:
        return "it is empty"
    for position, character in enumerate(text, start=1):
        if character.isalpha() or character.isdecimal() or character in "-_.":
            continue
        return f"{_describe(character)} at position {position}"
    if len(text) > SKN_MAX_LENGTH:
        return f"it is {len(text)} characters long"
    return None


def _describe(character: str) -> str:
    code = f"U+{ord(character):04X}"
    category = unicodedata.category(character)
    if character.isspace():
        return f"a space ({code})"
    if category == "Cc":
        return f"a control character ({code})"
    if category in ("Cf", "Mn", "Me", "Zl", "Zp") or category.startswith("C"):
        return f"an invisible character ({code})"
    if character in FORMULA_CHARACTERS:
        return f"the character {character!r} (a spreadsheet formula character)"
    return f"the character {character!r}"


def _items(raw: str) -> list[str]:
    return [item.strip() for item in LIST_SEPARATORS.split(raw) if item.strip()]


def _list_problem(items: list[str]) -> Invalid | None:
    """A list over the caps of feeds.limits (too many items, or an item too long)."""
    if len(items) > LIST_MAX_ITEMS:
        return Invalid(f"the list has {len(items)} items; at most {LIST_MAX_ITEMS} are accepted")
    for item in items:
        if len(item) > LIST_ITEM_MAX_LENGTH:
            return Invalid(
                f"the list item {quote(item)} is {len(item):,} characters long; "
                f"at most {LIST_ITEM_MAX_LENGTH} are accepted"
            )
    return None


def _settled_list(items: list[str]) -> Outcome | None:
    """The outcome of a list cell known before its items are read: over the caps, the single
    item none/geen (an empty list), or an unknown word; None when the items decide."""
    too_long = _list_problem(items)
    if too_long is not None:
        return too_long
    if len(items) == 1 and word(items[0]) in EMPTY_LIST_WORDS:
        return Parsed(())
    if len(items) == 1 and word(items[0]) in UNKNOWN_WORDS:
        return UNKNOWN
    return None


def parse_free_list(raw: str) -> Outcome:
    """Items separated by `|` or `;`; the single item none/geen is an empty list."""
    items = _items(raw)
    settled = _settled_list(items)
    if settled is not None:
        return settled
    return Parsed(tuple(items))


def parse_factor_list(raw: str) -> Outcome:
    """Criminogenic factors: items from the RISC domains; none/geen is an empty list."""
    items = _items(raw)
    settled = _settled_list(items)
    if settled is not None:
        return settled
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
