"""What a draft policy would change, before it is published (SOM.md section 7, issue 11).

`what_if` compares the published policy with a draft over the stored data, storing nothing:

- counts per band (the automated result, no overrides: every band of `BAND_ORDER`) and per
  tier score, for all prisons and per prison, under each policy;
- transitions: how many current admissions go from each band to each other band, and the movers
  (SKN, from, to, and the criterion, tier or policy key that moved them);
- the cut line per prison: in the list order of the admissions awaiting a joint decision
  (effective band priority or weighing, no decision yet), where the weekly capacity falls;
- the weekly load: per prison and ISO week, the admissions whose screening day fell in that
  week and the band they had on that day, and a projection of the weeks ahead;
- what each switched-on tier of the draft adds to *weighing – first*, per prison and week.

Which inputs a historical admission is scored on: the input version in force on its screening
day under that policy (`intake_date` + `screening_day`), i.e. the newest version SOM had stored
by the end of that (Dutch) day, scored as on that day. A version stored later (new information
that came after the screening day) does not count. An admission SOM first heard of after its
screening day (history loaded afterwards) is scored on its first stored version, the earliest
SOM knows. An admission released before its screening day never reached it and is not counted.

Every side is scored with the real engine (`scoring.score`) over the whole population at once;
see `storage.whatif_population` for how the population is loaded once per data version and how
each historical admission is scored as on its own screening day in one engine call.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from scoring.policy import Policy
from storage.access_log import log_access
from storage.actor import Actor
from storage.database import Database
from storage.permissions import require
from storage.whatif_compute import compute_what_if
from storage.whatif_population import load_population, published_policy
from storage.whatif_results import (
    HISTORY_WEEKS,
    PROJECTION_WEEKS,
    RATE_WINDOW_WEEKS,
    SIDES,
    Counts,
    CutLine,
    CutRow,
    Load,
    Mover,
    Projection,
    Side,
    TierLift,
    WeekLoad,
    WhatIf,
)

__all__ = [
    "HISTORY_WEEKS",
    "PROJECTION_WEEKS",
    "RATE_WINDOW_WEEKS",
    "SIDES",
    "Counts",
    "CutLine",
    "CutRow",
    "Load",
    "Mover",
    "Projection",
    "Side",
    "TierLift",
    "WeekLoad",
    "WhatIf",
    "what_if",
]


def what_if(
    database: Database,
    actor: Actor,
    draft: Policy,
    as_of: date,
    capacities: Mapping[str, int] | None = None,
) -> WhatIf:
    """The what-if of `draft` against the published policy at `as_of` (permission
    `view_capacity`). `capacities` maps a prison to its weekly capacity; cut lines are drawn for
    those prisons only. The list of movers shows SKNs: the view is logged (`view_list`)."""
    require(actor, "view_capacity")
    population = load_population(database, as_of)
    with database.read() as connection:
        published = published_policy(connection)
    result = compute_what_if(population, published, draft, as_of, capacities or {})
    with database.write() as connection:
        log_access(
            connection,
            actor,
            "view_list",
            detail={
                "view": "what_if",
                "draft": draft.version,
                "as_of": as_of.isoformat(),
                "movers": len(result.movers),
            },
        )
    return result
