"""Detainee page (`/detainee?skn=…`): who, where and why, the form data, the history, and the
override and decision forms. Every action is recorded with the user of the sidebar.
"""

import streamlit as st

from dashboard import data, render
from dashboard.forms import field_messages
from dashboard.identity import access_point, page_actor
from dashboard.language import LANGUAGE_PARAMETER, current_texts
from dashboard.markup import joined, plain
from dashboard.panels.action_panels import (
    DECISION,
    OVERRIDE,
    WITHDRAW,
    active_override_summary,
    confirmation,
    decision_form,
    decision_records,
    meanwhile,
    override_form,
    override_records,
    saved_action,
    settle,
    what_the_user_saw,
    withdraw_form,
)
from dashboard.panels.detainee_panels import (
    explanation_section,
    form_section,
    header,
    history_section,
    signal_notices,
    stale_override_notice,
)
from dashboard.panels.finder import find_detainee, outside_prison_step
from dashboard.render import flash, refreshing_notice, show_flash
from dashboard.routes import FORM_SCREEN, TRIAGE_SCREEN
from storage.errors import ValidationFailed
from storage.permissions import may
from storage.views import OutsidePrison

texts = current_texts()
actor = page_actor()
render.page_link(TRIAGE_SCREEN, texts("detainee.back"), icon=":material/arrow_back:")

skn = st.query_params.get("skn", "").strip()
if not skn:
    find_detainee(texts, actor)
    st.stop()
# The view is logged once per detainee per session; redrawing the page is not a new access.
viewed: dict[str, str | None] = st.session_state.setdefault("viewed_detainees", {})
try:
    record = data.detainee_view(
        skn,
        texts.language,
        actor,
        outside_reason=viewed.get(skn),
        log=skn not in viewed,
        access_point=access_point(),
    )
except OutsidePrison as outside:
    reason = outside_prison_step(outside, texts)
    if reason is not None:
        viewed.pop(skn, None)
        try:
            data.detainee_view(skn, texts.language, actor, outside_reason=reason, log=True)
        except ValidationFailed as refused:
            render.error(joined(field_messages(refused.errors, texts).values(), plain(" ")))
            st.stop()
        viewed[skn] = reason
        st.rerun()
    st.stop()
viewed.setdefault(skn, None)
if record is None:
    # The catalogue escapes the URL parameter: a link typed into `?skn=` stays text.
    render.error(texts("detainee.not_found", skn=skn))
    find_detainee(texts, actor)
    st.stop()
# The SOM form of this detainee, print-ready for the dossier.
render.page_link(
    FORM_SCREEN,
    texts("form_print.link"),
    query_params={"skn": skn, LANGUAGE_PARAMETER: texts.language},
    icon=":material/print:",
)


seen = what_the_user_saw(record)
header(record, texts)
# One container for everything that comes and goes above the columns, so the tabs below keep
# their place (and the tab the user is in) when an override appears or goes.
with st.container():
    active_override_summary(record, texts)
    if saved_action() is None:
        show_flash()
    if record.refreshing:
        refreshing_notice(record.as_of, texts)
    if signal_notices(record.unseen_signals, texts) and may(actor, "mark_seen"):
        problems = data.mark_signals_seen(seen.signal_ids, actor)
        if problems:
            render.error(joined(field_messages(problems, texts).values(), plain(" ")))
        else:
            flash(texts("signals.marked"))
            st.rerun()
    stale_override_notice(record.active_override, texts)

details, actions = st.columns([3, 2], gap="large")
with details:
    why, form, history, records = render.tabs(
        [
            texts("detainee.tab_why"),
            texts("detainee.tab_form"),
            texts("detainee.tab_history"),
            texts("detainee_page.tab_records"),
        ]
    )
    with why:
        explanation_section(record, texts)
    with form:
        form_section(record, texts)
    with history:
        history_section(record, texts)
    with records:
        override_records(record.overrides, texts)
        decision_records(
            record.current_decision, record.earlier_decisions, texts, record.partners_with_account
        )

with actions:
    if not may(actor, "override", record.inputs.pi):
        # A reader (the auditor, or access outside one's prisons) sees the records, no forms.
        render.caption(texts("detainee_page.reader"))
        st.stop()
    # The same three tabs every time, so the one the user acted in stays open after saving.
    override_tab, withdraw_tab, decision_tab = render.tabs(
        [
            texts("detainee_page.tab_override"),
            texts("detainee_page.tab_withdraw"),
            texts("detainee_page.tab_decision"),
        ]
    )
    with override_tab:
        confirmation(OVERRIDE)
        override, override_slots = override_form(record, texts)
        if override is not None:
            problems = data.record_override(
                record, override, actor, seen.assessment_id, seen.records
            )
            settle(
                meanwhile(problems, record, texts),
                override_slots,
                OVERRIDE,
                texts,
                override.justification,
            )
    with withdraw_tab:
        confirmation(WITHDRAW)
        # Also while the user still sees an override a colleague just withdrew: their click
        # then gets an answer instead of nothing.
        if record.active_override is None and seen.override_id is None:
            render.caption(texts("detainee_page.nothing_to_withdraw"))
        else:
            withdrawal, withdraw_slots = withdraw_form(texts)
            if withdrawal is not None:
                problems = data.withdraw_override(seen.override_id, withdrawal, actor, seen.records)
                settle(
                    meanwhile(problems, record, texts),
                    withdraw_slots,
                    WITHDRAW,
                    texts,
                    withdrawal.justification,
                )
    with decision_tab:
        confirmation(DECISION)
        decision, decision_slots = decision_form(texts, record.partner_accounts)
        if decision is not None:
            stored = data.record_decision(record, decision, actor, seen.assessment_id, seen.records)
            settle(meanwhile(stored, record, texts), decision_slots, DECISION, texts)
