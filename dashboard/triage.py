"""The triage list on the screen: filters, counts, and the table in the user's words.

Works on the finished list of `storage.views.TriageList` (one row per current admission, in
SOM order, with the shown band, reason and markers already decided) and never touches
Streamlit, so every step of the screen can be tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from dashboard.i18n import Catalogue
from storage.choices import DECISION_SHORT_LABELS
from storage.views import DISPLAY_BANDS, MARKERS, day_column, reason_column

__all__ = [
    "DECISION_CHOICES",
    "MARKERS",
    "MARKER_COLOURS",
    "NO_DECISION",
    "ORDERS",
    "PAGE_ROWS",
    "TABLE_COLUMNS",
    "Filters",
    "apply_filters",
    "band_counts",
    "filter_options",
    "matching",
    "ordered",
    "page_of",
    "table_frame",
    "with_moved_row",
]

#: "Screening this week": the screening day lies at most this many days ahead or behind.
SCREENING_WEEK_DAYS: Final = 7

MARKER_COLOURS: Final[dict[str, str]] = {
    "signal": "#C0392B",
    "stale_override": "#D55E00",
    "override": "#6A5ACD",
    "open_question": "#0072B2",
    "warning": "#8E6C00",
}

#: Columns of the table on the list, in order (labels under `columns.` in the catalogue).
#: The first six are the essential ones: they fit beside the sidebar at 1,366 px.
TABLE_COLUMNS: Final[tuple[str, ...]] = (
    "skn",
    "name",
    "band",
    "day",
    "reason",
    "markers",
    "decision",
    "tier_score",
    "automated_band",
    "days",
    "phase",
    "pi",
)
#: The decision filter's choice for rows without a current decision (beside `DECISION_OPTIONS`).
NO_DECISION: Final = "none"
DECISION_CHOICES: Final[tuple[str, ...]] = (NO_DECISION, *DECISION_SHORT_LABELS)


#: Rows on one page of the list (the browser gets one page at a time).
PAGE_ROWS: Final = 500
#: The orders the list offers: SOM's own (SOM.md section 5), the newest intake first, and the
#: screening day nearest to today first (the meeting's order).
ORDERS: Final[tuple[str, ...]] = ("som", "newest", "screening_day")


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the list to; empty selections mean "all"."""

    prisons: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    search: str = ""
    only_signals: bool = False
    only_open_questions: bool = False
    screening_this_week: bool = False
    awaiting_decision: bool = False
    decisions: tuple[str, ...] = ()
    order: str = "som"


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows that pass every filter."""
    keep = np.ones(len(frame), dtype=bool)
    if filters.prisons:
        keep &= frame["pi"].isin(filters.prisons).to_numpy()
    if filters.phases:
        keep &= frame["phase"].isin(filters.phases).to_numpy()
    if filters.bands:
        keep &= frame["shown_band"].isin(filters.bands).to_numpy()
    needle = filters.search.strip().lower()
    if needle:
        skn = frame["skn"].astype("string").str.lower().str.contains(needle, regex=False)
        name = frame["name"].astype("string").str.lower().str.contains(needle, regex=False)
        keep &= (skn.fillna(False) | name.fillna(False)).to_numpy(dtype=bool)
    if filters.only_signals:
        keep &= frame["has_new_signal"].to_numpy(dtype=bool)
    if filters.only_open_questions:
        keep &= frame["has_open_questions"].to_numpy(dtype=bool)
    if filters.screening_this_week:
        near = frame["screening_in_days"].abs() <= SCREENING_WEEK_DAYS
        keep &= near.fillna(False).to_numpy(dtype=bool)
    if filters.awaiting_decision:
        keep &= frame["awaiting_decision"].to_numpy(dtype=bool)
    if filters.decisions:
        decided = frame["decision"].astype(object).where(frame["decision"].notna(), NO_DECISION)
        keep &= decided.isin(filters.decisions).to_numpy(dtype=bool)
    return ordered(frame[keep], filters.order)


def ordered(frame: pd.DataFrame, order: str) -> pd.DataFrame:
    """`frame` (in SOM order) in one of `ORDERS`; ties keep SOM order, unknown days go last."""
    if order == "newest":
        key = frame["days_since_intake"]
    elif order == "screening_day":
        key = frame["screening_in_days"].abs()
    else:
        return frame
    return (
        frame.assign(_key=key)
        .sort_values("_key", kind="stable", na_position="last")
        .drop(columns="_key")
    )


def with_moved_row(everyone: pd.DataFrame, shown: pd.DataFrame, skn: str | None) -> pd.DataFrame:
    """`shown`, with the row of `skn` put first when a change moved it out of the filters (it
    is in `everyone` but no longer in `shown`), so it does not silently vanish."""
    if skn is None or (shown["skn"] == skn).any():
        return shown
    row = everyone[everyone["skn"] == skn]
    return shown if row.empty else pd.concat([row, shown])


def page_of(frame: pd.DataFrame, skn: str | None, start: int) -> int:
    """Where the page should start: at the row of `skn` when it is in `frame` (the row a
    person comes back to stands on top), else at `start` kept within the frame."""
    if skn is not None:
        at = np.flatnonzero((frame["skn"] == skn).to_numpy())
        if at.size:
            return int(at[0])
    return max(0, min(start, max(len(frame) - 1, 0)))


def band_counts(frame: pd.DataFrame, bands: tuple[str, ...]) -> pd.Series:
    """How many rows sit in each of `bands` (the list's shown bands, in order), zeros included."""
    return frame["shown_band"].value_counts().reindex(list(bands), fill_value=0).astype(int)


def table_frame(frame: pd.DataFrame, texts: Catalogue, *, tiers_on: bool) -> pd.DataFrame:
    """The table the list shows, one row per admission, in the frame's order.

    Band and markers are one-item / many-item lists of labels (in the user's language), so
    the table can colour them and a screen reader or a CSV download reads words, not keys.
    The tier score shows only when the policy counts a tier (`tiers_on`).
    """
    band_labels = {band: texts.band(band) for band in DISPLAY_BANDS}
    marker_labels: dict[tuple[str, ...], list[str]] = {}
    markers = []
    for keys in frame["markers"].tolist():
        labels = marker_labels.get(keys)
        if labels is None:
            labels = marker_labels[keys] = [texts(f"markers.{marker}") for marker in keys]
        markers.append(labels)
    automated = frame["automated_band_shown"]
    table = pd.DataFrame(
        {
            "skn": frame["skn"].astype(str),
            "name": frame["name"].astype(object).where(frame["name"].notna(), ""),
            "pi": frame["pi"].astype(str),
            "phase": frame["phase"].map({p: texts.phase(p) for p in ("remand", "sentenced")}),
            "days": frame["days_since_intake"],
            "day": frame[day_column(texts.language)],
            "band": [[band_labels[band]] for band in frame["shown_band"]],
            "automated_band": automated.map(band_labels)
            .astype(object)
            .where(automated.notna(), ""),
            "tier_score": frame["tier_score"].astype(int),
            "reason": frame[reason_column(texts.language)],
            "markers": pd.Series(markers, index=frame.index, dtype=object),
            "decision": frame["decision"].map(
                {key: label.get(texts.language) for key, label in DECISION_SHORT_LABELS.items()}
            ),
        },
        index=frame.index,
    )
    if not tiers_on:
        table = table.drop(columns="tier_score")
    # Repeated words travel to the browser once per distinct value (half the bytes at 10,000).
    table["decision"] = table["decision"].astype(object).where(table["decision"].notna(), "")
    for column in ("name", "pi", "phase", "automated_band", "reason", "day", "decision"):
        table[column] = table[column].astype("category")
    return table.reset_index(drop=True)


def filter_options(frame: pd.DataFrame, column: str) -> list[str]:
    """The distinct values of a column, sorted, for a filter's choices."""
    return sorted(str(v) for v in frame[column].dropna().unique())


def matching(frame: pd.DataFrame, text: str, limit: int = 25) -> pd.DataFrame:
    """The rows whose SKN or name contains `text`, at most `limit`; none for empty text."""
    if not text.strip():
        return frame.iloc[0:0]
    return apply_filters(frame, Filters(search=text)).head(limit)
