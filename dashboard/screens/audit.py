"""Audit (auditors): every override and decision with filters and a detail, the override
analytics with the criteria most overruled, the lists as logged downloads, and the proofs —
every record verified, every stored band replayed. The storage services check the role; this
page only lays them out. One section is drawn at a time, so a section's numbers are only
computed when the auditor looks at them."""

import streamlit as st

from dashboard import render
from dashboard.formatting import format_count
from dashboard.identity import page_actor
from dashboard.language import current_texts
from dashboard.panels.audit_panels import (
    AUDIT_SECTIONS,
    analytics_panel,
    audit_filters,
    audit_list,
    downloads,
    filter_messages,
    list_table,
    override_detail_panel,
)
from dashboard.panels.audit_proof_panels import integrity_panel, replay_panel
from storage.permissions import require

texts = current_texts()
actor = page_actor()
require(actor, "view_audit")
render.title(texts("audit.title"))
render.caption(texts("audit.caption"))

with render.storage_trouble_explained(texts):
    section = render.radio(
        texts("audit.section"),
        list(AUDIT_SECTIONS),
        key="audit_section",
        horizontal=True,
        label_visibility="collapsed",
        format_func=lambda value: texts(f"audit.sections.{value}"),
    )
    if section == "analytics":
        analytics_panel(actor, texts)
    elif section == "proof":
        integrity_panel(actor, texts)
        st.divider()
        replay_panel(actor, texts)
    else:
        kind = render.radio(
            texts("audit.kind"),
            ["overrides", "decisions"],
            key="audit_kind",
            horizontal=True,
            format_func=lambda value: texts(f"audit.{value}"),
        )
        filters = audit_filters(texts, kind)
        problems = filter_messages(filters, kind, texts)
        for message in problems:
            render.error(message)
        if problems:
            st.stop()
        records = audit_list(actor, kind, filters)
        render.caption(texts("audit.count", count=format_count(len(records), texts)))
        if records.empty:
            render.info(texts("audit.none"))
        else:
            list_table(records, kind, texts)
            downloads(actor, kind, filters, texts)
            if kind == "overrides":
                override_detail_panel(actor, records, texts)
