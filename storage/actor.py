"""Who does something in SOM. A later sign-in feature supplies the actor; storage only checks it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from scoring.text import Text

#: Roles of SOM.md section 2, plus `system` for what SOM does by itself (imports, default policy).
ROLES: Final[dict[str, Text]] = {
    "case_manager": Text("casemanager (DJI)", "case manager (DJI)"),
    "probation_worker": Text("reclasseringswerker (3RO)", "probation worker (3RO)"),
    "capacity_manager": Text("capaciteitsmanager", "capacity manager"),
    "auditor": Text("auditor", "auditor"),
    "system": Text("SOM", "SOM"),
}
#: Roles that may override a band or record a decision (SOM.md section 6).
PROFESSIONAL_ROLES: Final[tuple[str, ...]] = ("case_manager", "probation_worker")
#: Roles that may publish a policy.
POLICY_ROLES: Final[tuple[str, ...]] = ("capacity_manager", "system")


@dataclass(frozen=True)
class Actor:
    """A person (or SOM itself) acting in a role; stored by name beside every record they make."""

    name: str
    role: str


SYSTEM = Actor("SOM", "system")


def actor_problems(actor: Actor, allowed_roles: tuple[str, ...]) -> dict[str, str]:
    """Per-field messages for an actor who may not do this (empty when all is well)."""
    problems: dict[str, str] = {}
    if not actor.name.strip():
        problems["user_name"] = "is required"
    if actor.role not in allowed_roles:
        allowed = ", ".join(allowed_roles)
        problems["role"] = f"must be one of {allowed} (found {actor.role!r})"
    return problems
