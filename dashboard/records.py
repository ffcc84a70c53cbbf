"""What the screens know about detainees: plain records the data adapter fills from storage.

The screens and the view logic depend on these, not on storage's own types, so the storage
service can evolve behind `dashboard.data` without touching the pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pandas as pd

from scoring.explain import Explanation, explain
from scoring.inputs import DetaineeInputs
from scoring.policy import Policy

#: Columns of the list frame (`TriageList.frame`), one row per current admission.
LIST_COLUMNS = (
    "admission_id",
    "skn",
    "name",
    "pi",
    "phase",
    "intake_date",
    "days_since_intake",
    "band",
    "provisional_band",
    "effective_band",
    "decisive",
    "open_questions",
    "warnings",
    "tier_score",
    "override_active",
    "override_stale",
    "decision_option",
    "unseen_signals",
)


@dataclass(frozen=True)
class TriageList:
    """Every current admission the user may see, with the policy and date it was scored at."""

    frame: pd.DataFrame
    policy: Policy
    as_of: date


@dataclass(frozen=True)
class FieldChange:
    """One input field that changed between two versions of a detainee's data."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class OverrideEntry:
    """An override or a withdrawal, as recorded (never edited)."""

    id: int
    kind: str  # "override" or "withdrawal"
    band: str | None
    automated_band: str
    decisive: str | None
    reason_category: str | None
    justification: str
    user_name: str
    user_role: str
    created_at: datetime
    withdraws_id: int | None = None
    policy_version: str | None = None


@dataclass(frozen=True)
class ActiveOverride:
    """The override in force; stale when the input data changed after it was made."""

    entry: OverrideEntry
    stale: bool
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class DecisionEntry:
    """A decision of part 3 of the form."""

    id: int
    option: str
    explanation: str
    partner_name: str | None
    user_name: str
    user_role: str
    created_at: datetime


@dataclass(frozen=True)
class SignalEntry:
    """A change of automated band since the previous assessment."""

    id: int
    old_band: str
    new_band: str
    changes: tuple[FieldChange, ...]
    created_at: datetime
    seen_at: datetime | None = None
    seen_by: str | None = None
    seen_role: str | None = None


@dataclass(frozen=True)
class AssessmentEntry:
    """One stored assessment of the admission (band over time)."""

    id: int
    as_of: date
    created_at: datetime
    band: str
    provisional_band: str
    decisive: str | None
    policy_version: str
    input_version: int


@dataclass(frozen=True)
class VersionEntry:
    """One version of the detainee's input data and what changed against the one before."""

    version: int
    created_at: datetime
    changed_feeds: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True)
class DetaineeRecord:
    """Everything the detainee page shows about one current admission."""

    admission_id: int
    assessment_id: int
    inputs: DetaineeInputs
    result: Mapping[str, Any]
    policy: Policy
    as_of: date
    effective_band: str
    active_override: ActiveOverride | None = None
    overrides: tuple[OverrideEntry, ...] = ()
    decisions: tuple[DecisionEntry, ...] = ()
    signals: tuple[SignalEntry, ...] = ()
    assessments: tuple[AssessmentEntry, ...] = ()
    versions: tuple[VersionEntry, ...] = ()

    @property
    def skn(self) -> str:
        """The detainee number."""
        return str(self.inputs.skn)

    @property
    def band(self) -> str:
        """The automated band of the newest assessment."""
        return str(self.result["band"])

    @property
    def unseen_signals(self) -> tuple[SignalEntry, ...]:
        """Signals nobody marked seen yet, newest first."""
        return tuple(s for s in self.signals if s.seen_at is None)

    def explanation(self) -> Explanation:
        """Why the detainee sits in the automated band (same catalogue that decided it)."""
        return explain(self.inputs, self.result, self.policy, self.as_of)

    def days_since_intake(self) -> int | None:
        """Days from intake to the scoring date; `None` when the intake date is unknown."""
        intake = self.inputs.intake_date
        return None if intake is None else (self.as_of - intake).days
