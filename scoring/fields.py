"""The field catalogue: every input field SOM knows about a detainee, declared once.

Each `Field` says which feed delivers it, what kind of value it holds, whether the feed must
fill it, what an empty cell means, its Dutch and English label and where it stands on the SOM
form (part and group, appendix 1 of the report). Everything else derives from this table: the
`DetaineeInputs` model and the engine's input frame (`scoring.inputs`), the feed column
specifications (`feeds.columns`), the detainee page's form parts, the generated feed reference
(`docs/feeds.md`), the reference scorer and the tests' helpers.

Adding a field is one `Field(...)` line here plus the rule that reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal

from scoring.text import Text
from scoring.vocabulary import (
    CRIMINOGENIC_FACTORS,
    LEVEL_WORDS,
    MOTIVATION_WORDS,
    PHASE_WORDS,
    SELF_RELIANCE_WORDS,
    Level,
    Phase,
)

Feed = Literal["dji", "iris"]

#: What kind of value a field holds; each kind has one parser (`feeds.cells`), one frame dtype
#: and one way of being written in words.
Kind = Literal[
    "skn",
    "text",
    "date",
    "boolean",
    "phase",
    "level",
    "self_reliance",
    "motivation",
    "factor_list",
    "free_list",
    "flag",
]

#: What an empty feed cell means: the value is not known, there is none (an empty list for list
#: fields, no value for others), or an unticked checkbox.
EmptyMeans = Literal["unknown", "none", "false"]

#: How each kind is held in the engine's input frame.
Storage = Literal["text", "date", "boolean", "list", "flag"]

_STORAGE: Final[dict[Kind, Storage]] = {
    "skn": "text",
    "text": "text",
    "phase": "text",
    "level": "text",
    "self_reliance": "text",
    "motivation": "text",
    "date": "date",
    "boolean": "boolean",
    "factor_list": "list",
    "free_list": "list",
    "flag": "flag",
}

_PYTHON_TYPES: Final[dict[Kind, Any]] = {
    "skn": str,
    "text": str,
    "phase": Phase,
    "level": Level,
    "self_reliance": str,
    "motivation": str,
    "date": date,
    "boolean": bool,
    "factor_list": tuple[str, ...],
    "free_list": tuple[str, ...],
    "flag": bool,
}

#: The words a vocabulary kind accepts in a feed (besides `unknown` / `onbekend`).
KIND_WORDS: Final[dict[Kind, tuple[str, ...]]] = {
    "phase": tuple(PHASE_WORDS),
    "level": tuple(LEVEL_WORDS),
    "self_reliance": tuple(SELF_RELIANCE_WORDS),
    "motivation": tuple(MOTIVATION_WORDS),
    "factor_list": tuple(CRIMINOGENIC_FACTORS),
}


@dataclass(frozen=True)
class Group:
    """A group of fields on the SOM form, as on paper (appendix 1 of the report)."""

    key: str
    part: Literal[1, 2]
    title: Text


@dataclass(frozen=True, kw_only=True)
class Field:
    """One input field of a detainee."""

    name: str
    #: The feed that delivers it; `None` for a value SOM derives itself.
    feed: Feed | None
    kind: Kind
    label: Text
    group: str
    required: bool = False
    #: What an empty cell means (ignored for required fields: an empty cell rejects the row).
    empty_means: EmptyMeans = "unknown"
    #: A note for the feed reference (English, as the feed contract).
    note: str = ""

    @property
    def storage(self) -> Storage:
        """How the engine's input frame holds this field."""
        return _STORAGE[self.kind]

    @property
    def empty(self) -> Any:
        """The value of an empty cell: None (unknown or no value), False or () (no items)."""
        if self.empty_means == "false":
            return False
        if self.empty_means == "none" and self.storage == "list":
            return ()
        return None

    @property
    def python_type(self) -> Any:
        """The type of the field in `DetaineeInputs` (optional unless required or a flag)."""
        base = _PYTHON_TYPES[self.kind]
        return base if self.required or self.kind == "flag" else base | None

    @property
    def default(self) -> Any:
        """The field's value when a record does not name it (required fields have none)."""
        return False if self.kind == "flag" else self.empty


GROUPS: Final[tuple[Group, ...]] = (
    Group("person", 1, Text("Persoonsgegevens", "Personal details")),
    Group("detention", 1, Text("Detentie", "Detention")),
    Group("checkboxes", 1, Text("Aangevinkt op het formulier", "Ticked on the form")),
    Group("case_manager", 1, Text("Casemanager", "Case manager")),
    Group("information", 2, Text("Informatie bij de reclassering", "Information at probation")),
    Group("risk", 2, Text("Risico (RISC)", "Risk (RISC)")),
    Group("weighing", 2, Text("Voor de professionele weging", "For the professional weighing")),
    Group("notes", 2, Text("Reclasseringswerker", "Probation worker")),
)

