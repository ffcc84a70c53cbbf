"""How bands look on the screen: the band a row is shown under, its colour and its order.

With the policy's `split_weighing` on, the weighing band shows as two groups: *weighing – first*
(tier score ≥ 1) and *weighing – if time permits* (tier score 0) (SOM.md, optional tiers).
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from scoring.vocabulary import BAND_ORDER

#: Bands as the list shows them, in list order, including the two halves of a split weighing.
DISPLAY_BANDS: Final[tuple[str, ...]] = (
    "priority",
    "weighing",
    "weighing_first",
    "weighing_if_time",
    "defer",
    "not_yet",
    "no_priority",
)

#: Sober, colour-blind-friendly colours (Okabe–Ito based); red-ish means "act", grey "not now".
BAND_COLOURS: Final[dict[str, str]] = {
    "priority": "#C0392B",
    "weighing": "#E69F00",
    "weighing_first": "#D55E00",
    "weighing_if_time": "#F0C05A",
    "defer": "#0072B2",
    "not_yet": "#8E9AAF",
    "no_priority": "#B8BEC6",
}


def display_bands(bands: pd.Series, tier_scores: pd.Series, split_weighing: bool) -> pd.Series:
    """The band each row is shown under: weighing splits into first / if time when asked."""
    if not split_weighing:
        return bands.astype(object)
    weighing = (bands == "weighing").to_numpy()
    first = weighing & (tier_scores.to_numpy() >= 1)
    shown = np.where(first, "weighing_first", np.where(weighing, "weighing_if_time", bands))
    return pd.Series(shown, index=bands.index, dtype=object)


def bands_shown(split_weighing: bool) -> tuple[str, ...]:
    """The bands the list can show under a policy, in list order."""
    if split_weighing:
        return tuple(b for b in DISPLAY_BANDS if b != "weighing")
    return BAND_ORDER
