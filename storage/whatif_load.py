"""The weekly load of the what-if (SOM.md section 7): per prison and ISO week the admissions
that reached their screening day, by band on that day, under each policy; the projection of
the weeks ahead; and what each tier of the draft adds to *weighing – first*."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.catalogue import TIERS
from scoring.policy import Policy
from scoring.vocabulary import BAND_ORDER
from storage.whatif_population import BoolArray, IntArray, Population, Scored, day_number, day_of
from storage.whatif_results import (
    HISTORY_WEEKS,
    PROJECTION_WEEKS,
    RATE_WINDOW_WEEKS,
    SIDES,
    Load,
    Projection,
    Side,
    TierLift,
    WeekLoad,
)

_PRIORITY, _WEIGHING = BAND_ORDER[0], BAND_ORDER[1]


@dataclass(frozen=True)
class Sides:
    """What the load computations read: the population, its scores and the policy of each
    side, the day, the prisons shown and their weekly capacities."""

    population: Population
    scored: Mapping[Side, Scored]
    policies: Mapping[Side, Policy]
    as_of: date
    prisons: tuple[str, ...]
    capacities: dict[str, int]


def counted_tiers(results: pd.DataFrame, policy: Policy) -> list[tuple[str, ...]]:
    """Per row, the tiers that hold and that `policy` counts (in catalogue order)."""
    counted = {tier.id for tier in TIERS if policy.tier_enabled(tier.slug)}
    memo: dict[tuple[str, ...], tuple[str, ...]] = {}
    out = []
    for holding in results["tiers"].tolist():
        value = memo.get(holding)
        if value is None:
            value = memo[holding] = tuple(tier for tier in holding if tier in counted)
        out.append(value)
    return out


def _monday(days: IntArray) -> IntArray:
    """The Monday of each day's ISO week (1970-01-01, day 0, was a Thursday)."""
    return days - (days + 3) % 7


def _landing_classes(scored: Scored, policy: Policy) -> dict[str, BoolArray]:
    """Per landing: priority, weighing – first and weighing (first is all weighing when the
    band is not split)."""
    band = scored.landings["band"].to_numpy(dtype=object)
    weighing = band == _WEIGHING
    first = weighing
    if policy.split_weighing:
        first = weighing & (scored.landings["tier_score"].to_numpy(dtype=np.int64) >= 1)
    return {"priority": band == _PRIORITY, "weighing_first": first, "weighing": weighing}


def _load(classes: Mapping[str, BoolArray], chosen: BoolArray, scale: float = 1.0) -> Load:
    return Load(
        priority=float(np.count_nonzero(classes["priority"] & chosen)) * scale,
        weighing_first=float(np.count_nonzero(classes["weighing_first"] & chosen)) * scale,
        weighing=float(np.count_nonzero(classes["weighing"] & chosen)) * scale,
    )


def _landing_pis(population: Population, scored: Scored) -> npt.NDArray[Any]:
    pis: npt.NDArray[Any] = population.admissions["pi"].to_numpy(dtype=object)
    return pis[scored.landing_rows]


def history_start(as_of: date) -> int:
    """The Monday of the oldest week of the weekly load (day number)."""
    return int(_monday(np.array([day_number(as_of)]))[0]) - (HISTORY_WEEKS - 1) * 7


def weekly_load(sides: Sides) -> tuple[WeekLoad, ...]:
    """Per prison and ISO week (the week of `as_of` and the `HISTORY_WEEKS` − 1 before it): the
    admissions whose screening day fell in the week, up to `as_of`, by band on that day."""
    population, scored, policies = sides.population, sides.scored, sides.policies
    today, start = day_number(sides.as_of), history_start(sides.as_of)
    cells = len(sides.prisons) * HISTORY_WEEKS
    tallies: dict[Side, dict[str, IntArray]] = {}
    for side in SIDES:
        days = scored[side].landing_days
        prison = _prison_codes(_landing_pis(population, scored[side]), sides.prisons)
        counted = (days >= start) & (days <= today) & (prison >= 0)
        cell = prison * HISTORY_WEEKS + (_monday(days) - start) // 7
        classes = _landing_classes(scored[side], policies[side])
        tallies[side] = {
            name: np.bincount(cell[counted & chosen], minlength=cells)
            for name, chosen in classes.items()
        }
    out = []
    for p, pi in enumerate(sides.prisons):
        for week in range(HISTORY_WEEKS):
            monday = start + 7 * week
            at = p * HISTORY_WEEKS + week
            loads = {side: _tallied(tallies[side], at) for side in SIDES}
            iso = day_of(monday).isocalendar()
            out.append(
                WeekLoad(
                    pi=pi,
                    week=f"{iso.year}-W{iso.week:02d}",
                    monday=day_of(monday),
                    load=loads,
                    capacity=sides.capacities.get(pi),
                )
            )
    return tuple(out)


