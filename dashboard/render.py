"""Small Streamlit pieces the screens share: band badges, notices, flash messages."""

from __future__ import annotations

from html import escape
from typing import Final

import streamlit as st

from dashboard.bands import BAND_COLOURS
from dashboard.i18n import Catalogue

FLASH_KEY: Final = "flash_message"

#: Bands light enough to need dark text on their badge.
_LIGHT: Final = frozenset({"weighing_if_time", "no_priority", "not_yet", "weighing"})


def band_badge(band: str, texts: Catalogue, prefix: str = "") -> str:
    """HTML for a band as a coloured label (the colour never carries meaning alone)."""
    colour = BAND_COLOURS.get(band, "#777777")
    ink = "#1F2328" if band in _LIGHT else "#FFFFFF"
    label = escape(f"{prefix}{texts.band(band)}")
    return (
        f'<span class="som-band" style="background:{colour};color:{ink};padding:0.15rem 0.6rem;'
        f'border-radius:0.8rem;font-weight:600;white-space:nowrap">{label}</span>'
    )


_MARKDOWN_SPECIAL: Final = frozenset("\\`*_{}[]()#+-.!|<>~$:=")


def plain(text: str | None) -> str:
    """Text typed by a person or read from a feed, made safe to put inside Markdown.

    Every Markdown character is escaped, so a justification can never become a link, an image
    or a coloured directive on a colleague's screen.
    """
    return "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in (text or ""))


def show_html(html: str) -> None:
    """Show a trusted, escaped piece of HTML made by this module."""
    st.markdown(html, unsafe_allow_html=True)


def flash(message: str) -> None:
    """Keep a confirmation to show once on the next run (after `st.rerun`)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show the confirmation kept by `flash`, once."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")


def field_error(message: str | None) -> None:
    """An error under a form field, in place; nothing when there is none."""
    if message:
        st.error(message, icon=":material/error:")
