"""The population a what-if scores, loaded once per data version, and its scores per policy.

`load_population` reads every stored input version of every admission (released ones too),
decodes them into one engine input frame, and keeps it while the data stays the same (the
`data_key`: newest ids of input versions, admissions, overrides, decisions, imports and
resumptions, and the number of admissions inside). `Population.side(policy)` scores, in one
engine call each, the current admissions and every admission's screening day under a policy,
and remembers the few most recent policies, so after one toggle only the draft is scored again.

Scoring each historical admission as on its own screening day in one engine call: the engine
takes one `as_of` for the whole frame, so each row is moved in time instead. Every date of the
row is shifted by the days between its screening day and the reference day, which keeps every
difference of dates the rules compare (days since intake, age of the RISC and of the newest
information, length of stay); the date of birth is replaced by one giving the same whole years
at the reference day as the real one at the screening day (the rules use only the age in
years). Scoring the shifted rows at the reference day is then scoring each row at its screening
day; the tests compare it with scoring row by row.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from sqlalchemy import Connection, func, select

from scoring import score
from scoring.inputs import DATE_COLUMNS
from scoring.policy import Policy
from storage import clock
from storage.codec import frame_from_documents
from storage.database import Database
from storage.listing import current_states
from storage.policy_versions import current_policy
from storage.schema import (
    admissions,
    decisions,
    detainees,
    document_bytes,
    imports,
    input_versions,
    overrides,
    raw_moments,
    resumptions,
)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: A day number (days since 1970-01-01) later than any real date: "never" (not released).
NEVER: Final = clock.MISSING_DAY
#: Policies whose scores a population keeps (the published one and the latest drafts).
KEPT_POLICIES: Final = 4
_BIRTH: Final = "date_of_birth"


def published_policy(connection: Connection) -> Policy:
    """The published policy; SOM's default policy while nothing was published yet."""
    current = current_policy(connection)
    return Policy() if current is None else current.policy


def day_number(day: date) -> int:
    """Days since 1970-01-01."""
    return int(np.datetime64(day, "D").astype(np.int64))


def day_of(number: int) -> date:
    """The date of a day number."""
    return date(1970, 1, 1) + timedelta(days=int(number))


@dataclass(frozen=True)
class Scored:
    """One policy's results: the current admissions and every admission's screening day.

    `current` is the engine's result frame for `Population.current` (same row order); `landings`
    is the engine's result frame for the admissions in `landing_rows` (positions in
    `Population.admissions`), scored as on their screening day `landing_days`.
    """

    current: pd.DataFrame
    landing_rows: IntArray
    landing_days: IntArray
    landings: pd.DataFrame


