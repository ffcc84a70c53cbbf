"""Which band a detainee is shown under: the effective band, a stale override, and the split of
the weighing band. The one place these are decided; the list, the detainee view and the stored
record all ask here.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from scoring.vocabulary import BAND_ORDER

#: The two halves of the weighing band when the policy's `split_weighing` is on (SOM.md,
#: optional tiers): *weighing – first* (tier score ≥ 1) and *weighing – if time permits*.
WEIGHING_HALVES: Final[tuple[str, str]] = ("weighing_first", "weighing_if_time")

#: Every band a row can be shown under, in list order: the bands, each half after weighing.
DISPLAY_BANDS: Final[tuple[str, ...]] = tuple(
    shown
    for band in BAND_ORDER
    for shown in ((band, *WEIGHING_HALVES) if band == "weighing" else (band,))
)


def effective_band(automated_band: str, override_band: str | None) -> str:
    """The band that decides the position: the active override's band, else the automated one."""
    return override_band if override_band else automated_band


def override_is_stale(override_input_version_id: int | None, current_input_version_id: int) -> bool:
    """Whether the active override (if any) was made on older input data than the current.

    Re-scoring alone (a new day, a new policy) never makes an override stale; new data does.
    """
    return (
        override_input_version_id is not None
        and override_input_version_id != current_input_version_id
    )


def bands_shown(split_weighing: bool) -> tuple[str, ...]:
    """The bands the list can show under a policy, in list order."""
    if split_weighing:
        return tuple(band for band in DISPLAY_BANDS if band != "weighing")
    return BAND_ORDER


def display_bands(bands: pd.Series, tier_scores: pd.Series, split_weighing: bool) -> pd.Series:
    """The band each row is shown under: weighing splits into first / if time when asked."""
    if not split_weighing:
        return bands.astype(object)
    weighing = (bands == "weighing").to_numpy()
    first = weighing & (tier_scores.to_numpy() >= 1)
    shown = np.where(
        first, WEIGHING_HALVES[0], np.where(weighing, WEIGHING_HALVES[1], bands.to_numpy())
    )
    return pd.Series(shown, index=bands.index, dtype=object)
