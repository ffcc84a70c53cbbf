"""What the demo's professionals write: readable Dutch justifications and explanations.

Kept apart from `storage.demo` so the texts can be reviewed (and improved) on their own.
"""

from __future__ import annotations

from typing import Final

#: Demo case managers (per prison) and probation workers; names are invented.
CASE_MANAGERS: Final[dict[str, tuple[str, ...]]] = {
    "Sittard": ("Ingrid Smeets", "Wendy Frijns"),
    "Arnhem": ("Peter van Dijk", "Hanneke Bos"),
    "Vught": ("Saskia Verhoeven", "Erik Maas"),
}
PROBATION_WORKERS: Final[tuple[str, ...]] = (
    "Marieke Claessens",
    "Joost Hendriks",
    "Femke de Boer",
    "Karim Tahiri",
)

#: (reason category, band) → justifications an override may carry.
OVERRIDE_JUSTIFICATIONS: Final[dict[tuple[str, str], tuple[str, ...]]] = {
    ("cm_concern", "priority"): (
        "Ik maak me zorgen: na detentie heeft hij geen woning en zijn netwerk is weggevallen. "
        "Reclassering nodig om terugval te voorkomen.",
        "Signalen van oplopende schulden en conflicten met een ex-partner; zonder begeleiding "
        "verwacht ik direct na vrijlating problemen.",
        "Op de afdeling verward en somber, weigert medicatie. Wil dat reclassering meedenkt "
        "over zorg na detentie.",
    ),
    ("cm_concern", "weighing"): (
        "Het model zegt geen prioriteit, maar er speelt huiselijk geweld in het gezin; graag "
        "samen met de reclassering wegen.",
    ),
    ("new_information", "priority"): (
        "De advocaat meldt dat het OM toezicht na detentie gaat eisen; dit staat nog niet in "
        "TULP. Reclassering moet nu aansluiten.",
        "Uitspraak gisteren: bijzondere voorwaarden met meldplicht en behandeling. Nog niet "
        "verwerkt in de bronsystemen.",
    ),
    ("new_information", "no_priority"): (
        "Betrokkene wordt volgende week overgeplaatst naar een andere PI; de screening gebeurt "
        "daar opnieuw.",
        "Volgens de vreemdelingenpolitie is het verblijfsrecht ingetrokken; vertrek is "
        "aangekondigd, dit staat nog niet in TULP.",
    ),
    ("professional_weighing", "weighing"): (
        "De RISC is ruim een jaar oud, maar het beeld is ongewijzigd: hoog risico en veel "
        "criminogene factoren. Eerst samen wegen.",
        "Kort verblijf volgens de planning, maar de zitting wordt waarschijnlijk aangehouden; "
        "dan blijft hij langer en is weging zinvol.",
    ),
    ("professional_weighing", "no_priority"): (
        "Er loopt al een toezicht bij een andere reclasseringsorganisatie (SVG); dubbele inzet "
        "vanuit de PI voegt niets toe.",
    ),
    ("capacity", "defer"): (
        "Het reclasseringsteam heeft deze week geen ruimte meer; na het tweede MDO in week 9 "
        "opnieuw bekijken.",
    ),
    ("other", "defer"): (
        "Betrokkene ligt in het Justitieel Centrum voor Somatische Zorg; gesprek pas mogelijk "
        "na terugkeer op de afdeling.",
    ),
}

#: Reasons given when an override is withdrawn.
WITHDRAWAL_REASONS: Final[tuple[str, ...]] = (
    "Na overleg met de reclasseringswerker toch geen reden om van het model af te wijken.",
    "De informatie bleek onjuist: het OM eist geen toezicht. Terug naar de band van het model.",
    "Capaciteit is weer beschikbaar; de afwijking is niet meer nodig.",
)

#: Decision option → explanations written in the joint decision.
DECISION_EXPLANATIONS: Final[dict[str, tuple[str, ...]]] = {
    "no_priority": (
        "Samen besproken in het MDO: kort verblijf en geen reclasseringsvraag. De casemanager "
        "regelt ID-kaart en uitkering.",
        "Geen criminogene factoren van belang en een stabiel netwerk; inzet van de reclassering "
        "in de PI voegt weinig toe.",
    ),
    "repeat_after_verdict": (
        "De zitting is over drie weken. Na de uitspraak vullen we SOM opnieuw in.",
    ),
    "request_advice": (
        "Er is te weinig bekend over risico en problematiek; vroeghulprapportage aangevraagd "
        "bij het OM.",
        "Reïntegratieadvies aangevraagd bij DJI; daarna samen opnieuw wegen.",
    ),
    "probation_prepare_supervision": (
        "Bijzondere voorwaarden zijn te verwachten; de reclassering bereidt het toezicht voor en "
        "neemt contact op met de advocaat.",
    ),
    "probation_behavioural_training": (
        "Gemotiveerd voor een gedragsinterventie; hij start in de PI met Cognitieve Vaardigheden.",
    ),
    "probation_guidance_conversations": (
        "Begeleidingsgesprekken gericht op huisvesting en schulden, om de terugkeer voor te "
        "bereiden.",
    ),
    "probation_support_article_43_3": (
        "Artikel 43.3-plaatsing in een forensisch zorgtraject; de reclassering ondersteunt de "
        "overgang.",
    ),
    "probation_initiate_aftercare": (
        "Na detentie is ambulante GGZ-behandeling nodig; de reclassering zet de zorg in gang en "
        "regelt de warme overdracht.",
    ),
    "probation_initiate_suspension": (
        "Schorsing van de voorlopige hechtenis lijkt kansrijk met meldplicht en een woonadres bij "
        "zijn ouders; rapportage volgt.",
    ),
    "other": (
        "Afgesproken dat de casemanager eerst contact opneemt met de wijkagent; daarna volgt een "
        "besluit.",
    ),
}
