"""Stored policy versions and their publications, inside an open transaction.

The low layer of `storage.policies`: re-scoring and import read the policy in force from here,
and `storage.policies` publishes through here and then re-scores, so neither of those two
modules needs the other's internals.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, select

from scoring.policy import Policy, policy_from_mapping
from storage.actor import POLICY_ROLES, SYSTEM, Actor, actor_problems
from storage.errors import ValidationFailed
from storage.schema import policies, policy_publications


@dataclass(frozen=True)
class PublishedPolicy:
    """A stored policy version and the publication that put it in force."""

    policy_id: int
    policy: Policy
    author_name: str
    author_role: str
    created_at: datetime
    note: str
    published_at: datetime
    published_by: str
    publication_note: str

    @property
    def version(self) -> str:
        """The version name shown on every result."""
        return self.policy.version


def publish_in(
    connection: Connection, policy: Policy, actor: Actor, note: str, now: datetime
) -> PublishedPolicy:
    """Publish inside an open write transaction, without re-scoring (see `publish_policy`)."""
    problems = actor_problems(actor, POLICY_ROLES)
    if not note.strip():
        problems["note"] = "is required: say why this policy is published"
    if not policy.version.strip():
        problems["version"] = "is required"
    document = _document(policy)
    existing = connection.execute(
        select(policies.c.id, policies.c.document_json).where(policies.c.version == policy.version)
    ).first()
    if existing is not None and existing.document_json != document:
        problems["version"] = (
            f"version {policy.version!r} is already published with other settings; a published "
            "version never changes, so give this one a new version name"
        )
    if problems:
        raise ValidationFailed(problems)
    if existing is None:
        policy_id = connection.execute(
            policies.insert().values(
                version=policy.version,
                document_json=document,
                created_at=now,
                author_name=actor.name.strip(),
                author_role=actor.role,
                note=note.strip(),
            )
        ).inserted_primary_key[0]  # type: ignore[index]
    else:
        policy_id = existing.id
    connection.execute(
        policy_publications.insert().values(
            policy_id=policy_id,
            published_at=now,
            published_by=actor.name.strip(),
            published_role=actor.role,
            note=note.strip(),
        )
    )
    current = current_policy(connection)
    assert current is not None
    return current


def current_policy(connection: Connection) -> PublishedPolicy | None:
    """The policy of the newest publication, or None before anything was published."""
    row = connection.execute(
        _published_query().order_by(policy_publications.c.id.desc()).limit(1)
    ).first()
    return None if row is None else _from_row(row._mapping)


def ensure_published_policy(connection: Connection) -> PublishedPolicy:
    """The policy in force; publishes SOM's default policy first on an empty database."""
    current = current_policy(connection)
    if current is not None:
        return current
    return publish_in(
        connection, Policy(), SYSTEM, "default policy of SOM (feeds.md)", datetime.now(UTC)
    )


def publications(connection: Connection) -> list[PublishedPolicy]:
    """Every publication, newest first, with the version it put in force."""
    rows = connection.execute(_published_query().order_by(policy_publications.c.id.desc()))
    return [_from_row(row) for row in rows.mappings()]


def _document(policy: Policy) -> str:
    return json.dumps(policy.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def _published_query() -> Select[tuple[Any, ...]]:
    return select(
        policies.c.id.label("policy_id"),
        policies.c.document_json,
        policies.c.author_name,
        policies.c.author_role,
        policies.c.created_at,
        policies.c.note,
        policy_publications.c.published_at,
        policy_publications.c.published_by,
        policy_publications.c.note.label("publication_note"),
    ).join(policies, policies.c.id == policy_publications.c.policy_id)


def _from_row(row: RowMapping) -> PublishedPolicy:
    return PublishedPolicy(
        policy_id=int(row["policy_id"]),
        policy=policy_from_mapping(json.loads(row["document_json"])),
        author_name=row["author_name"],
        author_role=row["author_role"],
        created_at=row["created_at"],
        note=row["note"],
        published_at=row["published_at"],
        published_by=row["published_by"],
        publication_note=row["publication_note"],
    )