@dataclass
class Population:
    """Everything a what-if reads, decoded once.

    `versions` is the engine input frame of every stored input version, ordered by admission
    and version; `version_admission` and `version_days` give each version's admission (position
    in `admissions`) and the Dutch day it was stored. `admissions` has one row per admission:
    `admission_id`, `skn`, `pi` and `intake_day` (day number, NEVER when unknown) from its newest
    version, `released_day` (NEVER while inside), `first_version` and `newest_version`
    (positions in `versions`). `current` has one row per current admission in the list:
    `admission_id`, `skn`, `pi`, `override_band` (None without an active override), `decided`,
    and `version` (position in `versions`).
    """

    key: tuple[Any, ...]
    as_of: date
    versions: pd.DataFrame
    version_admission: IntArray
    version_days: IntArray
    admissions: pd.DataFrame
    current: pd.DataFrame
    _scored: OrderedDict[str, Scored] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def side(self, policy: Policy) -> Scored:
        """The scores under `policy` (remembered for the last `KEPT_POLICIES` policies)."""
        key = policy.model_dump_json()
        with self._lock:
            found = self._scored.get(key)
            if found is not None:
                self._scored.move_to_end(key)
                return found
        scored = self._score(policy)
        with self._lock:
            self._scored[key] = scored
            while len(self._scored) > KEPT_POLICIES:
                self._scored.popitem(last=False)
        return scored

    def _score(self, policy: Policy) -> Scored:
        current_inputs = self.versions.take(self.current["version"].to_numpy())
        current_inputs.index = pd.RangeIndex(len(current_inputs))
        current = score(current_inputs, policy, self.as_of).sort_index()
        rows, days, versions = self.landings(policy)
        inputs = self.versions.take(versions)
        inputs.index = pd.RangeIndex(len(inputs))
        reference = _reference_day(self.as_of)
        landings = score(shifted_inputs(inputs, days, reference), policy, reference).sort_index()
        return Scored(current, rows, days, landings)

    def landings(self, policy: Policy) -> tuple[IntArray, IntArray, IntArray]:
        """The admissions that reach their screening day under `policy` (not released before
        it; intake date known): their positions in `admissions`, their screening days, and the
        input version in force on that day (position in `versions`)."""
        intake = self.admissions["intake_day"].to_numpy(dtype=np.int64)
        released = self.admissions["released_day"].to_numpy(dtype=np.int64)
        known = intake != NEVER
        landing = np.where(known, intake + policy.screening_day, NEVER)
        reached = known & (released >= landing)
        rows = np.flatnonzero(reached).astype(np.int64)
        days = landing[rows]
        return rows, days, self.version_in_force(rows, days)

    def version_in_force(self, rows: IntArray, days: IntArray) -> IntArray:
        """For each admission (position in `admissions`) the newest version stored by the end
        of `day`; the first version when none was stored by then."""
        span = np.int64(1 << 32)
        keys = self.version_admission * span + self.version_days
        found: IntArray = np.searchsorted(keys, rows * span + days, side="right") - 1
        first: IntArray = self.admissions["first_version"].to_numpy(dtype=np.int64)[rows]
        return np.maximum(found, first).astype(np.int64)


def _reference_day(as_of: date) -> date:
    """The day every shifted row is scored at: `as_of`, or the day after a 29 February (so a
    date of birth built from it exists in every year)."""
    return as_of + timedelta(days=1) if (as_of.month, as_of.day) == (2, 29) else as_of


def shifted_inputs(inputs: pd.DataFrame, days: IntArray, reference: date) -> pd.DataFrame:
    """`inputs` moved in time so that scoring at `reference` scores row i as on day `days[i]`.

    Every date moves by `reference` − `days[i]`; the date of birth becomes the one giving, at
    `reference`, the whole years the real one gives on `days[i]`.
    """
    shift = (day_number(reference) - days).astype("timedelta64[D]")
    moved = inputs.copy()
    for column in DATE_COLUMNS:
        if column == _BIRTH:
            continue
        values = inputs[column].to_numpy(dtype="datetime64[D]")
        moved[column] = (values + shift).astype("datetime64[s]")
    born = inputs[_BIRTH].to_numpy(dtype="datetime64[D]")
    ages = _whole_years(born, days.astype("datetime64[D]"))
    years = np.full(len(born), reference.year, dtype=np.int64) - ages
    rebuilt = (
        (years - 1970).astype("datetime64[Y]").astype("datetime64[M]")
        + np.timedelta64(reference.month - 1, "M")
    ).astype("datetime64[D]") + np.timedelta64(reference.day - 1, "D")
    moved[_BIRTH] = np.where(np.isnat(born), born, rebuilt).astype("datetime64[s]")
    return moved


def _whole_years(born: npt.NDArray[Any], on: npt.NDArray[Any]) -> IntArray:
    """Whole years from `born` to `on` (the birthday itself counts); 0 where `born` is missing."""
    safe = np.where(np.isnat(born), on, born)
    years = on.astype("datetime64[Y]").astype(np.int64) - safe.astype("datetime64[Y]").astype(
        np.int64
    )
    return (years - (_month_day(safe) > _month_day(on))).astype(np.int64)


def _month_day(days: npt.NDArray[Any]) -> IntArray:
    """Month and day as one comparable number (not the day of the year: leap years shift it)."""
    months: IntArray = days.astype("datetime64[M]").astype(np.int64) % 12
    within: IntArray = (days - days.astype("datetime64[M]")).astype(np.int64)
    return months * 32 + within


_CACHE: dict[tuple[int, date], Population] = {}
_CACHE_LOCK = threading.Lock()


