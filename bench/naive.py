"""A plain, per-row reference implementation of SOM's scoring rules.

Written straight from SOM.md section 5 and feeds.md (`som score --format json`), one detainee
at a time, without pandas. The benchmark times it against the vectorised engine in `scoring/`,
and the differential tests compare both: two independent readings of the same rules must agree.

Three-valued logic uses Python's `True`, `False` and `None` (unknown).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final

from scoring.fields import FIELDS
from scoring.policy import Policy
from scoring.vocabulary import BAND_ORDER

Tri = bool | None
Result = dict[str, Any]

INTAKE_DATE_MISSING: Final = "intake_date missing"

# A field the row does not name takes its catalogue default (feeds.md, "empty means").
_DEFAULTS: Final = {field.name: field.default for field in FIELDS}

#: Precedence (SOM.md, "Precedence"): step number, criteria in that step, band it leads to.
STEPS: Final[tuple[tuple[int, tuple[str, ...], str], ...]] = (
    (1, ("C01", "C09", "C10"), "no_priority"),
    (2, ("C07", "C08"), "priority"),
    (3, ("C05",), "defer"),
    (4, ("C02",), "no_priority"),
    (5, ("C06",), "priority"),
    (6, ("C04",), "no_priority"),
    (7, ("C03",), "no_priority"),
)
WEIGHING_STEP: Final = 8

#: Tier id → the policy switch that makes it count towards the tier score.
TIER_SWITCHES: Final = (
    ("T1", "lvb"),
    ("T2", "violence_offence"),
    ("T3", "high_risk"),
    ("T4", "multi_problem"),
    ("T5", "young_adult"),
)


def score_rows(rows: Iterable[Mapping[str, Any]], policy: Policy, as_of: date) -> list[Result]:
    """Score every detainee and return the `som score` JSON objects in dashboard order."""
    keyed = [_score(_Facts(row, policy, as_of)) for row in rows]
    keyed.sort(key=lambda pair: pair[0])
    return [result for _, result in keyed]


def score_row(row: Mapping[str, Any], policy: Policy, as_of: date) -> Result:
    """Score one detainee (a dict with the fields of `scoring.inputs.DetaineeInputs`)."""
    return _score(_Facts(row, policy, as_of))[1]


def _score(facts: _Facts) -> tuple[tuple[int, int, int, date, str], Result]:
    """The detainee's result and its place in the dashboard order."""
    policy, as_of = facts.policy, facts.as_of
    states = _criteria(facts)
    # C10 only counts for the band while C07 is not true (SOM.md, step 1).
    effective = dict(states)
    if "C10" in effective and states.get("C07") is True:
        effective["C10"] = False

    decisive_step, provisional, decisive = WEIGHING_STEP, "weighing", None
    for step, criteria, band in STEPS:
        fired = sorted(c for c in criteria if effective.get(c) is True)
        if fired:
            decisive_step, provisional, decisive = step, band, fired[0]
            break

    open_questions = {
        criterion: band
        for step, criteria, band in STEPS
        if step < decisive_step and band != provisional
        for criterion in criteria
        if criterion in effective and effective[criterion] is None
    }
    if decisive == "C10" and states.get("C07") is None:
        open_questions["C07"] = "priority"

    intake = facts.intake_date
    not_yet = intake is not None and (as_of - intake).days < policy.screening_day
    tiers = _tiers(facts)
    profile = _weighing_profile(facts)
    result: Result = {
        "skn": facts.skn,
        "band": "not_yet" if not_yet else provisional,
        "provisional_band": provisional,
        "decisive": decisive,
        "fired": sorted(c for c, state in states.items() if state is True),
        "unknown": sorted(c for c, state in states.items() if state is None),
        "open_questions": [
            {"criterion": criterion, "band": band}
            for criterion, band in sorted(open_questions.items())
        ],
        "tiers": [tier for tier, holds in tiers.items() if holds],
        "tier_score": sum(
            1 for tier, switch in TIER_SWITCHES if tiers[tier] and getattr(policy.tiers, switch)
        ),
        "weighing_profile": {
            "signals": sum(1 for signal in profile if signal is True),
            "known": sum(1 for signal in profile if signal is not None),
        },
        "warnings": [INTAKE_DATE_MISSING] if intake is None else [],
    }
    # Dashboard order: band, tier score high to low, intake oldest first (unknown last), skn.
    order = (
        BAND_ORDER.index(result["band"]),
        -result["tier_score"],
        1 if intake is None else 0,
        intake or date.min,
        facts.skn,
    )
    return order, result


