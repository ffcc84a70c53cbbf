"""The one way the dashboard puts text on the screen.

Streamlit reads Markdown in every element here (headings, captions, alerts, table cells,
widget labels, tab labels and tooltips). Each function accepts only `Markup`
(`dashboard.markup`): the catalogue's wording or text escaped by `plain`, so a name, a
justification, a feed value or a URL parameter is always shown as the characters it is.
No other dashboard module calls these Streamlit functions (tests/dashboard/test_safe_rendering.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, Final

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard.badges import Html
from dashboard.formatting import format_date
from dashboard.i18n import Catalogue
from dashboard.markup import Markup, plain
from storage.errors import DatabaseUnavailable, StorageError

FLASH_KEY: Final = "flash_message"
_LOG = logging.getLogger("som.dashboard")


def markdown(text: Markup) -> None:
    """A paragraph, list item or small heading."""
    st.markdown(text)


def caption(text: Markup) -> None:
    """Small grey text under a heading or beside a table."""
    st.caption(text)


def title(text: Markup) -> None:
    """The page's heading (no anchor link: a title may hold a detainee's name, which must not
    end up in an address someone copies)."""
    st.title(text, anchor=False)


def subheader(text: Markup) -> None:
    """A section heading."""
    st.subheader(text, anchor=False)


def info(text: Markup, icon: str | None = None) -> None:
    """A blue notice."""
    st.info(text, icon=icon)


def warning(text: Markup, icon: str | None = None) -> None:
    """A yellow notice."""
    st.warning(text, icon=icon)


def error(text: Markup, icon: str | None = None, into: DeltaGenerator | None = None) -> None:
    """A red notice, on the page or in a place kept for it (`st.empty()`)."""
    (into or st).error(text, icon=icon)


def success(text: Markup, icon: str | None = None) -> None:
    """A green confirmation."""
    st.success(text, icon=icon)


def show_html(html: Html) -> None:
    """Show a piece of the dashboard's own, escaped HTML (`dashboard.badges`)."""
    st.markdown(html, unsafe_allow_html=True)


def table(
    columns: Mapping[Markup, Sequence[Markup]],
    index: Sequence[Markup] | None = None,
    **options: Any,
) -> None:
    """A static table; every heading and cell is `Markup`, since `st.table` reads Markdown."""
    # Object columns keep each cell exactly as given (no conversion to another string type).
    rows = None if index is None else list(index)
    st.table(pd.DataFrame(dict(columns), index=rows, dtype=object), **options)


def tabs(labels: Sequence[Markup]) -> Sequence[DeltaGenerator]:
    """Tabs with these labels, one container each."""
    return st.tabs(list(labels))


def button(label: Markup, *, help: Markup | None = None, **options: Any) -> bool:
    """A button; whether it was pressed in this run."""
    return st.button(label, help=help, **options)


def form_submit_button(label: Markup, *, help: Markup | None = None, **options: Any) -> bool:
    """The submit button of the surrounding `st.form`; whether it was pressed."""
    return st.form_submit_button(label, help=help, **options)


def download_button(
    label: Markup, data: str, *, help: Markup | None = None, **options: Any
) -> bool:
    """A button that hands `data` to the browser as a file; whether it was pressed."""
    return st.download_button(label, data, help=help, **options)


def page_link(page: str, label: Markup, **options: Any) -> None:
    """A link to another page of the dashboard."""
    st.page_link(page, label=label, **options)


def selectbox(
    label: Markup, options: Sequence[Any], *, help: Markup | None = None, **settings: Any
) -> Any:
    """Choose one of `options` (the options themselves are shown as text, not Markdown)."""
    return st.selectbox(label, options, help=help, **settings)


def multiselect(
    label: Markup, options: Sequence[Any], *, help: Markup | None = None, **settings: Any
) -> list[Any]:
    """Choose any of `options` (shown as text, not Markdown)."""
    return st.multiselect(label, options, help=help, **settings)


def radio(
    label: Markup,
    options: Sequence[Any],
    format_func: Callable[[Any], Markup],
    *,
    help: Markup | None = None,
    **settings: Any,
) -> Any:
    """Choose one of `options`; a radio reads its option labels as Markdown, hence `Markup`."""
    return st.radio(label, options, format_func=format_func, help=help, **settings)


def text_input(label: Markup, *, help: Markup | None = None, **settings: Any) -> str:
    """A line of text typed by the user."""
    return st.text_input(label, help=help, **settings) or ""


def text_area(label: Markup, *, help: Markup | None = None, **settings: Any) -> str:
    """Several lines of text typed by the user."""
    return st.text_area(label, help=help, **settings) or ""


def date_input(label: Markup, *, help: Markup | None = None, **settings: Any) -> Any:
    """A date chosen by the user (or None)."""
    return st.date_input(label, help=help, **settings)


def toggle(label: Markup, *, help: Markup | None = None, **settings: Any) -> bool:
    """An on/off switch."""
    return st.toggle(label, help=help, **settings)


def file_uploader(label: Markup, *, help: Markup | None = None, **settings: Any) -> Any:
    """A file the user hands to the page (or None before one is chosen)."""
    return st.file_uploader(label, help=help, **settings)


def number_input(label: Markup, *, help: Markup | None = None, **settings: Any) -> Any:
    """A number typed by the user (or None while the box is empty)."""
    return st.number_input(label, help=help, **settings)


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
        error(texts("errors.database", kind=kind), icon=":material/error:")


def refreshing_notice(as_of: date, texts: Catalogue) -> None:
    """Say that the bands shown hold for `as_of`, not yet today, and a re-score is due."""
    info(texts("common.refreshing", as_of=format_date(as_of, texts)), icon=":material/autorenew:")


def flash(message: Markup) -> None:
    """Keep a confirmation to show once on the next run (after `st.rerun`)."""
    st.session_state[FLASH_KEY] = message


def show_flash() -> None:
    """Show the confirmation kept by `flash`, once."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        # Session state holds any object; whatever is not Markup is shown as the text it is.
        success(
            plain(message if isinstance(message, str) else str(message)),
            icon=":material/check_circle:",
        )


#: The print form's styles: a paper-like page on screen; on paper only the form (no sidebar,
#: header, toolbar or buttons), tables kept whole where they fit. Fixed text, no outside files.
_PRINT_STYLES: Final = """<style>
.stMainBlockContainer { max-width: 60rem; }
.stMainBlockContainer table { width: 100%; }
.stMainBlockContainer th, .stMainBlockContainer td { border: 1px solid #8c8f94 !important; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stPageLink"], .stButton { display: none !important; }
  .stMainBlockContainer { max-width: none; padding: 0 !important; }
  .stApp, .stMain { background: #ffffff !important; }
  table, [data-testid="stVerticalBlockBorderWrapper"] { break-inside: avoid; }
}
</style>"""


def print_styles() -> None:
    """Make the page print as a form (the print view, `dashboard/screens/form_print.py`)."""
    st.markdown(_PRINT_STYLES, unsafe_allow_html=True)