def load_population(database: Database, as_of: date) -> Population:
    """The population of `database` at `as_of`, decoded once per data version."""
    with database.read() as connection:
        key = data_key(connection)
    cache_key = (id(database.engine), as_of)
    with _CACHE_LOCK:
        found = _CACHE.get(cache_key)
    if found is not None and found.key == key:
        return found
    population = _read_population(database, as_of, key)
    with _CACHE_LOCK:
        for stale in [k for k in _CACHE if k[0] == cache_key[0]]:
            del _CACHE[stale]
        _CACHE[cache_key] = population
    return population


def data_key(connection: Connection) -> tuple[Any, ...]:
    """What changes when anything a what-if reads changes."""
    tables = (input_versions, admissions, overrides, decisions, imports, resumptions)
    newest = select(*(select(func.max(table.c.id)).scalar_subquery() for table in tables))
    inside = select(func.count()).select_from(admissions).where(admissions.c.released_at.is_(None))
    row = connection.execute(newest).one()
    return (*row, connection.execute(inside).scalar_one())


def _texts(values: pd.Series) -> npt.NDArray[Any]:
    """Text values as an object array, None (never NaN or NA) where missing."""
    cells = np.empty(len(values), dtype=object)
    cells[:] = [None if pd.isna(value) else str(value) for value in values.tolist()]
    return cells


def _read_population(database: Database, as_of: date, key: tuple[Any, ...]) -> Population:
    with database.read() as connection:
        version_rows = connection.execute(
            select(
                input_versions.c.admission_id,
                raw_moments(input_versions.c.created_at),
                document_bytes(input_versions.c.inputs_json, connection.dialect.name),
            ).order_by(input_versions.c.admission_id, input_versions.c.id)
        ).all()
        admission_rows = connection.execute(
            select(admissions.c.id, detainees.c.skn, raw_moments(admissions.c.released_at))
            .join(detainees, detainees.c.id == admissions.c.detainee_id)
            .order_by(admissions.c.id)
        ).all()
    listed = current_states(database)
    versions = frame_from_documents([row[2] for row in version_rows])
    admission_ids = np.array([int(row[0]) for row in admission_rows], dtype=np.int64)
    version_admission = np.searchsorted(
        admission_ids, np.array([int(row[0]) for row in version_rows], dtype=np.int64)
    ).astype(np.int64)
    version_days = clock.local_day_numbers([row[1] for row in version_rows])
    positions = np.arange(len(version_rows), dtype=np.int64)
    first = np.full(len(admission_ids), len(version_rows), dtype=np.int64)
    newest = np.full(len(admission_ids), -1, dtype=np.int64)
    np.maximum.at(newest, version_admission, positions)
    np.minimum.at(first, version_admission, positions)
    has_version = newest >= 0
    table = pd.DataFrame(
        {
            "admission_id": admission_ids,
            "skn": [str(row[1]) for row in admission_rows],
            "released_day": clock.local_day_numbers([row[2] for row in admission_rows]),
            "first_version": first,
            "newest_version": newest,
        }
    )[has_version].reset_index(drop=True)
    # Positions in `admissions` changed by dropping admissions without versions: renumber.
    renumber = np.cumsum(has_version) - 1
    version_admission = renumber[version_admission].astype(np.int64)
    newest_inputs = versions.take(table["newest_version"].to_numpy())
    intake = newest_inputs["intake_date"].to_numpy(dtype="datetime64[D]")
    table["intake_day"] = np.where(np.isnat(intake), NEVER, intake.astype(np.int64))
    table["pi"] = _texts(newest_inputs["pi"])
    position_of = pd.Series(np.arange(len(table)), index=table["admission_id"])
    in_list = listed["admission_id"].isin(position_of.index).to_numpy()
    listed = listed[in_list]
    rows = position_of.loc[listed["admission_id"]].to_numpy()
    current = pd.DataFrame(
        {
            "admission_id": listed["admission_id"].to_numpy(dtype=np.int64),
            "skn": listed["skn"].astype(object).to_numpy(),
            "pi": table["pi"].to_numpy()[rows],
            "override_band": _texts(listed["override_band"]),
            "decided": listed["decision"].notna().to_numpy(dtype=bool),
            "version": table["newest_version"].to_numpy()[rows],
        }
    )
    return Population(key, as_of, versions, version_admission, version_days, table, current)
