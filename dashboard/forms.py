"""The override, withdrawal and decision forms as plain data, and their messages in words.

Storage decides whether a record is valid (SOM.md section 6) and says per field what is wrong;
this module turns those fields into the user's language, next to the field they belong to.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from dashboard.i18n import Catalogue
from dashboard.markup import Markup, joined, plain
from storage.choices import (
    DECISION_OPTIONS,
    MIN_JUSTIFICATION_LENGTH,
    OVERRIDE_BANDS,
    REASON_CATEGORIES,
)

#: Choices and limits are storage's (one source of truth); the form only offers them.
REASONS: Final[tuple[str, ...]] = tuple(REASON_CATEGORIES)
DECISIONS: Final[tuple[str, ...]] = tuple(DECISION_OPTIONS)
MIN_JUSTIFICATION: Final = MIN_JUSTIFICATION_LENGTH

#: Where a message shows when it belongs to no field of the form: beside the submit button.
FORM_LEVEL: Final = "form"


def override_choices(automated_band: str) -> list[str]:
    """The bands an override may set: every choosable band except the automated one."""
    return [band for band in OVERRIDE_BANDS if band != automated_band]


def reason_label(category: str | None, texts: Catalogue) -> str:
    """A reason category in words (storage keeps the Dutch and English labels)."""
    if category is None:
        return ""
    label = REASON_CATEGORIES.get(category)
    return category if label is None else label.get(texts.language)


def decision_label(option: str, texts: Catalogue) -> str:
    """A decision option of part 3 in words."""
    label = DECISION_OPTIONS.get(option)
    return option if label is None else label.get(texts.language)


@dataclass(frozen=True)
class OverrideInput:
    """What the user filled in on the override form (anything may be missing)."""

    band: str | None
    reason_category: str | None
    justification: str


@dataclass(frozen=True)
class WithdrawalInput:
    """What the user filled in to withdraw the active override."""

    justification: str


@dataclass(frozen=True)
class DecisionInput:
    """What the user filled in on the decision form (part 3)."""

    option: str | None
    explanation: str
    partner_name: str


def field_messages(
    errors: Mapping[str, str], texts: Catalogue, *, justification: str = ""
) -> dict[str, Markup]:
    """Storage's per-field problems as messages in the user's language, keyed by form field.

    Problems with who is working (name, role) and a stale assessment belong to the whole form.
    A field this module does not know keeps storage's own message, so nothing is swallowed.
    """
    messages: dict[str, Markup] = {}
    for field, problem in errors.items():
        key, text = _message(field, problem, texts, justification)
        if key not in messages:
            messages[key] = text
        elif text not in messages[key]:
            messages[key] = joined((messages[key], text), plain(" "))
    return messages


def _message(field: str, problem: str, texts: Catalogue, justification: str) -> tuple[str, Markup]:
    if field in ("band", "reason_category", "option"):
        return field, texts(f"forms.errors.{field}")
    if field in ("justification", "reason"):
        return field, texts(
            "forms.errors.justification",
            minimum=MIN_JUSTIFICATION,
            count=len(justification.strip()),
        )
    if field == "explanation":
        return field, texts("forms.errors.explanation")
    if field in ("user_name", "role", "user_role", "actor"):
        return FORM_LEVEL, texts("forms.errors.identity")
    if field in ("assessment_id", "assessment"):
        return FORM_LEVEL, texts("forms.errors.stale_assessment")
    if field in ("override", "override_id", "withdraws_id"):
        return FORM_LEVEL, texts("forms.errors.override_changed")
    if field == "changed_meanwhile":  # already in the user's words (`action_panels.meanwhile`)
        return FORM_LEVEL, plain(problem)
    if field in ("admission_id", "record"):
        return FORM_LEVEL, texts("forms.errors.admission_gone")
    return FORM_LEVEL, texts("forms.errors.other", field=field, problem=problem)