def _prison_codes(pis: npt.NDArray[Any], prisons: tuple[str, ...]) -> IntArray:
    """Each value's position in `prisons`; −1 for a prison not shown (or none)."""
    codes: IntArray = pd.Categorical(pis, categories=list(prisons)).codes.astype(np.int64)
    return codes


def _tallied(tally: Mapping[str, IntArray], cell: int) -> Load:
    return Load(
        priority=float(tally["priority"][cell]),
        weighing_first=float(tally["weighing_first"][cell]),
        weighing=float(tally["weighing"][cell]),
    )


def projections(sides: Sides) -> tuple[Projection, ...]:
    """Per prison and horizon of `PROJECTION_WEEKS`: the expected load (see `Projection`)."""
    population, scored, policies = sides.population, sides.scored, sides.policies
    today = day_number(sides.as_of)
    rate_end = int(_monday(np.array([today]))[0])
    rate_start = rate_end - RATE_WINDOW_WEEKS * 7
    out = []
    for pi in sides.prisons:
        for weeks in PROJECTION_WEEKS:
            inside, intake = {}, {}
            for side in SIDES:
                classes = _landing_classes(scored[side], policies[side])
                days = scored[side].landing_days
                here = _landing_pis(population, scored[side]) == pi
                ahead = (days > today) & (days <= today + 7 * weeks)
                inside[side] = _load(classes, here & ahead)
                reachable = max(0, 7 * weeks - policies[side].screening_day) / 7
                recent = (days >= rate_start) & (days < rate_end)
                intake[side] = _load(classes, here & recent, reachable / RATE_WINDOW_WEEKS)
            out.append(Projection(pi, weeks, inside, intake, sides.capacities.get(pi)))
    return tuple(out)


def tier_lifts(sides: Sides) -> tuple[TierLift, ...]:
    """Per tier the draft counts and per prison: the weighing cases it alone lifts into
    *weighing – first*, a week over the weekly-load history and among the current admissions."""
    population, scored, draft = sides.population, sides.scored["draft"], sides.policies["draft"]
    today, start = day_number(sides.as_of), history_start(sides.as_of)
    days = scored.landing_days
    window = (days >= start) & (days <= today)
    history_weighing = scored.landings["band"].to_numpy(dtype=object) == _WEIGHING
    history_tiers = counted_tiers(scored.landings, draft)
    history_pis = _landing_pis(population, scored)
    current_weighing = scored.current["band"].to_numpy(dtype=object) == _WEIGHING
    current_tiers = counted_tiers(scored.current, draft)
    current_pis = population.current["pi"].to_numpy(dtype=object)
    out = []
    for tier in TIERS:
        if not draft.tier_enabled(tier.slug):
            continue
        alone = (tier.id,)
        lifted = (
            window & history_weighing & np.array([t == alone for t in history_tiers], dtype=bool)
        )
        lifted_now = current_weighing & np.array([t == alone for t in current_tiers], dtype=bool)
        for pi in sides.prisons:
            cases = int(np.count_nonzero(lifted & (history_pis == pi)))
            out.append(
                TierLift(
                    tier=tier.id,
                    slug=tier.slug,
                    pi=pi,
                    per_week=cases / HISTORY_WEEKS,
                    cases=cases,
                    weeks=HISTORY_WEEKS,
                    current=int(np.count_nonzero(lifted_now & (current_pis == pi))),
                )
            )
    return tuple(out)
