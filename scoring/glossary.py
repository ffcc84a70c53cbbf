"""The glossary: SOM's jargon, bands, criteria and tiers explained in Dutch and English.

The jargon (HvB, RISC, MDO, weging …) and what each band means are written once, in
`glossary.toml` beside this module: the words belong to the domain, not to one screen. The
entries for bands, criteria and tiers are derived from their declarations — band labels from
`scoring.vocabulary`, names, ids, bands and conditions from `scoring.catalogue`, field labels
from the field catalogue — so a renamed criterion is renamed here too. Conditions quote the
thresholds of the policy given (`Policy.threshold_values`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final, Literal

from scoring.catalogue import AUTOMATED, STEPS, TIERS, WEIGHING, AutomatedCriterion
from scoring.fields import FIELD_BY_NAME
from scoring.policy import Policy
from scoring.text import Text
from scoring.vocabulary import BAND_LABELS, Language

GLOSSARY_FILE: Final = Path(__file__).resolve().parent / "glossary.toml"

Kind = Literal["term", "band", "criterion", "weighing", "tier"]
#: The glossary's sections, in the order a reader meets them.
KINDS: Final[tuple[Kind, ...]] = ("term", "band", "criterion", "weighing", "tier")

DECIDES: Final = Text("Beslist: {band}.", "Decides: {band}.")
REACHED_BY: Final = Text("Gegeven door {criteria}.", "Given by {criteria}.")
SHOWS_FIELDS: Final = Text(
    "Getoond voor de professionele weging, beslist niet: {fields}.",
    "Shown for the professional weighing, never decides: {fields}.",
)
WHEN: Final = Text("Geldt als: {condition}.", "Holds when: {condition}.")

_FIELD_NAME: Final = re.compile(r"`([a-z0-9_]+)`")


class GlossaryError(ValueError):
    """The glossary file is missing an entry or holds one it should not."""


@dataclass(frozen=True)
class Entry:
    """One glossary entry: the term as it shows, its full name and what it means."""

    key: str
    kind: Kind
    term: Text
    name: Text
    meaning: Text

    def help(self, language: Language) -> str:
        """The entry as one plain sentence, e.g. for a tooltip: "HvB — huis van bewaring: …"."""
        term, name = self.term.get(language), self.name.get(language)
        head = term if term.casefold() == name.casefold() else f"{term} — {name}"
        return f"{head}: {self.meaning.get(language)}"


@cache
def _file() -> dict[str, Any]:
    with GLOSSARY_FILE.open("rb") as handle:
        return tomllib.load(handle)


def glossary_problems() -> list[str]:
    """What is wrong with `glossary.toml`: a band described that SOM does not know, a band
    without a description, a term written twice or an entry not in both languages."""
    data = _file()
    problems = []
    described = set(data.get("band", {}))
    for band in sorted(set(BAND_LABELS) - described):
        problems.append(f"{GLOSSARY_FILE.name}: [band] has no meaning for '{band}'")
    for band in sorted(described - set(BAND_LABELS)):
        problems.append(f"{GLOSSARY_FILE.name}: [band] '{band}' is not a band of SOM")
    seen: set[str] = set()
    for number, term in enumerate(data.get("term", []), start=1):
        key = str(term.get("term", ""))
        where = f"{GLOSSARY_FILE.name}: term {number} ('{key}')"
        if not key:
            problems.append(f"{where}: 'term' is empty")
        if key.casefold() in seen:
            problems.append(f"{where}: written twice")
        seen.add(key.casefold())
        for language in ("nl", "en"):
            value = term.get(language)
            if not (isinstance(value, list) and len(value) == 2 and all(value)):
                problems.append(f"{where}: '{language}' must be [full name, meaning]")
    return problems


def glossary(policy: Policy | None = None) -> tuple[Entry, ...]:
    """Every entry: the jargon, then the bands, criteria C01–C17 and tiers T1–T5."""
    problems = glossary_problems()
    if problems:
        raise GlossaryError("; ".join(problems))
    values = (policy or Policy()).threshold_values()
    return (*_terms(), *_bands(), *_criteria(values), *_weighing(), *_tiers(values))


def _terms() -> list[Entry]:
    return [
        Entry(
            key=term["term"],
            kind="term",
            term=Text(term["term"], term["term"]),
            name=Text(term["nl"][0], term["en"][0]),
            meaning=Text(term["nl"][1], term["en"][1]),
        )
        for term in _file()["term"]
    ]


def _bands() -> list[Entry]:
    meanings = _file()["band"]
    deciding = {
        band: sorted(c.id for _, criteria, given in STEPS if given == band for c in criteria)
        for band in BAND_LABELS
    }
    entries = []
    for band, label in BAND_LABELS.items():
        nl, en = meanings[band]
        criteria = ", ".join(deciding[band])
        if criteria:
            nl = f"{nl} {REACHED_BY.render('nl', {'criteria': criteria})}"
            en = f"{en} {REACHED_BY.render('en', {'criteria': criteria})}"
        entries.append(Entry(band, "band", label, label, Text(nl, en)))
    return entries


def _criteria(values: dict[str, int]) -> list[Entry]:
    def meaning(criterion: AutomatedCriterion, language: Language) -> str:
        condition = _condition(criterion.fires_when, language, values)
        band = BAND_LABELS[criterion.band].get(language)
        when = WHEN.render(language, {"condition": condition})
        return f"{when} {DECIDES.render(language, {'band': band})}"

    return [
        _item_entry(c.id, "criterion", c.name, _both(lambda language, c=c: meaning(c, language)))
        for c in AUTOMATED
    ]


def _weighing() -> list[Entry]:
    return [
        _item_entry(
            c.id,
            "weighing",
            c.name,
            _both(
                lambda language, c=c: SHOWS_FIELDS.render(
                    language, {"fields": _field_labels(c.inputs, language)}
                )
            ),
        )
        for c in WEIGHING
    ]


def _tiers(values: dict[str, int]) -> list[Entry]:
    return [
        _item_entry(
            t.id,
            "tier",
            t.name,
            _both(
                lambda language, t=t: WHEN.render(
                    language, {"condition": _condition(t.holds_when, language, values)}
                )
            ),
        )
        for t in TIERS
    ]


def _item_entry(item_id: str, kind: Kind, name: Text, meaning: Text) -> Entry:
    return Entry(item_id, kind, Text(item_id, item_id), name, meaning)


def _both(sentence: Any) -> Text:
    return Text(sentence("nl"), sentence("en"))


def _condition(condition: Text, language: Language, values: dict[str, int]) -> str:
    """A catalogue condition for a reader: thresholds filled in, `field` names as labels, and
    the policy key in brackets left out (the glossary speaks to users, not to the policy file)."""
    text = condition.render(language, values)
    text = re.sub(r" \(`[a-z0-9_]+`\)", "", text)
    text = re.sub(r", `[a-z0-9_]+`\)", ")", text)
    return _FIELD_NAME.sub(lambda found: _field_label(found.group(1), language), text)


def _field_label(name: str, language: Language) -> str:
    field = FIELD_BY_NAME.get(name)
    return name.replace("_", " ") if field is None else f"“{field.label.get(language)}”"


def _field_labels(names: tuple[str, ...], language: Language) -> str:
    return ", ".join(_field_label(name, language) for name in names)
