"""The order of the list (SOM.md, "Order of the list")."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.vocabulary import BAND_ORDER


def dashboard_positions(frame: pd.DataFrame, band_column: str = "band") -> npt.NDArray[np.intp]:
    """Row positions in SOM order: band, tier score high to low, intake oldest first, skn.

    `frame` needs the columns `band_column`, `tier_score`, `intake_date` and `skn`; an unknown
    intake date sorts last within its band and tier score; skn compares as text.
    """
    band = pd.Categorical(frame[band_column], categories=list(BAND_ORDER)).codes
    tier = -frame["tier_score"].to_numpy(dtype=np.int64)
    intake = frame["intake_date"].to_numpy(dtype="datetime64[s]").astype(np.int64)
    intake = np.where(
        np.isnat(frame["intake_date"].to_numpy(dtype="datetime64[s]")),
        np.iinfo(np.int64).max,
        intake,
    )
    # Fixed-width unicode sorts in C, in the same code-point order as Python strings.
    skn_text = np.array(frame["skn"].tolist(), dtype=str)
    skn_rank = np.empty(len(skn_text), dtype=np.int64)
    skn_rank[np.argsort(skn_text, kind="stable")] = np.arange(len(skn_text))
    # np.lexsort sorts by the last key first.
    return np.lexsort((skn_rank, intake, tier, band))


def dashboard_order(frame: pd.DataFrame, band_column: str = "band") -> pd.DataFrame:
    """`frame` sorted in SOM order (see `dashboard_positions`)."""
    return frame.take(dashboard_positions(frame, band_column))
