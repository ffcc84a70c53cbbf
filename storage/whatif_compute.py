"""The what-if computations over a loaded population (`storage.whatif_population`): counts,
transitions and movers, cut lines, weekly load, projection and tier lifts. Reads nothing; the
engine runs only inside `Population.side`, once per policy."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.order import dashboard_positions
from scoring.policy import Policy
from scoring.vocabulary import BAND_ORDER
from storage.views_bands import display_bands, effective_band
from storage.views_list import AWAITING_BANDS
from storage.whatif_load import Sides, counted_tiers, projections, tier_lifts, weekly_load
from storage.whatif_population import Population, Scored
from storage.whatif_results import SIDES, Counts, CutLine, CutRow, Mover, Side, WhatIf

#: What moves a row in or out of `not_yet` when the two policies disagree on it.
SCREENING_KEY: Final = "screening_day"
#: What moves a weighing row between the halves when only one policy splits the band.
SPLIT_KEY: Final = "split_weighing"


def compute_what_if(
    population: Population,
    published: Policy,
    draft: Policy,
    as_of: date,
    capacities: Mapping[str, int],
) -> WhatIf:
    """The what-if of `draft` against `published` over `population` (see `storage.whatif`)."""
    policies: dict[Side, Policy] = {"published": published, "draft": draft}
    scored = {side: population.side(policy) for side, policy in policies.items()}
    pis = population.current["pi"].to_numpy(dtype=object)
    prisons = sorted(
        {str(pi) for pi in pis if pi is not None}
        | {str(pi) for pi in population.admissions["pi"].tolist() if pi is not None}
        | set(capacities)
    )
    counts = {side: counts_of(scored[side].current) for side in SIDES}
    prison_counts = {
        side: {pi: counts_of(scored[side].current[pis == pi]) for pi in prisons} for side in SIDES
    }
    sides = Sides(population, scored, policies, as_of, tuple(prisons), dict(capacities))
    return WhatIf(
        as_of=as_of,
        policies=policies,
        population=len(population.current),
        counts=counts,
        prison_counts=prison_counts,
        transitions=transitions(scored["published"].current, scored["draft"].current),
        movers=movers(population, scored, policies),
        cut_lines={
            side: {
                pi: cut_line(population, scored[side].current, pi, capacity)
                for pi, capacity in sorted(capacities.items())
            }
            for side in SIDES
        },
        weekly_load=weekly_load(sides),
        projections=projections(sides),
        tier_lifts=tier_lifts(sides),
        capacities=dict(capacities),
    )


def counts_of(results: pd.DataFrame) -> Counts:
    """Admissions per band (every band, zeros included) and per band and tier score."""
    bands = results["band"].value_counts()
    tier_scores: dict[str, dict[int, int]] = {band: {} for band in BAND_ORDER}
    pairs = results.groupby(["band", "tier_score"], observed=True, sort=False).size()
    for (band, tier_score), count in zip(pairs.index.tolist(), pairs.tolist(), strict=True):
        tier_scores[str(band)][int(tier_score)] = int(count)
    return Counts(
        bands={band: int(bands.get(band, 0)) for band in BAND_ORDER},
        tier_scores={band: dict(sorted(scores.items())) for band, scores in tier_scores.items()},
    )


def transitions(published: pd.DataFrame, draft: pd.DataFrame) -> dict[str, dict[str, int]]:
    """How many rows go from each band (published) to each band (draft); every pair present."""
    size = len(BAND_ORDER)
    sources = pd.Categorical(published["band"], categories=list(BAND_ORDER)).codes
    targets = pd.Categorical(draft["band"], categories=list(BAND_ORDER)).codes
    pairs = np.bincount(sources * size + targets, minlength=size * size).reshape(size, size)
    return {
        source: {target: int(pairs[i, j]) for j, target in enumerate(BAND_ORDER)}
        for i, source in enumerate(BAND_ORDER)
    }


def shown_bands(results: pd.DataFrame, policy: Policy) -> npt.NDArray[Any]:
    """The band each row is shown under (the weighing halves when `policy` splits the band)."""
    return display_bands(results["band"], results["tier_score"], policy.split_weighing).to_numpy()


def movers(
    population: Population, scored: Mapping[Side, Scored], policies: Mapping[Side, Policy]
) -> tuple[Mover, ...]:
    """Every current admission whose band or shown band differs, with what moved it."""
    before, after = scored["published"].current, scored["draft"].current
    shown_before = shown_bands(before, policies["published"])
    shown_after = shown_bands(after, policies["draft"])
    moved = np.flatnonzero(shown_before != shown_after)
    tiers_before = counted_tiers(before.iloc[moved], policies["published"])
    tiers_after = counted_tiers(after.iloc[moved], policies["draft"])
    current = population.current
    out = []
    for k, row in enumerate(moved.tolist()):
        out.append(
            Mover(
                skn=str(current["skn"].iat[row]),
                pi=_optional(current["pi"].iat[row]),
                from_band=str(before["band"].iat[row]),
                to_band=str(after["band"].iat[row]),
                from_shown=str(shown_before[row]),
                to_shown=str(shown_after[row]),
                from_decisive=_optional(before["decisive"].iat[row]),
                to_decisive=_optional(after["decisive"].iat[row]),
                from_tiers=tiers_before[k],
                to_tiers=tiers_after[k],
                moved_by=(),
            )
        )
    ranked = sorted(
        (_with_reason(mover) for mover in out),
        key=lambda m: (BAND_ORDER.index(m.from_band), BAND_ORDER.index(m.to_band), m.skn),
    )
    return tuple(ranked)


def _with_reason(mover: Mover) -> Mover:
    """`mover` with `moved_by`: the screening day, the decisive criteria, the tiers counted on
    one side only, or the split of the weighing band, in that order of search."""
    reasons: list[str] = []
    if (mover.from_band == "not_yet") != (mover.to_band == "not_yet"):
        reasons.append(SCREENING_KEY)
    if mover.from_decisive != mover.to_decisive:
        reasons.extend(d for d in (mover.from_decisive, mover.to_decisive) if d is not None)
    if not reasons:
        reasons.extend(sorted(set(mover.from_tiers) ^ set(mover.to_tiers)))
    if not reasons:
        reasons.append(SPLIT_KEY)
    return Mover(**{**mover.__dict__, "moved_by": tuple(reasons)})


def _optional(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def awaiting_list(population: Population, results: pd.DataFrame, pi: str) -> pd.DataFrame:
    """The admissions of prison `pi` awaiting a decision under one side's results, in list
    order: effective band (after an active override) priority or weighing, no decision yet."""
    current = population.current
    effective = [
        effective_band(band, None if pd.isna(override) else str(override))
        for band, override in zip(
            results["band"].tolist(), current["override_band"].tolist(), strict=True
        )
    ]
    frame = pd.DataFrame(
        {
            "skn": current["skn"].to_numpy(dtype=object),
            "effective_band": effective,
            "tier_score": results["tier_score"].to_numpy(dtype=np.int64),
            "intake_date": results["intake_date"].to_numpy(dtype="datetime64[s]"),
        }
    )
    waiting = (
        frame["effective_band"].isin(AWAITING_BANDS).to_numpy(dtype=bool)
        & ~current["decided"].to_numpy(dtype=bool)
        & (current["pi"].to_numpy(dtype=object) == pi)
    )
    frame = frame[waiting]
    ordered: pd.DataFrame = frame.take(dashboard_positions(frame, band_column="effective_band"))
    return ordered.reset_index(drop=True)


def cut_line(population: Population, results: pd.DataFrame, pi: str, capacity: int) -> CutLine:
    """Where `capacity` falls in prison `pi`'s list of admissions awaiting a decision."""
    ordered = awaiting_list(population, results, pi)
    rows = [
        CutRow(
            skn=str(skn),
            band=str(band),
            tier_score=int(tier_score),
            intake_date=None if pd.isna(intake) else pd.Timestamp(intake).date(),
            position=position,
        )
        for position, (skn, band, tier_score, intake) in enumerate(
            ordered[["skn", "effective_band", "tier_score", "intake_date"]].itertuples(index=False),
            start=1,
        )
    ]
    above = min(max(capacity, 0), len(rows))
    marginal = rows[above - 1] if above else None
    ties = [
        row
        for row in rows
        if marginal is not None
        and row is not marginal
        and (row.band, row.tier_score, row.intake_date)
        == (marginal.band, marginal.tier_score, marginal.intake_date)
    ]
    return CutLine(
        pi=pi,
        capacity=capacity,
        awaiting=len(rows),
        above=above,
        below=len(rows) - above,
        marginal=marginal,
        ties_above=tuple(row for row in ties if row.position <= above),
        ties_below=tuple(row for row in ties if row.position > above),
    )
