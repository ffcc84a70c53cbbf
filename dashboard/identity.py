"""Who is working: the one place the dashboard learns the user's name and role.

Until sign-in arrives, the sidebar asks for a name and a role (case manager or probation worker)
and keeps them in the session. Every override, withdrawal, decision and "seen" is recorded with
the `Actor` returned by `current_actor`. A signed-in account replaces `ask_in_sidebar` and
`current_actor` later; the screens do not change.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from dashboard import render
from dashboard.i18n import Catalogue
from storage.actor import PROFESSIONAL_ROLES, Actor
from storage.actor import ROLES as ALL_ROLES

NAME_KEY: Final = "identity_name"
ROLE_KEY: Final = "identity_role"

#: Roles a user can pick until sign-in: the two professionals who work the list (SOM.md §2).
ROLES: Final[tuple[str, ...]] = PROFESSIONAL_ROLES


def actor_from(name: str | None, role: str | None) -> Actor | None:
    """The actor for a typed name and a chosen role; `None` while either is missing."""
    cleaned = " ".join((name or "").split())
    if not cleaned or role not in ROLES:
        return None
    return Actor(name=cleaned, role=role)


def current_actor() -> Actor | None:
    """Who is working in this session, or `None` when they have not said yet."""
    return actor_from(st.session_state.get(NAME_KEY), st.session_state.get(ROLE_KEY))


def visible_prisons(actor: Actor | None) -> frozenset[str] | None:
    """The prisons this user may see; `None` means all (until sign-in brings authorisation)."""
    return None


def role_label(texts: Catalogue, role: str) -> str:
    """A role in words (`storage.actor.ROLES`); an unknown role shows as stored."""
    label = ALL_ROLES.get(role)
    return role if label is None else label.get(texts.language)


def ask_in_sidebar(texts: Catalogue) -> Actor | None:
    """Ask for name and role in the sidebar; returns the actor once both are given."""
    with st.sidebar:
        render.subheader(texts("identity.heading"))
        render.text_input(texts("identity.name"), key=NAME_KEY, max_chars=200)
        render.selectbox(
            texts("identity.role"),
            ROLES,
            index=None,
            key=ROLE_KEY,
            format_func=lambda role: role_label(texts, role),
            placeholder=texts("identity.role_placeholder"),
        )
        actor = current_actor()
        if actor is None:
            render.caption(texts("identity.missing"))
        else:
            # The catalogue escapes the typed name: it stays text, whatever it holds.
            render.caption(
                texts("identity.working_as", name=actor.name, role=role_label(texts, actor.role))
            )
    return actor
