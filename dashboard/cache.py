"""The list, kept for a few seconds between runs of the screen.

Every filter change, search keystroke and row click runs the list screen again; reading 10,000
admissions from storage costs more than drawing them. The list is therefore kept for
`LIST_SECONDS` per database and scope (role, prisons, names shown), and dropped at once when
this process records anything (the key holds `data.write_generation()`), so a user always
sees their own action. A colleague's action on another server shows within `LIST_SECONDS`.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from dashboard import data
from storage.actor import Actor
from storage.database import database_url
from storage.permissions import may, prisons_in_scope, require
from storage.views import TriageList

LIST_SECONDS: Final = 15


@st.cache_resource(ttl=LIST_SECONDS, max_entries=16, show_spinner=False)
def _kept_list(
    url: str, scope: tuple[str, frozenset[str] | None, bool], generation: int, _actor: Actor
) -> TriageList:
    # `url`, `scope` and `generation` are the cache key (the actor's role, prisons and whether
    # names show: what the list holds depends on nothing else); `_actor` is not hashed.
    return data.triage_list(_actor)


def triage_list(actor: Actor) -> TriageList:
    """The list as `data.triage_list` gives it for `actor`, kept briefly per scope (never
    changed by the screens). The permission is checked on every call, kept or not."""
    require(actor, "view_list")
    scope = (actor.role, prisons_in_scope(actor), may(actor, "view_names"))
    return _kept_list(database_url(), scope, data.write_generation(), actor)
