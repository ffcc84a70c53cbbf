"""The policy's switches: one per switchable criterion and per tier, and nothing else.

The switch classes spell their fields out (the policy file format, feeds.md); these tests keep
them equal to the catalogue's slugs, and a slug that is no switch raises instead of meaning "on".
"""

import pytest

from scoring.catalogue import AUTOMATED, TIERS
from scoring.policy import CriteriaSwitches, Policy, TierSwitches


def test_criteria_switches_are_exactly_the_switchable_criteria_of_the_catalogue() -> None:
    switchable = [c.slug for c in AUTOMATED if c.switchable]
    assert list(CriteriaSwitches.model_fields) == switchable


def test_tier_switches_are_exactly_the_tiers_of_the_catalogue() -> None:
    assert list(TierSwitches.model_fields) == [t.slug for t in TIERS]


def test_switchable_criteria_are_on_and_tiers_off_by_default() -> None:
    policy = Policy()
    assert all(policy.criterion_enabled(c.slug) for c in AUTOMATED if c.switchable)
    assert not any(policy.tier_enabled(t.slug) for t in TIERS)


def test_a_switch_set_in_the_policy_is_what_criterion_enabled_reports() -> None:
    policy = Policy(criteria=CriteriaSwitches(short_stay=False), tiers=TierSwitches(lvb=True))
    assert policy.criterion_enabled("short_stay") is False
    assert policy.criterion_enabled("no_probation_information") is True
    assert policy.tier_enabled("lvb") is True


def test_a_misspelt_criterion_slug_raises_naming_the_slug_and_the_known_switches() -> None:
    with pytest.raises(KeyError, match=r"criteria\.short_stays.*no_probation_information"):
        Policy().criterion_enabled("short_stays")


def test_a_criterion_without_a_switch_is_not_a_switch() -> None:
    with pytest.raises(KeyError, match="pending_advice"):
        Policy().criterion_enabled("pending_advice")


def test_an_unknown_tier_slug_raises_naming_the_known_tiers() -> None:
    with pytest.raises(KeyError, match=r"tiers\.lbv.*lvb, violence_offence"):
        Policy().tier_enabled("lbv")