# --- three-valued logic -----------------------------------------------------------------------


def kleene_and(*parts: Tri) -> Tri:
    """False if any part is false, true if all are true, else unknown."""
    if any(part is False for part in parts):
        return False
    if all(part is True for part in parts):
        return True
    return None


def kleene_or(*parts: Tri) -> Tri:
    """True if any part is true, false if all are false, else unknown."""
    if any(part is True for part in parts):
        return True
    if all(part is False for part in parts):
        return False
    return None


def kleene_not(part: Tri) -> Tri:
    return None if part is None else not part


def _when_known(value: Any, test: Callable[[Any], bool]) -> Tri:
    return None if value is None else test(value)


# --- facts about one detainee -----------------------------------------------------------------


class _Facts:
    """The row's fields, plus the derived facts several rules share (age, current RISC)."""

    def __init__(self, row: Mapping[str, Any], policy: Policy, as_of: date) -> None:
        self.row = row
        self.policy = policy
        self.as_of = as_of
        self.skn = str(row["skn"])
        self.intake_date: date | None = self.get("intake_date")
        birth: date | None = self.get("date_of_birth")
        self.age: int | None = None if birth is None else _whole_years(birth, as_of)
        risc: date | None = self.get("risc_date")
        # Current RISC: dated and at most risc_max_age_days old; a future date counts as current.
        self.current_risc = risc is not None and (as_of - risc).days <= policy.risc_max_age_days
        # Values of an old or undated RISC count as unknown.
        self.recidivism_risk: str | None = (
            self.get("recidivism_risk") if self.current_risc else None
        )

    def get(self, field: str) -> Any:
        if field in self.row:
            return self.row[field]
        return _DEFAULTS.get(field)

    def young_adult(self) -> Tri:
        low, high = self.policy.young_adult_age
        return _when_known(self.age, lambda age: low <= age < high)


def _whole_years(birth: date, as_of: date) -> int:
    before_birthday = (as_of.month, as_of.day) < (birth.month, birth.day)
    return as_of.year - birth.year - int(before_birthday)


# --- the automated criteria C01–C10 -----------------------------------------------------------


def _criteria(facts: _Facts) -> dict[str, Tri]:
    """Every automated criterion that is switched on, with its three-valued state."""
    get, policy = facts.get, facts.policy
    remand = get("phase") == "remand"
    states: dict[str, Tri] = {
        "C01": get("no_residence_status"),
        "C02": _when_known(facts.recidivism_risk, lambda risk: risk == "low"),
        "C05": kleene_or(get("advice_requested"), get("om_isd_tbs_investigation"))
        if remand
        else False,
        "C06": kleene_and(facts.young_adult(), kleene_not(get("asr_framework_applied")))
        if remand
        else False,
        "C07": get("supervision_after_detention"),
        "C08": get("article_43_3_placement"),
        "C09": kleene_or(get("isd_imposed"), get("tbs_imposed")),
        "C10": get("outflow_care_authorisation"),
    }
    if policy.criteria.short_stay:
        intake, release = get("intake_date"), get("expected_release_date")
        states["C04"] = (
            None
            if intake is None or release is None
            else (release - intake).days < policy.short_stay_days
        )
    if policy.criteria.no_probation_information:
        states["C03"] = _no_probation_information(facts)
    return dict(sorted(states.items()))


