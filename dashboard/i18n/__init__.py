"""The dashboard's words: one TOML catalogue per language (`nl.toml`, `en.toml`).

Keys are dotted paths into the TOML tables (`list.title`, `reasons.cm_concern`). Band, phase and
criterion texts are not repeated here: they come from `scoring` (one source of truth) and are
reached through `Catalogue.band`, `Catalogue.phase` and the explanation objects.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Final

from scoring.vocabulary import BAND_LABELS, PHASE_LABELS, Language

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

    def __call__(self, key: str, **values: Any) -> str:
        """The text for `key`, with `{placeholders}` filled from `values`."""
        try:
            text = self.texts[key]
        except KeyError:
            raise MissingText(f"no text '{key}' in the {self.language} catalogue") from None
        return text.format(**values) if values else text

    def band(self, band: str) -> str:
        """A band's label (including `weighing_first` and `weighing_if_time`)."""
        return BAND_LABELS[self.language].get(band, band)

    def phase(self, phase: str | None) -> str:
        """A phase's label; unknown shows as the catalogue's word for unknown."""
        if phase is None:
            return self("common.unknown")
        return PHASE_LABELS[self.language].get(phase, phase)

    def options(self, prefix: str) -> dict[str, str]:
        """Every key under `prefix.` mapped from its last part to its text, in file order."""
        start = f"{prefix}."
        return {
            key[len(start) :]: text
            for key, text in self.texts.items()
            if key.startswith(start) and "." not in key[len(start) :]
        }


@cache
def catalogue(language: Language) -> Catalogue:
    """The catalogue of `language` (read once per process)."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)} (found {language!r})")
    path = _HERE / f"{language}.toml"
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return Catalogue(language, _flatten(data))


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
    catalogues = {language: catalogue(language) for language in LANGUAGES}
    every_key = sorted(set().union(*(c.texts.keys() for c in catalogues.values())))
    problems = []
    for key in every_key:
        present = {lang: c.texts[key] for lang, c in catalogues.items() if key in c.texts}
        for language in LANGUAGES:
            if language not in present:
                problems.append(f"{language}.toml: missing '{key}'")
        if len({placeholders(text) for text in present.values()}) > 1:
            problems.append(f"'{key}': placeholders differ between languages")
    return problems
