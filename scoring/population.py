"""A population prepared for the rules: columnar facts derived once from the input frame.

Every rule reads from a `Population`, never from the clock: `as_of` and the policy are fixed
when the population is built, so replaying stored inputs gives the same answer.
Three-valued facts are pandas nullable booleans (`pd.arrays.BooleanArray`), whose `&`, `|` and
`~` follow Kleene logic: unknown is `<NA>`.
"""

from __future__ import annotations

import operator
import re
from datetime import date
from functools import cached_property
from typing import Final, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.policy import Policy

Tri = pd.arrays.BooleanArray
Mask = npt.NDArray[np.bool_]
Days = npt.NDArray[np.int64]

#: An article of the Wetboek van Strafrecht, after removing spaces and lower-casing
#: (SOM.md, T2): optional `sr`/`wvsr`/`art.`/`art`, the number with an optional letter,
#: an optional `lid N`, an optional trailing `sr`/`wvsr`.
SR_ARTICLE: Final = re.compile(r"(?:wvsr|sr|art\.|art)?([0-9]+)([a-z]?)(?:lid[0-9]+)?(?:sr|wvsr)?")


def tri(values: Mask, unknown: Mask) -> Tri:
    """A three-valued array from its values and its unknown mask."""
    return pd.arrays.BooleanArray(values & ~unknown, unknown.copy())


def both(*parts: Tri) -> Tri:
    """Kleene *and*: false if any part is false, true if all are true, else unknown."""
    result = parts[0]
    for part in parts[1:]:
        result = operator.and_(result, part)
    return result


def either(*parts: Tri) -> Tri:
    """Kleene *or*: true if any part is true, false if all are false, else unknown."""
    result = parts[0]
    for part in parts[1:]:
        result = cast(Tri, operator.or_(result, part))
    return result


def negate(values: Tri) -> Tri:
    """Kleene *not*: unknown stays unknown."""
    return operator.invert(values)


def known(values: Mask) -> Tri:
    """A three-valued array in which every value is known."""
    return pd.arrays.BooleanArray(values.copy(), np.zeros(len(values), dtype=bool))


def true_mask(values: Tri) -> Mask:
    """Where a three-valued array is true (unknown counts as not true)."""
    return np.asarray(values.to_numpy(dtype=bool, na_value=False), dtype=bool)


def unknown_mask(values: Tri) -> Mask:
    """Where a three-valued array is unknown."""
    return np.asarray(values.isna(), dtype=bool)


def sr_article(text: str) -> tuple[int, str] | None:
    """The Sr article (number, letter) named by `offence_article`, or None for anything else."""
    match = SR_ARTICLE.fullmatch(re.sub(r"\s+", "", text).lower())
    if match is None:
        return None
    return int(match.group(1)), match.group(2)


