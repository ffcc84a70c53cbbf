"""The parts of the triage list screen: filter bar, counts, the table and its legend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, Final

import pandas as pd
import streamlit as st

from dashboard import render
from dashboard.badges import count_bars
from dashboard.bands import BAND_COLOURS
from dashboard.formatting import format_count
from dashboard.glossary import explained
from dashboard.i18n import Catalogue
from dashboard.triage import (
    DECISION_CHOICES,
    MARKER_COLOURS,
    MARKERS,
    NO_DECISION,
    ORDERS,
    PAGE_ROWS,
    TABLE_COLUMNS,
    Filters,
    filter_options,
    table_frame,
)
from storage.choices import DECISION_SHORT_LABELS
from storage.views import TriageList

TABLE_KEY: Final = "triage_table"
#: The widget key of each filter: `filter_` and the name of its field of `Filters`.
FILTER_KEYS: Final = tuple(f"filter_{field.name}" for field in fields(Filters))
TABLE_HEIGHT: Final = 560


def keep_filters() -> None:
    """Keep the filters when the user visits a detainee and comes back.

    Streamlit forgets the state of widgets that a run did not draw; writing each key back to
    itself at the top of the screen keeps it (Streamlit's documented way).
    """
    for key in FILTER_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def filter_choices(listing: TriageList) -> dict[str, list[str]]:
    """The choices of each filter that offers a list of them, by field of `Filters`."""
    return {
        "prisons": filter_options(listing.frame, "pi"),
        "phases": ["remand", "sentenced"],
        "bands": list(listing.bands),
        "decisions": list(DECISION_CHOICES),
    }


def saved_filters(filters: Filters) -> dict[str, object]:
    """`filters` as they are kept with the account (lists where the dataclass has tuples)."""
    return {
        field.name: list(value) if isinstance(value, tuple) else value
        for field in fields(Filters)
        for value in (getattr(filters, field.name),)
    }


def restore_filters(saved: object, listing: TriageList) -> None:
    """Put back the filters a person chose last (`storage.preferences`, key `list_view`),
    before the filter bar is drawn. Whatever no longer fits — a prison no longer in the list, a
    filter that no longer exists, a value of the wrong kind — is left at its default."""
    if not isinstance(saved, dict):
        return
    choices = filter_choices(listing)
    for field in fields(Filters):
        value = saved.get(field.name)
        key = f"filter_{field.name}"
        if field.name in choices:
            if isinstance(value, list) and all(item in choices[field.name] for item in value):
                st.session_state[key] = value
        elif field.name == "order":
            if value in ORDERS:
                st.session_state[key] = value
        elif isinstance(value, type(field.default)):
            st.session_state[key] = value


def filter_bar(listing: TriageList, texts: Catalogue) -> Filters:
    """Prison, phase, band, free text, the two "only" switches and the two of the meeting
    (screening this week, awaiting the joint decision); returns the choice."""
    choices = filter_choices(listing)
    words: dict[str, Callable[[str], str]] = {
        "prisons": str,
        "phases": texts.phase,
        "bands": texts.band,
        "decisions": lambda key: _decision_word(key, texts),
    }
    chosen: dict[str, tuple[str, ...]] = {}
    for column, field in zip(st.columns([2, 2, 3, 3]), words, strict=True):
        with column:
            chosen[field] = tuple(
                render.multiselect(
                    texts(f"filters.{field}"),
                    choices[field],
                    key=f"filter_{field}",
                    format_func=words[field],
                    placeholder=texts("filters.all"),
                    help=texts(f"filters.{field}_help"),
                )
            )
    search, order = st.columns([2, 1])
    with search:
        text = render.text_input(
            texts("filters.search"), key="filter_search", placeholder=texts("filters.search_hint")
        )
    with order:
        chosen_order = render.selectbox(
            texts("filters.order"),
            ORDERS,
            key="filter_order",
            format_func=lambda key: texts(f"filters.order_{key}"),
        )
    # Two rows of two: four switches side by side cut their labels off at 1,366 px.
    signals, this_week = st.columns(2)
    open_questions, awaiting = st.columns(2)
    with signals:
        only_signals = render.toggle(texts("filters.only_signals"), key="filter_only_signals")
    with open_questions:
        only_open = render.toggle(
            texts("filters.only_open_questions"), key="filter_only_open_questions"
        )
    with this_week:
        screening_this_week = render.toggle(
            texts("filters.screening_this_week"),
            key="filter_screening_this_week",
            help=explained(
                texts("filters.screening_this_week_help"), texts.language, "screeningsdag", "MDO"
            ),
        )
    with awaiting:
        awaiting_decision = render.toggle(
            texts("filters.awaiting_decision"),
            key="filter_awaiting_decision",
            help=texts("filters.awaiting_decision_help"),
        )
    return Filters(
        **chosen,
        search=text,
        only_signals=only_signals,
        only_open_questions=only_open,
        screening_this_week=screening_this_week,
        awaiting_decision=awaiting_decision,
        order=chosen_order,
    )


def _decision_word(key: str, texts: Catalogue) -> str:
    if key == NO_DECISION:
        return str(texts("filters.no_decision"))
    return DECISION_SHORT_LABELS[key].get(texts.language)


def counts_panel(counts: pd.Series, shown: int, total: int, texts: Catalogue) -> None:
    """The count per band as a small bar chart, with how many rows the filters leave."""
    bars = {str(band): int(count) for band, count in counts.items()}
    render.show_html(count_bars(bars, texts, texts("list.counts_heading")))
    render.caption(
        texts("list.shown", shown=format_count(shown, texts), total=format_count(total, texts))
    )


def triage_table(
    frame: pd.DataFrame, listing: TriageList, texts: Catalogue, *, opens: bool = True
) -> str | None:
    """The rows of `frame` (of `listing`) as a table; returns the SKN of the selected row
    (never, when `opens` is False: the role has no detainee page). Without names (a role that
    sees counts and SKNs) the name column is left out."""
    table = table_frame(frame, texts, tiers_on=listing.tiers_on)
    columns = [column for column in TABLE_COLUMNS if column in table.columns]
    if not listing.names_shown:
        columns = [column for column in columns if column != "name"]
    event = st.dataframe(
        table,
        key=TABLE_KEY,
        hide_index=True,
        height=TABLE_HEIGHT,
        column_order=columns,
        column_config=column_config(listing.bands, texts),
        on_select="rerun",
        # A click on any cell (the name, the band, …) opens the detainee, as does the row's box.
        selection_mode=["single-row", "single-cell"],
        placeholder="",
        alt=texts("list.table_name"),
    )
    if not opens:
        return None
    selection = event.selection
    rows = list(selection.rows) or [cell[0] for cell in selection.cells]
    if not rows or rows[0] >= len(table):
        return None
    return str(table["skn"].iloc[rows[0]])


def column_config(shown_bands: tuple[str, ...], texts: Catalogue) -> dict[str, Any]:
    """Heading, help and width of each column of the table. The essential columns (SKN, name,
    band, day, reason, markers) fit beside the sidebar at 1,366 px (a browser test checks)."""

    def text_column(column: str, width: int, *terms: str, **options: Any) -> Any:
        """A column of words whose tooltip adds the glossary's line for each of `terms`."""
        return st.column_config.TextColumn(
            texts(f"columns.{column}"),
            help=explained(texts(f"columns.{column}_help"), texts.language, *terms),
            width=width,
            **options,
        )

    return {
        "skn": text_column("skn", 75, "SKN", pinned=True),
        "name": st.column_config.TextColumn(texts("columns.name"), width=130, pinned=True),
        "pi": text_column("pi", 75, "PI"),
        "phase": text_column("phase", 110, "HvB"),
        "days": st.column_config.NumberColumn(
            texts("columns.days"), help=texts("columns.days_help"), format="%d", width=60
        ),
        "day": text_column("day", 105, "screeningsdag"),
        "band": st.column_config.MultiselectColumn(
            texts("columns.band"),
            help=explained(texts("columns.band_help"), texts.language, "weging", "override"),
            options=[texts.band(b) for b in shown_bands],
            color=[BAND_COLOURS[b] for b in shown_bands],
            width=130,
        ),
        "automated_band": text_column("automated_band", 130),
        "tier_score": st.column_config.NumberColumn(
            texts("columns.tier_score"),
            help=explained(texts("columns.tier_score_help"), texts.language, "tierscore"),
            width=55,
        ),
        "reason": text_column("reason", 270, "weegprofiel"),
        "markers": st.column_config.MultiselectColumn(
            texts("columns.markers"),
            help=texts("columns.markers_help"),
            options=[texts(f"markers.{marker}") for marker in MARKERS],
            color=[MARKER_COLOURS[m] for m in MARKERS],
            width=150,
        ),
        "decision": text_column("decision", 160, "besluit", "MDO"),
    }


def page_buttons(start: int, total: int, texts: Catalogue, *, key: str) -> None:
    """Which rows the page shows, and the buttons to the previous and next page (they move the
    first row kept under `key`)."""
    if total <= PAGE_ROWS and start == 0:
        return

    def move(to: int) -> None:
        st.session_state[key] = max(0, min(to, total - 1))

    back, where, onward = st.columns([1, 3, 1])
    with back:
        render.button(
            texts("list.previous"),
            key="list_previous",
            disabled=start == 0,
            on_click=move,
            args=(start - PAGE_ROWS,),
            icon=":material/arrow_back:",
        )
    with where:
        render.caption(
            texts(
                "list.rows",
                first=format_count(start + 1, texts),
                last=format_count(min(start + PAGE_ROWS, total), texts),
                total=format_count(total, texts),
            )
        )
    with onward:
        render.button(
            texts("list.next"),
            key="list_next",
            disabled=start + PAGE_ROWS >= total,
            on_click=move,
            args=(start + PAGE_ROWS,),
            icon=":material/arrow_forward:",
        )
