"""The automated criteria C01–C10 (report table 7, appendix 1): each can decide a band."""

from __future__ import annotations

from typing import Final

from scoring import rules
from scoring.catalogue.types import AutomatedCriterion, Sentences
from scoring.text import Text

AUTOMATED: Final[tuple[AutomatedCriterion, ...]] = (
    AutomatedCriterion(
        id="C01",
        slug="no_residence_status",
        name=Text("Geen verblijfsstatus", "No residence status"),
        phase="both",
        inputs=("no_residence_status",),
        step=1,
        band="no_priority",
        rule=rules.no_residence_status,
        fires_when=Text("`no_residence_status` is waar", "`no_residence_status` is true"),
        reference="report table 7; appendix 1, part 1 (checkbox) and decision flow",
    ),
    AutomatedCriterion(
        id="C02",
        slug="low_recidivism_risk",
        name=Text("Laag recidiverisico", "Low recidivism risk"),
        phase="both",
        inputs=("risc_date", "recidivism_risk"),
        step=4,
        band="no_priority",
        rule=rules.low_recidivism_risk,
        fires_when=Text(
            "actuele RISC (hooguit {risc_max_age_days} dagen oud, `risc_max_age_days`) met "
            "`recidivism_risk` = laag",
            "current RISC (at most {risc_max_age_days} days old, `risc_max_age_days`) with "
            "`recidivism_risk` = low",
        ),
        sentences=Sentences(
            true=Text(
                "recidiverisico laag (RISC van {risc_date})",
                "recidivism risk low (RISC of {risc_date})",
            ),
            false=Text(
                "recidiverisico {risk} (RISC van {risc_date})",
                "recidivism risk {risk} (RISC of {risc_date})",
            ),
            unknown=Text("geen actuele RISC of risico onbekend", "no current RISC or risk unknown"),
        ),
        reference="report table 7; appendix 1, part 2 (risk, at most one year old)",
    ),
    AutomatedCriterion(
        id="C03",
        slug="no_probation_information",
        name=Text("Geen informatie bij reclassering", "No probation information"),
        phase="both",
        inputs=("has_probation_record", "latest_information_date", "risc_date"),
        step=7,
        band="no_priority",
        rule=rules.no_probation_information,
        switchable=True,
        fires_when=Text(
            "geen reclasseringsdossier, of de nieuwste van `latest_information_date` en "
            "`risc_date` ontbreekt of is ouder dan {information_max_age_days} dagen "
            "(`information_max_age_days`)",
            "no probation record, or the newest of `latest_information_date` and `risc_date` "
            "is absent or older than {information_max_age_days} days (`information_max_age_days`)",
        ),
        sentences=Sentences(
            true=Text(
                "geen actuele informatie bij de reclassering ({information})",
                "no current information at probation ({information})",
            ),
            false=Text(
                "nieuwste informatie bij de reclassering is {information_age_days} dagen oud",
                "newest probation information is {information_age_days} days old",
            ),
        ),
        note=Text(
            "omstreden: het beleid kan dit criterium uitschakelen",
            "contested: the policy can switch it off",
        ),
        reference="report table 7 (added after the pilot)",
    ),
    AutomatedCriterion(
        id="C04",
        slug="short_stay",
        # The report's name, "Verblijfsduur < 4 weken", states the default threshold; the name
        # leaves it out because `short_stay_days` is policy (the conditions quote its value).
        name=Text("Korte verblijfsduur", "Short stay"),
        phase="both",
        inputs=("intake_date", "expected_release_date"),
        step=6,
        band="no_priority",
        rule=rules.short_stay,
        switchable=True,
        fires_when=Text(
            "`expected_release_date` − `intake_date` < {short_stay_days} dagen (`short_stay_days`)",
            "`expected_release_date` − `intake_date` < {short_stay_days} days (`short_stay_days`)",
        ),
        sentences=Sentences(
            true=Text(
                "verwachte verblijfsduur {stay_days} dagen, korter dan {short_stay_days}",
                "expected stay {stay_days} days, shorter than {short_stay_days}",
            ),
            false=Text(
                "verwachte verblijfsduur {stay_days} dagen", "expected stay {stay_days} days"
            ),
            unknown=Text(
                "verblijfsduur onbekend (datum binnenkomst of einddatum ontbreekt)",
                "length of stay unknown (intake or release date missing)",
            ),
        ),
        note=Text(
            "omstreden: het beleid kan dit criterium uitschakelen",
            "contested: the policy can switch it off",
        ),
        reference="report table 7 ('Verblijfsduur < 4 weken', added after the pilot)",
    ),
    AutomatedCriterion(
        id="C05",
        slug="pending_advice",
        name=Text("Lopende adviesvraag", "Pending advice"),
        phase="remand",
        inputs=("phase", "advice_requested", "om_isd_tbs_investigation"),
        step=3,
        band="defer",
        rule=rules.pending_advice,
        fires_when=Text(
            "preventief en `advice_requested` of `om_isd_tbs_investigation` is waar",
            "remand and `advice_requested` or `om_isd_tbs_investigation` is true",
        ),
        sentences=Sentences(
            true=Text(
                "advies aangevraagd of OM-onderzoek ISD/TBS loopt; wacht het advies af",
                "advice requested or prosecutor investigates ISD/TBS; wait for the advice",
            ),
            false=Text("geen lopende adviesvraag", "no pending advice"),
            unknown=Text(
                "onbekend of er een advies is aangevraagd",
                "unknown whether an advice was requested",
            ),
        ),
        reference="report table 7; appendix 1, part 2 and decision flow",
    ),
    AutomatedCriterion(
        id="C06",
        slug="young_adult_without_asr",
        name=Text(
            "Jongvolwassen, ASR-wegingskader nog niet ingezet",
            "Young adult, adolescent-law framework not yet applied",
        ),
        phase="remand",
        inputs=("phase", "date_of_birth", "asr_framework_applied"),
        step=5,
        band="priority",
        rule=rules.young_adult_without_asr,
        fires_when=Text(
            "preventief, leeftijd in [{young_adult_from}, {young_adult_until}) "
            "(`young_adult_age`) en `asr_framework_applied` is onwaar",
            "remand, age in [{young_adult_from}, {young_adult_until}) (`young_adult_age`) and "
            "`asr_framework_applied` is false",
        ),
        sentences=Sentences(
            true=Text(
                "{age} jaar en ASR-wegingskader nog niet ingezet",
                "aged {age} and adolescent-law framework not yet applied",
            ),
            false=Text(
                "{age_text}; ASR-wegingskader: {asr}", "{age_text}; framework applied: {asr}"
            ),
            unknown=Text(
                "{age_text}; ASR-wegingskader: {asr}", "{age_text}; framework applied: {asr}"
            ),
        ),
        reference="report table 7; appendix 1, part 2 (JOVO, ASR)",
    ),
    AutomatedCriterion(
        id="C07",
        slug="supervision_after_detention",
        name=Text("Toezicht na detentie", "Supervision after detention"),
        phase="any",
        inputs=("supervision_after_detention",),
        step=2,
        band="priority",
        rule=rules.supervision_after_detention,
        fires_when=Text(
            "`supervision_after_detention` is waar", "`supervision_after_detention` is true"
        ),
        reference="report table 7; appendix 1, part 1 (checkbox) and decision flow",
    ),
    AutomatedCriterion(
        id="C08",
        slug="article_43_3_placement",
        name=Text("Artikel 43.3 plaatsing", "Article 43.3 placement"),
        phase="any",
        inputs=("article_43_3_placement",),
        step=2,
        band="priority",
        rule=rules.article_43_3_placement,
        fires_when=Text("`article_43_3_placement` is waar", "`article_43_3_placement` is true"),
        note=Text("reclasseringsinzet is verplicht", "probation involvement is mandatory"),
        reference="report table 7; appendix 1, part 1 (checkbox) and decision flow",
    ),
    AutomatedCriterion(
        id="C09",
        slug="isd_or_tbs_imposed",
        name=Text("ISD of TBS opgelegd", "ISD or TBS imposed"),
        phase="any",
        inputs=("isd_imposed", "tbs_imposed"),
        step=1,
        band="no_priority",
        rule=rules.isd_or_tbs_imposed,
        fires_when=Text(
            "`isd_imposed` of `tbs_imposed` is waar", "`isd_imposed` or `tbs_imposed` is true"
        ),
        sentences=Sentences(
            true=Text(
                "ISD of TBS opgelegd; de reclassering sluit aan bij de start van de maatregel",
                "ISD or TBS imposed; probation joins when the measure starts",
            ),
        ),
        reference="report table 7; appendix 1, part 1 (checkboxes) and decision flow",
    ),
    AutomatedCriterion(
        id="C10",
        slug="outflow_care_authorisation",
        name=Text("Uitstroom met zorgmachtiging", "Outflow with care authorisation"),
        phase="any",
        inputs=("outflow_care_authorisation", "supervision_after_detention"),
        step=1,
        band="no_priority",
        rule=rules.outflow_care_authorisation,
        yields_to="C07",
        fires_when=Text(
            "`outflow_care_authorisation` is waar (beslist niet als C07 waar is)",
            "`outflow_care_authorisation` is true (does not decide when C07 is true)",
        ),
        note=Text(
            "geen prioriteit, tenzij C07 (toezicht na detentie) waar is",
            "no priority, unless C07 (supervision after detention) is true",
        ),
        reference="report table 7; appendix 1, part 1 (checkbox) and decision flow",
    ),
)
