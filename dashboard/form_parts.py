"""Part 1 (prison, TULP) and part 2 (probation, IRIS) of the SOM form, grouped as on paper.

The groups follow appendix 1 of the report: personal data and detention dates, the checkboxes
of part 1, the case manager's notes; probation's information, the RISC risks, the weighing
factors and the probation worker's notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from dashboard.formatting import format_value
from dashboard.i18n import Catalogue
from scoring.inputs import DJI_FIELDS, IRIS_FIELDS, DetaineeInputs

#: (group key, fields) per part; group titles and field labels live in the catalogues.
PART_1: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("person", ("skn", "name", "date_of_birth", "pi", "phase")),
    ("detention", ("intake_date", "hearing_date", "expected_release_date", "offence_article")),
    (
        "checkboxes",
        (
            "supervision_after_detention",
            "article_43_3_placement",
            "no_residence_status",
            "tbs_imposed",
            "isd_imposed",
            "outflow_care_authorisation",
        ),
    ),
    ("case_manager", ("scil_lvb_indication", "cm_name", "cm_notes")),
)
PART_2: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    (
        "information",
        (
            "has_probation_record",
            "rw_name",
            "latest_information_date",
            "advice_requested",
            "om_isd_tbs_investigation",
            "asr_framework_applied",
        ),
    ),
    ("risk", ("risc_date", "recidivism_risk", "injury_risk", "absconding_risk")),
    (
        "weighing",
        (
            "criminogenic_factors",
            "protective_factors",
            "self_reliance",
            "motivation",
            "special_conditions",
            "care_contacts",
        ),
    ),
    ("notes", ("rw_notes",)),
)


@dataclass(frozen=True)
class FieldGroup:
    """One group of fields on the form, each as (label, value in words)."""

    title: str
    fields: tuple[tuple[str, str], ...]


def field_label(field: str, texts: Catalogue) -> str:
    """The label of an input field (`fields.intake_date` …)."""
    return texts(f"fields.{field}")


def part_groups(
    inputs: DetaineeInputs, part: tuple[tuple[str, tuple[str, ...]], ...], texts: Catalogue
) -> list[FieldGroup]:
    """The groups of one form part with every value in words."""
    values = inputs.model_dump()
    return [
        FieldGroup(
            texts(f"groups.{group}"),
            tuple((field_label(f, texts), format_value(f, values.get(f), texts)) for f in fields),
        )
        for group, fields in part
    ]


def every_form_field() -> tuple[str, ...]:
    """All fields the two parts show (a test holds this equal to the feeds' fields)."""
    return tuple(f for part in (PART_1, PART_2) for _, fields in part for f in fields)


#: Fields of the two feeds, for that test.
FEED_FIELDS: Final = (*DJI_FIELDS, "has_probation_record", *IRIS_FIELDS)