_CHECKBOX = "checkbox on the form"

FIELDS: Final[tuple[Field, ...]] = (
    # --- feed 1: dji (prison, case manager, form part 1) ---
    Field(
        name="skn",
        feed="dji",
        kind="skn",
        required=True,
        label=Text("SKN", "SKN"),
        group="person",
        note="detainee number",
    ),
    Field(name="name", feed="dji", kind="text", label=Text("Naam", "Name"), group="person"),
    Field(
        name="date_of_birth",
        feed="dji",
        kind="date",
        label=Text("Geboortedatum", "Date of birth"),
        group="person",
    ),
    Field(
        name="pi",
        feed="dji",
        kind="text",
        required=True,
        label=Text("Inrichting", "Prison"),
        group="person",
        note="establishment, e.g. `Sittard`, `Arnhem`",
    ),
    Field(
        name="phase",
        feed="dji",
        kind="phase",
        required=True,
        label=Text("Fase", "Phase"),
        group="person",
    ),
    Field(
        name="intake_date",
        feed="dji",
        kind="date",
        label=Text("Datum binnenkomst", "Intake date"),
        group="detention",
        note="date of admission",
    ),
    Field(
        name="hearing_date",
        feed="dji",
        kind="date",
        label=Text("Zittingsdatum", "Hearing date"),
        group="detention",
        note="remand only",
    ),
    Field(
        name="expected_release_date",
        feed="dji",
        kind="date",
        label=Text("Verwachte einddatum", "Expected release"),
        group="detention",
    ),
    Field(
        name="offence_article",
        feed="dji",
        kind="text",
        label=Text("Delict (artikel)", "Offence (article)"),
        group="detention",
        note="article code of the current offence",
    ),
    Field(
        name="scil_lvb_indication",
        feed="dji",
        kind="boolean",
        label=Text("SCIL: mogelijk LVB", "SCIL: possible LVB"),
        group="case_manager",
        note="SCIL screener suggests possible mild intellectual disability (LVB)",
    ),
    Field(
        name="supervision_after_detention",
        feed="dji",
        kind="boolean",
        empty_means="false",
        label=Text("Toezicht na detentie", "Supervision after detention"),
        group="checkboxes",
        note=_CHECKBOX,
    ),
    Field(
        name="article_43_3_placement",
        feed="dji",
        kind="boolean",
        empty_means="false",
        label=Text("Artikel 43.3 plaatsing", "Article 43.3 placement"),
        group="checkboxes",
        note=_CHECKBOX,
    ),
    Field(
        name="no_residence_status",
        feed="dji",
        kind="boolean",
        empty_means="false",
        label=Text("Geen verblijfsstatus", "No residence status"),
        group="checkboxes",
        note=_CHECKBOX,
    ),
    Field(
        name="tbs_imposed",
        feed="dji",
        kind="boolean",
        empty_means="false",
        label=Text("TBS opgelegd", "TBS imposed"),
        group="checkboxes",
        note=_CHECKBOX,
    ),
    Field(
        name="isd_imposed",
        feed="dji",
        kind="boolean",
        empty_means="false",
        label=Text("ISD opgelegd", "ISD imposed"),
        group="checkboxes",
        note=_CHECKBOX,
    ),
    Field(
        name="outflow_care_authorisation",
        feed="dji",
        kind="boolean",
        empty_means="false",
        label=Text("Uitstroom met zorgmachtiging", "Outflow with care authorisation"),
        group="checkboxes",
        note=f"{_CHECKBOX} (zorgmachtiging)",
    ),
    Field(
        name="cm_name",
        feed="dji",
        kind="text",
        label=Text("Casemanager", "Case manager"),
        group="case_manager",
    ),
    Field(
        name="cm_notes",
        feed="dji",
        kind="text",
        empty_means="none",
        label=Text("Aandachtspunten voor de reclassering", "Points of attention for probation"),
        group="case_manager",
        note="points of attention for probation",
    ),
    # --- derived: whether the iris feed has a row for the detainee (C03) ---
    Field(
        name="has_probation_record",
        feed=None,
        kind="flag",
        label=Text("Bekend bij de reclassering", "Known to probation"),
        group="information",
        note="true when the iris feed has a row for the detainee",
    ),
    # --- feed 2: iris (probation, probation worker, form part 2) ---
    Field(
        name="rw_name",
        feed="iris",
        kind="text",
        label=Text("Reclasseringswerker", "Probation worker"),
        group="information",
    ),
    Field(
        name="latest_information_date",
        feed="iris",
        kind="date",
        empty_means="none",
        label=Text("Nieuwste informatie", "Newest information"),
        group="information",
        note="newest probation document: advice report, supervision notes, community-service "
        "or training record",
    ),
    Field(
        name="advice_requested",
        feed="iris",
        kind="boolean",
        label=Text("Advies aangevraagd", "Advice requested"),
        group="information",
        note="an advice for the court hearing is requested and not yet delivered",
    ),
    Field(
        name="om_isd_tbs_investigation",
        feed="iris",
        kind="boolean",
        label=Text("OM-onderzoek ISD/TBS", "Prosecutor investigates ISD/TBS"),
        group="information",
        note="prosecutor asked to investigate ISD or TBS",
    ),
    Field(
        name="risc_date",
        feed="iris",
        kind="date",
        empty_means="none",
        label=Text("Datum RISC", "RISC date"),
        group="risk",
        note="date of the latest RISC risk assessment",
    ),
    Field(
        name="recidivism_risk",
        feed="iris",
        kind="level",
        label=Text("Recidiverisico", "Recidivism risk"),
        group="risk",
        note="from RISC",
    ),
    Field(
        name="injury_risk",
        feed="iris",
        kind="level",
        label=Text("Letselrisico", "Risk of harm"),
        group="risk",
    ),
    Field(
        name="absconding_risk",
        feed="iris",
        kind="level",
        label=Text("Onttrekkingsrisico", "Absconding risk"),
        group="risk",
    ),
    Field(
        name="criminogenic_factors",
        feed="iris",
        kind="factor_list",
        label=Text("Criminogene factoren", "Criminogenic factors"),
        group="weighing",
        note="the RISC domains; an item outside the list rejects the row",
    ),
    Field(
        name="protective_factors",
        feed="iris",
        kind="free_list",
        label=Text("Beschermende factoren", "Protective factors"),
        group="weighing",
        note="free items",
    ),
    Field(
        name="self_reliance",
        feed="iris",
        kind="self_reliance",
        label=Text("Zelfredzaamheid", "Self-reliance"),
        group="weighing",
    ),
    Field(
        name="motivation",
        feed="iris",
        kind="motivation",
        label=Text("Motivatie", "Motivation"),
        group="weighing",
    ),
    Field(
        name="asr_framework_applied",
        feed="iris",
        kind="boolean",
        label=Text("ASR-wegingskader ingezet", "Adolescent-law framework applied"),
        group="information",
        note="adolescent-law weighing framework already applied",
    ),
    Field(
        name="special_conditions",
        feed="iris",
        kind="free_list",
        empty_means="none",
        label=Text("Bijzondere voorwaarden", "Special conditions"),
        group="weighing",
    ),
    Field(
        name="care_contacts",
        feed="iris",
        kind="free_list",
        empty_means="none",
        label=Text("Contacten met hulpverleners", "Contacts with care providers"),
        group="weighing",
    ),
    Field(
        name="rw_notes",
        feed="iris",
        kind="text",
        empty_means="none",
        label=Text("Aantekeningen reclassering", "Probation notes"),
        group="notes",
    ),
)

