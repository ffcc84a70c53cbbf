"""The access log, in the style of NEN 7513: who looked at or changed what, when, from where.

Each entry: the event, its outcome (`ok`, `refused`, `failed`), date and time (UTC), the account,
its name and role, the detainee (SKN) or, for a list, the list and its filters in `detail`, and
the access point (the client address from a trusted proxy header, where one is configured). The
table is append-only; entries are written in the same transaction as the change they record.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

import pandas as pd
from sqlalchemy import Connection, select

from scoring.text import Text
from storage.actor import SYSTEM, Actor
from storage.clock import LOCAL_TIME
from storage.database import Database
from storage.errors import database_errors_translated
from storage.permissions import require
from storage.schema import access_log

#: Every kind of event the log records.
EVENTS: Final[dict[str, Text]] = {
    "view_list": Text("lijst bekeken", "list viewed"),
    "search": Text("gezocht", "searched"),
    "view_detainee": Text("gedetineerde bekeken", "detainee viewed"),
    "access_outside_prison": Text("buiten eigen PI geopend", "opened outside own prisons"),
    "override": Text("band afgeweken", "band overridden"),
    "withdraw": Text("afwijking ingetrokken", "override withdrawn"),
    "decide": Text("besluit vastgelegd", "decision recorded"),
    "mark_seen": Text("signaal gezien", "signal seen"),
    "export": Text("geëxporteerd", "exported"),
    "verify": Text("vastleggingen gecontroleerd", "records verified"),
    "checkpoint": Text("controlepunt vastgelegd", "checkpoint stored"),
    "replay": Text("beoordeling herberekend", "assessment replayed"),
    "publish": Text("beleid gepubliceerd", "policy published"),
    "save_draft": Text("beleidsconcept opgeslagen", "policy draft saved"),
    "set_capacity": Text("capaciteit vastgelegd", "capacity recorded"),
    "import": Text("feeds geïmporteerd", "feeds imported"),
    "sign_in": Text("aangemeld", "signed in"),
    "failed_sign_in": Text("aanmelden mislukt", "sign-in failed"),
    "sign_out": Text("afgemeld", "signed out"),
    "session_expired": Text("sessie verlopen", "session expired"),
    "account_change": Text("account gewijzigd", "account changed"),
}
OUTCOMES: Final[tuple[str, ...]] = ("ok", "refused", "failed")

#: The columns of `access_entries`, in order.
ENTRY_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "at",
    "event",
    "outcome",
    "user_name",
    "user_role",
    "skn",
    "detail",
    "access_point",
)


def log_access(
    connection: Connection,
    actor: Actor,
    event: str,
    *,
    outcome: str = "ok",
    skn: str | None = None,
    detail: str | dict[str, Any] = "",
    access_point: str | None = None,
    now: datetime | None = None,
) -> None:
    """Append one entry inside the caller's transaction (`detail` may be a dict: JSON)."""
    if event not in EVENTS or outcome not in OUTCOMES:
        raise KeyError(f"unknown access-log event {event!r} or outcome {outcome!r}")
    text = detail if isinstance(detail, str) else json.dumps(detail, sort_keys=True, default=str)
    connection.execute(
        access_log.insert().values(
            at=now or datetime.now(UTC),
            event=event,
            outcome=outcome,
            account_id=actor.account_id,
            user_name=actor.name,
            user_role=actor.role,
            skn=skn,
            detail=text,
            access_point=access_point,
        )
    )


def record_access(database: Database, actor: Actor, event: str, **entry: Any) -> None:
    """Append one entry in a transaction of its own (for events that change nothing else)."""
    with database_errors_translated(), database.write() as connection:
        log_access(connection, actor, event, **entry)


def access_entries(
    database: Database,
    *,
    actor: Actor = SYSTEM,
    since: date | None = None,
    until: date | None = None,
    user: str | None = None,
    event: str | None = None,
    skn: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """The log, newest first, filtered by Dutch calendar days, user name, event or SKN (for
    the roles that may see the audit; `NotPermitted` for the others)."""
    require(actor, "view_audit")
    query = select(*(access_log.c[name] for name in ENTRY_COLUMNS))
    if since is not None:
        query = query.where(access_log.c.at >= _start_of(since))
    if until is not None:
        query = query.where(access_log.c.at < _start_of(until + timedelta(days=1)))
    if user:
        query = query.where(access_log.c.user_name == user)
    if event:
        query = query.where(access_log.c.event == event)
    if skn:
        query = query.where(access_log.c.skn == skn)
    query = query.order_by(access_log.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    with database_errors_translated(), database.read() as connection:
        rows = [tuple(row) for row in connection.execute(query).all()]
    return pd.DataFrame(rows, columns=list(ENTRY_COLUMNS))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TIME).astimezone(UTC)
