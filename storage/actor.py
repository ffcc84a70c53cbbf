"""Who does something in SOM: a signed-in account (its name, role and prisons), or SOM itself.

The dashboard gets the actor from sign-in (`storage.accounts.sign_in`); the command line acts as
SOM itself. Storage checks every action against the actor's role and prisons
(`storage.permissions`)."""

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
    "admin": Text("beheerder", "administrator"),
    "system": Text("SOM", "SOM"),
}
#: Roles that may override a band or record a decision (SOM.md section 6).
PROFESSIONAL_ROLES: Final[tuple[str, ...]] = ("case_manager", "probation_worker")
#: Roles that may publish a policy.
POLICY_ROLES: Final[tuple[str, ...]] = ("capacity_manager", "system")


#: Roles an account can have (every role but SOM itself).
ACCOUNT_ROLES: Final[tuple[str, ...]] = tuple(role for role in ROLES if role != "system")


@dataclass(frozen=True)
class Actor:
    """A person (or SOM itself) acting in a role; stored by name beside every record they make.

    `prisons` are the prisons whose detainees the actor may see (`None`: every prison, for the
    roles that work across prisons). `account_id` and `generation` identify the signed-in
    account and the version of it the session was made with.
    """

    name: str
    role: str
    prisons: frozenset[str] | None = None
    account_id: int | None = None
    generation: int = 0


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
