"""Triage list: every current admission in effective order, with counts and filters.

A row click opens the detainee. The automated band stays visible beside an override.
"""

from dataclasses import asdict, replace

import streamlit as st

from dashboard import cache, data, render
from dashboard.formatting import format_count, format_date
from dashboard.identity import page_actor
from dashboard.language import current_texts
from dashboard.panels.triage_panels import (
    counts_panel,
    filter_bar,
    page_buttons,
    restore_filters,
    saved_filters,
    triage_table,
)
from dashboard.render import refreshing_notice, show_flash
from dashboard.routes import DETAINEE_SCREEN
from dashboard.triage import PAGE_ROWS, apply_filters, band_counts, page_of, with_moved_row
from storage.permissions import may

#: The list view last kept for this account in this session (compared before writing again).
REMEMBERED_KEY = "list_view_remembered"
#: The row opened last from the list, with the filters it was opened under.
OPENED_KEY = "list_opened"
#: Set while the person is away at the detainee the list opened.
RETURNING_KEY = "list_returning"
#: The first row of the page shown.
START_KEY = "list_start"
PAGED_FILTERS_KEY = "list_start_filters"

texts = current_texts()
actor = page_actor()
listing = cache.triage_list(actor)

render.title(texts("list.title"))
render.caption(
    texts(
        "list.caption",
        policy=listing.policy_version,
        as_of=format_date(listing.as_of, texts),
        total=format_count(len(listing.frame), texts),
    )
)
show_flash()
if listing.refreshing:
    refreshing_notice(listing.as_of, texts)
if listing.frame.empty:
    render.info(texts("list.no_data"))
    st.stop()

everyone = listing.frame
counts_column, filters_column = st.columns([1, 2], gap="large")
# A person's last filters and meeting view come back on their next visit (per account).
if REMEMBERED_KEY not in st.session_state:
    saved = data.preference_of(actor, "list_view")
    restore_filters(saved, listing)
    st.session_state[REMEMBERED_KEY] = saved
with filters_column:
    filters = filter_bar(listing, texts)
if st.session_state[REMEMBERED_KEY] != saved_filters(filters):
    data.remember_preference(actor, "list_view", saved_filters(filters))
    st.session_state[REMEMBERED_KEY] = saved_filters(filters)
shown = apply_filters(everyone, filters)
# The access log records each list the user looks at, once per change of its filters.
looked_at = {"filters": asdict(filters), "shown": len(shown), "of": len(everyone)}
if st.session_state.get("logged_list_view") != looked_at:
    data.log_list_view(actor, looked_at)
    st.session_state["logged_list_view"] = looked_at
with counts_column:
    # The counts follow every filter except the band filter, so they show where people sit.
    all_bands = apply_filters(everyone, replace(filters, bands=()))
    counts_panel(band_counts(all_bands, listing.bands), len(shown), len(everyone), texts)

# The row opened last stays in sight: the page starts at it when the person comes back, and a
# change that moved it out of the filters (an override, a decision) keeps it on top with a
# notice until the filters change.
opened = st.session_state.get(OPENED_KEY)
returning = isinstance(opened, dict) and opened.get("filters") == saved_filters(filters)
back_at = str(opened["skn"]) if returning and isinstance(opened, dict) else None
rows = with_moved_row(everyone, shown, back_at)
if rows.empty:
    render.info(texts("list.empty"))
    st.stop()
if back_at is not None and len(rows) > len(shown):
    moved = rows.iloc[0]
    render.info(texts("list.moved", skn=back_at, band=texts.band(str(moved["shown_band"]))))
if st.session_state.get(PAGED_FILTERS_KEY) != saved_filters(filters):
    st.session_state[PAGED_FILTERS_KEY] = saved_filters(filters)
    st.session_state[START_KEY] = 0  # other filters, other rows: back to the first page
returned = st.session_state.pop(RETURNING_KEY, False)
start = page_of(rows, back_at if returned else None, st.session_state.get(START_KEY, 0))
st.session_state[START_KEY] = start
opens = may(actor, "view_detainee")
if opens:
    render.caption(texts("list.open_hint"))
chosen_skn = triage_table(rows.iloc[start : start + PAGE_ROWS], listing, texts, opens=opens)
page_buttons(start, len(rows), texts, key=START_KEY)
if chosen_skn is not None:
    st.session_state[OPENED_KEY] = {"skn": chosen_skn, "filters": saved_filters(filters)}
    st.session_state[RETURNING_KEY] = True
    st.switch_page(DETAINEE_SCREEN, query_params={"skn": chosen_skn})
