"""What the professional weighing shows (C11–C17) and the report's consensus profile."""

from __future__ import annotations

from typing import Final

from scoring import rules
from scoring.catalogue.types import ProfileSignal, WeighingCriterion
from scoring.text import Text

WEIGHING: Final[tuple[WeighingCriterion, ...]] = (
    WeighingCriterion(
        "C11",
        "risk",
        Text("Risico recidive en letsel", "Risk of reoffending and harm"),
        ("recidivism_risk", "injury_risk", "absconding_risk", "risc_date"),
        Text(
            "recidive {risk}, letsel {injury_risk}, onttrekking {absconding_risk} "
            "(RISC {risc_date})",
            "reoffending {risk}, harm {injury_risk}, absconding {absconding_risk} "
            "(RISC {risc_date})",
        ),
    ),
    WeighingCriterion(
        "C12",
        "criminogenic_factors",
        Text("Criminogene factoren", "Criminogenic factors"),
        ("criminogenic_factors",),
        Text("{criminogenic_factors}", "{criminogenic_factors}"),
    ),
    WeighingCriterion(
        "C13",
        "protective_factors",
        Text("Beschermende factoren", "Protective factors"),
        ("protective_factors",),
        Text("{protective_factors}", "{protective_factors}"),
    ),
    WeighingCriterion(
        "C14",
        "self_reliance",
        Text("Zelfredzaamheid", "Self-reliance"),
        ("self_reliance", "scil_lvb_indication"),
        Text(
            "{self_reliance}; SCIL LVB-indicatie: {lvb}",
            "{self_reliance}; SCIL LVB indication: {lvb}",
        ),
    ),
    WeighingCriterion(
        "C15",
        "motivation",
        Text("Motivatie / te motiveren", "Motivation"),
        ("motivation",),
        Text("{motivation}", "{motivation}"),
    ),
    WeighingCriterion(
        "C16",
        "special_conditions",
        Text("Opgelegde bijzondere voorwaarden", "Special conditions imposed"),
        ("special_conditions",),
        Text("{special_conditions}", "{special_conditions}"),
    ),
    WeighingCriterion(
        "C17",
        "care_contacts",
        Text("Lopende contacten met hulpverleners", "Ongoing contacts with care providers"),
        ("care_contacts",),
        Text("{care_contacts}", "{care_contacts}"),
    ),
)

PROFILE: Final[tuple[ProfileSignal, ...]] = (
    ProfileSignal(
        "P1",
        "risk_medium_or_high",
        Text("risico gemiddeld of hoog", "risk medium or high"),
        ("risc_date", "recidivism_risk"),
        rules.risk_medium_or_high,
    ),
    ProfileSignal(
        "P2",
        "many_criminogenic_factors",
        Text("veel criminogene factoren", "many criminogenic factors"),
        ("criminogenic_factors",),
        rules.many_criminogenic_factors,
    ),
    ProfileSignal(
        "P3",
        "few_protective_factors",
        Text("weinig beschermende factoren", "few protective factors"),
        ("protective_factors",),
        rules.few_protective_factors,
    ),
    ProfileSignal(
        "P4",
        "limited_self_reliance",
        Text("beperkte zelfredzaamheid", "limited self-reliance"),
        ("self_reliance",),
        rules.limited_self_reliance,
    ),
    ProfileSignal(
        "P5", "motivatable", Text("te motiveren", "motivatable"), ("motivation",), rules.motivatable
    ),
)
