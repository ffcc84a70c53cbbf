"""The language of this session: Dutch by default (configurable), switchable in the sidebar."""

from __future__ import annotations

from typing import Final

import streamlit as st

from dashboard import render
from dashboard.config import settings
from dashboard.i18n import LANGUAGES, Catalogue, catalogue
from scoring.vocabulary import Language

LANGUAGE_KEY: Final = "language"


def current_language() -> Language:
    """The language chosen in this session, else the configured default."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else settings().default_language


def current_texts() -> Catalogue:
    """The catalogue of the session's language."""
    return catalogue(current_language())


def switch_in_sidebar() -> Catalogue:
    """Offer the language switch in the sidebar; returns the catalogue of the chosen language."""
    if st.session_state.get(LANGUAGE_KEY) not in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = settings().default_language
    with st.sidebar:
        render.radio(
            current_texts()("language.label"),
            LANGUAGES,
            key=LANGUAGE_KEY,
            # Each language names itself, so a user who cannot read the other still finds theirs.
            format_func=lambda language: catalogue(language)("language.name"),
            horizontal=True,
        )
    return current_texts()
