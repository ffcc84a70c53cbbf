"""The list, kept for a few seconds between runs of the screen.

Every filter change, search keystroke and row click runs the list screen again; reading 10,000
admissions from storage costs more than drawing them. The list is therefore kept for
`LIST_SECONDS` per database and prison selection, and dropped at once when this process records
anything (the key holds `data.write_generation()`), so a user always sees their own action. A
colleague's action on another server shows within `LIST_SECONDS`.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from dashboard import data
from storage.database import database_url
from storage.views import TriageList

LIST_SECONDS: Final = 15


@st.cache_resource(ttl=LIST_SECONDS, max_entries=16, show_spinner=False)
def _kept_list(url: str, prisons: frozenset[str] | None, generation: int) -> TriageList:
    # The arguments are the cache key; `url` and `generation` are not used otherwise.
    return data.triage_list(prisons)


def triage_list(prisons: frozenset[str] | None = None) -> TriageList:
    """The list as `data.triage_list` gives it, kept briefly (never changed by the screens)."""
    return _kept_list(database_url(), prisons, data.write_generation())
