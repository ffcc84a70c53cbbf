"""The weekly capacity of probation per prison: how many new cases it can take (SOM.md section 7).

Capacity changes with policy and budget, so every change is a new row with who, when and why
(append-only); the newest row of a prison is its capacity. Recording needs `set_capacity` and is
logged (`set_capacity`); reading needs `view_capacity`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import select

from storage.access_log import log_access
from storage.actor import Actor
from storage.database import Database
from storage.drafts import PolicyDraft, list_drafts, published_versions
from storage.errors import ValidationFailed, database_errors_translated
from storage.permissions import may, require
from storage.policies import PublishedPolicy, policy_history, published_policy
from storage.schema import prison_capacities
from storage.status import database_status

#: The most new cases a week SOM accepts for one prison (a typing error guard, not policy).
MAX_WEEKLY_CASES: Final = 10_000
PI_MAX_LENGTH: Final = 64


@dataclass(frozen=True)
class PrisonCapacity:
    """One recorded capacity: the prison, new cases a week, and who set it, when and why."""

    pi: str
    weekly_cases: int
    note: str
    set_by: str
    set_role: str
    set_at: datetime


def set_capacity(
    database: Database,
    pi: str,
    weekly_cases: int,
    actor: Actor,
    note: str,
    *,
    now: datetime | None = None,
) -> PrisonCapacity:
    """Record that probation in prison `pi` can take `weekly_cases` new cases a week.

    Raises `ValidationFailed` (fields `pi`, `weekly_cases`, `note`) for an empty or overlong
    prison name, a number outside 0 to `MAX_WEEKLY_CASES`, or a missing note.
    """
    require(actor, "set_capacity")
    prison = " ".join(pi.split())
    problems: dict[str, str] = {}
    if not prison or len(prison) > PI_MAX_LENGTH:
        problems["pi"] = f"must be a prison name of 1 to {PI_MAX_LENGTH} characters"
    if isinstance(weekly_cases, bool) or not isinstance(weekly_cases, int):
        problems["weekly_cases"] = f"must be a whole number (found {weekly_cases!r})"
    elif not 0 <= weekly_cases <= MAX_WEEKLY_CASES:
        problems["weekly_cases"] = (
            f"must be from 0 to {MAX_WEEKLY_CASES} new cases a week (found {weekly_cases})"
        )
    if not note.strip():
        problems["note"] = "is required: say why the capacity changes"
    if problems:
        raise ValidationFailed(problems)
    recorded = PrisonCapacity(
        prison, weekly_cases, note.strip(), actor.name.strip(), actor.role, now or datetime.now(UTC)
    )
    with database_errors_translated(), database.write() as connection:
        # The record's fields are the table's columns.
        connection.execute(prison_capacities.insert().values(**asdict(recorded)))
        detail = {"pi": prison, "weekly_cases": weekly_cases, "note": recorded.note}
        log_access(connection, actor, "set_capacity", detail=detail, now=recorded.set_at)
    return recorded


def capacity_history(
    database: Database, actor: Actor, pi: str | None = None
) -> list[PrisonCapacity]:
    """Every recorded capacity (of prison `pi`, when given), newest first."""
    require(actor, "view_capacity")
    query = select(prison_capacities).order_by(prison_capacities.c.id.desc())
    if pi is not None:
        query = query.where(prison_capacities.c.pi == pi)
    with database_errors_translated(), database.read() as connection:
        return [
            PrisonCapacity(row.pi, row.weekly_cases, row.note, row.set_by, row.set_role, row.set_at)
            for row in connection.execute(query)
        ]


def current_capacities(database: Database, actor: Actor) -> dict[str, PrisonCapacity]:
    """The capacity in force per prison (its newest record), prisons in alphabetical order."""
    return _newest_per_prison(capacity_history(database, actor))


def _newest_per_prison(changes: list[PrisonCapacity]) -> dict[str, PrisonCapacity]:
    newest: dict[str, PrisonCapacity] = {}
    for recorded in changes:
        newest.setdefault(recorded.pi, recorded)
    return dict(sorted(newest.items()))


@dataclass(frozen=True)
class CapacityPage:
    """What the capacity page shows: the policy in force and its history, every version ever
    published, the drafts, the capacity per prison and its history, and the prisons with
    their current admissions."""

    published: PublishedPolicy
    versions: list[str]
    drafts: list[PolicyDraft]
    publications: list[PublishedPolicy]
    capacities: dict[str, PrisonCapacity]
    capacity_changes: list[PrisonCapacity]
    prisons: dict[str, int]


def capacity_page(database: Database, actor: Actor) -> CapacityPage:
    """The capacity page's view for `actor` (`view_capacity`; drafts need `edit_policy`)."""
    require(actor, "view_capacity")
    editing = may(actor, "edit_policy")
    changes = capacity_history(database, actor)
    with database_errors_translated():
        published = published_policy(database)
        status = database_status(database)
        return CapacityPage(
            published=published,
            versions=published_versions(database, actor) if editing else [published.version],
            drafts=list_drafts(database, actor) if editing else [],
            publications=policy_history(database),
            capacities=_newest_per_prison(changes),
            capacity_changes=changes,
            prisons=status.current_admissions,
        )
