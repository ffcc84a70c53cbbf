"""The choices professionals make in SOM (SOM.md section 6), with stable keys and labels.

Keys are stored in the database and never change; labels are what the screens show.
"""

from __future__ import annotations

from typing import Final

from scoring.vocabulary import BAND_ORDER

#: Bands an override may set, in list order. `not_yet` is a time gate, not a choice.
OVERRIDE_BANDS: Final[tuple[str, ...]] = tuple(band for band in BAND_ORDER if band != "not_yet")

#: Minimum length of an override's justification (and a withdrawal's reason), after trimming.
MIN_JUSTIFICATION_LENGTH: Final = 20

#: Reason categories of an override: key → (Dutch label, English label).
REASON_CATEGORIES: Final[dict[str, tuple[str, str]]] = {
    "cm_concern": ("zorg van de casemanager", "the case manager is worried"),
    "new_information": (
        "nieuwe informatie, nog niet in de bronsystemen",
        "new information, not yet in the source systems",
    ),
    "professional_weighing": ("professionele weging", "professional weighing"),
    "capacity": ("capaciteit", "capacity"),
    "other": ("anders", "other"),
}

#: Part 3 of the form — the joint decision of case manager and probation worker:
#: key → (Dutch label, English label).
DECISION_OPTIONS: Final[dict[str, tuple[str, str]]] = {
    "no_priority": (
        "geen prioriteit voor reclassering in de PI",
        "no priority for probation in the PI",
    ),
    "repeat_after_verdict": (
        "te weinig informatie – SOM herhalen na de uitspraak",
        "too little information – repeat SOM after the verdict",
    ),
    "request_advice": (
        "te weinig informatie – reclasseringsadvies (OM) of reïntegratieadvies (DJI) aanvragen",
        "too little information – ask for a probation advice (OM) or reintegration advice (DJI)",
    ),
    "probation_prepare_supervision": (
        "reclassering gewenst voor: voorbereiden toezicht",
        "probation wanted for: preparing supervision",
    ),
    "probation_behavioural_training": (
        "reclassering gewenst voor: gedragsinterventie in de PI",
        "probation wanted for: behavioural training in the PI",
    ),
    "probation_guidance_conversations": (
        "reclassering gewenst voor: begeleidingsgesprekken",
        "probation wanted for: guidance conversations",
    ),
    "probation_support_article_43_3": (
        "reclassering gewenst voor: ondersteunen artikel 43.3-plaatsing",
        "probation wanted for: supporting an article 43.3 placement",
    ),
    "probation_initiate_aftercare": (
        "reclassering gewenst voor: zorg of hulp na detentie in gang zetten",
        "probation wanted for: initiating care or help after detention",
    ),
    "probation_initiate_suspension": (
        "reclassering gewenst voor: schorsing voorlopige hechtenis in gang zetten",
        "probation wanted for: initiating suspension of pre-trial detention",
    ),
    "other": ("anders", "other"),
}
