"""The optional extra tiers T1–T5 that split the weighing group (all off by default)."""

from __future__ import annotations

from typing import Final

from scoring import rules
from scoring.catalogue.types import Sentences, Tier
from scoring.text import Text

TIERS: Final[tuple[Tier, ...]] = (
    Tier(
        "T1",
        "lvb",
        Text("LVB-indicatie", "Possible mild intellectual disability (LVB)"),
        ("scil_lvb_indication",),
        rules.lvb,
        Text("`scil_lvb_indication` is waar", "`scil_lvb_indication` is true"),
        Sentences(true=Text("SCIL wijst op mogelijke LVB", "SCIL suggests possible LVB")),
    ),
    Tier(
        "T2",
        "violence_offence",
        Text("Geweldsdelict", "Violence offence"),
        ("offence_article",),
        rules.violence_offence,
        Text(
            "`offence_article` is een geweldsartikel uit het Wetboek van Strafrecht (beleid)",
            "`offence_article` is a violence article of the Criminal Code (policy list)",
        ),
        Sentences(
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
    ),
    Tier(
        "T3",
        "high_risk",
        Text("Hoog risico", "High risk"),
        ("risc_date", "recidivism_risk"),
        rules.high_risk,
        Text(
            "actuele RISC met `recidivism_risk` = hoog",
            "current RISC with `recidivism_risk` = high",
        ),
        Sentences(
            true=Text("recidiverisico hoog", "recidivism risk high"),
            false=Text("recidiverisico {risk}", "recidivism risk {risk}"),
            unknown=Text("geen actuele RISC of risico onbekend", "no current RISC or risk unknown"),
        ),
    ),
    Tier(
        "T4",
        "multi_problem",
        Text("Meervoudige problematiek", "Multiple problems"),
        ("criminogenic_factors",),
        rules.multi_problem,
        Text(
            "minstens `multi_problem_min_factors` criminogene factoren",
            "at least `multi_problem_min_factors` criminogenic factors",
        ),
        Sentences(
            true=Text(
                "criminogene factoren: {factor_count}", "criminogenic factors: {factor_count}"
            ),
            false=Text(
                "criminogene factoren: {factor_count}", "criminogenic factors: {factor_count}"
            ),
            unknown=Text("criminogene factoren onbekend", "criminogenic factors unknown"),
        ),
    ),
    Tier(
        "T5",
        "young_adult",
        Text("Jongvolwassene", "Young adult"),
        ("date_of_birth",),
        rules.young_adult,
        Text("leeftijd in [18, 23)", "age in [18, 23)"),
        Sentences(
            true=Text("{age} jaar", "aged {age}"),
            false=Text("{age} jaar", "aged {age}"),
            unknown=Text("geboortedatum onbekend", "date of birth unknown"),
        ),
    ),
)
