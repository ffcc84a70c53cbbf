"""The words SOM understands and the words it shows: one source of truth for every vocabulary.

Feed parsing (`feeds/`), the engine, the CLI and the dashboard all read these tables; nothing else
declares a band, a phase, a level or a criminogenic factor.
"""

from __future__ import annotations

from typing import Final, Literal

from scoring.text import Language as Language
from scoring.text import Text

Band = Literal["priority", "weighing", "defer", "not_yet", "no_priority"]
Phase = Literal["remand", "sentenced"]
Level = Literal["low", "medium", "high"]

#: Dashboard order of the bands (SOM.md, "Order of the list").
BAND_ORDER: Final[tuple[Band, ...]] = ("priority", "weighing", "defer", "not_yet", "no_priority")
BAND_RANK: Final[dict[str, int]] = {band: rank for rank, band in enumerate(BAND_ORDER)}

#: Band labels, including the two halves of a split weighing band.
BAND_LABELS: Final[dict[str, Text]] = {
    "priority": Text("prioriteit", "priority"),
    "weighing": Text("professionele weging", "professional weighing"),
    "weighing_first": Text("weging – eerst", "weighing – first"),
    "weighing_if_time": Text("weging – als er tijd is", "weighing – if time permits"),
    "defer": Text("aanhouden", "defer"),
    "not_yet": Text("nog niet geprioriteerd", "not yet prioritised"),
    "no_priority": Text("geen prioriteit", "no priority"),
}


def band_label(band: str, language: Language) -> str:
    """A band's label in `language`; a band SOM does not know shows as stored."""
    label = BAND_LABELS.get(band)
    return label.get(language) if label is not None else band


PHASE_LABELS: Final[dict[str, Text]] = {
    "remand": Text("preventief (HvB)", "remand"),
    "sentenced": Text("veroordeeld", "sentenced"),
}

#: The words SOM shows for a value that is not known, a list with no items, yes and no.
UNKNOWN: Final = Text("onbekend", "unknown")
NONE: Final = Text("geen", "none")
YES: Final = Text("ja", "yes")
NO: Final = Text("nee", "no")

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

LEVEL_LABELS: Final[dict[str, Text]] = {
    "low": Text("laag", "low"),
    "medium": Text("gemiddeld", "medium"),
    "high": Text("hoog", "high"),
}
SELF_RELIANCE_LABELS: Final[dict[str, Text]] = {
    "sufficient": Text("voldoende", "sufficient"),
    "limited": Text("beperkt", "limited"),
}
MOTIVATION_LABELS: Final[dict[str, Text]] = {
    "motivatable": Text("te motiveren", "motivatable"),
    "not_motivatable": Text("niet te motiveren", "not motivatable"),
}
#: The RISC domains in words: the Dutch label, and the English key in words.
FACTOR_LABELS: Final[dict[str, Text]] = {
    key: Text(dutch, key.replace("_", " ")) for key, dutch in CRIMINOGENIC_FACTORS.items()
}
