"""The policy: every threshold and switch of SOM, versioned (feeds.md, "The policy file").

A policy is plain data. `parse_policy` turns TOML text into a `Policy`; an unknown key or a value
of the wrong type raises `PolicyError` naming the key. The `version` travels with every result.
"""

from __future__ import annotations

import tomllib
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

DEFAULT_VIOLENCE_ARTICLES: tuple[int, ...] = (
    141,
    242,
    243,
    244,
    245,
    246,
    282,
    285,
    287,
    288,
    289,
    290,
    291,
    300,
    301,
    302,
    303,
    304,
    312,
    317,
)


class PolicyError(ValueError):
    """A policy file that cannot be used; the message names the key and what was wrong."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# The switch fields are the catalogue's slugs (`switchable` criteria, every tier). They are
# spelt out so that the policy file format stays typed and documented; a test checks that they
# equal the catalogue's slugs (the catalogue's rules import this module, so it cannot import it).
class CriteriaSwitches(_Strict):
    """Automated criteria that the policy may switch off (the contested ones)."""

    no_probation_information: bool = True  # C03
    short_stay: bool = True  # C04


class TierSwitches(_Strict):
    """Optional extra tiers that split the weighing group; all off by default."""

    lvb: bool = False  # T1
    violence_offence: bool = False  # T2
    high_risk: bool = False  # T3
    multi_problem: bool = False  # T4
    young_adult: bool = False  # T5


#: The sensible range of every number in a policy (inclusive): a value outside is refused, the
#: error naming the key, the value and the range. Day counts stay within ten years, ages within
#: the age of criminal responsibility and old age, the factor count within the ten RISC domains.
RANGES: Final[dict[str, tuple[int, int]]] = {
    "screening_day": (0, 365),
    "short_stay_days": (0, 3650),
    "information_max_age_days": (0, 3650),
    "risc_max_age_days": (0, 3650),
    "young_adult_age": (12, 100),
    "multi_problem_min_factors": (0, 10),
    "violence_articles": (1, 999),
}
VERSION_MAX_LENGTH: Final = 64


def _bounded(name: str, default: int) -> Any:
    low, high = RANGES[name]
    return Field(default=default, ge=low, le=high)


class Policy(_Strict):
    """Thresholds and switches of one policy version."""

    version: str = Field(default="default", min_length=1, max_length=VERSION_MAX_LENGTH)
    screening_day: int = _bounded("screening_day", 21)
    short_stay_days: int = _bounded("short_stay_days", 28)
    information_max_age_days: int = _bounded("information_max_age_days", 365)
    risc_max_age_days: int = _bounded("risc_max_age_days", 365)
    young_adult_age: tuple[int, int] = (18, 23)
    multi_problem_min_factors: int = _bounded("multi_problem_min_factors", 3)
    violence_articles: tuple[int, ...] = DEFAULT_VIOLENCE_ARTICLES
    split_weighing: bool = False
    criteria: CriteriaSwitches = CriteriaSwitches()
    tiers: TierSwitches = TierSwitches()

    @field_validator("young_adult_age")
    @classmethod
    def _half_open_range(cls, value: tuple[int, int]) -> tuple[int, int]:
        low, high = value
        floor, ceiling = RANGES["young_adult_age"]
        if not floor <= low < high <= ceiling:
            raise ValueError(
                f"must be [low, high] with {floor} <= low < high <= {ceiling} "
                f"(found [{low}, {high}])"
            )
        return value

    @field_validator("violence_articles")
    @classmethod
    def _article_numbers(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        low, high = RANGES["violence_articles"]
        wrong = [article for article in value if not low <= article <= high]
        if wrong:
            raise ValueError(f"article numbers must be from {low} to {high} (found {wrong[0]})")
        return value

    def threshold_values(self) -> dict[str, int]:
        """The thresholds by the placeholder names that catalogue texts quote them with, so a
        text never states a threshold the policy may change (`{young_adult_from}` …)."""
        young_from, young_until = self.young_adult_age
        return {
            "screening_day": self.screening_day,
            "short_stay_days": self.short_stay_days,
            "information_max_age_days": self.information_max_age_days,
            "risc_max_age_days": self.risc_max_age_days,
            "young_adult_from": young_from,
            "young_adult_until": young_until,
            "multi_problem_min_factors": self.multi_problem_min_factors,
        }

    def criterion_enabled(self, slug: str) -> bool:
        """Whether a switchable automated criterion (C03, C04) is switched on.

        Raises `KeyError` for any other slug: a misspelt slug must not silently mean "on"."""
        return _switch(self.criteria, "criteria", slug)

    def tier_enabled(self, slug: str) -> bool:
        """Whether an optional tier (T1–T5) counts towards the tier score; `KeyError` for an
        unknown slug."""
        return _switch(self.tiers, "tiers", slug)


def _switch(switches: BaseModel, table: str, slug: str) -> bool:
    fields = type(switches).model_fields
    if slug not in fields:
        known = ", ".join(fields)
        raise KeyError(f"the policy has no switch '{table}.{slug}' (known: {known})")
    return bool(getattr(switches, slug))


def parse_policy(text: str) -> Policy:
    """Read a policy from TOML text; raise `PolicyError` naming the offending key."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyError(f"policy is not valid TOML: {error}") from error
    return policy_from_mapping(data)


def policy_from_mapping(data: dict[str, Any]) -> Policy:
    """Build a policy from already-decoded data (TOML or a stored JSON document)."""
    # TOML arrays arrive as lists; the model keeps tuples so a policy is hashable and frozen.
    prepared = dict(data)
    for key in ("young_adult_age", "violence_articles"):
        if isinstance(prepared.get(key), list):
            prepared[key] = tuple(prepared[key])
    try:
        return Policy.model_validate(prepared)
    except ValidationError as error:
        raise PolicyError(_describe(error)) from None


def _describe(error: ValidationError) -> str:
    problems = []
    for item in error.errors():
        location = [str(part) for part in item["loc"]]
        # Tuple items show up as numeric positions; name the key, then the position.
        key = ".".join(p for p in location if not p.isdigit()) or "(policy)"
        found = item.get("input")
        if item["type"] == "extra_forbidden":
            problems.append(f"policy key '{key}': unknown key")
        elif item["type"] == "value_error":
            message = str(item["msg"]).removeprefix("Value error, ")
            problems.append(f"policy key '{key}': {message}")
        elif item["type"] in ("greater_than_equal", "less_than_equal") and key in RANGES:
            low, high = RANGES[key]
            problems.append(f"policy key '{key}': must be from {low} to {high} (found {found!r})")
        else:
            problems.append(f"policy key '{key}': {item['msg'].lower()} (found {found!r})")
    return "; ".join(problems)
