"""The criteria catalogue: C01–C17 and T1–T5 as declarative data.

One declaration per criterion and tier holds its id, slug, Dutch and English name, phase, inputs,
precedence step and effect, the rule that evaluates it and the sentences that explain it. The
engine, the explanations, the CLI, the dashboard and `docs/criteria.md` all read from here.
References point to the evaluation report in `shared/seed/`: table 7 (the criteria) and
appendix 1 (the test form of 1 March 2021 and its decision flow).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, Literal

from scoring import rules
from scoring.population import Population, Tri
from scoring.text import Text
from scoring.vocabulary import Band

State = Literal["true", "false", "unknown", "off", "out_of_phase"]
STATES: Final[tuple[State, ...]] = ("true", "false", "unknown", "off", "out_of_phase")

Rule = Callable[[Population], Tri]

YES: Final = Text("ja", "yes")
NO: Final = Text("nee", "no")
UNKNOWN: Final = Text("onbekend", "unknown")
OFF: Final = Text(
    "uitgeschakeld in beleid {policy_version}", "switched off in policy {policy_version}"
)
OUT_OF_PHASE: Final = Text(
    "niet van toepassing: geldt alleen in de preventieve fase (HvB)",
    "not applicable: applies in remand only",
)

STATE_LABELS: Final[dict[State, Text]] = {
    "true": Text("waar", "true"),
    "false": Text("niet waar", "false"),
    "unknown": Text("onbekend", "unknown"),
    "off": Text("uitgeschakeld", "switched off"),
    "out_of_phase": Text("buiten fase", "out of phase"),
}


@dataclass(frozen=True)
class Sentences:
    """How a criterion explains each of its states (placeholders are filled per detainee)."""

    true: Text = YES
    false: Text = NO
    unknown: Text = UNKNOWN
    off: Text = OFF
    out_of_phase: Text = OUT_OF_PHASE

    def for_state(self, state: State) -> Text:
        """The sentence for one state."""
        return {
            "true": self.true,
            "false": self.false,
            "unknown": self.unknown,
            "off": self.off,
            "out_of_phase": self.out_of_phase,
        }[state]


@dataclass(frozen=True)
class AutomatedCriterion:
    """A criterion that can decide a band (C01–C10)."""

    id: str
    slug: str
    name: Text
    phase: Literal["both", "remand", "any"]
    inputs: tuple[str, ...]
    step: int
    band: Band
    rule: Rule
    fires_when: Text
    sentences: Sentences = field(default_factory=Sentences)
    switchable: bool = False
    note: Text | None = None
    #: Id of a criterion that, when true, keeps this one from deciding (C10 yields to C07).
    yields_to: str | None = None
    reference: str = "report table 7; appendix 1"


@dataclass(frozen=True)
class WeighingCriterion:
    """A criterion shown for the professional weighing (C11–C17); never decides a band."""

    id: str
    slug: str
    name: Text
    inputs: tuple[str, ...]
    shows: Text
    reference: str = "report table 7; appendix 1, part 2"


@dataclass(frozen=True)
class Tier:
    """An optional extra tier that adds 1 to the tier score when switched on and holding."""

    id: str
    slug: str
    name: Text
    inputs: tuple[str, ...]
    rule: Rule
    holds_when: Text
    sentences: Sentences


@dataclass(frozen=True)
class ProfileSignal:
    """One of the five signals of the report's consensus profile for high priority."""

    id: str
    slug: str
    name: Text
    inputs: tuple[str, ...]
    rule: Rule


PHASE_TEXT: Final[dict[str, Text]] = {
    "both": Text("beide", "both"),
    "remand": Text("preventief", "remand"),
    "any": Text("elke (meestal na vonnis)", "any (normally after verdict)"),
}

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
            "actuele RISC (hooguit `risc_max_age_days` oud) met `recidivism_risk` = laag",
            "current RISC (at most `risc_max_age_days` old) with `recidivism_risk` = low",
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
            "`risc_date` ontbreekt of is ouder dan `information_max_age_days`",
            "no probation record, or the newest of `latest_information_date` and `risc_date` "
            "is absent or older than `information_max_age_days`",
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
        name=Text("Verblijfsduur < 4 weken", "Stay under 4 weeks"),
        phase="both",
        inputs=("intake_date", "expected_release_date"),
        step=6,
        band="no_priority",
        rule=rules.short_stay,
        switchable=True,
        fires_when=Text(
            "`expected_release_date` − `intake_date` < `short_stay_days`",
            "`expected_release_date` − `intake_date` < `short_stay_days`",
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
        reference="report table 7 (added after the pilot)",
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
            "preventief, leeftijd in [18, 23) en `asr_framework_applied` is onwaar",
            "remand, age in [18, 23) and `asr_framework_applied` is false",
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

BY_ID: Final[dict[str, AutomatedCriterion]] = {c.id: c for c in AUTOMATED}
WEIGHING_BY_ID: Final[dict[str, WeighingCriterion]] = {c.id: c for c in WEIGHING}
TIER_BY_ID: Final[dict[str, Tier]] = {t.id: t for t in TIERS}

#: Steps of the precedence table, in order: (step, criteria in id order, band).
STEPS: Final[tuple[tuple[int, tuple[AutomatedCriterion, ...], Band], ...]] = tuple(
    (
        step,
        tuple(c for c in AUTOMATED if c.step == step),
        next(c.band for c in AUTOMATED if c.step == step),
    )
    for step in sorted({c.step for c in AUTOMATED})
)
WEIGHING_STEP: Final = max(c.step for c in AUTOMATED) + 1


def name_of(item_id: str) -> Text:
    """The name of any catalogue item (criterion, tier or profile signal) by id."""
    for group in (AUTOMATED, WEIGHING, TIERS, PROFILE):
        for item in group:
            if item.id == item_id:
                return item.name
    raise KeyError(item_id)
