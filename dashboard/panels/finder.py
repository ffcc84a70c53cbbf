"""Finding a detainee by SKN or name when the page was opened without one."""

from __future__ import annotations

import streamlit as st

from dashboard import cache, render
from dashboard.i18n import Catalogue
from dashboard.markup import joined, plain
from dashboard.triage import matching


def find_detainee(texts: Catalogue) -> None:
    """A search box and the matching detainees; choosing one opens their page."""
    render.subheader(texts("finder.heading"))
    text = render.text_input(
        texts("finder.search"), key="finder_search", placeholder=texts("filters.search_hint")
    )
    if not text.strip():
        return
    matches = matching(cache.triage_list().frame, text)
    if matches.empty:
        render.info(texts("finder.none"))
        return
    for skn, name, pi in matches[["skn", "name", "pi"]].itertuples(index=False):
        who = plain(name) if name else texts("detainee.no_name")
        label = joined((plain(skn), plain(" — "), who, plain(f" ({pi})")))
        if render.button(label, key=f"finder_{skn}", type="tertiary"):
            st.query_params["skn"] = skn
            st.rerun()
