"""Part 1 (prison, TULP) and part 2 (probation, IRIS) of the SOM form, grouped as on paper.

The groups, their titles and the field labels are declared once, in the field catalogue
(`scoring.fields`, following appendix 1 of the report); this module arranges them for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from dashboard.formatting import format_value
from dashboard.i18n import Catalogue
from scoring.fields import FIELD_BY_NAME, GROUP_BY_KEY, GROUPS, group_fields
from scoring.inputs import DetaineeInputs

FormPart = tuple[tuple[str, tuple[str, ...]], ...]


def _part(number: int) -> FormPart:
    return tuple(
        (group.key, tuple(field.name for field in group_fields(group.key)))
        for group in GROUPS
        if group.part == number
    )


#: (group key, fields) per part, in the order of the paper form.
PART_1: Final[FormPart] = _part(1)
PART_2: Final[FormPart] = _part(2)


@dataclass(frozen=True)
class FieldGroup:
    """One group of fields on the form, each as (label, value in words)."""

    title: str
    fields: tuple[tuple[str, str], ...]


def field_label(field: str, texts: Catalogue) -> str:
    """The label of an input field in the page's language."""
    return FIELD_BY_NAME[field].label.get(texts.language)


def part_groups(inputs: DetaineeInputs, part: FormPart, texts: Catalogue) -> list[FieldGroup]:
    """The groups of one form part with every value in words."""
    values = inputs.model_dump()
    return [
        FieldGroup(
            GROUP_BY_KEY[group].title.get(texts.language),
            tuple((field_label(f, texts), format_value(f, values.get(f), texts)) for f in fields),
        )
        for group, fields in part
    ]
