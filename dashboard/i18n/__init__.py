"""The dashboard's words: its own texts are kept in one TOML file per language (`nl.toml`,
`en.toml`) and read into `scoring.text.Text`, the one way SOM holds bilingual text.

Keys are dotted paths into the TOML tables (`list.title`, `columns.band`). Words SOM shares
everywhere (yes, no, unknown, none), band, phase, field, role, reason and decision labels are
not repeated here: they come from their one declaration and are reached through `Catalogue`'s
helpers or the finished views.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from dashboard.markup import Markup, filled
from scoring.text import Text
from scoring.vocabulary import NO, NONE, PHASE_LABELS, UNKNOWN, YES, Language, band_label

#: Languages the dashboard speaks, in the order the switch offers them.
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")
DEFAULT_LANGUAGE: Final[Language] = "nl"

_HERE = Path(__file__).resolve().parent


class MissingText(KeyError):
    """A key that the catalogue of a language does not have."""


@dataclass(frozen=True)
class Catalogue:
    """All texts of one language, looked up by dotted key."""

    language: Language
    texts: Mapping[str, str]

    def __call__(self, key: str, **values: Any) -> Markup:
        """The text for `key`, with `{placeholders}` filled from `values`.

        The result may go into Markdown: the wording is the dashboard's own, and every value
        that is not `Markup` itself is escaped (`dashboard.markup.plain`), so a name or a
        justification filled into a sentence stays text.
        """
        try:
            text = self.texts[key]
        except KeyError:
            raise MissingText(f"no text '{key}' in the {self.language} catalogue") from None
        return filled(text, values)

    def band(self, band: str) -> str:
        """A band's label (including `weighing_first` and `weighing_if_time`)."""
        return band_label(band, self.language)

    def phase(self, phase: str | None) -> str:
        """A phase's label; unknown shows as the catalogue's word for unknown."""
        if phase is None:
            return self("common.unknown")
        label = PHASE_LABELS.get(phase)
        return phase if label is None else label.get(self.language)

    def options(self, prefix: str) -> dict[str, str]:
        """Every key under `prefix.` mapped from its last part to its text, in file order."""
        start = f"{prefix}."
        return {
            key[len(start) :]: text
            for key, text in self.texts.items()
            if key.startswith(start) and "." not in key[len(start) :]
        }


#: Words the dashboard shares with the rest of SOM, declared in `scoring.vocabulary`.
SHARED_WORDS: Final[dict[str, Text]] = {
    "common.yes": YES,
    "common.no": NO,
    "common.unknown": UNKNOWN,
    "common.none": NONE,
}


@cache
def dashboard_texts() -> dict[str, Text]:
    """Every text of the dashboard in both languages, by key (keys missing in one file are left
    out here and reported by `catalogue_problems`)."""
    files = {language: _read(language) for language in LANGUAGES}
    keys = [key for key in files["nl"] if key in files["en"]]
    return {**SHARED_WORDS, **{key: Text(files["nl"][key], files["en"][key]) for key in keys}}


@cache
def catalogue(language: Language) -> Catalogue:
    """The catalogue of `language` (read once per process)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)} (found {language!r})")
    return Catalogue(language, {key: text.get(language) for key, text in dashboard_texts().items()})


@cache
def _read(language: Language) -> dict[str, str]:
    with (_HERE / f"{language}.toml").open("rb") as handle:
        return _flatten(tomllib.load(handle))


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{dotted}."))
        elif isinstance(value, str):
            flat[dotted] = value
        else:
            raise TypeError(f"{dotted}: catalogue values must be text (found {value!r})")
    return flat


def placeholders(text: str) -> frozenset[str]:
    """The `{names}` a text expects."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def catalogue_problems() -> list[str]:
    """Keys missing in a language, or whose placeholders differ between languages."""
    files = {language: _read(language) for language in LANGUAGES}
    every_key = sorted(set().union(*(texts.keys() for texts in files.values())))
    problems = []
    for key in every_key:
        if key in SHARED_WORDS:
            problems.append(f"'{key}': declared in scoring.vocabulary, not in the catalogues")
        present = {lang: texts[key] for lang, texts in files.items() if key in texts}
        for language in LANGUAGES:
            if language not in present:
                problems.append(f"{language}.toml: missing '{key}'")
        if len({placeholders(text) for text in present.values()}) > 1:
            problems.append(f"'{key}': placeholders differ between languages")
    return problems
