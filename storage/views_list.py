"""The finished triage list: every current admission with everything the list screen shows.

Starts from `list_current_admissions` (SOM order by effective band) and adds what the screen
would otherwise have to work out itself: the band a row is shown under (the split weighing
band), days since intake, the reason in words in Dutch and English, and the markers.
"""

from __future__ import annotations

from datetime import date
from typing import Final, get_args

import numpy as np
import pandas as pd

from scoring.explain import decisive_reason
from scoring.policy import Policy
from scoring.vocabulary import Language
from storage.views_bands import display_bands

#: Languages every row's reason is written in (`reason_nl`, `reason_en`).
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)

#: Markers a row can carry, in the order they show (labels are the screen's).
MARKERS: Final[tuple[str, ...]] = (
    "signal",
    "stale_override",
    "override",
    "open_question",
    "warning",
    "decision",
)


def reason_column(language: Language) -> str:
    """The column of the list frame holding the reason in `language`."""
    return f"reason_{language}"


def finished_rows(frame: pd.DataFrame, policy: Policy, as_of: date) -> pd.DataFrame:
    """`frame` (rows of `list_current_admissions`) with the columns the screen shows.

    Adds `days_since_intake` (to `as_of`; NA when the intake date is unknown), `shown_band`,
    `automated_band_shown` (the automated band where an override differs, else None),
    `override_active`, `markers` (keys in `MARKERS` order) and `reason_<language>`.
    """
    days = (pd.Timestamp(as_of) - frame["intake_date"]).dt.days.astype("Int64")
    differs = (frame["band"] != frame["effective_band"]).to_numpy()
    finished = frame.assign(
        days_since_intake=days,
        shown_band=display_bands(
            frame["effective_band"], frame["tier_score"], policy.split_weighing
        ),
        automated_band_shown=frame["band"].astype(object).where(differs, None),
        override_active=frame["override_id"].notna().to_numpy(dtype=bool),
    )
    finished["markers"] = row_markers(finished)
    for language in LANGUAGES:
        finished[reason_column(language)] = reason_words(finished, policy, language)
    return finished


def reason_words(frame: pd.DataFrame, policy: Policy, language: Language) -> pd.Series:
    """The decisive criterion of each row's automated band in words (`decisive_reason`).

    Needs the columns `band`, `provisional_band`, `decisive` and `days_since_intake`.
    """
    # Many rows share (band, provisional band, reason, day): write each sentence once.
    not_yet = (frame["band"] == "not_yet").to_numpy()
    days = frame["days_since_intake"].astype(object).where(not_yet, None).tolist()
    sentences: dict[tuple[object, ...], str] = {}
    out = []
    for key in zip(
        frame["band"].tolist(),
        frame["provisional_band"].tolist(),
        frame["decisive"].tolist(),
        days,
        strict=True,
    ):
        sentence = sentences.get(key)
        if sentence is None:
            band, provisional, decisive, day = key
            facts = {"day": day, "screening_day": policy.screening_day}
            sentence = sentences[key] = decisive_reason(
                str(band),
                str(provisional),
                None if pd.isna(decisive) else str(decisive),
                facts,
                language,
            )
        out.append(sentence)
    return pd.Series(out, index=frame.index, dtype=object)


def row_markers(frame: pd.DataFrame) -> pd.Series:
    """The markers of each row as a tuple of keys, in `MARKERS` order.

    Needs `unseen_signals`, `override_active`, `override_stale`, `open_questions`, `warnings`
    and `decision`.
    """
    stale = frame["override_stale"].to_numpy(dtype=bool)
    flags = {
        "signal": (frame["unseen_signals"] > 0).to_numpy(),
        "stale_override": stale,
        "override": frame["override_active"].to_numpy(dtype=bool) & ~stale,
        "open_question": frame["open_questions"].map(bool).to_numpy(dtype=bool),
        "warning": frame["warnings"].map(bool).to_numpy(dtype=bool),
        "decision": frame["decision"].notna().to_numpy(),
    }
    # Few distinct combinations exist; build each tuple once and share it.
    bits = np.zeros(len(frame), dtype=np.int64)
    for position, marker in enumerate(MARKERS):
        bits |= flags[marker].astype(np.int64) << position
    distinct, inverse = np.unique(bits, return_inverse=True)
    combos = [tuple(m for i, m in enumerate(MARKERS) if int(value) >> i & 1) for value in distinct]
    return pd.Series([combos[i] for i in inverse.reshape(-1)], index=frame.index, dtype=object)
