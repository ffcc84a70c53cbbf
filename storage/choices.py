"""The choices professionals make in SOM (SOM.md section 6), with stable keys and labels.

Keys are stored in the database and never change; labels are what the screens show.
"""

from __future__ import annotations

from typing import Final

from scoring.text import Text
from scoring.vocabulary import BAND_ORDER

#: Bands an override may set, in list order. `not_yet` is a time gate, not a choice.
OVERRIDE_BANDS: Final[tuple[str, ...]] = tuple(band for band in BAND_ORDER if band != "not_yet")

#: Minimum length of an override's justification (and a withdrawal's reason), after trimming.
MIN_JUSTIFICATION_LENGTH: Final = 20

#: Reason categories of an override: key → label.
REASON_CATEGORIES: Final[dict[str, Text]] = {
    "cm_concern": Text("zorg van de casemanager", "the case manager is worried"),
    "new_information": Text(
        "nieuwe informatie, nog niet in de bronsystemen",
        "new information, not yet in the source systems",
    ),
    "professional_weighing": Text("professionele weging", "professional weighing"),
    "capacity": Text("capaciteit", "capacity"),
    "other": Text("anders", "other"),
}

#: Part 3 of the form — the joint decision of case manager and probation worker:
#: key → label.
DECISION_OPTIONS: Final[dict[str, Text]] = {
    "no_priority": Text(
        "geen prioriteit voor reclassering in de PI",
        "no priority for probation in the PI",
    ),
    "repeat_after_verdict": Text(
        "te weinig informatie – SOM herhalen na de uitspraak",
        "too little information – repeat SOM after the verdict",
    ),
    "request_advice": Text(
        "te weinig informatie – reclasseringsadvies (OM) of reïntegratieadvies (DJI) aanvragen",
        "too little information – ask for a probation advice (OM) or reintegration advice (DJI)",
    ),
    "probation_prepare_supervision": Text(
        "reclassering gewenst voor: voorbereiden toezicht",
        "probation wanted for: preparing supervision",
    ),
    "probation_behavioural_training": Text(
        "reclassering gewenst voor: gedragsinterventie in de PI",
        "probation wanted for: behavioural training in the PI",
    ),
    "probation_guidance_conversations": Text(
        "reclassering gewenst voor: begeleidingsgesprekken",
        "probation wanted for: guidance conversations",
    ),
    "probation_support_article_43_3": Text(
        "reclassering gewenst voor: ondersteunen artikel 43.3-plaatsing",
        "probation wanted for: supporting an article 43.3 placement",
    ),
    "probation_initiate_aftercare": Text(
        "reclassering gewenst voor: zorg of hulp na detentie in gang zetten",
        "probation wanted for: initiating care or help after detention",
    ),
    "probation_initiate_suspension": Text(
        "reclassering gewenst voor: schorsing voorlopige hechtenis in gang zetten",
        "probation wanted for: initiating suspension of pre-trial detention",
    ),
    "other": Text("anders", "other"),
}

#: The same decisions in a word or two, for a column of the list (keys as `DECISION_OPTIONS`).
DECISION_SHORT_LABELS: Final[dict[str, Text]] = {
    "no_priority": Text("geen prioriteit", "no priority"),
    "repeat_after_verdict": Text("herhalen na uitspraak", "repeat after verdict"),
    "request_advice": Text("advies aanvragen", "ask for advice"),
    "probation_prepare_supervision": Text("reclassering: toezicht", "probation: supervision"),
    "probation_behavioural_training": Text(
        "reclassering: gedragsinterventie", "probation: behavioural training"
    ),
    "probation_guidance_conversations": Text("reclassering: begeleiding", "probation: guidance"),
    "probation_support_article_43_3": Text("reclassering: art. 43.3", "probation: art. 43.3"),
    "probation_initiate_aftercare": Text("reclassering: nazorg", "probation: aftercare"),
    "probation_initiate_suspension": Text("reclassering: schorsing", "probation: suspension"),
    "other": Text("anders", "other"),
}
if DECISION_SHORT_LABELS.keys() != DECISION_OPTIONS.keys():  # pragma: no cover - a typo guard
    raise RuntimeError("DECISION_SHORT_LABELS must name exactly the DECISION_OPTIONS")
