"""The optional extra tiers T1–T5 that split the weighing group (all off by default).

The report proposes them in section 5.4, below table 7, as the possible criteria for an extra
prioritisation when the group for professional weighing is too large for the capacity.
"""

from __future__ import annotations

from typing import Final

from scoring import rules
from scoring.catalogue.types import Sentences, Tier
from scoring.text import Text

_EXTRA_PRIORITISATION: Final = "report section 5.4, extra prioritisation below table 7"

TIERS: Final[tuple[Tier, ...]] = (
    Tier(
        id="T1",
        slug="lvb",
        name=Text("LVB-indicatie", "Possible mild intellectual disability (LVB)"),
        inputs=("scil_lvb_indication",),
        rule=rules.lvb,
        holds_when=Text("`scil_lvb_indication` is waar", "`scil_lvb_indication` is true"),
        sentences=Sentences(
            true=Text("SCIL wijst op mogelijke LVB", "SCIL suggests possible LVB"),
        ),
        reference=f"{_EXTRA_PRIORITISATION} (LVB, low self-reliance, from SCIL)",
    ),
    Tier(
        id="T2",
        slug="violence_offence",
        name=Text("Geweldsdelict", "Violence offence"),
        inputs=("offence_article",),
        rule=rules.violence_offence,
        holds_when=Text(
            "`offence_article` is een geweldsartikel uit het Wetboek van Strafrecht (beleid)",
            "`offence_article` is a violence article of the Criminal Code (policy list)",
        ),
        sentences=Sentences(
            true=Text(
                "delict {offence_article} is een geweldsdelict",
                "offence {offence_article} is a violence offence",
            ),
            false=Text(
                "delict {offence_article} is geen geweldsartikel (Sr)",
                "offence {offence_article} is not a violence article (Sr)",
            ),
            unknown=Text("delict onbekend", "offence unknown"),
        ),
        reference=f"{_EXTRA_PRIORITISATION} (violence offenders, from the offence's article)",
    ),
    Tier(
        id="T3",
        slug="high_risk",
        name=Text("Hoog risico", "High risk"),
        inputs=("risc_date", "recidivism_risk"),
        rule=rules.high_risk,
        holds_when=Text(
            "actuele RISC met `recidivism_risk` = hoog",
            "current RISC with `recidivism_risk` = high",
        ),
        sentences=Sentences(
            true=Text("recidiverisico hoog", "recidivism risk high"),
            false=Text("recidiverisico {risk}", "recidivism risk {risk}"),
            unknown=Text("geen actuele RISC of risico onbekend", "no current RISC or risk unknown"),
        ),
        reference=f"{_EXTRA_PRIORITISATION} (high risk above medium risk)",
    ),
    Tier(
        id="T4",
        slug="multi_problem",
        name=Text("Meervoudige problematiek", "Multiple problems"),
        inputs=("criminogenic_factors",),
        rule=rules.multi_problem,
        holds_when=Text(
            "minstens {multi_problem_min_factors} criminogene factoren "
            "(`multi_problem_min_factors`)",
            "at least {multi_problem_min_factors} criminogenic factors "
            "(`multi_problem_min_factors`)",
        ),
        sentences=Sentences(
            true=Text(
                "criminogene factoren: {factor_count}", "criminogenic factors: {factor_count}"
            ),
            false=Text(
                "criminogene factoren: {factor_count}", "criminogenic factors: {factor_count}"
            ),
            unknown=Text("criminogene factoren onbekend", "criminogenic factors unknown"),
        ),
        reference=(
            f"{_EXTRA_PRIORITISATION} (multiple problems, e.g. at least 3 criminogenic factors "
            "in RISC)"
        ),
    ),
    Tier(
        id="T5",
        slug="young_adult",
        name=Text("Jongvolwassene", "Young adult"),
        inputs=("date_of_birth",),
        rule=rules.young_adult,
        holds_when=Text(
            "leeftijd in [{young_adult_from}, {young_adult_until}) (`young_adult_age`)",
            "age in [{young_adult_from}, {young_adult_until}) (`young_adult_age`)",
        ),
        sentences=Sentences(
            true=Text("{age} jaar", "aged {age}"),
            false=Text("{age} jaar", "aged {age}"),
            unknown=Text("geboortedatum onbekend", "date of birth unknown"),
        ),
        reference=f"{_EXTRA_PRIORITISATION} (young adults, by age)",
    ),
)
