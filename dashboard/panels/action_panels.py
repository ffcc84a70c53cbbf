"""The parts of the detainee screen where professionals act: override, withdrawal, decision.

Each form returns what was submitted (or `None`) and the slots where messages go, so the
screen can show storage's verdict next to the field it concerns, in the same run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import streamlit as st

from dashboard.formatting import format_time
from dashboard.forms import (
    DECISIONS,
    FORM_LEVEL,
    MIN_JUSTIFICATION,
    REASONS,
    DecisionInput,
    OverrideInput,
    WithdrawalInput,
    decision_label,
    field_messages,
    override_choices,
    reason_label,
)
from dashboard.i18n import Catalogue
from dashboard.identity import role_label
from dashboard.render import band_badge, flash, plain, show_html
from storage.views import DecisionEntry, DetaineeView, OverrideEntry

OVERRIDE: Final = "override"
WITHDRAW: Final = "withdraw"
DECISION: Final = "decision"


@dataclass(frozen=True)
class Seen:
    """What the page showed the user: the assessment and the active override (if any)."""

    assessment_id: int
    override_id: int | None
    signal_ids: tuple[int, ...] = ()


def what_the_user_saw(record: DetaineeView) -> Seen:
    """What this page showed the user before the current run; remembers this run's view.

    A submit runs the page again, which reads the detainee afresh. An override, withdrawal or
    decision must concern what the user was looking at, so storage can refuse it when the
    detainee was scored again or a colleague changed the override in between, instead of
    silently applying it to something nobody saw.
    """
    shown: dict[int, Seen] = st.session_state.setdefault(_SHOWN_KEY, {})
    now = Seen(
        record.assessment_id,
        record.active_override.entry.id if record.active_override is not None else None,
        tuple(signal.id for signal in record.unseen_signals),
    )
    before = shown.get(record.admission_id, now)
    shown[record.admission_id] = now
    return before


_SHOWN_KEY: Final = "shown_to_user"


def widget_key(form: str, field: str) -> str:
    """The key of a form's field in this session.

    A saved form starts blank: its keys get a new generation number, so the browser draws
    new, empty widgets instead of keeping what was typed.
    """
    return f"{form}_{field}_{st.session_state.get(_generation_key(form), 0)}"


def _generation_key(form: str) -> str:
    return f"{form}_form_generation"


@dataclass
class Slots:
    """Places inside a form where a message can appear after submitting, keyed by field."""

    places: dict[str, Any]

    def show(self, messages: Mapping[str, str]) -> None:
        """Put each message in its field's place (unknown fields go to the form's own place)."""
        for field, message in messages.items():
            place = self.places.get(field, self.places[FORM_LEVEL])
            place.error(message, icon=":material/error:")


def settle(
    problems: Mapping[str, str],
    slots: Slots,
    form: str,
    saved_message: str,
    texts: Catalogue,
    written: str = "",
) -> None:
    """After a submit: show storage's verdict next to each field, or, when it was stored,
    empty the form, keep a confirmation and run the page again so it shows the new state."""
    if problems:
        slots.show(field_messages(problems, texts, justification=written))
        return
    st.session_state[_generation_key(form)] = st.session_state.get(_generation_key(form), 0) + 1
    # The next run shows the new state; nothing shown before it still stands.
    st.session_state.pop(_SHOWN_KEY, None)
    flash(saved_message)
    st.rerun()


def override_form(record: DetaineeView, texts: Catalogue) -> tuple[OverrideInput | None, Slots]:
    """Choose another band, a reason category and write why; nothing is kept until valid."""
    choices = override_choices(record.band)
    with st.form(widget_key(OVERRIDE, "form"), border=True, enter_to_submit=False):
        st.markdown(f"**{texts('override.heading')}**")
        st.caption(texts("override.intro"))
        band = st.selectbox(
            texts("override.band"),
            choices,
            index=None,
            key=widget_key(OVERRIDE, "band"),
            format_func=texts.band,
            placeholder=texts("forms.choose"),
        )
        band_slot = st.empty()
        reason = st.selectbox(
            texts("override.reason"),
            REASONS,
            index=None,
            key=widget_key(OVERRIDE, "reason"),
            format_func=lambda category: reason_label(category, texts),
            placeholder=texts("forms.choose"),
        )
        reason_slot = st.empty()
        justification = st.text_area(
            texts("override.justification", minimum=MIN_JUSTIFICATION),
            key=widget_key(OVERRIDE, "justification"),
            height=110,
            max_chars=4000,
        )
        justification_slot = st.empty()
        submitted = st.form_submit_button(texts("override.submit"), type="primary")
        form_slot = st.empty()
    slots = Slots(
        {
            "band": band_slot,
            "reason_category": reason_slot,
            "justification": justification_slot,
            FORM_LEVEL: form_slot,
        }
    )
    if not submitted:
        return None, slots
    return OverrideInput(band, reason, justification or ""), slots


def withdraw_form(texts: Catalogue) -> tuple[WithdrawalInput | None, Slots]:
    """Withdraw the active override, with a written reason."""
    with st.form(widget_key(WITHDRAW, "form"), border=True, enter_to_submit=False):
        st.markdown(f"**{texts('withdraw.heading')}**")
        justification = st.text_area(
            texts("withdraw.justification", minimum=MIN_JUSTIFICATION),
            key=widget_key(WITHDRAW, "justification"),
            height=80,
            max_chars=4000,
        )
        justification_slot = st.empty()
        submitted = st.form_submit_button(texts("withdraw.submit"))
        form_slot = st.empty()
    slots = Slots({"reason": justification_slot, FORM_LEVEL: form_slot})
    if not submitted:
        return None, slots
    return WithdrawalInput(justification or ""), slots


def decision_form(texts: Catalogue) -> tuple[DecisionInput | None, Slots]:
    """The joint decision of part 3 of the form, with a free-text explanation."""
    with st.form(widget_key(DECISION, "form"), border=True, enter_to_submit=False):
        st.markdown(f"**{texts('decision.heading')}**")
        option = st.selectbox(
            texts("decision.option"),
            DECISIONS,
            index=None,
            key=widget_key(DECISION, "option"),
            format_func=lambda option: decision_label(option, texts),
            placeholder=texts("forms.choose"),
        )
        option_slot = st.empty()
        explanation = st.text_area(
            texts("decision.explanation"),
            key=widget_key(DECISION, "explanation"),
            height=90,
            max_chars=4000,
        )
        explanation_slot = st.empty()
        partner = st.text_input(
            texts("decision.partner"), key=widget_key(DECISION, "partner"), max_chars=200
        )
        partner_slot = st.empty()
        submitted = st.form_submit_button(texts("decision.submit"), type="primary")
        form_slot = st.empty()
    slots = Slots(
        {
            "option": option_slot,
            "explanation": explanation_slot,
            "partner_name": partner_slot,
            FORM_LEVEL: form_slot,
        }
    )
    if not submitted:
        return None, slots
    return DecisionInput(option, explanation or "", partner or ""), slots


def active_override_summary(record: DetaineeView, texts: Catalogue) -> None:
    """The override in force: band, who, when and why."""
    active = record.active_override
    if active is None:
        return
    entry = active.entry
    with st.container(border=True):
        show_html(f"<b>{texts('override.active')}</b>&nbsp; {band_badge(entry.band or '', texts)}")
        st.caption(_who_when(entry.user_name, entry.user_role, entry.created_at, texts))
        st.markdown(
            f"*{reason_label(entry.reason_category, texts)}* — {plain(entry.justification)}"
        )


def override_records(overrides: tuple[OverrideEntry, ...], texts: Catalogue) -> None:
    """Every override and withdrawal, newest first, with who, when and why."""
    st.markdown(f"**{texts('override.records')}**")
    if not overrides:
        st.caption(texts("override.none"))
    for entry in sorted(overrides, key=lambda e: e.id, reverse=True):
        who = _who_when(entry.user_name, entry.user_role, entry.created_at, texts)
        if entry.kind == "withdrawal":
            headline = f":material/undo: {texts('override.withdrawal')}"
        else:
            reason = reason_label(entry.reason_category, texts)
            headline = (
                f":material/swap_vert: {texts.band(entry.automated_band)} → "
                f"**{texts.band(entry.band or '')}** · *{reason}*"
            )
        st.markdown(f"- {headline} — {plain(who)}  \n  {plain(entry.justification)}")


def decision_records(decisions: tuple[DecisionEntry, ...], texts: Catalogue) -> None:
    """Every decision, newest first, with who, when and the explanation."""
    st.markdown(f"**{texts('decision.records')}**")
    if not decisions:
        st.caption(texts("decision.none"))
    for entry in sorted(decisions, key=lambda e: e.id, reverse=True):
        who = _who_when(entry.user_name, entry.user_role, entry.created_at, texts)
        partner = (
            f" · {texts('decision.with', name=entry.partner_name)}" if entry.partner_name else ""
        )
        st.markdown(
            f"- :material/task_alt: **{decision_label(entry.option, texts)}** — "
            f"{plain(who + partner)}  \n  {plain(entry.explanation)}"
        )


def identity_notice(texts: Catalogue) -> None:
    """Tell the user that recording needs their name and role first."""
    st.info(texts("identity.needed"), icon=":material/person:")


def _who_when(name: str, role: str, when: Any, texts: Catalogue) -> str:
    return texts(
        "common.who_when", name=name, role=role_label(texts, role), when=format_time(when, texts)
    )
