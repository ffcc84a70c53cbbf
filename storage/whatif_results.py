"""The results of a what-if (`storage.whatif`): one dataclass per part, shared by the
capacity page and `som policy whatif`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from scoring.policy import Policy

Side = Literal["published", "draft"]
#: The two sides of a what-if, in the order they are shown.
SIDES: Final[tuple[Side, Side]] = ("published", "draft")

#: Horizons of the projection of the weekly load, in weeks (issue 11).
PROJECTION_WEEKS: Final[tuple[int, ...]] = (4, 8, 13)
#: Complete ISO weeks before `as_of` whose landings give the recent intake rate.
RATE_WINDOW_WEEKS: Final = 8
#: ISO weeks in the weekly load: the week of `as_of` (up to `as_of`) and the 51 before it.
HISTORY_WEEKS: Final = 52


@dataclass(frozen=True)
class Counts:
    """How many admissions fall in each band (every band of `BAND_ORDER`, zeros included) and,
    per band, in each tier score (only the tier scores that occur)."""

    bands: dict[str, int]
    tier_scores: dict[str, dict[int, int]]

    @property
    def total(self) -> int:
        return sum(self.bands.values())


@dataclass(frozen=True)
class Mover:
    """A current admission whose band (or, with a split weighing band, half of it) differs.

    `from_band`/`to_band` are automated bands (`BAND_ORDER`); `from_shown`/`to_shown` the band it
    is shown under (`storage.views_bands.display_bands`). `from_decisive`/`to_decisive` are the
    engine's decisive criterion of each side (None: none fired); `from_tiers`/`to_tiers` the
    tiers that hold and count under each side. `moved_by` names what moved it: criterion ids
    (the decisive one of either side), tier ids (counted on one side only) or the policy key
    `screening_day` (the `not_yet` gate).
    """

    skn: str
    pi: str | None
    from_band: str
    to_band: str
    from_shown: str
    to_shown: str
    from_decisive: str | None
    to_decisive: str | None
    from_tiers: tuple[str, ...]
    to_tiers: tuple[str, ...]
    moved_by: tuple[str, ...]

    @property
    def band_changed(self) -> bool:
        return self.from_band != self.to_band


@dataclass(frozen=True)
class CutRow:
    """A row of the list of admissions awaiting a decision; `position` counts from 1."""

    skn: str
    band: str
    tier_score: int
    intake_date: date | None
    position: int


@dataclass(frozen=True)
class CutLine:
    """Where a prison's weekly capacity falls in its list of admissions awaiting a decision.

    `marginal` is the last row above the line (None when nothing is above: capacity 0 or no
    one awaiting). `ties_above`/`ties_below` are the other rows with the marginal case's band,
    tier score and intake date, above and below the line.
    """

    pi: str
    capacity: int
    awaiting: int
    above: int
    below: int
    marginal: CutRow | None = None
    ties_above: tuple[CutRow, ...] = ()
    ties_below: tuple[CutRow, ...] = ()


@dataclass(frozen=True)
class Load:
    """Admissions landing on their screening day in priority, weighing – first and weighing
    (all of the weighing band; with `split_weighing` off every weighing case counts as first)."""

    priority: float
    weighing_first: float
    weighing: float

    @property
    def cases(self) -> float:
        """Priority and weighing together: the cases probation is asked to consider."""
        return self.priority + self.weighing


@dataclass(frozen=True)
class WeekLoad:
    """One prison's ISO week: the load under each policy and the prison's capacity (if known)."""

    pi: str
    week: str
    monday: date
    load: dict[Side, Load]
    capacity: int | None


@dataclass(frozen=True)
class Projection:
    """The expected load of a prison over the next `weeks` weeks after `as_of`.

    `inside` counts the current admissions whose screening day falls in that span (their
    screening days are known); `intake` the admissions yet to come, at the weekly rate of the
    `RATE_WINDOW_WEEKS` complete weeks before `as_of`, for the part of the span they can reach
    their screening day in (`weeks` × 7 − `screening_day` days).
    """

    pi: str
    weeks: int
    inside: dict[Side, Load]
    intake: dict[Side, Load]
    capacity: int | None

    def total(self, side: Side) -> Load:
        inside, intake = self.inside[side], self.intake[side]
        return Load(
            inside.priority + intake.priority,
            inside.weighing_first + intake.weighing_first,
            inside.weighing + intake.weighing,
        )


@dataclass(frozen=True)
class TierLift:
    """What one switched-on tier of the draft adds to *weighing – first* in one prison: the
    weighing cases for which it is the only counted tier that holds.

    `per_week` averages the landings of the weekly-load history (`weeks` weeks, `cases` in
    all); `current` counts the current admissions it lifts now.
    """

    tier: str
    slug: str
    pi: str
    per_week: float
    cases: int
    weeks: int
    current: int


@dataclass(frozen=True)
class WhatIf:
    """The what-if of a draft against the published policy (see the module docstring)."""

    as_of: date
    policies: dict[Side, Policy]
    population: int
    counts: dict[Side, Counts]
    prison_counts: dict[Side, dict[str, Counts]]
    transitions: dict[str, dict[str, int]]
    movers: tuple[Mover, ...]
    cut_lines: dict[Side, dict[str, CutLine]]
    weekly_load: tuple[WeekLoad, ...]
    projections: tuple[Projection, ...]
    tier_lifts: tuple[TierLift, ...]
    capacities: dict[str, int]

    @property
    def band_movers(self) -> tuple[Mover, ...]:
        """The movers whose automated band differs (not only the half of the weighing band)."""
        return tuple(mover for mover in self.movers if mover.band_changed)
