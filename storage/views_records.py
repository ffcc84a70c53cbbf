"""The finished views storage hands the screens: plain records, every value already decided.

A screen renders these; it never computes a band, a reason or a sentence itself. Words are in
the language the view was asked for (the list carries every language, see `TriageList`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from scoring.inputs import DetaineeInputs
from storage.records import DecisionRecord, FieldChange, OverrideRecord


@dataclass(frozen=True)
class TriageList:
    """Every current admission the user may see, finished for the list screen.

    `frame` holds the columns of `list_current_admissions` plus `days_since_intake`,
    `shown_band`, `automated_band_shown`, `override_active`, `markers` and one
    `reason_<language>` per language (`storage.views.reason_column`), in SOM order by
    effective band. `bands` are the bands the list can show (counts, filter) in list order.
    `refreshing` says the stored bands are older than today and a re-score is due.
    """

    frame: pd.DataFrame
    policy_version: str
    as_of: date
    bands: tuple[str, ...]
    tiers_on: bool
    refreshing: bool = False
    #: False for a role that sees counts and SKNs only: names and case workers are left empty.
    names_shown: bool = True


#: The page shows overrides and decisions exactly as stored, so the stored records serve as
#: its entries.
OverrideEntry = OverrideRecord
DecisionEntry = DecisionRecord


@dataclass(frozen=True)
class ActiveOverride:
    """The override in force; stale when the input data changed after it was made."""

    entry: OverrideEntry
    stale: bool
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class SignalEntry:
    """A change of automated band since the previous assessment, with its sentence."""

    id: int
    old_band: str
    new_band: str
    sentence: str
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
class CriterionLine:
    """An automated criterion (C01–C10) or a tier (T1–T5) of the explanation, in words.

    `name` is "name (id)"; `sentence` leaves the name out. `counts` says for a tier whether
    the policy counts it (always True for a criterion).
    """

    id: str
    name: str
    state: str
    state_label: str
    sentence: str
    decisive: bool = False
    counts: bool = True


@dataclass(frozen=True)
class OpenQuestion:
    """An unknown criterion that would change the band once known to be true."""

    criterion: str
    sentence: str
    band: str


@dataclass(frozen=True)
class ProfileLine:
    """One signal of the weighing profile and its state."""

    name: str
    state: str
    state_label: str


@dataclass(frozen=True)
class ExplanationView:
    """Why the detainee sits in the automated band, in words (from the deciding catalogue)."""

    summary: str
    criteria: tuple[CriterionLine, ...]
    open_questions: tuple[OpenQuestion, ...]
    warnings: tuple[str, ...]
    profile_sentence: str
    profile: tuple[ProfileLine, ...]
    weighing: tuple[str, ...]
    tiers: tuple[CriterionLine, ...]
    tier_score: int


@dataclass(frozen=True)
class DetaineeView:
    """Everything the detainee page shows about one current admission, in one language."""

    admission_id: int
    assessment_id: int
    inputs: DetaineeInputs
    band: str
    provisional_band: str
    tier_score: int
    effective_band: str
    policy_version: str
    as_of: date
    days_since_intake: int | None
    tiers_on: bool
    explanation: ExplanationView
    active_override: ActiveOverride | None = None
    overrides: tuple[OverrideEntry, ...] = ()
    #: Every decision, in the order recorded.
    decisions: tuple[DecisionEntry, ...] = ()
    #: The decision that holds now: the latest (`storage.decisions.current_and_earlier`).
    current_decision: DecisionEntry | None = None
    #: The decisions before the current one, newest first: history.
    earlier_decisions: tuple[DecisionEntry, ...] = ()
    signals: tuple[SignalEntry, ...] = ()
    assessments: tuple[AssessmentEntry, ...] = ()
    versions: tuple[VersionEntry, ...] = ()
    refreshing: bool = False
    #: The accounts of the other professional role with access to this prison: the partners
    #: the user can pick for a joint decision.
    partner_accounts: tuple[str, ...] = ()
    #: The partner names of the decisions shown that are SOM accounts (the others were typed:
    #: the partner had no account).
    partners_with_account: frozenset[str] = frozenset()

    @property
    def skn(self) -> str:
        """The detainee number."""
        return str(self.inputs.skn)

    @property
    def unseen_signals(self) -> tuple[SignalEntry, ...]:
        """Signals nobody marked seen yet, newest first."""
        return tuple(s for s in self.signals if s.seen_at is None)