class Population:
    """Derived, vectorised facts about every detainee in an input frame."""

    def __init__(self, frame: pd.DataFrame, policy: Policy, as_of: date) -> None:
        self.frame = frame
        self.policy = policy
        self.as_of = as_of
        self.size = len(frame)
        self._as_of_day = np.datetime64(as_of, "D").astype(np.int64)
        self._list_counts: dict[str, tuple[npt.NDArray[np.int64], Mask]] = {}

    # -- raw columns -----------------------------------------------------------------------
    def flag(self, column: str) -> Tri:
        """A boolean input column as a three-valued array."""
        values = self.frame[column].array
        if isinstance(values, pd.arrays.BooleanArray):
            return values
        return cast(Tri, pd.array(values, dtype="boolean"))

    def _days(self, column: str) -> tuple[Days, Mask]:
        """A date column as day numbers, with its missing mask."""
        values = self.frame[column].to_numpy(dtype="datetime64[D]")
        missing = np.isnat(values)
        return values.astype(np.int64), missing

    def text_equals(self, column: str, value: str) -> Mask:
        """Where a text column equals `value` (missing counts as not equal)."""
        return np.asarray((self.frame[column] == value).fillna(False), dtype=bool)

    def text_missing(self, column: str) -> Mask:
        """Where a text column is unknown."""
        return np.asarray(self.frame[column].isna(), dtype=bool)

    # -- derived facts ---------------------------------------------------------------------
    @cached_property
    def remand(self) -> Tri:
        """Phase is remand (always known: phase is a required column)."""
        return known(self.text_equals("phase", "remand"))

    @cached_property
    def days_since_intake(self) -> tuple[Days, Mask]:
        """`as_of` − `intake_date` in days, with the missing mask."""
        days, missing = self._days("intake_date")
        return self._as_of_day - days, missing

    @cached_property
    def stay_days(self) -> tuple[Days, Mask]:
        """`expected_release_date` − `intake_date` in days, with the missing mask."""
        release, release_missing = self._days("expected_release_date")
        intake, intake_missing = self._days("intake_date")
        return release - intake, release_missing | intake_missing

    @cached_property
    def age(self) -> tuple[Days, Mask]:
        """Whole years at `as_of` (the birthday itself counts), with the missing mask."""
        born = self.frame["date_of_birth"].to_numpy(dtype="datetime64[D]")
        missing = np.isnat(born)
        years = born.astype("datetime64[Y]").astype(np.int64) + 1970
        months = born.astype("datetime64[M]").astype(np.int64) % 12 + 1
        days = (born - born.astype("datetime64[M]")).astype(np.int64) + 1
        before_birthday = (months > self.as_of.month) | (
            (months == self.as_of.month) & (days > self.as_of.day)
        )
        age = self.as_of.year - years - before_birthday.astype(np.int64)
        return np.where(missing, -1, age), missing

    @cached_property
    def young_adult(self) -> Tri:
        """Age in the policy's half-open young-adult range; unknown without a date of birth."""
        age, missing = self.age
        low, high = self.policy.young_adult_age
        return tri((age >= low) & (age < high), missing)

    @cached_property
    def current_risc(self) -> Mask:
        """A RISC dated at most `risc_max_age_days` before `as_of` (a future date counts)."""
        risc, missing = self._days("risc_date")
        return ~missing & (self._as_of_day - risc <= self.policy.risc_max_age_days)

    def current_risk_is(self, *levels: str) -> Tri:
        """Recidivism risk of a current RISC is one of `levels`; unknown without a current RISC."""
        risk = self.frame["recidivism_risk"]
        unknown = ~self.current_risc | np.asarray(risk.isna(), dtype=bool)
        values = np.asarray(risk.isin(levels).fillna(False), dtype=bool)
        return tri(values, unknown)

    @cached_property
    def newest_information_age(self) -> tuple[Days, Mask]:
        """Days since the newest of `latest_information_date` and `risc_date`."""
        info, info_missing = self._days("latest_information_date")
        risc, risc_missing = self._days("risc_date")
        newest = np.maximum(
            np.where(info_missing, np.iinfo(np.int64).min, info),
            np.where(risc_missing, np.iinfo(np.int64).min, risc),
        )
        missing = info_missing & risc_missing
        return np.where(missing, 0, self._as_of_day - newest), missing

    def list_count(self, column: str) -> tuple[npt.NDArray[np.int64], Mask]:
        """Number of distinct items in a list column, with the unknown mask."""
        if column not in self._list_counts:
            values = self.frame[column].to_numpy(dtype=object)
            codes, uniques = pd.factorize(values, use_na_sentinel=True)
            sizes = np.array([len(set(items)) for items in uniques] + [0], dtype=np.int64)
            missing = codes < 0
            self._list_counts[column] = (sizes[np.where(missing, len(uniques), codes)], missing)
        return self._list_counts[column]

    @cached_property
    def violence_offence(self) -> Tri:
        """`offence_article` names a violence article of the policy; unknown when empty."""
        codes, uniques = pd.factorize(self.frame["offence_article"], use_na_sentinel=True)
        articles = set(self.policy.violence_articles)
        lookup = np.zeros(len(uniques) + 1, dtype=bool)
        blank = np.zeros(len(uniques) + 1, dtype=bool)
        blank[-1] = True  # the slot of missing values
        for i, text in enumerate(uniques):
            parsed = sr_article(str(text))
            lookup[i] = parsed is not None and parsed[1] == "" and parsed[0] in articles
            blank[i] = str(text).strip() == ""
        slot = np.where(codes < 0, len(uniques), codes)
        return tri(lookup[slot], blank[slot])
