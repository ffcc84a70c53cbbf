"""Small builders for the scoring tests: a plain detainee, scoring helpers and strategies.

`detainee()` is a remand detainee for whom every automated criterion C01–C10 is false, no tier
holds and the weighing profile is fully known, so a test changes only the facts of the rule it
checks. Dates are relative to `AS_OF`, the reference date of every scoring run here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import pandas as pd
from hypothesis import strategies as st

from scoring import DetaineeInputs, Policy, inputs_frame, result_records, score
from scoring.fields import FIELDS, KIND_VALUES, Field, Kind
from scoring.policy import DEFAULT_VIOLENCE_ARTICLES, CriteriaSwitches, TierSwitches
from scoring.vocabulary import BAND_ORDER, CRIMINOGENIC_FACTORS

AS_OF = date(2026, 6, 15)
CRITERIA = tuple(f"C{n:02d}" for n in range(1, 11))
TIERS = tuple(f"T{n}" for n in range(1, 6))
BANDS = BAND_ORDER
FACTORS = tuple(CRIMINOGENIC_FACTORS)

#: Kleene's three-valued OR, spelled out: a criterion with two flags is true when either is
#: true, false only when both are false, unknown otherwise. (first flag, second flag, state)
KLEENE_OR: tuple[tuple[bool | None, bool | None, str], ...] = (
    (True, True, "true"),
    (True, False, "true"),
    (True, None, "true"),
    (False, True, "true"),
    (None, True, "true"),
    (False, False, "false"),
    (False, None, "unknown"),
    (None, False, "unknown"),
    (None, None, "unknown"),
)

_PLAIN: dict[str, Any] = {
    "skn": "1000001",
    "pi": "Sittard",
    "phase": "remand",
    "date_of_birth": date(1980, 3, 10),
    "intake_date": AS_OF - timedelta(days=60),
    "expected_release_date": AS_OF + timedelta(days=300),
    "offence_article": "Opiumwet 2",
    "scil_lvb_indication": False,
    "has_probation_record": True,
    "latest_information_date": AS_OF - timedelta(days=30),
    "advice_requested": False,
    "om_isd_tbs_investigation": False,
    "risc_date": AS_OF - timedelta(days=30),
    "recidivism_risk": "medium",
    "criminogenic_factors": ("housing",),
    "protective_factors": ("family", "work"),
    "self_reliance": "sufficient",
    "motivation": "not_motivatable",
    "asr_framework_applied": True,
}


def days_ago(days: int, as_of: date = AS_OF) -> date:
    """The date `days` days before `as_of` (negative: after it)."""
    return as_of - timedelta(days=days)


def birthday(age: int, as_of: date = AS_OF) -> date:
    """A date of birth whose `age`-th birthday is `as_of` itself (29 February: the 28th)."""
    try:
        return as_of.replace(year=as_of.year - age)
    except ValueError:
        return as_of.replace(year=as_of.year - age, day=28)


def detainee(**fields: Any) -> DetaineeInputs:
    """A remand detainee with every criterion false, overridden by `fields`."""
    return DetaineeInputs(**{**_PLAIN, **fields})


def sentenced(**fields: Any) -> DetaineeInputs:
    """`detainee()` after the verdict."""
    return detainee(phase="sentenced", **fields)


_DJI_KEYS = frozenset(
    {
        "skn",
        "pi",
        "phase",
        "date_of_birth",
        "intake_date",
        "expected_release_date",
        "offence_article",
        "scil_lvb_indication",
    }
)


def without_iris_row(**fields: Any) -> DetaineeInputs:
    """A detainee with no row in the `iris` feed: every probation field at its default."""
    dji = {key: value for key, value in _PLAIN.items() if key in _DJI_KEYS}
    return DetaineeInputs(**{**dji, "has_probation_record": False, **fields})


def score_all(
    records: Iterable[DetaineeInputs], policy: Policy | None = None, as_of: date = AS_OF
) -> pd.DataFrame:
    """Score a population; the result rows in dashboard order."""
    return score(inputs_frame(list(records)), policy or Policy(), as_of)


def score_one(
    record: DetaineeInputs, policy: Policy | None = None, as_of: date = AS_OF
) -> dict[str, Any]:
    """The result row of one detainee scored alone, as a plain dict."""
    results = score_all([record], policy, as_of)
    assert len(results) == 1
    return {column: results[column].iloc[0] for column in results.columns}


def assert_scored(
    record: DetaineeInputs, policy: Policy | None = None, as_of: date = AS_OF, **expected: Any
) -> dict[str, Any]:
    """Score `record` alone, check the result columns named in `expected`, return the whole row.

    A failure shows every checked column as found beside what was expected, so a test states
    its outcome once (`band=`, `decisive=`, `fired=`, `state_C05=`, …) instead of line by line.
    """
    result = score_one(record, policy, as_of)
    found = {column: result[column] for column in expected}
    assert found == expected, f"scored {found}, expected {expected}"
    return result


def state(
    record: DetaineeInputs, item_id: str, policy: Policy | None = None, as_of: date = AS_OF
) -> str:
    """The state ('true', 'false', 'unknown', 'off', 'out_of_phase') of one criterion or tier."""
    return str(score_one(record, policy, as_of)[f"state_{item_id}"])


def records_by_skn(results: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The feeds.md JSON objects of a result, keyed by skn."""
    return {record["skn"]: record for record in result_records(results)}


