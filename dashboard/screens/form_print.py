"""The printable SOM form (`/form?skn=…`): parts 1, 2 and 3 of one detainee with the
explanation and the records, for the dossier. The browser's print command (Ctrl+P) prints
only the form. The same view as the detainee page (`storage.views.detainee_view`): the same
permission checks, and opening the form is logged as a view of the detainee.
"""

import streamlit as st

from dashboard import data, render
from dashboard.identity import access_point, page_actor
from dashboard.language import current_texts
from dashboard.panels.form_print_panels import printable_form
from dashboard.routes import TRIAGE_SCREEN
from storage.permissions import NotPermitted

texts = current_texts()
actor = page_actor()
render.page_link(TRIAGE_SCREEN, texts("detainee.back"), icon=":material/arrow_back:")

skn = st.query_params.get("skn", "").strip()
if not skn:
    render.info(texts("form_print.no_skn"))
    st.stop()
# Logged once per detainee per session, like the detainee page; a redraw is not a new access.
printed: set[str] = st.session_state.setdefault("printed_detainees", set())
# A detainee outside the user's prisons opens here only with the reason given on its page.
reasons: dict[str, str | None] = st.session_state.get("viewed_detainees", {})
view_options = {
    "outside_reason": reasons.get(skn),
    "log": skn not in printed,
    "access_point": access_point(),
}
try:
    record = data.detainee_view(skn, texts.language, actor, **view_options)
except NotPermitted:
    render.error(texts("form_print.refused"))
    st.stop()
printed.add(skn)
if record is None:
    render.error(texts("detainee.not_found", skn=skn))
    st.stop()
render.caption(texts("form_print.how_to_print"))
printable_form(record, texts)
