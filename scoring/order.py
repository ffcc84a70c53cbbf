"""The order of the list (SOM.md, "Order of the list")."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.vocabulary import BAND_ORDER

Positions = npt.NDArray[np.intp]


def order_positions(
    band_rank: npt.NDArray[Any],
    tier_score: npt.NDArray[Any],
    intake_days: npt.NDArray[np.int64],
    intake_missing: npt.NDArray[np.bool_],
    skn: Any,
) -> Positions:
    """Row positions in SOM order: band rank, tier score high to low, intake oldest first
    (unknown last), then skn compared as text."""
    intake = np.where(intake_missing, np.iinfo(np.int64).max, intake_days)
    # np.lexsort sorts by the last key first.
    return np.lexsort(
        (
            _text_rank(skn),
            intake,
            -np.asarray(tier_score, dtype=np.int64),
            np.asarray(band_rank, dtype=np.int64),
        )
    )


def _text_rank(values: Any) -> npt.NDArray[np.int64]:
    """Rank of each text in code-point order (ties broken by position)."""
    array = values.array if isinstance(values, pd.Series) else values
    if isinstance(array, pd.arrays.ArrowStringArray):
        order = np.asarray(array.argsort())
    else:
        text = np.array([str(v) for v in array], dtype=str)
        order = np.argsort(text, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def dashboard_positions(frame: pd.DataFrame, band_column: str = "band") -> Positions:
    """Positions that sort `frame` in SOM order.

    `frame` needs the columns `band_column`, `tier_score`, `intake_date` and `skn`.
    """
    dates = frame["intake_date"].to_numpy(dtype="datetime64[s]")
    return order_positions(
        pd.Categorical(frame[band_column], categories=list(BAND_ORDER)).codes,
        frame["tier_score"].to_numpy(dtype=np.int64),
        dates.astype(np.int64),
        np.isnat(dates),
        frame["skn"],
    )


def dashboard_order(frame: pd.DataFrame, band_column: str = "band") -> pd.DataFrame:
    """`frame` sorted in SOM order (see `order_positions`)."""
    return frame.take(dashboard_positions(frame, band_column))
