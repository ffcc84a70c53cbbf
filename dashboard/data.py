"""The dashboard's one door to `storage`: opening the database, reading, and recording.

Screens call these functions and get storage's finished views (`storage.views`) back; every
write returns the per-field problems storage found (empty when it was stored), so a screen
never handles a refused record itself. No SQL and no rules live here: storage owns them.
Reading never re-scores; a view says when its bands are being refreshed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd

from dashboard.forms import DecisionInput, OverrideInput, WithdrawalInput
from scoring.vocabulary import Language
from storage import accounts, clock
from storage.access_log import access_entries, record_access
from storage.actor import Actor
from storage.connect import open_database
from storage.database import Database, database_url
from storage.decisions import record_decision as store_decision
from storage.errors import NotFound, ValidationFailed, database_errors_translated
from storage.guards import SeenRecords
from storage.overrides import record_override as store_override
from storage.overrides import withdraw_override as store_withdrawal
from storage.preferences import preference, remember
from storage.signals import mark_signal_seen
from storage.views import DetaineeView, TriageList, record_list_view, record_search, triage_view
from storage.views import detainee_view as storage_detainee_view

Problems = dict[str, str]

#: Stand-in for a user who has not said who they are: storage then names what is missing.
_NOBODY = Actor(name="", role="")


def today() -> date:
    """The scoring date: today in the Netherlands (`storage.clock`)."""
    return clock.today()


_databases: dict[str, Database] = {}
_opening = threading.Lock()


def database() -> Database:
    """The configured database (`SOM_DATABASE_URL`), opened and migrated once per process."""
    url = database_url()
    with _opening:
        if url not in _databases:
            with database_errors_translated():
                _databases[url] = open_database(url)
        return _databases[url]


def close_databases() -> None:
    """Close every database this process opened (tests switch databases between runs)."""
    with _opening:
        for opened in _databases.values():
            opened.dispose()
        _databases.clear()


def triage_list(actor: Actor) -> TriageList:
    """Every current admission `actor` may see, finished for the list, in SOM order."""
    return triage_view(database(), today(), actor)


def detainee_view(
    skn: str, language: Language, actor: Actor, **options: Any
) -> DetaineeView | None:
    """The page of the current admission of `skn`; `None` when nobody by that number is in.
    `options` are those of `storage.views.detainee_view` (outside reason, log, access point);
    raises `storage.views.OutsidePrison` for a detainee outside the actor's prisons."""
    return storage_detainee_view(database(), skn, today(), language, actor, **options)


def sign_in(name: str, password: str, access_point: str | None) -> Actor | None:
    """The account for a name and password; `None` when sign-in is refused (logged)."""
    try:
        return accounts.sign_in(database(), name, password, access_point=access_point)
    except accounts.SignInRefused:
        return None


def still_signed_in(actor: Actor) -> Actor | None:
    """`actor` as the account is now; `None` when it was disabled or changed since."""
    try:
        return accounts.current_actor(database(), actor)
    except accounts.SessionEnded:
        return None


def end_session(actor: Actor, event: str, access_point: str | None) -> None:
    """Log a sign-out or an expired session."""
    record_access(database(), actor, event, access_point=access_point)


def preference_of(actor: Actor, key: str) -> Any:
    """What `actor` chose last for `key` (`storage.preferences`), or None."""
    with database_errors_translated():
        return preference(database(), actor, key)


def remember_preference(actor: Actor, key: str, value: Any) -> None:
    """Keep `actor`'s choice for `key` for their next visit."""
    with database_errors_translated():
        remember(database(), actor, key, value)


def log_list_view(actor: Actor, shown: dict[str, object]) -> None:
    """Log that `actor` looked at the list with these filters."""
    record_list_view(database(), actor, shown)


def log_search(actor: Actor, text: str, found: int) -> None:
    """Log a search for a detainee."""
    record_search(database(), actor, text, found)


def access_log(**filters: object) -> pd.DataFrame:
    """The access log, newest first (`storage.access_log.access_entries` filters)."""
    return access_entries(database(), **filters)  # type: ignore[arg-type]


def record_override(
    record: DetaineeView,
    submitted: OverrideInput,
    actor: Actor | None,
    seen_assessment: int,
    seen: SeenRecords | None = None,
) -> Problems:
    """Store an override on the assessment the user was looking at (`seen_assessment`);
    storage refuses it when the detainee was scored again since."""
    return _attempt(
        lambda: store_override(
            database(),
            record.admission_id,
            seen_assessment,
            submitted.band or "",
            submitted.reason_category or "",
            submitted.justification,
            actor or _NOBODY,
            seen=seen,
        )
    )


def withdraw_override(
    seen_override: int | None,
    submitted: WithdrawalInput,
    actor: Actor | None,
    seen: SeenRecords | None = None,
) -> Problems:
    """Withdraw the override the user was looking at (a new record); storage refuses it when a
    colleague withdrew or replaced it in the meantime."""
    if seen_override is None:
        return {"override_id": "no active override"}
    return _attempt(
        lambda: store_withdrawal(
            database(), seen_override, submitted.justification, actor or _NOBODY, seen=seen
        )
    )


def record_decision(
    record: DetaineeView,
    submitted: DecisionInput,
    actor: Actor | None,
    seen_assessment: int,
    seen: SeenRecords | None = None,
) -> Problems:
    """Store a decision (part 3) on the assessment the user was looking at (`seen_assessment`)."""
    return _attempt(
        lambda: store_decision(
            database(),
            record.admission_id,
            seen_assessment,
            submitted.option or "",
            submitted.explanation,
            actor or _NOBODY,
            partner_name=submitted.partner_name,
            seen=seen,
        )
    )


def mark_signals_seen(signal_ids: tuple[int, ...], actor: Actor | None) -> Problems:
    """Mark the signals the user saw as seen by `actor` (a signal that arrived since stays)."""

    def mark_each() -> None:
        for signal_id in signal_ids:
            mark_signal_seen(database(), signal_id, actor or _NOBODY)

    return _attempt(mark_each)


_writes = 0


def write_generation() -> int:
    """How many records this process stored so far (a cache key that changes on every write)."""
    return _writes


def _attempt(action: Callable[[], object]) -> Problems:
    global _writes
    try:
        with database_errors_translated():
            action()
    except ValidationFailed as refused:
        return dict(refused.errors)
    except NotFound as missing:
        return {"record": str(missing)}
    with _opening:
        _writes += 1
    return {}
