"""The view service: finished views for the screens, read in one go and never written.

`triage_view` gives the list, `detainee_view` one detainee's page. Each value a screen shows is
decided here (storage calls `scoring`; the screens never do): the effective band, staleness,
the split weighing band, the reason in words, markers, days since intake, the explanation.
Reading never re-scores; when the stored bands are older than `today` the view says so
(`refreshing`) and the re-score runs elsewhere (`som serve` at start, `som rescore`).
Database errors leave as `storage.errors.DatabaseUnavailable`.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from scoring.vocabulary import Language
from storage.database import Database
from storage.errors import database_errors_translated
from storage.listing import list_current_admissions
from storage.policies import published_policy
from storage.records import FieldChange, detainee_record, find_admission
from storage.rescoring import needs_rescore
from storage.schema import scoring_runs
from storage.views_bands import (
    DISPLAY_BANDS,
    WEIGHING_HALVES,
    bands_shown,
    display_bands,
    effective_band,
    override_is_stale,
)
from storage.views_detainee import finished_detainee, signal_sentence, tiers_switched_on
from storage.views_list import LANGUAGES, MARKERS, finished_rows, reason_column, reason_words
from storage.views_records import (
    ActiveOverride,
    AssessmentEntry,
    CriterionLine,
    DecisionEntry,
    DetaineeView,
    ExplanationView,
    OpenQuestion,
    OverrideEntry,
    ProfileLine,
    SignalEntry,
    TriageList,
    VersionEntry,
)

__all__ = [
    "DISPLAY_BANDS",
    "LANGUAGES",
    "MARKERS",
    "WEIGHING_HALVES",
    "ActiveOverride",
    "AssessmentEntry",
    "CriterionLine",
    "DecisionEntry",
    "DetaineeView",
    "ExplanationView",
    "FieldChange",
    "OpenQuestion",
    "OverrideEntry",
    "ProfileLine",
    "SignalEntry",
    "TriageList",
    "VersionEntry",
    "bands_shown",
    "detainee_view",
    "display_bands",
    "effective_band",
    "override_is_stale",
    "reason_column",
    "reason_words",
    "scored_as_of",
    "signal_sentence",
    "tiers_switched_on",
    "triage_view",
]


def triage_view(
    database: Database, today: date, prisons: frozenset[str] | None = None
) -> TriageList:
    """Every current admission (of `prisons`, or all), finished for the list, in SOM order."""
    with database_errors_translated():
        policy = published_policy(database).policy
        frame = list_current_admissions(database)
        if prisons is not None:
            frame = frame[frame["pi"].isin(prisons)]
        refreshing = not frame.empty and needs_rescore(database, today)
        as_of = scored_as_of(database, today) if refreshing else today
        return TriageList(
            frame=finished_rows(frame, policy, as_of).reset_index(drop=True),
            policy_version=policy.version,
            as_of=as_of,
            bands=bands_shown(policy.split_weighing),
            tiers_on=tiers_switched_on(policy),
            refreshing=refreshing,
        )


def detainee_view(
    database: Database, skn: str, today: date, language: Language
) -> DetaineeView | None:
    """The page of the current admission of `skn` in `language`; None when nobody by that
    number is inside (or not scored yet: only between an import and its re-scoring)."""
    with database_errors_translated():
        admission_id = find_admission(database, skn.strip())
        if admission_id is None:
            return None
        record = detainee_record(database, admission_id)
        latest = record.latest_assessment
        if latest is None:
            return None
        refreshing = needs_rescore(database, today)
        as_of = scored_as_of(database, today) if refreshing else today
        policy = published_policy(database).policy
        return finished_detainee(record, latest, policy, as_of, language, refreshing=refreshing)


def scored_as_of(database: Database, today: date) -> date:
    """The date the stored bands hold for: the newest scoring run's `as_of`, else `today`.

    Once the population was scored at `today`, its assessments hold today even where a row
    kept an older date (a row is only rewritten when its result changes).
    """
    with database_errors_translated(), database.read() as connection:
        newest = connection.execute(
            select(scoring_runs.c.as_of).order_by(scoring_runs.c.id.desc()).limit(1)
        ).scalar()
    return today if newest is None else newest
