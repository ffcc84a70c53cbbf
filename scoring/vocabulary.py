"""The words SOM understands and the words it shows: one source of truth for every vocabulary.

Feed parsing (`feeds/`), the engine, the CLI and the dashboard all read these tables; nothing else
declares a band, a phase, a level or a criminogenic factor.
"""

from __future__ import annotations

from typing import Final, Literal

Band = Literal["priority", "weighing", "defer", "not_yet", "no_priority"]
Phase = Literal["remand", "sentenced"]
Level = Literal["low", "medium", "high"]
Language = Literal["nl", "en"]

#: Dashboard order of the bands (SOM.md, "Order of the list").
BAND_ORDER: Final[tuple[Band, ...]] = ("priority", "weighing", "defer", "not_yet", "no_priority")
BAND_RANK: Final[dict[str, int]] = {band: rank for rank, band in enumerate(BAND_ORDER)}

BAND_LABELS: Final[dict[Language, dict[str, str]]] = {
    "nl": {
        "priority": "prioriteit",
        "weighing": "professionele weging",
        "weighing_first": "weging – eerst",
        "weighing_if_time": "weging – als er tijd is",
        "defer": "aanhouden",
        "not_yet": "nog niet geprioriteerd",
        "no_priority": "geen prioriteit",
    },
    "en": {
        "priority": "priority",
        "weighing": "professional weighing",
        "weighing_first": "weighing – first",
        "weighing_if_time": "weighing – if time permits",
        "defer": "defer",
        "not_yet": "not yet prioritised",
        "no_priority": "no priority",
    },
}

PHASE_LABELS: Final[dict[Language, dict[str, str]]] = {
    "nl": {"remand": "preventief (HvB)", "sentenced": "veroordeeld"},
    "en": {"remand": "remand", "sentenced": "sentenced"},
}

#: Words meaning "unknown" in every vocabulary column (feeds.md, common rules).
UNKNOWN_WORDS: Final[frozenset[str]] = frozenset({"unknown", "onbekend"})

BOOLEAN_WORDS: Final[dict[str, bool]] = {
    "true": True,
    "false": False,
    "yes": True,
    "no": False,
    "ja": True,
    "nee": False,
    "1": True,
    "0": False,
    "y": True,
    "n": False,
    "j": True,
}

PHASE_WORDS: Final[dict[str, Phase]] = {
    "remand": "remand",
    "preventief": "remand",
    "hvb": "remand",
    "sentenced": "sentenced",
    "veroordeeld": "sentenced",
    "gevangenis": "sentenced",
}

LEVEL_WORDS: Final[dict[str, Level]] = {
    "low": "low",
    "medium": "medium",
    "high": "high",
    "laag": "low",
    "gemiddeld": "medium",
    "matig": "medium",
    "hoog": "high",
}

SELF_RELIANCE_WORDS: Final[dict[str, str]] = {
    "sufficient": "sufficient",
    "limited": "limited",
    "voldoende": "sufficient",
    "beperkt": "limited",
}

MOTIVATION_WORDS: Final[dict[str, str]] = {
    "motivatable": "motivatable",
    "not_motivatable": "not_motivatable",
    "te_motiveren": "motivatable",
    "niet_te_motiveren": "not_motivatable",
}

#: The RISC domains (feeds.md, `criminogenic_factors`), English key → Dutch label.
CRIMINOGENIC_FACTORS: Final[dict[str, str]] = {
    "housing": "huisvesting",
    "education_work": "opleiding en werk",
    "finances": "financiën",
    "relationships_partner_family": "relaties met partner en familie",
    "relationships_friends": "relaties met vrienden",
    "drugs": "drugsgebruik",
    "alcohol": "alcoholgebruik",
    "emotional_wellbeing": "emotioneel welzijn",
    "thinking_behaviour": "denkpatronen en gedrag",
    "attitude": "houding",
}

#: Words meaning "an empty list, known to be empty" in a list column.
EMPTY_LIST_WORDS: Final[frozenset[str]] = frozenset({"none", "geen"})

LEVEL_LABELS: Final[dict[Language, dict[str, str]]] = {
    "nl": {"low": "laag", "medium": "gemiddeld", "high": "hoog"},
    "en": {"low": "low", "medium": "medium", "high": "high"},
}
SELF_RELIANCE_LABELS: Final[dict[Language, dict[str, str]]] = {
    "nl": {"sufficient": "voldoende", "limited": "beperkt"},
    "en": {"sufficient": "sufficient", "limited": "limited"},
}
MOTIVATION_LABELS: Final[dict[Language, dict[str, str]]] = {
    "nl": {"motivatable": "te motiveren", "not_motivatable": "niet te motiveren"},
    "en": {"motivatable": "motivatable", "not_motivatable": "not motivatable"},
}
