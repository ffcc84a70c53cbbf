"""What each role may do, declared once, and the one check every service function calls.

SOM.md section 2: case managers and probation workers work the detainees of their own prisons;
capacity managers plan capacity from counts and SKNs (no names, no case notes); auditors read
everything and change nothing; administrators manage accounts and imports and see no detainee.
The table in docs/roles.md is generated from `PERMISSIONS` (`som docs`).
"""

from __future__ import annotations

from typing import Final

from scoring.text import Text
from storage.actor import ACCOUNT_ROLES, Actor
from storage.errors import ValidationFailed

#: Every action SOM checks, with its description.
ACTIONS: Final[dict[str, Text]] = {
    "view_list": Text("de lijst bekijken", "view the list"),
    "view_names": Text("namen en notities zien", "see names and case notes"),
    "view_detainee": Text("een gedetineerde openen", "open a detainee"),
    "access_outside_prison": Text(
        "een gedetineerde buiten de eigen PI openen (met reden)",
        "open a detainee outside one's prisons (with a reason)",
    ),
    "override": Text("een band afwijken of intrekken", "override a band or withdraw it"),
    "decide": Text("een besluit vastleggen", "record a decision"),
    "mark_seen": Text("signalen als gezien markeren", "mark signals seen"),
    "view_capacity": Text("de capaciteitspagina bekijken", "view the capacity page"),
    "edit_policy": Text("concepten bewerken en beleid publiceren", "edit drafts, publish policy"),
    "set_capacity": Text(
        "de wekelijkse capaciteit per PI vastleggen", "record the weekly capacity per prison"
    ),
    "view_audit": Text("de auditpagina en het toegangslog bekijken", "view audit and access log"),
    "export": Text("exporteren", "export"),
    "manage_accounts": Text("accounts beheren", "manage accounts"),
    "import": Text("feeds importeren", "import feeds"),
}

_PROFESSIONAL: Final = frozenset(
    {
        "view_list",
        "view_names",
        "view_detainee",
        "access_outside_prison",
        "override",
        "decide",
        "mark_seen",
    }
)

#: The actions of each role. SOM itself (`system`) runs imports and the default policy.
PERMISSIONS: Final[dict[str, frozenset[str]]] = {
    "case_manager": _PROFESSIONAL,
    "probation_worker": _PROFESSIONAL,
    "capacity_manager": frozenset({"view_list", "view_capacity", "edit_policy", "set_capacity"}),
    "auditor": frozenset({"view_list", "view_names", "view_detainee", "view_audit", "export"}),
    "admin": frozenset({"manage_accounts", "import"}),
    "system": frozenset(
        {
            "import",
            "edit_policy",
            "view_capacity",
            "set_capacity",
            "manage_accounts",
            "view_audit",
            "export",
        }
    ),
}

#: Roles whose prisons are those of their account; the others work across every prison.
PRISON_SCOPED_ROLES: Final[frozenset[str]] = frozenset({"case_manager", "probation_worker"})


class NotPermitted(ValidationFailed):
    """The actor's role may not do this (field `role`), or not for this prison (field `pi`)."""

    def __init__(self, actor: Actor, action: str, pi: str | None = None) -> None:
        self.action = action
        self.role = actor.role
        self.pi = pi
        if pi is None:
            errors = {"role": f"the role {actor.role!r} may not {ACTIONS[action].en}"}
        else:
            errors = {"pi": f"{ACTIONS[action].en}: prison {pi!r} is not one of yours"}
        super().__init__(errors)


def may(actor: Actor, action: str, pi: str | None = None) -> bool:
    """Whether `actor` may do `action` (for a detainee of prison `pi`, when given)."""
    if action not in ACTIONS:
        raise KeyError(f"unknown action {action!r}")
    if action not in PERMISSIONS.get(actor.role, frozenset()):
        return False
    return pi is None or in_prisons(actor, pi)


def require(actor: Actor, action: str, pi: str | None = None) -> None:
    """Raise `NotPermitted` unless `actor` may do `action` (for prison `pi`, when given)."""
    if not may(actor, action, pi):
        raise NotPermitted(actor, action, pi if may(actor, action) else None)


def in_prisons(actor: Actor, pi: str | None) -> bool:
    """Whether a detainee of prison `pi` lies within the actor's prisons."""
    return actor.prisons is None or pi in actor.prisons


def prisons_in_scope(actor: Actor) -> frozenset[str] | None:
    """The prisons the actor's queries are limited to (`None`: every prison)."""
    return actor.prisons if actor.role in PRISON_SCOPED_ROLES else None


def _check_declarations() -> None:
    unknown = {a for actions in PERMISSIONS.values() for a in actions} - set(ACTIONS)
    missing = set(ACCOUNT_ROLES) - set(PERMISSIONS)
    if unknown or missing:
        raise RuntimeError(f"permissions: unknown actions {unknown}, roles without {missing}")


_check_declarations()
