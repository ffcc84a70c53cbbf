"""Policy versions: exactly one is published at a time; a published version never changes.

A version is stored the first time it is published, with its author, time and note. Publishing
again — a new version, or an earlier one to roll back — adds a publication record; the newest
publication is the policy in force. Publishing re-scores every current admission in the same
transaction; the stored rows themselves are handled by `storage.policy_versions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from scoring.policy import Policy
from storage.access_log import log_access
from storage.actor import Actor
from storage.clock import local_day
from storage.database import Database
from storage.policy_versions import (
    PublishedPolicy,
    current_policy,
    ensure_published_policy,
    publications,
    publish_in,
)
from storage.rescoring import rescore_admissions

__all__ = ["Publication", "PublishedPolicy", "policy_history", "publish_policy", "published_policy"]


def published_policy(database: Database) -> PublishedPolicy:
    """The policy in force (the default policy until a capacity manager publishes another)."""
    with database.read() as connection:
        current = current_policy(connection)
    if current is not None:
        return current
    with database.write() as connection:
        return ensure_published_policy(connection)


@dataclass(frozen=True)
class Publication:
    """What a publication did: the version now in force, how many current admissions it
    re-scored and how many of them moved to another band (each got a signal)."""

    published: PublishedPolicy
    rescored: int
    moved: int


def publish_policy(
    database: Database,
    policy: Policy,
    actor: Actor,
    note: str,
    *,
    as_of: date | None = None,
    now: datetime | None = None,
) -> Publication:
    """Publish `policy` and re-score every current admission with it, in one transaction.

    Raises `ValidationFailed` when the actor may not publish, the note is empty, or the version
    name is already taken by different settings (a published version is immutable).
    """
    moment = now or datetime.now(UTC)
    with database.write() as connection:
        published = publish_in(connection, policy, actor, note, moment)
        summary = rescore_admissions(connection, as_of or local_day(moment), moment)
        detail = {"version": policy.version, "rescored": summary.scored, "note": note.strip()}
        log_access(connection, actor, "publish", detail=detail, now=moment)
    return Publication(published, rescored=summary.scored, moved=summary.signals_created)


def policy_history(database: Database) -> list[PublishedPolicy]:
    """Every publication, newest first, with the version it put in force."""
    with database.read() as connection:
        return publications(connection)
