"""The language of this session: Dutch by default (configurable), switchable in the sidebar.

The choice survives pages, links and reloads: it travels in the address as `?lang=nl|en` (a
link with `?lang=en` opens in English), and a signed-in person's last choice is kept with their
account (`storage.preferences`), so a new tab or a new day opens in their language. Precedence:
the address, then this session's switch, then the account, then the configured default.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import streamlit as st

from dashboard import render
from dashboard.config import settings
from dashboard.i18n import LANGUAGES, Catalogue, catalogue
from scoring.vocabulary import Language

LANGUAGE_KEY: Final = "language"
#: The address parameter that carries the language (`?lang=en`).
LANGUAGE_PARAMETER: Final = "lang"
#: A language to take on the next run, before the switch is drawn (a widget's value cannot
#: change once it is on the page).
_PENDING_KEY: Final = "language_pending"
#: Set when the session's language came from the address (a link or a reload): it then wins
#: over the account's stored choice.
_FROM_ADDRESS_KEY: Final = "language_from_address"


def current_language() -> Language:
    """The language chosen in this session, else the configured default."""
    chosen = st.session_state.get(LANGUAGE_KEY)
    return chosen if chosen in LANGUAGES else settings().default_language


def current_texts() -> Catalogue:
    """The catalogue of the session's language."""
    return catalogue(current_language())


def language_asked_in_address() -> Language | None:
    """The language a link or a reload asks for (`?lang=`), when it is one SOM speaks."""
    asked = st.query_params.get(LANGUAGE_PARAMETER)
    return asked if asked in LANGUAGES else None


def take_language_next_run(language: object) -> bool:
    """Switch to `language` (an account's stored choice) from the next run on; False when the
    address chose this session's language, or `language` is not one SOM speaks or is already
    the one in use."""
    if st.session_state.get(_FROM_ADDRESS_KEY):
        return False
    if language not in LANGUAGES or language == current_language():
        return False
    st.session_state[_PENDING_KEY] = language
    return True


def switch_in_sidebar(on_change: Callable[[Language], None] | None = None) -> Catalogue:
    """Offer the language switch in the sidebar and keep the choice in the address; returns
    the catalogue of the chosen language. `on_change` hears of each choice the user makes."""
    pending = st.session_state.pop(_PENDING_KEY, None)
    asked = language_asked_in_address()
    if pending in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = pending
    elif asked is not None and LANGUAGE_KEY not in st.session_state:
        st.session_state[LANGUAGE_KEY] = asked
        st.session_state[_FROM_ADDRESS_KEY] = True
    elif st.session_state.get(LANGUAGE_KEY) not in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = settings().default_language

    def chosen() -> None:
        st.session_state.pop(_FROM_ADDRESS_KEY, None)
        if on_change is not None:
            on_change(current_language())

    with st.sidebar:
        render.radio(
            current_texts()("language.label"),
            LANGUAGES,
            key=LANGUAGE_KEY,
            # Each language names itself, so a user who cannot read the other still finds theirs.
            format_func=lambda language: catalogue(language)("language.name"),
            horizontal=True,
            on_change=chosen,
        )
    keep_language_in_address()
    return current_texts()


def keep_language_in_address() -> None:
    """Write the session's language into the address, so a reload or a copied link keeps it."""
    if st.query_params.get(LANGUAGE_PARAMETER) != current_language():
        st.query_params[LANGUAGE_PARAMETER] = current_language()
