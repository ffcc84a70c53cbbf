"""The order of the list (SOM.md, "Order of the list")."""

from __future__ import annotations

import numpy as np
import pandas as pd

from scoring.vocabulary import BAND_RANK


def dashboard_order(frame: pd.DataFrame, band_column: str = "band") -> pd.DataFrame:
    """Sort rows in SOM order: band, tier score high to low, intake oldest first, then skn.

    `frame` needs the columns `band_column`, `tier_score`, `intake_date` and `skn`; an unknown
    intake date sorts last within its band and tier score.
    """
    keys = pd.DataFrame(
        {
            "band": frame[band_column].map(BAND_RANK).to_numpy(dtype=np.int64),
            "tier": -frame["tier_score"].to_numpy(dtype=np.int64),
            "intake_missing": frame["intake_date"].isna().to_numpy(),
            "intake": frame["intake_date"].to_numpy(dtype="datetime64[s]"),
            "skn": frame["skn"].astype(str).to_numpy(dtype=object),
        }
    )
    order = keys.sort_values(
        ["band", "tier", "intake_missing", "intake", "skn"], kind="stable"
    ).index.to_numpy()
    return frame.iloc[order]