FIELD_BY_NAME: Final[dict[str, Field]] = {field.name: field for field in FIELDS}
GROUP_BY_KEY: Final[dict[str, Group]] = {group.key: group for group in GROUPS}


def field_names(*, feed: Feed | None = None, storage: Storage | None = None) -> tuple[str, ...]:
    """Names of the fields of one feed and/or one frame storage, in catalogue order."""
    return tuple(
        field.name
        for field in FIELDS
        if (feed is None or field.feed == feed) and (storage is None or field.storage == storage)
    )


def feed_columns(feed: Feed) -> tuple[Field, ...]:
    """The columns of a feed file: its fields, with `skn` first in the `iris` feed too."""
    own = tuple(field for field in FIELDS if field.feed == feed)
    return own if feed == "dji" else (FIELD_BY_NAME["skn"], *own)


def group_fields(group: str) -> tuple[Field, ...]:
    """The fields of one form group, in catalogue order."""
    return tuple(field for field in FIELDS if field.group == group)


def catalogue_problems() -> list[str]:
    """Declarations that contradict each other (a test keeps this empty)."""
    problems = []
    names = [field.name for field in FIELDS]
    problems += [
        f"{name}: declared twice" for name in sorted({n for n in names if names.count(n) > 1})
    ]
    for field in FIELDS:
        if field.group not in GROUP_BY_KEY:
            problems.append(f"{field.name}: unknown group {field.group!r}")
        if field.required and field.empty_means != "unknown":
            problems.append(f"{field.name}: a required field has no empty meaning")
        if field.empty_means == "false" and field.kind != "boolean":
            problems.append(f"{field.name}: only a boolean can be empty as false")
        if (field.feed is None) != (field.kind == "flag"):
            problems.append(f"{field.name}: only derived fields are flags")
    return problems
