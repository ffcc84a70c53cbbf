"""The engine: scores a whole population at once, columnar, with `as_of` always passed in.

`score` evaluates every automated criterion three-valued, applies the precedence table of the
catalogue, derives open questions, the `not_yet` gate, tiers, tier score, weighing profile and
data warnings, and returns one result row per detainee in dashboard order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Final, cast

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.catalogue import AUTOMATED, BY_ID, PROFILE, STATES, STEPS, TIERS, WEIGHING_STEP
from scoring.order import order_positions
from scoring.policy import Policy
from scoring.population import Population, true_mask, unknown_mask
from scoring.result_fields import RESULT_FIELDS
from scoring.vocabulary import BAND_ORDER

INTAKE_MISSING: Final = "intake_date missing"

_TRUE, _FALSE, _UNKNOWN, _OFF, _OUT_OF_PHASE = (
    STATES.index(state) for state in ("true", "false", "unknown", "off", "out_of_phase")
)
#: Bands are coded by their rank in the list order, so a band code sorts as the list does.
_BAND_CODE: Final = {band: code for code, band in enumerate(BAND_ORDER)}

#: Result columns besides the per-item state columns: the result schema's fields, and the
#: intake date (days since the epoch), which only orders the list.
RESULT_COLUMNS: Final = (*(field.name for field in RESULT_FIELDS), "intake_date")
STATE_COLUMNS: Final = tuple(
    f"state_{item.id}" for group in (AUTOMATED, TIERS, PROFILE) for item in group
)

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def score(inputs: pd.DataFrame, policy: Policy, as_of: date) -> pd.DataFrame:
    """Score every detainee of an input frame under `policy` at `as_of`.

    Returns one row per input row (same index), in dashboard order, with the columns of
    `RESULT_COLUMNS` and `STATE_COLUMNS` (see `docs/criteria.md` for their meaning).
    """
    population = Population(inputs, policy, as_of)
    n = population.size
    states: dict[str, npt.NDArray[np.int8]] = {}

    true: dict[str, BoolArray] = {}
    unknown: dict[str, BoolArray] = {}
    remand = true_mask(population.remand)
    for criterion in AUTOMATED:
        if criterion.switchable and not policy.criterion_enabled(criterion.slug):
            true[criterion.id] = np.zeros(n, dtype=bool)
            unknown[criterion.id] = np.zeros(n, dtype=bool)
            codes = np.full(n, _OFF, dtype=np.int8)
        else:
            values = criterion.rule(population)
            true[criterion.id] = true_mask(values)
            unknown[criterion.id] = unknown_mask(values)
            codes = _codes(true[criterion.id], unknown[criterion.id])
            if criterion.phase == "remand":
                codes[~remand] = _OUT_OF_PHASE
        states[f"state_{criterion.id}"] = codes

    band, step_reached, decisive_index = _apply_precedence(true, n)
    open_bits = _open_questions(true, unknown, band, step_reached, decisive_index)

    days_since_intake, intake_missing = population.days_since_intake
    not_yet = ~intake_missing & (days_since_intake < policy.screening_day)
    final_band = np.where(not_yet, _BAND_CODE["not_yet"], band)

    tier_bits = np.zeros(n, dtype=np.int64)
    tier_score = np.zeros(n, dtype=np.int64)
    for bit, tier in enumerate(TIERS):
        values = tier.rule(population)
        holds, tier_unknown = true_mask(values), unknown_mask(values)
        states[f"state_{tier.id}"] = _codes(holds, tier_unknown)
        tier_bits |= holds.astype(np.int64) << bit
        if policy.tier_enabled(tier.slug):
            tier_score += holds

    profile_signals = np.zeros(n, dtype=np.int64)
    profile_known = np.zeros(n, dtype=np.int64)
    for signal in PROFILE:
        values = signal.rule(population)
        holds, signal_unknown = true_mask(values), unknown_mask(values)
        states[f"state_{signal.id}"] = _codes(holds, signal_unknown)
        profile_signals += holds
        profile_known += ~signal_unknown

    intake_days = inputs["intake_date"].to_numpy(dtype="datetime64[s]")
    # Sort first, then build the columns already in order: cheaper than sorting a frame.
    order = order_positions(
        final_band, tier_score, intake_days.astype(np.int64), intake_missing, inputs["skn"]
    )
    fired_bits = _bits([true[c.id][order] for c in AUTOMATED])
    unknown_bits = _bits([unknown[c.id][order] for c in AUTOMATED])
    ids = [c.id for c in AUTOMATED]
    result = pd.DataFrame(
        {
            "skn": pd.Series(inputs["skn"].to_numpy(dtype=object)[order], dtype=object),
            "band": _labels(final_band[order], BAND_ORDER),
            "provisional_band": _labels(band[order], BAND_ORDER),
            "decisive": _labels(decisive_index[order], (*ids, None)),
            "fired": _tuples(fired_bits, lambda bits: _ids_in(bits, ids)),
            "unknown": _tuples(unknown_bits, lambda bits: _ids_in(bits, ids)),
            "open_questions": _tuples(open_bits[order], _open_question_pairs),
            "tiers": _tuples(tier_bits[order], lambda b: _ids_in(b, [t.id for t in TIERS])),
            "tier_score": tier_score[order],
            "profile_signals": profile_signals[order],
            "profile_known": profile_known[order],
            "warnings": _labels(intake_missing[order].astype(np.int64), ((), (INTAKE_MISSING,))),
            "intake_date": intake_days[order],
            **{name: _categorical(codes[order]) for name, codes in states.items()},
        }
    )
    result.index = inputs.index[order]
    return result


def _apply_precedence(true: dict[str, BoolArray], n: int) -> tuple[IntArray, IntArray, IntArray]:
    """Band code, step reached and decisive criterion index per row.

    Steps are walked from last to first and criteria from highest id to lowest, so the first
    step with a true criterion, and within it the lowest id, is what remains.
    """
    band = np.full(n, _BAND_CODE["weighing"], dtype=np.int64)
    step_reached = np.full(n, WEIGHING_STEP, dtype=np.int64)
    decisive = np.full(n, len(AUTOMATED), dtype=np.int64)  # len(...) means "none"
    index_of = {c.id: i for i, c in enumerate(AUTOMATED)}
    for step, criteria, step_band in reversed(STEPS):
        for criterion in reversed(criteria):
            decides = _decides(criterion.id, true)
            band[decides] = _BAND_CODE[step_band]
            step_reached[decides] = step
            decisive[decides] = index_of[criterion.id]
    return band, step_reached, decisive


def _decides(criterion_id: str, true: dict[str, BoolArray]) -> BoolArray:
    """Where a criterion is true and not kept from deciding by the criterion it yields to."""
    yields_to = BY_ID[criterion_id].yields_to
    if yields_to is None:
        return true[criterion_id]
    return true[criterion_id] & ~true[yields_to]


def _open_questions(
    true: dict[str, BoolArray],
    unknown: dict[str, BoolArray],
    band: IntArray,
    step_reached: IntArray,
    decisive: IntArray,
) -> IntArray:
    """Bit set of the criteria whose unknown state could still change the band."""
    bits = np.zeros(len(band), dtype=np.int64)
    for index, criterion in enumerate(AUTOMATED):
        could_decide = unknown[criterion.id]
        if criterion.yields_to is not None:
            could_decide = could_decide & ~true[criterion.yields_to]
        opens = (
            could_decide & (criterion.step < step_reached) & (band != _BAND_CODE[criterion.band])
        )
        bits |= opens.astype(np.int64) << index
    # A criterion that decided while the one it yields to is unknown leaves that one open.
    for index, criterion in enumerate(AUTOMATED):
        if criterion.yields_to is None:
            continue
        other = [c.id for c in AUTOMATED].index(criterion.yields_to)
        opens = (decisive == index) & unknown[criterion.yields_to]
        bits |= opens.astype(np.int64) << other
    return bits


def _codes(true: BoolArray, unknown: BoolArray) -> npt.NDArray[np.int8]:
    codes = np.full(len(true), _FALSE, dtype=np.int8)
    codes[true] = _TRUE
    codes[unknown] = _UNKNOWN
    return codes


_STATE_DTYPE: Final = pd.CategoricalDtype(list(STATES))


def _categorical(codes: npt.NDArray[np.int8]) -> pd.Categorical:
    return cast(pd.Categorical, pd.Categorical.from_codes(codes, dtype=_STATE_DTYPE))


def _bits(masks: Sequence[BoolArray]) -> IntArray:
    bits = np.zeros(len(masks[0]) if masks else 0, dtype=np.int64)
    for index, mask in enumerate(masks):
        bits |= mask.astype(np.int64) << index
    return bits


def _labels(codes: IntArray, labels: Sequence[Any]) -> npt.NDArray[np.object_]:
    table = np.empty(len(labels), dtype=object)
    for i, label in enumerate(labels):
        table[i] = label
    return pd.Series(table[codes], dtype=object)  # type: ignore[return-value]


def _tuples(bits: IntArray, build: Any) -> npt.NDArray[np.object_]:
    """Map bit sets to tuples through a table of the distinct bit sets (few, shared)."""
    distinct, inverse = np.unique(bits, return_inverse=True)
    table = np.empty(len(distinct), dtype=object)
    for i, value in enumerate(distinct):
        table[i] = build(int(value))
    return pd.Series(table[inverse.reshape(-1)], dtype=object)  # type: ignore[return-value]


def _ids_in(bits: int, ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(item for i, item in enumerate(ids) if bits >> i & 1)


def _open_question_pairs(bits: int) -> tuple[tuple[str, str], ...]:
    return tuple((c.id, c.band) for i, c in enumerate(AUTOMATED) if bits >> i & 1)
