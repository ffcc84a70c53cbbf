"""The view service: finished views for the screens, read in one go and never written.

`triage_view` gives the list, `detainee_view` one detainee's page. Each value a screen shows is
decided here (storage calls `scoring`; the screens never do): the effective band, staleness,
the split weighing band, the reason in words, markers, days since intake, the explanation.
Reading never re-scores; when the stored bands are older than `today` the view says so
(`refreshing`) and the re-score runs elsewhere (`som serve` at start, `som rescore`).
Database errors leave as `storage.errors.DatabaseUnavailable`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any, Final

from sqlalchemy import select

from scoring.vocabulary import Language
from storage.access_log import record_access
from storage.accounts import account_names, colleagues
from storage.actor import Actor
from storage.authorise import admission_subject
from storage.database import Database
from storage.errors import ValidationFailed, database_errors_translated
from storage.listing import list_current_admissions
from storage.permissions import NotPermitted, in_prisons, may, prisons_in_scope, require
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
from storage.views_list import (
    LANGUAGES,
    MARKERS,
    day_column,
    finished_rows,
    reason_column,
    reason_words,
)
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
    "OutsidePrison",
    "OverrideEntry",
    "ProfileLine",
    "SignalEntry",
    "TriageList",
    "VersionEntry",
    "bands_shown",
    "day_column",
    "detainee_view",
    "display_bands",
    "effective_band",
    "override_is_stale",
    "reason_column",
    "reason_words",
    "record_list_view",
    "record_search",
    "scored_as_of",
    "signal_sentence",
    "tiers_switched_on",
    "triage_view",
]


#: The list columns that name people; left empty for a role that may not see names.
NAME_COLUMNS: Final = ("name", "cm_name", "rw_name")

#: For a joint decision (SOM.md §6): the role of the partner of each professional role.
PARTNER_ROLES: Final = {"case_manager": "probation_worker", "probation_worker": "case_manager"}

#: The shortest reason for opening a detainee outside one's own prisons.
OUTSIDE_REASON_MIN_LENGTH: Final = 10


class OutsidePrison(NotPermitted):
    """The detainee is in a prison outside the actor's; `may_ask` says whether the actor may
    open the page anyway, with a reason (the "access outside my prison" step)."""

    def __init__(self, actor: Actor, pi: str | None) -> None:
        super().__init__(actor, "view_detainee", pi or "")
        self.may_ask = may(actor, "access_outside_prison")


def triage_view(database: Database, today: date, actor: Actor) -> TriageList:
    """Every current admission the actor may see (their prisons, or all for the roles that
    work across prisons), finished for the list, in SOM order; names only where the role may
    see them. The caller logs the view with `record_list_view`."""
    require(actor, "view_list")
    prisons = prisons_in_scope(actor)
    names_shown = may(actor, "view_names")
    with database_errors_translated():
        policy = published_policy(database).policy
        frame = list_current_admissions(database)
        if prisons is not None:
            frame = frame[frame["pi"].isin(prisons)]
        if not names_shown:
            frame = frame.assign(**dict.fromkeys(NAME_COLUMNS, None))
        refreshing = not frame.empty and needs_rescore(database, today)
        as_of = scored_as_of(database, today) if refreshing else today
        return TriageList(
            frame=finished_rows(frame, policy, as_of).reset_index(drop=True),
            policy_version=policy.version,
            as_of=as_of,
            bands=bands_shown(policy.split_weighing),
            tiers_on=tiers_switched_on(policy),
            refreshing=refreshing,
            names_shown=names_shown,
        )


def record_list_view(database: Database, actor: Actor, shown: dict[str, Any]) -> None:
    """Log that `actor` looked at the list with the filters in `shown` (NEN 7513)."""
    require(actor, "view_list")
    record_access(database, actor, "view_list", detail=shown)


def record_search(database: Database, actor: Actor, text: str, found: int) -> None:
    """Log a search for a detainee (what was typed and how many matched)."""
    require(actor, "view_list")
    record_access(database, actor, "search", detail={"search": text, "found": found})


def detainee_view(
    database: Database,
    skn: str,
    today: date,
    language: Language,
    actor: Actor,
    *,
    outside_reason: str | None = None,
    log: bool = True,
    access_point: str | None = None,
) -> DetaineeView | None:
    """The page of the current admission of `skn` in `language`; None when nobody by that
    number is inside (or not scored yet: only between an import and its re-scoring).

    A detainee outside the actor's prisons raises `OutsidePrison`, unless the actor's role may
    open it with a reason and `outside_reason` gives one (logged as `access_outside_prison`).
    With `log` the view is logged (the page passes False when it only draws itself again).
    """
    require(actor, "view_detainee")
    with database_errors_translated():
        admission_id = find_admission(database, skn.strip())
        if admission_id is None:
            return None
        with database.read() as connection:
            found_skn, pi = admission_subject(connection, admission_id)
        entry = {"skn": found_skn, "access_point": access_point}
        if not in_prisons(actor, pi):
            if outside_reason is None or not may(actor, "access_outside_prison"):
                record_access(database, actor, "view_detainee", outcome="refused", **entry)
                raise OutsidePrison(actor, pi)
            if len(outside_reason.strip()) < OUTSIDE_REASON_MIN_LENGTH:
                raise ValidationFailed(
                    {"reason": f"needs at least {OUTSIDE_REASON_MIN_LENGTH} characters"}
                )
            if log:
                detail = {"reason": outside_reason.strip(), "pi": pi}
                record_access(database, actor, "access_outside_prison", detail=detail, **entry)
        if log:
            record_access(database, actor, "view_detainee", **entry)
        record = detainee_record(database, admission_id)
        partner_role = PARTNER_ROLES.get(actor.role)
        partners = (
            () if partner_role is None or pi is None else colleagues(database, partner_role, pi)
        )
        named = account_names(database, (d.partner_name or "" for d in record.decisions))
        latest = record.latest_assessment
        if latest is None:
            return None
        refreshing = needs_rescore(database, today)
        as_of = scored_as_of(database, today) if refreshing else today
        policy = published_policy(database).policy
        view = finished_detainee(record, latest, policy, as_of, language, refreshing=refreshing)
        return replace(view, partner_accounts=tuple(partners), partners_with_account=named)


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
