"""Policy drafts: settings a capacity manager prepares before publishing them (SOM.md section 7).

A draft's name is the version name it is published under, so a name already published with
other settings is refused when the draft is saved (a published version never changes); a name
published with the same settings is how an earlier version is prepared for a roll back. Drafts
are append-only: saving again under a name adds a row, the newest row of a name is the draft
and the older rows are its history. A draft is never scored for the list: only publishing it
(`publish_draft`, through `storage.policies.publish_policy`) puts it in force.

Every function checks `edit_policy`; saving is logged (`save_draft`), publishing is logged by
`publish_policy` (`publish`). Settings are checked by `scoring.policy` itself, so a refused
value names the key and its allowed range exactly as a policy file's error does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy import Connection, select

from scoring.policy import Policy, PolicyError, policy_from_mapping
from storage.access_log import log_access
from storage.actor import Actor
from storage.database import Database
from storage.errors import NotFound, ValidationFailed, database_errors_translated
from storage.permissions import require
from storage.policies import (
    Publication,
    policy_history,
    publish_policy,
    published_policy,
)
from storage.schema import policies, policy_drafts

#: The name that stands for the policy in force wherever a draft or version name is asked for.
PUBLISHED: Final = "published"


@dataclass(frozen=True)
class PolicyDraft:
    """One saved state of a draft: its settings and who saved them, when and why."""

    draft_id: int
    name: str
    policy: Policy
    based_on: str | None
    author_name: str
    author_role: str
    note: str
    created_at: datetime


@dataclass(frozen=True)
class PolicyChange:
    """One setting that differs between two policies (`key` dotted: `tiers.lvb`)."""

    key: str
    old: Any
    new: Any


def policy_problems(settings: Mapping[str, Any]) -> dict[str, str]:
    """Per policy key, what is wrong with its value (empty when the settings make a policy).

    Each key is checked on its own by `scoring.policy.policy_from_mapping`, so the message is
    the policy file's own ("policy key 'screening_day': must be from 0 to 365 (found 400)").
    """
    try:
        policy_from_mapping(dict(settings))
    except PolicyError as whole:
        problems = {}
        for key, value in settings.items():
            try:
                policy_from_mapping({key: value})
            except PolicyError as error:
                problems[key] = str(error)
        return problems or {"policy": str(whole)}
    return {}


def save_draft(
    database: Database,
    name: str,
    settings: Policy | Mapping[str, Any],
    actor: Actor,
    note: str,
    *,
    based_on: str | None = None,
    now: datetime | None = None,
) -> PolicyDraft:
    """Store `settings` as the newest state of draft `name` (its version name when published).

    Raises `ValidationFailed` (fields `name`, `note` or a policy key) for a value outside its
    range, an unknown key, a missing note, or a name already published with other settings.
    """
    require(actor, "edit_policy")
    moment = now or datetime.now(UTC)
    document = settings.model_dump(mode="json") if isinstance(settings, Policy) else dict(settings)
    document["version"] = " ".join(name.split())
    problems = policy_problems(document)
    if "version" in problems:
        problems["name"] = problems.pop("version")
    if not note.strip():
        problems["note"] = "is required: say what this draft changes and why"
    if problems:
        raise ValidationFailed(problems)
    policy = policy_from_mapping(document)
    with database_errors_translated(), database.write() as connection:
        published = _version_policy(connection, policy.version)
        if published is not None and published != policy:
            raise ValidationFailed(
                {
                    "name": f"version {policy.version!r} is already published with other "
                    "settings; a published version never changes, so give the draft a new name"
                }
            )
        draft_id = connection.execute(
            policy_drafts.insert().values(
                name=policy.version,
                document_json=_document(policy),
                based_on=based_on,
                author_name=actor.name.strip(),
                author_role=actor.role,
                note=note.strip(),
                created_at=moment,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        detail = {"draft": policy.version, "based_on": based_on, "note": note.strip()}
        log_access(connection, actor, "save_draft", detail=detail, now=moment)
    return PolicyDraft(
        int(draft_id),
        policy.version,
        policy,
        based_on,
        actor.name.strip(),
        actor.role,
        note.strip(),
        moment,
    )


def list_drafts(database: Database, actor: Actor) -> list[PolicyDraft]:
    """Every draft as last saved, the most recently saved first."""
    require(actor, "edit_policy")
    newest: dict[str, PolicyDraft] = {}
    for draft in _all_saves(database):
        newest.setdefault(draft.name, draft)
    return list(newest.values())


def draft_history(database: Database, name: str, actor: Actor) -> list[PolicyDraft]:
    """Every save of draft `name`, newest first (`NotFound` when there is no such draft)."""
    require(actor, "edit_policy")
    saves = [draft for draft in _all_saves(database) if draft.name == name]
    if not saves:
        raise NotFound(f"there is no policy draft named {name!r}")
    return saves


def load_draft(database: Database, name: str | None, actor: Actor) -> PolicyDraft:
    """Draft `name` as last saved; with `None`, the draft saved most recently."""
    if name is None:
        drafts = list_drafts(database, actor)
        if not drafts:
            raise NotFound("there is no policy draft yet: save or import one first")
        return drafts[0]
    return draft_history(database, name, actor)[0]


def published_versions(database: Database, actor: Actor) -> list[str]:
    """Every version ever published, the one in force first, then by last publication."""
    require(actor, "edit_policy")
    published_policy(database)
    return list(dict.fromkeys(p.version for p in policy_history(database)))


def version_policy(database: Database, version: str | None, actor: Actor) -> Policy:
    """The settings of a published version (`None`: the policy in force), to start a draft
    from or compare with; `NotFound` for a version never published."""
    require(actor, "edit_policy")
    if version is None or version == PUBLISHED:
        return published_policy(database).policy
    with database_errors_translated(), database.read() as connection:
        policy = _version_policy(connection, version)
    if policy is None:
        raise NotFound(f"no policy version {version!r} was ever published")
    return policy


def named_policy(database: Database, name: str, actor: Actor) -> Policy:
    """The settings a name stands for: `published` (the policy in force), a draft, else a
    published version (a draft and a version of one name hold the same settings)."""
    if name == PUBLISHED:
        return version_policy(database, None, actor)
    try:
        return load_draft(database, name, actor).policy
    except NotFound:
        pass
    try:
        return version_policy(database, name, actor)
    except NotFound:
        raise NotFound(f"{name!r} is neither a policy draft nor a published version") from None


def compare_policies(old: Policy, new: Policy) -> list[PolicyChange]:
    """Every setting that differs, in the order of the policy file (the version name aside:
    it names the two sides)."""
    before, after = _flat(old.model_dump(mode="json")), _flat(new.model_dump(mode="json"))
    return [
        PolicyChange(key, before[key], after[key])
        for key in before
        if key != "version" and before[key] != after[key]
    ]


def publish_draft(
    database: Database,
    name: str | None,
    actor: Actor,
    note: str,
    *,
    as_of: date | None = None,
    now: datetime | None = None,
) -> Publication:
    """Publish draft `name` (the most recently saved when `None`) with `note`: a new immutable
    version (or an earlier one again), every current admission re-scored, a signal for each
    detainee whose band moved, all in one transaction."""
    require(actor, "edit_policy")
    if not note.strip():
        raise ValidationFailed({"note": "is required: say why this policy is published"})
    draft = load_draft(database, name, actor)
    return publish_policy(database, draft.policy, actor, note, as_of=as_of, now=now)


def _all_saves(database: Database) -> list[PolicyDraft]:
    with database_errors_translated(), database.read() as connection:
        rows = connection.execute(select(policy_drafts).order_by(policy_drafts.c.id.desc()))
        return [
            PolicyDraft(
                draft_id=row.id,
                name=row.name,
                policy=policy_from_mapping(json.loads(row.document_json)),
                based_on=row.based_on,
                author_name=row.author_name,
                author_role=row.author_role,
                note=row.note,
                created_at=row.created_at,
            )
            for row in rows
        ]


def _version_policy(connection: Connection, version: str) -> Policy | None:
    document = connection.execute(
        select(policies.c.document_json).where(policies.c.version == version)
    ).scalar()
    return None if document is None else policy_from_mapping(json.loads(document))


def _document(policy: Policy) -> str:
    return json.dumps(policy.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


def _flat(document: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in document.items():
        if isinstance(value, Mapping):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat
