"""The criteria catalogue: C01–C17 and T1–T5 as declarative data (one module per kind).

One declaration per criterion and tier holds its id, slug, Dutch and English name, phase, inputs,
precedence step and effect, the rule that evaluates it and the sentences that explain it. The
engine, the explanations, the CLI, the dashboard and `docs/criteria.md` all read from here.
References point to the evaluation report in `shared/seed/`: table 7 (the criteria) and
appendix 1 (the test form of 1 March 2021 and its decision flow).
"""

from __future__ import annotations

from typing import Final

from scoring.catalogue.criteria import AUTOMATED
from scoring.catalogue.tiers import TIERS
from scoring.catalogue.types import (
    NO,
    OFF,
    OUT_OF_PHASE,
    PHASE_TEXT,
    STATE_LABELS,
    STATES,
    UNKNOWN,
    YES,
    AutomatedCriterion,
    ProfileSignal,
    Rule,
    Sentences,
    State,
    Tier,
    WeighingCriterion,
)
from scoring.catalogue.weighing import PROFILE, WEIGHING
from scoring.vocabulary import Band

__all__ = [
    "AUTOMATED",
    "BY_ID",
    "NO",
    "OFF",
    "OUT_OF_PHASE",
    "PHASE_TEXT",
    "PROFILE",
    "STATES",
    "STATE_LABELS",
    "STEPS",
    "TIERS",
    "TIER_BY_ID",
    "UNKNOWN",
    "WEIGHING",
    "WEIGHING_STEP",
    "YES",
    "AutomatedCriterion",
    "ProfileSignal",
    "Rule",
    "Sentences",
    "State",
    "Tier",
    "WeighingCriterion",
]

BY_ID: Final[dict[str, AutomatedCriterion]] = {c.id: c for c in AUTOMATED}
TIER_BY_ID: Final[dict[str, Tier]] = {t.id: t for t in TIERS}

#: Steps of the precedence table, in order: (step, criteria in id order, band).
STEPS: Final[tuple[tuple[int, tuple[AutomatedCriterion, ...], Band], ...]] = tuple(
    (
        step,
        tuple(c for c in AUTOMATED if c.step == step),
        next(c.band for c in AUTOMATED if c.step == step),
    )
    for step in sorted({c.step for c in AUTOMATED})
)
WEIGHING_STEP: Final = max(c.step for c in AUTOMATED) + 1
