"""Audit (auditors): every override and decision with filters and a detail, the override
analytics with the criteria most overruled, and the lists as logged downloads. The storage
services check the role; this page only lays them out."""

import streamlit as st

from dashboard import render
from dashboard.formatting import format_count
from dashboard.identity import page_actor
from dashboard.language import current_texts
from dashboard.markup import plain
from dashboard.panels.audit_panels import (
    FILTER_LABELS,
    analytics_panel,
    audit_filters,
    audit_list,
    downloads,
    list_table,
    override_detail_panel,
)
from storage.audit_views import filter_problems
from storage.permissions import require

texts = current_texts()
actor = page_actor()
require(actor, "view_audit")
render.title(texts("audit.title"))
render.caption(texts("audit.caption"))

with render.storage_trouble_explained(texts):
    kind = render.radio(
        texts("audit.kind"),
        ["overrides", "decisions"],
        key="audit_kind",
        horizontal=True,
        format_func=lambda value: texts(f"audit.{value}"),
    )
    filters = audit_filters(texts, kind)
    problems = filter_problems(filters, kind)
    for field, message in problems.items():
        label = texts(f"audit.{FILTER_LABELS.get(field, 'status')}")
        render.error(plain(f"{label}: {message}"))
    if problems:
        st.stop()
    records = audit_list(actor, kind, filters)
    render.caption(texts("audit.count", count=format_count(len(records), texts)))
    if records.empty:
        render.info(texts("audit.none"))
    else:
        list_table(records, kind, texts)
        if kind == "overrides":
            override_detail_panel(actor, records, texts)
        downloads(actor, kind, filters, texts)
    st.divider()
    analytics_panel(actor, texts)