def policy(**fields: Any) -> Policy:
    """A policy with some thresholds or switches changed (`criteria=`/`tiers=` take dicts)."""
    if "criteria" in fields:
        fields["criteria"] = CriteriaSwitches(**fields["criteria"])
    if "tiers" in fields:
        fields["tiers"] = TierSwitches(**fields["tiers"])
    return Policy(**fields)


ALL_TIERS_ON = policy(tiers=dict.fromkeys(TierSwitches.model_fields, True))


# -- hypothesis strategies ----------------------------------------------------------------
OFFENCE_TEXTS = (
    "300",
    "Sr 300",
    "art. 287 Sr",
    "art 285",
    "WvSr 312 lid 2",
    "273f",
    "310",
    "Opiumwet 2",
    "WVW 8",
    "WWM 26",
    "141 Sr",
)


_free_text = st.text(max_size=12)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _near(as_of: date, before: int, after: int) -> st.SearchStrategy[date]:
    """Dates around `as_of`, dense enough to hit the day-level boundaries."""
    return st.integers(-after, before).map(lambda days: as_of - timedelta(days=days))


def _kind_values(kind: Kind, as_of: date) -> st.SearchStrategy[Any]:
    """Any value the engine's input frame can hold for a field of this kind."""
    if kind in KIND_VALUES and kind != "factor_list":
        return st.sampled_from(KIND_VALUES[kind])
    return {
        "skn": st.text("0123456789", min_size=1, max_size=7),
        "text": _free_text,
        "date": _near(as_of, before=800, after=30),
        "boolean": st.booleans(),
        "flag": st.booleans(),
        "factor_list": st.lists(st.sampled_from(FACTORS), max_size=6).map(tuple),
        "free_list": st.lists(_free_text, max_size=3).map(tuple),
    }[kind]


def field_values(field: Field, as_of: date = AS_OF) -> st.SearchStrategy[Any]:
    """Any value of one catalogue field: unknown (None) too, unless the feed must fill it."""
    values = _kind_values(field.kind, as_of)
    return values if field.required or field.kind == "flag" else _maybe(values)


#: Every field a feed delivers (the catalogue's order).
FEED_FIELDS = tuple(field for field in FIELDS if field.feed is not None)


@st.composite
def detainees(draw: st.DrawFn, as_of: date, skn: str) -> DetaineeInputs:
    """Any detainee a feed could describe, unknowns included, with dates near `as_of`.

    Every catalogue field is drawn from its kind; the facts the rules compare against the
    policy (ages, stay length, offence articles) are drawn close to their boundaries.
    """
    intake = draw(_maybe(_near(as_of, before=800, after=10)))
    release_base = intake or as_of
    young = st.integers(15, 25).flatmap(
        lambda age: st.integers(-3, 3).map(lambda days: birthday(age, as_of) + timedelta(days))
    )
    near_boundaries = {
        "skn": skn,
        "pi": draw(st.sampled_from(("Sittard", "Arnhem"))),
        "intake_date": intake,
        "expected_release_date": draw(
            _maybe(st.integers(-5, 400).map(lambda days: release_base + timedelta(days=days)))
        ),
        "date_of_birth": draw(_maybe(young | st.dates(date(1940, 1, 1), as_of))),
        "offence_article": draw(_maybe(st.sampled_from(OFFENCE_TEXTS) | _free_text)),
    }
    drawn = {
        field.name: draw(field_values(field, as_of))
        for field in FEED_FIELDS
        if field.name not in near_boundaries
    }
    return DetaineeInputs(**near_boundaries, **drawn)


def populations(as_of: date, max_size: int = 8) -> st.SearchStrategy[list[DetaineeInputs]]:
    """Populations of detainees with distinct skns (short digit strings, so the string order
    differs from the numeric one)."""
    skns = st.lists(st.text("0123456789", min_size=1, max_size=4), unique=True, max_size=max_size)
    return skns.flatmap(lambda numbers: st.tuples(*(detainees(as_of, n) for n in numbers))).map(
        list
    )


@st.composite
def policies(draw: st.DrawFn) -> Policy:
    """Any valid policy: thresholds, switches and violence list all drawn."""
    low = draw(st.integers(14, 21))
    return Policy(
        version=draw(st.sampled_from(("default", "draft", "2026-06"))),
        screening_day=draw(st.integers(0, 40)),
        short_stay_days=draw(st.integers(0, 60)),
        information_max_age_days=draw(st.integers(0, 800)),
        risc_max_age_days=draw(st.integers(0, 800)),
        young_adult_age=(low, draw(st.integers(low + 1, 30))),
        multi_problem_min_factors=draw(st.integers(0, 6)),
        violence_articles=tuple(
            draw(st.lists(st.sampled_from((*DEFAULT_VIOLENCE_ARTICLES, 310)), unique=True))
        ),
        split_weighing=draw(st.booleans()),
        criteria=CriteriaSwitches(
            no_probation_information=draw(st.booleans()), short_stay=draw(st.booleans())
        ),
        tiers=TierSwitches(**{name: draw(st.booleans()) for name in TierSwitches.model_fields}),
    )


as_of_dates = st.dates(date(2020, 1, 1), date(2030, 12, 31))
