"""Access log (auditors): every view and change of detainee data, every sign-in and account
change, filterable by period, user, event and SKN. The storage service checks the role."""

import streamlit as st

from dashboard import data, render
from dashboard.formatting import format_count, format_time
from dashboard.identity import page_actor, role_label
from dashboard.language import current_texts
from storage.access_log import EVENTS
from storage.permissions import require

texts = current_texts()
actor = page_actor()
require(actor, "view_audit")
render.title(texts("access_log.title"))
render.caption(texts("access_log.caption"))

since_column, until_column, user_column, event_column, skn_column = st.columns(5)
with since_column:
    since = render.date_input(texts("access_log.since"), value=None, format="DD-MM-YYYY")
with until_column:
    until = render.date_input(texts("access_log.until"), value=None, format="DD-MM-YYYY")
with user_column:
    user = render.text_input(texts("access_log.user"), key="access_log_user", max_chars=200)
with event_column:
    event = render.selectbox(
        texts("access_log.event"),
        ["", *EVENTS],
        key="access_log_event",
        format_func=lambda key: EVENTS[key].get(texts.language) if key else texts("access_log.all"),
    )
with skn_column:
    skn = render.text_input(texts("access_log.skn"), key="access_log_skn", max_chars=32)

entries = data.access_log(
    actor=actor,
    since=since,
    until=until,
    user=user.strip() or None,
    event=event or None,
    skn=skn.strip() or None,
    limit=2000,
)
if entries.empty:
    render.info(texts("access_log.none"))
    st.stop()
entries["at"] = [format_time(moment, texts) for moment in entries["at"]]
entries["event"] = [EVENTS[key].get(texts.language) for key in entries["event"]]
entries["user_role"] = [role_label(texts, role) for role in entries["user_role"]]
render.caption(texts("access_log.count", count=format_count(len(entries), texts)))
shown = entries.drop(columns=["id"])
st.dataframe(
    shown.rename(columns={name: str(texts(f"access_log.columns.{name}")) for name in shown}),
    hide_index=True,
    width="stretch",
)
