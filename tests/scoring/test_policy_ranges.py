"""feeds.md, the policy file: every number must lie in a sensible range, and an error names the
key, the value found and the range."""

from __future__ import annotations

import pytest

from scoring.policy import RANGES, PolicyError, parse_policy

SINGLE_NUMBERS = [key for key in RANGES if key not in ("young_adult_age", "violence_articles")]


@pytest.mark.parametrize("key", SINGLE_NUMBERS)
def test_a_number_at_either_end_of_its_range_is_accepted(key: str) -> None:
    low, high = RANGES[key]
    assert getattr(parse_policy(f"{key} = {low}"), key) == low
    assert getattr(parse_policy(f"{key} = {high}"), key) == high


@pytest.mark.parametrize("key", SINGLE_NUMBERS)
@pytest.mark.parametrize("side", ["below", "above"])
def test_a_number_outside_its_range_is_refused_naming_key_value_and_range(
    key: str, side: str
) -> None:
    low, high = RANGES[key]
    value = low - 1 if side == "below" else high + 1
    with pytest.raises(PolicyError) as error:
        parse_policy(f"{key} = {value}")
    assert str(error.value) == f"policy key '{key}': must be from {low} to {high} (found {value})"


def test_screening_day_is_at_most_a_year() -> None:
    assert RANGES["screening_day"] == (0, 365)


def test_a_young_adult_range_beyond_sensible_ages_is_refused() -> None:
    with pytest.raises(PolicyError, match=r"young_adult_age.*12 <= low < high <= 100.*\[18, 200\]"):
        parse_policy("young_adult_age = [18, 200]")


def test_a_violence_article_number_outside_the_criminal_code_is_refused() -> None:
    with pytest.raises(PolicyError, match=r"violence_articles.*from 1 to 999 \(found 0\)"):
        parse_policy("violence_articles = [0, 300]")


def test_an_empty_version_name_is_refused() -> None:
    with pytest.raises(PolicyError, match="version"):
        parse_policy('version = ""')
