"""Settings of the dashboard that a deployment may change, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Final

from dashboard.i18n import DEFAULT_LANGUAGE, LANGUAGES
from scoring.vocabulary import Language

#: Environment variable with the language a new session starts in (`nl` or `en`).
LANGUAGE_VARIABLE: Final = "SOM_LANGUAGE"


@dataclass(frozen=True)
class Settings:
    """What the dashboard reads from its environment."""

    default_language: Language


def settings() -> Settings:
    """The settings of this process; an unusable value falls back to the default, never fails."""
    return Settings(default_language=_language(os.environ.get(LANGUAGE_VARIABLE, "")))


def _language(value: str) -> Language:
    chosen = value.strip().lower()
    for language in LANGUAGES:
        if chosen == language:
            return language
    return DEFAULT_LANGUAGE