def _no_probation_information(facts: _Facts) -> bool:
    """C03: no iris row, or the newest of the information and RISC dates is absent or too old."""
    if not facts.get("has_probation_record"):
        return True
    dates: list[date] = [
        d for d in (facts.get("latest_information_date"), facts.get("risc_date")) if d is not None
    ]
    if not dates:
        return True
    newest = max(dates)
    return (facts.as_of - newest).days > facts.policy.information_max_age_days


# --- tiers T1–T5 and the weighing profile -----------------------------------------------------


def _tiers(facts: _Facts) -> dict[str, bool]:
    get, policy = facts.get, facts.policy
    factors: Sequence[str] | None = get("criminogenic_factors")
    return {
        "T1": get("scil_lvb_indication") is True,
        "T2": is_violence_article(get("offence_article"), policy.violence_articles),
        "T3": facts.recidivism_risk == "high",
        "T4": factors is not None and len(set(factors)) >= policy.multi_problem_min_factors,
        "T5": facts.young_adult() is True,
    }


def _weighing_profile(facts: _Facts) -> tuple[Tri, ...]:
    """The five consensus signals: risk medium/high, many criminogenic factors, few protective
    factors, limited self-reliance, motivatable."""
    # SOM.md fixes the profile's thresholds ("≥ 3 criminogenic factors", "≤ 1 protective
    # factor"); the policy's multi_problem_min_factors belongs to tier T4 only.
    get, minimum = facts.get, 3
    return (
        _when_known(facts.recidivism_risk, lambda risk: risk in ("medium", "high")),
        _when_known(get("criminogenic_factors"), lambda items: len(set(items)) >= minimum),
        _when_known(get("protective_factors"), lambda items: len(set(items)) <= 1),
        _when_known(get("self_reliance"), lambda value: value == "limited"),
        _when_known(get("motivation"), lambda value: value == "motivatable"),
    )


# --- offence articles (T2) --------------------------------------------------------------------

_PREFIXES: Final = ("", "wvsr", "sr", "art.", "art")
_SUFFIXES: Final = ("", "sr", "wvsr")
_DIGITS: Final = frozenset("0123456789")
_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz")


def sr_article_number(text: str | None) -> tuple[int, str] | None:
    """The (number, letter) of the Sr article that `text` names, or None when it names none.

    Ignoring case and all spaces: an optional `wvsr`/`sr`/`art.`/`art`, digits with at most one
    letter, an optional `lid N`, an optional trailing `sr`/`wvsr`, and nothing else.
    """
    if not text:
        return None
    compact = "".join(text.lower().split())
    for prefix in _PREFIXES:
        if compact.startswith(prefix):
            found = _article_body(compact[len(prefix) :])
            if found is not None:
                return found
    return None


def _article_body(text: str) -> tuple[int, str] | None:
    end = 0
    while end < len(text) and text[end] in _DIGITS:
        end += 1
    if end == 0:
        return None
    number, rest = int(text[:end]), text[end:]
    if _is_article_tail(rest):
        return number, ""
    if rest and rest[0] in _LETTERS and _is_article_tail(rest[1:]):
        return number, rest[0]
    return None


def _is_article_tail(text: str) -> bool:
    """An optional `lid<digits>` followed by an optional `sr`/`wvsr`, and nothing else."""
    if text.startswith("lid"):
        end = 3
        while end < len(text) and text[end] in _DIGITS:
            end += 1
        if end == 3:
            return False
        text = text[end:]
    return text in _SUFFIXES


def is_violence_article(text: str | None, violence_articles: Iterable[int]) -> bool:
    """T2: the text names a Sr article without a letter whose number is in the policy list."""
    found = sr_article_number(text)
    return found is not None and found[1] == "" and found[0] in set(violence_articles)
