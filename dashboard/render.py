"""Small Streamlit pieces the screens share: band badges, notices, flash messages."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from html import escape
from typing import Final

import streamlit as st

from dashboard.bands import BAND_COLOURS
from dashboard.formatting import format_count, format_date
from dashboard.i18n import Catalogue
from storage.errors import DatabaseUnavailable, StorageError

FLASH_KEY: Final = "flash_message"
_LOG = logging.getLogger("som.dashboard")

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


_AUTOLINK: Final = re.compile(r"(?i)(?:://|www\\?\.|@)")


def plain(text: str | None) -> str:
    """Text typed by a person or read from a feed, made safe to put inside Markdown.

    Every Markdown character is escaped, so a justification can never become a link, an image
    or a coloured directive on a colleague's screen.
    """
    escaped = "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in (text or ""))
    # The Markdown renderer turns a bare address into a link even when escaped; an invisible
    # word joiner inside the address keeps it text (it shows, and copies, the same).
    return _AUTOLINK.sub(lambda found: found.group(0)[:-1] + "\u2060" + found.group(0)[-1], escaped)


def count_bars(counts: Mapping[str, int], texts: Catalogue, caption: str) -> str:
    """HTML for the count per band as small horizontal bars in the bands' colours.

    Plain HTML rather than a chart library: it draws at once, and the list page stays light
    (a chart library is megabytes of script for five bars). It is a real table, so a screen
    reader reads "prioriteit 24".
    """
    widest = max([*counts.values(), 1])
    rows = []
    for band, count in counts.items():
        width = 100 * count / widest
        rows.append(
            f'<tr><th scope="row" style="{_LABEL_STYLE}">{escape(texts.band(band))}</th>'
            f'<td style="{_CELL_STYLE}"><div style="display:flex;align-items:center;gap:0.4rem">'
            f'<div style="background:{BAND_COLOURS.get(band, "#777777")};width:{width:.1f}%;'
            f'min-width:2px;height:1.1rem;border-radius:2px"></div>'
            f'<span style="font-variant-numeric:tabular-nums">{format_count(count, texts)}</span>'
            f"</div></td></tr>"
        )
    return (
        f'<table class="som-counts" style="width:100%;border-collapse:collapse;border:none">'
        f'<caption style="caption-side:top;text-align:left;font-size:0.875rem;'
        f'color:rgba(49,51,63,0.6);padding-bottom:0.3rem">{escape(caption)}</caption>'
        f"{''.join(rows)}</table>"
    )


_LABEL_STYLE: Final = (
    "text-align:right;font-weight:400;font-size:0.85rem;white-space:nowrap;"
    "padding:0.15rem 0.6rem 0.15rem 0;border:none;width:1%"
)
_CELL_STYLE: Final = "width:99%;padding:0.15rem 0;border:none"


def show_html(html: str) -> None:
    """Show a trusted, escaped piece of HTML made by this module."""
    st.markdown(html, unsafe_allow_html=True)


@contextmanager
def storage_trouble_explained(texts: Catalogue) -> Iterator[None]:
    """Turn a database that cannot be reached or read into a message for the user.

    The user sees what is wrong and what to do; the details go to the server log, never to
    the screen (`client.showErrorDetails` is off in production too).
    """
    try:
        yield
    except StorageError as trouble:
        _LOG.exception("database trouble while drawing a screen")
        kind = trouble.kind if isinstance(trouble, DatabaseUnavailable) else type(trouble).__name__
        st.error(texts("errors.database", kind=kind), icon=":material/error:")


def refreshing_notice(as_of: date, texts: Catalogue) -> None:
    """Say that the bands shown hold for `as_of`, not yet today, and a re-score is due."""
    st.info(
        texts("common.refreshing", as_of=format_date(as_of, texts)), icon=":material/autorenew:"
    )


def flash(message: str) -> None:
    """Keep a confirmation to show once on the next run (after `st.rerun`)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show the confirmation kept by `flash`, once."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.success(message, icon=":material/check_circle:")
