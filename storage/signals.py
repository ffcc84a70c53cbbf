"""Signals: a detainee's automated band changed since the previous assessment.

Each signal names the old and new band and the criteria whose state changed, in a sentence from
`scoring.explain.describe_change` ("Lopende adviesvraag (C05): waar → niet waar; aanhouden →
professionele weging"). The dashboard shows unseen signals until someone marks them seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from sqlalchemy import Connection, select

from scoring.explain import describe_change
from scoring.vocabulary import Language
from storage.access_log import log_access
from storage.actor import ROLES, Actor, actor_problems
from storage.authorise import authorise
from storage.bulk import insert_rows
from storage.codec import decode_states, dumps
from storage.current import assessment_states
from storage.database import Database
from storage.errors import NotFound, ValidationFailed
from storage.schema import signals

#: Language of the stored signal sentence (the dashboard can render others from the states).
SIGNAL_LANGUAGE: Final[Language] = "nl"


@dataclass(frozen=True)
class BandChange:
    """A new assessment whose band differs from the admission's previous one."""

    admission_id: int
    old_assessment_id: int
    old_band: str
    new_band: str
    new_states_json: str


def create_signals(
    connection: Connection,
    changes: Sequence[BandChange],
    new_assessment_ids: dict[int, int],
    now: datetime,
) -> int:
    """Store one signal per band change; returns how many were stored."""
    if not changes:
        return 0
    old_documents = assessment_states(connection, [c.old_assessment_id for c in changes])
    rows = []
    for change in changes:
        old_states = decode_states(old_documents[change.old_assessment_id])
        new_states = decode_states(change.new_states_json)
        changed = [
            {"item": item, "old": old_states.get(item), "new": state}
            for item, state in new_states.items()
            if old_states.get(item) != state
        ]
        rows.append(
            {
                "admission_id": change.admission_id,
                "old_assessment_id": change.old_assessment_id,
                "new_assessment_id": new_assessment_ids[change.admission_id],
                "old_band": change.old_band,
                "new_band": change.new_band,
                "changes_json": dumps(changed),
                "message": describe_change(
                    old_states, new_states, change.old_band, change.new_band, SIGNAL_LANGUAGE
                ),
                "created_at": now,
            }
        )
    insert_rows(connection, signals, rows, stage="signals")
    return len(rows)


def mark_signal_seen(
    database: Database, signal_id: int, actor: Actor, *, now: datetime | None = None
) -> None:
    """Record who saw a signal and when; a signal already seen keeps its first marker."""
    _check_viewer(actor)
    with database.read() as connection:
        found = connection.execute(
            select(signals.c.admission_id).where(signals.c.id == signal_id)
        ).first()
    if found is None:
        raise NotFound(f"signal {signal_id} does not exist")
    skn = authorise(database, actor, "mark_seen", "mark_seen", found.admission_id)
    with database.write() as connection:
        log_access(connection, actor, "mark_seen", skn=skn, detail={"signal_id": signal_id})
        connection.execute(
            signals.update()
            .where(signals.c.id == signal_id, signals.c.seen_at.is_(None))
            .values(_seen_values(actor, now))
        )


def mark_admission_signals_seen(
    database: Database, admission_id: int, actor: Actor, *, now: datetime | None = None
) -> int:
    """Mark every unseen signal of one admission seen; returns how many were marked."""
    _check_viewer(actor)
    skn = authorise(database, actor, "mark_seen", "mark_seen", admission_id)
    with database.write() as connection:
        log_access(connection, actor, "mark_seen", skn=skn, detail={"signals": "all"})
        result = connection.execute(
            signals.update()
            .where(signals.c.admission_id == admission_id, signals.c.seen_at.is_(None))
            .values(_seen_values(actor, now))
        )
        return int(result.rowcount)


def _seen_values(actor: Actor, now: datetime | None) -> dict[str, object]:
    return {
        "seen_at": now or datetime.now(UTC),
        "seen_by": actor.name.strip(),
        "seen_role": actor.role,
    }


def _check_viewer(actor: Actor) -> None:
    problems = actor_problems(actor, tuple(role for role in ROLES if role != "system"))
    if problems:
        raise ValidationFailed(problems)
