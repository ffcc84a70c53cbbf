"""Catalogue texts quote the policy's thresholds, never literals; tiers carry report references.

A capacity manager may change `young_adult_age`, `short_stay_days` and the other thresholds, so
every condition and sentence takes them from the policy (`Policy.threshold_values`), both in
`docs/criteria.md` and in a detainee's explanation.
"""

import re
from datetime import timedelta

import pytest
from support import AS_OF, detainee, score_one

from scoring import Policy, explain
from scoring.catalogue import AUTOMATED, TIERS, WEIGHING
from scoring.catalogue.types import STATES
from scoring.reference import criteria_markdown
from scoring.text import Text

#: A policy whose every threshold differs from the default one.
OTHER_THRESHOLDS = Policy(
    screening_day=17,
    short_stay_days=41,
    information_max_age_days=500,
    risc_max_age_days=400,
    young_adult_age=(19, 27),
    multi_problem_min_factors=5,
)
#: The default thresholds as a text would state them literally (28 days is also "4 weken").
DEFAULT_LITERALS = re.compile(r"\b(18|21|23|28|365)\b|\b4 (weken|weeks)\b")


def _texts() -> list[tuple[str, Text]]:
    texts: list[tuple[str, Text]] = []
    for criterion in AUTOMATED:
        texts.append((f"{criterion.id} name", criterion.name))
        texts.append((f"{criterion.id} fires_when", criterion.fires_when))
        texts += [(f"{criterion.id} {s}", criterion.sentences.for_state(s)) for s in STATES]
        if criterion.note is not None:
            texts.append((f"{criterion.id} note", criterion.note))
    for tier in TIERS:
        texts.append((f"{tier.id} name", tier.name))
        texts.append((f"{tier.id} holds_when", tier.holds_when))
        texts += [(f"{tier.id} {s}", tier.sentences.for_state(s)) for s in STATES]
    texts += [(f"{weighing.id} shows", weighing.shows) for weighing in WEIGHING]
    return texts


@pytest.mark.parametrize(("where", "text"), _texts(), ids=[where for where, _ in _texts()])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_catalogue_condition_or_sentence_states_a_default_threshold_as_a_literal(
    where: str, text: Text, language: str
) -> None:
    rendered = text.render(language, OTHER_THRESHOLDS.threshold_values())  # type: ignore[arg-type]
    assert not DEFAULT_LITERALS.search(rendered), f"{where}: {rendered!r}"


def test_the_young_adult_conditions_in_the_reference_follow_the_policy_age_range() -> None:
    default = criteria_markdown()
    wider = criteria_markdown(Policy(young_adult_age=(18, 25)))
    assert default.count("age in [18, 23)") == 2  # C06 and T5
    assert wider.count("age in [18, 25)") == 2
    assert "[18, 23)" not in wider


def test_the_t5_condition_renders_the_policy_age_range_in_both_languages() -> None:
    young_adult = next(tier for tier in TIERS if tier.slug == "young_adult")
    values = Policy(young_adult_age=(16, 25)).threshold_values()
    assert young_adult.holds_when.render("nl", values).startswith("leeftijd in [16, 25)")
    assert young_adult.holds_when.render("en", values).startswith("age in [16, 25)")


def test_the_short_stay_explanation_quotes_the_policy_short_stay_days() -> None:
    record = detainee(
        intake_date=AS_OF - timedelta(days=30), expected_release_date=AS_OF + timedelta(days=5)
    )
    rules = Policy(short_stay_days=42)
    found = explain(record, score_one(record, rules, AS_OF), rules, AS_OF)
    short_stay = found.criterion_sentences("en")[[c.id for c in AUTOMATED].index("C04")]
    assert short_stay.startswith("Short stay (C04): expected stay 35 days, shorter than 42 ")


def test_every_tier_names_where_the_report_proposes_it() -> None:
    for tier in TIERS:
        assert tier.reference.startswith("report section 5.4"), tier.id
