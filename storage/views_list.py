"""The finished triage list: every current admission with everything the list screen shows.

Starts from `list_current_admissions` (SOM order by effective band) and adds what the screen
would otherwise have to work out itself: the band a row is shown under (the split weighing
band), days since intake and the screening day ahead ("dag 12 van 21"), whether the row
awaits the joint decision, the reason in words in Dutch and English (the weighing profile and
tier score of a weighing row; the override beside the automated reason), and the markers.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final, get_args

import numpy as np
import pandas as pd

from scoring.catalogue.weighing import PROFILE
from scoring.explain import PROFILE_COUNT, decisive_reason
from scoring.policy import Policy
from scoring.text import Text
from scoring.vocabulary import BAND_LABELS, Language
from storage.choices import REASON_CATEGORIES
from storage.views_bands import display_bands
from storage.views_detainee import tiers_switched_on

#: Languages every row's reason is written in (`reason_nl`, `reason_en`).
LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)

#: Markers a row can carry, in the order they show (labels are the screen's).
MARKERS: Final[tuple[str, ...]] = (
    "signal",
    "stale_override",
    "override",
    "open_question",
    "warning",
)

#: Effective bands whose rows wait for the joint decision of CM and RW (SOM.md §7).
AWAITING_BANDS: Final = frozenset({"priority", "weighing"})

#: The day of the admission against the screening day, for the list's day column.
DAY_OF: Final = Text("dag {day} van {screening_day}", "day {day} of {screening_day}")
#: A weighing row's reason: the weighing profile and the tier score beside "no criterion".
WEIGHING_REASON: Final = Text(
    "{reason}; weegprofiel {profile}", "{reason}; weighing profile {profile}"
)
PROFILE_UNKNOWN_COUNT: Final = Text("{count} onbekend", "{count} unknown")
TIER_SCORE: Final = Text("tierscore {score}", "tier score {score}")
#: An overridden row's reason: the override first, the automated reason beside it.
OVERRIDE_REASON: Final = Text(
    "override door {by}: {band} ({category}) — automatisch: {automated}",
    "override by {by}: {band} ({category}) — automated: {automated}",
)


def reason_column(language: Language) -> str:
    """The column of the list frame holding the reason in `language`."""
    return f"reason_{language}"


def day_column(language: Language) -> str:
    """The column of the list frame holding "dag N van 21" in `language`."""
    return f"day_{language}"


def finished_rows(frame: pd.DataFrame, policy: Policy, as_of: date) -> pd.DataFrame:
    """`frame` (rows of `list_current_admissions`) with the columns the screen shows.

    Adds `days_since_intake` (to `as_of`; NA when the intake date is unknown),
    `screening_in_days` (the policy's screening day minus days since intake: 0 on the day,
    negative after it; NA without intake date), `day_<language>` ("dag 9 van 21"; empty
    without intake date), `awaiting_decision` (effective band priority or weighing and no
    decision yet), `shown_band`, `automated_band_shown` (the automated band where an override
    differs, else None), `override_active`, `markers` (keys in `MARKERS` order) and
    `reason_<language>` (`row_reasons`).
    """
    days = (pd.Timestamp(as_of) - frame["intake_date"]).dt.days.astype("Int64")
    differs = (frame["band"] != frame["effective_band"]).to_numpy()
    awaiting = frame["effective_band"].isin(AWAITING_BANDS).to_numpy(dtype=bool) & (
        frame["decision"].isna().to_numpy(dtype=bool)
    )
    finished = frame.assign(
        days_since_intake=days,
        screening_in_days=policy.screening_day - days,
        awaiting_decision=awaiting,
        shown_band=display_bands(
            frame["effective_band"], frame["tier_score"], policy.split_weighing
        ),
        automated_band_shown=frame["band"].astype(object).where(differs, None),
        override_active=frame["override_id"].notna().to_numpy(dtype=bool),
    )
    finished["markers"] = row_markers(finished)
    for language in LANGUAGES:
        finished[day_column(language)] = day_words(days, policy, language)
        finished[reason_column(language)] = row_reasons(finished, policy, language)
    return finished


def day_words(days: pd.Series, policy: Policy, language: Language) -> pd.Series:
    """Each row's day since intake against the screening day ("dag 9 van 21"); "" if unknown."""
    words = {
        day: DAY_OF.render(language, {"day": day, "screening_day": policy.screening_day})
        for day in days.dropna().unique().tolist()
    }
    return pd.Series(
        ["" if pd.isna(day) else words[day] for day in days.tolist()],
        index=days.index,
        dtype=object,
    )


def row_reasons(frame: pd.DataFrame, policy: Policy, language: Language) -> pd.Series:
    """The reason column of the list: each row explains the band it is shown under.

    An active override leads ("override door X: prioriteit (professionele weging)") with the
    automated reason beside it; a weighing row adds its weighing profile ("3 van 5") and, when
    the policy counts tiers, its tier score. Other rows give `reason_words`. Needs what
    `reason_words` needs, plus `override_active`, `override_band`, `override_reason`,
    `override_by`, `profile_signals`, `profile_known` and `tier_score`.
    """
    automated = reason_words(frame, policy, language)
    weighing = (frame["band"] == "weighing").to_numpy()
    tiers_on = tiers_switched_on(policy)
    out = []
    for row, reason, is_weighing in zip(
        frame.itertuples(index=False), automated.tolist(), weighing.tolist(), strict=True
    ):
        if is_weighing:
            reason = WEIGHING_REASON.render(
                language, {"reason": reason, "profile": _profile(row, language)}
            )
            if tiers_on:
                reason += "; " + TIER_SCORE.render(language, {"score": _whole(row.tier_score)})
        if row.override_active:
            reason = OVERRIDE_REASON.render(
                language,
                {
                    "by": row.override_by,
                    "band": BAND_LABELS[str(row.override_band)].get(language),
                    "category": _category(row.override_reason, language),
                    "automated": reason,
                },
            )
        out.append(reason)
    return pd.Series(out, index=frame.index, dtype=object)


def _profile(row: Any, language: Language) -> str:
    text = PROFILE_COUNT.render(language, {"signals": _whole(row.profile_signals)})
    unknown = len(PROFILE) - _whole(row.profile_known)
    if unknown > 0:
        text += f" ({PROFILE_UNKNOWN_COUNT.render(language, {'count': unknown})})"
    return text


def _category(key: object, language: Language) -> str:
    label = REASON_CATEGORIES.get(str(key))
    return str(key) if label is None else label.get(language)


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

    Needs `unseen_signals`, `override_active`, `override_stale`, `open_questions` and
    `warnings` (the current decision has a column of its own).
    """
    stale = frame["override_stale"].to_numpy(dtype=bool)
    flags = {
        "signal": (frame["unseen_signals"] > 0).to_numpy(),
        "stale_override": stale,
        "override": frame["override_active"].to_numpy(dtype=bool) & ~stale,
        "open_question": frame["open_questions"].map(bool).to_numpy(dtype=bool),
        "warning": frame["warnings"].map(bool).to_numpy(dtype=bool),
    }
    # Few distinct combinations exist; build each tuple once and share it.
    bits = np.zeros(len(frame), dtype=np.int64)
    for position, marker in enumerate(MARKERS):
        bits |= flags[marker].astype(np.int64) << position
    distinct, inverse = np.unique(bits, return_inverse=True)
    combos = [tuple(m for i, m in enumerate(MARKERS) if int(value) >> i & 1) for value in distinct]
    return pd.Series([combos[i] for i in inverse.reshape(-1)], index=frame.index, dtype=object)


def _whole(value: Any) -> int:
    return int(value)
