"""The triage list as plain data: filters, order, counts, and the columns the table shows.

Works on the list frame of `dashboard.data.TriageList` (one row per current admission) and
never touches Streamlit, so every rule of the list can be tested directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from dashboard.bands import bands_shown, display_bands
from dashboard.explanation import tiers_switched_on
from dashboard.i18n import Catalogue
from scoring.catalogue import AUTOMATED
from scoring.explain import NO_CRITERION, NOT_YET
from scoring.order import dashboard_order
from scoring.policy import Policy
from scoring.vocabulary import BAND_RANK

#: Markers a row can carry, in the order they show; labels live under `markers.` in the catalogue.
MARKERS: Final[tuple[str, ...]] = (
    "signal",
    "stale_override",
    "override",
    "open_question",
    "warning",
    "decision",
)
MARKER_COLOURS: Final[dict[str, str]] = {
    "signal": "#C0392B",
    "stale_override": "#D55E00",
    "override": "#6A5ACD",
    "open_question": "#0072B2",
    "warning": "#8E6C00",
    "decision": "#2E7D32",
}

#: Columns of the table on the list, in order (labels under `columns.` in the catalogue).
TABLE_COLUMNS: Final[tuple[str, ...]] = (
    "skn",
    "name",
    "band",
    "automated_band",
    "tier_score",
    "reason",
    "markers",
    "days",
    "phase",
    "pi",
)


@dataclass(frozen=True)
class Filters:
    """What the user narrowed the list to; empty selections mean "all"."""

    prisons: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    bands: tuple[str, ...] = ()
    search: str = ""
    only_signals: bool = False
    only_open_questions: bool = False


def in_list_order(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in the effective order of SOM.md: an active override moves its row."""
    return dashboard_order(frame, band_column="effective_band")


def with_display_band(frame: pd.DataFrame, policy: Policy) -> pd.DataFrame:
    """Add `shown_band`: the effective band, split into first / if time when the policy asks."""
    shown = display_bands(frame["effective_band"], frame["tier_score"], policy.split_weighing)
    return frame.assign(shown_band=shown)


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The rows that pass every filter (the frame needs `shown_band`)."""
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
        keep &= (frame["unseen_signals"] > 0).to_numpy()
    if filters.only_open_questions:
        keep &= frame["open_questions"].map(bool).to_numpy(dtype=bool)
    return frame[keep]


def band_counts(frame: pd.DataFrame, policy: Policy) -> pd.Series:
    """How many rows sit in each shown band, in list order, zeros included."""
    order = list(bands_shown(policy.split_weighing))
    return frame["shown_band"].value_counts().reindex(order, fill_value=0).astype(int)


def reason_words(frame: pd.DataFrame, policy: Policy, texts: Catalogue) -> pd.Series:
    """The decisive criterion in words (of the automated band), as `Explanation.summary` says it."""
    language = texts.language
    names = {c.id: f"{c.name.get(language)} ({c.id})" for c in AUTOMATED}
    reason = frame["decisive"].map(names).astype(object)
    reason = reason.where(frame["decisive"].notna(), NO_CRITERION.get(language))
    not_yet = (frame["band"] == "not_yet").to_numpy()
    if not_yet.any():
        rows = frame[not_yet]
        # Many rows share (day, provisional band, reason): write each sentence once.
        sentences: dict[tuple[object, str, str], str] = {}
        texts_of_rows = []
        for key in zip(
            rows["days_since_intake"].tolist(),
            rows["provisional_band"].tolist(),
            reason[not_yet].tolist(),
            strict=True,
        ):
            if key not in sentences:
                day, provisional, why = key
                sentences[key] = NOT_YET.render(
                    language,
                    {
                        "day": day,
                        "screening_day": policy.screening_day,
                        "provisional": f"{texts.band(provisional)} — {why}",
                    },
                )
            texts_of_rows.append(sentences[key])
        reason = reason.copy()
        reason[not_yet] = texts_of_rows
    return reason


def row_markers(frame: pd.DataFrame, texts: Catalogue | None = None) -> pd.Series:
    """The markers of each row, in `MARKERS` order: keys, or labels when `texts` is given."""
    flags = {
        "signal": (frame["unseen_signals"] > 0).to_numpy(),
        "stale_override": frame["override_stale"].to_numpy(dtype=bool),
        "override": (frame["override_active"] & ~frame["override_stale"]).to_numpy(dtype=bool),
        "open_question": frame["open_questions"].map(bool).to_numpy(dtype=bool),
        "warning": frame["warnings"].map(bool).to_numpy(dtype=bool),
        "decision": frame["decision_option"].notna().to_numpy(),
    }
    # Few distinct combinations exist; build each list once and share it.
    bits = np.zeros(len(frame), dtype=np.int64)
    for position, marker in enumerate(MARKERS):
        bits |= flags[marker].astype(np.int64) << position
    distinct, inverse = np.unique(bits, return_inverse=True)
    name = (lambda marker: texts(f"markers.{marker}")) if texts else (lambda marker: marker)
    lists = [[name(m) for i, m in enumerate(MARKERS) if int(value) >> i & 1] for value in distinct]
    return pd.Series([lists[i] for i in inverse.reshape(-1)], index=frame.index, dtype=object)


def table_frame(frame: pd.DataFrame, policy: Policy, texts: Catalogue) -> pd.DataFrame:
    """The table the list shows, one row per admission, in the frame's order.

    Band and markers are one-item / many-item lists of labels (in the user's language), so
    the table can colour them and a screen reader or a CSV download reads words, not keys.
    The automated band shows only where an override made it differ from the effective band.
    """
    band_labels = {band: texts.band(band) for band in BAND_RANK}
    automated = frame["band"].map(band_labels).astype(object)
    automated = automated.where(frame["band"] != frame["effective_band"], "")
    table = pd.DataFrame(
        {
            "skn": frame["skn"].astype(str),
            "name": frame["name"].astype(object).where(frame["name"].notna(), ""),
            "pi": frame["pi"].astype(str),
            "phase": frame["phase"].map({p: texts.phase(p) for p in ("remand", "sentenced")}),
            "days": frame["days_since_intake"],
            "band": [[texts.band(band)] for band in frame["shown_band"]],
            "automated_band": automated,
            "tier_score": frame["tier_score"].astype(int),
            "reason": reason_words(frame, policy, texts),
            "markers": row_markers(frame, texts),
        },
        index=frame.index,
    )
    if not tiers_switched_on(policy):
        table = table.drop(columns="tier_score")
    # Repeated words travel to the browser once per distinct value (half the bytes at 10,000).
    for column in ("name", "pi", "phase", "automated_band", "reason"):
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
