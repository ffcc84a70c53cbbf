"""Finding a detainee by SKN or name when the page was opened without one."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, data, render
from dashboard.i18n import Catalogue
from dashboard.markup import joined, plain
from dashboard.triage import matching
from storage.actor import Actor
from storage.views import OutsidePrison


def find_detainee(texts: Catalogue, actor: Actor) -> None:
    """A search box and the matching detainees; choosing one opens their page."""
    render.subheader(texts("finder.heading"))
    text = render.text_input(
        texts("finder.search"), key="finder_search", placeholder=texts("filters.search_hint")
    )
    if not text.strip():
        return
    matches = matching(cache.triage_list(actor).frame, text)
    if st.session_state.get("logged_search") != text:
        data.log_search(actor, text, len(matches))
        st.session_state["logged_search"] = text
    if matches.empty:
        render.info(texts("finder.none"))
        return
    for skn, name, pi in matches[["skn", "name", "pi"]].itertuples(index=False):
        who = plain(name) if name else texts("detainee.no_name")
        label = joined((plain(skn), plain(" — "), who, plain(f" ({pi})")))
        if render.button(label, key=f"finder_{skn}", type="tertiary"):
            st.query_params["skn"] = skn
            st.rerun()


def outside_prison_step(outside: OutsidePrison, texts: Catalogue) -> str | None:
    """The "access outside my prison" step: a mandatory reason, then the page opens (logged).
    Returns the reason once given; a role that may not take the step is told why."""
    if not outside.may_ask:
        render.error(texts("detainee.not_found", skn=st.query_params.get("skn", "")))
        return None
    render.subheader(texts("identity.outside_heading", pi=outside.pi or "?"))
    render.caption(texts("identity.outside_intro"))
    with st.form("outside_prison"):
        reason = render.text_area(texts("identity.outside_reason"), max_chars=500)
        pressed = render.form_submit_button(texts("identity.outside_open"), type="primary")
    return reason.strip() if pressed and reason.strip() else None
