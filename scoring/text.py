"""Bilingual text: every label and sentence SOM shows exists in Dutch and in English.

`Text` is the one way SOM holds words for people: the catalogue's sentences, band, phase and
vocabulary labels, reason and decision labels, role labels, the field catalogue's labels and the
dashboard's own words (read from its TOML files into `Text`). Picking a language is `get` or
`render`; no other code compares a language to pick words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Language = Literal["nl", "en"]


@dataclass(frozen=True)
class Text:
    """One piece of text in both languages; may hold `{placeholders}` filled by `render`."""

    nl: str
    en: str

    def get(self, language: Language) -> str:
        """The text in `language` ('nl' or 'en')."""
        return self.nl if language == "nl" else self.en

    def render(self, language: Language, values: Mapping[str, Any] | None = None) -> str:
        """The text in `language` with placeholders filled; a missing value shows as '?'."""
        return self.get(language).format_map(_Lenient(values or {}))


class _Lenient(dict[str, Any]):
    def __init__(self, values: Mapping[str, Any]) -> None:
        super().__init__(values)

    def __missing__(self, key: str) -> str:
        return "?"
