"""The parts of the detainee screen where professionals act: override, withdrawal, decision.

Each form returns what was submitted (or `None`) and the slots where messages go, so the
screen can show storage's verdict next to the field it concerns, in the same run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from dashboard import render
from dashboard.badges import band_badge, labelled
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
from dashboard.markup import Markup, bold, bullet, icon, italic, joined, plain
from storage.guards import SeenRecords
from storage.views import DecisionEntry, DetaineeView, OverrideEntry

OVERRIDE: Final = "override"
WITHDRAW: Final = "withdraw"
DECISION: Final = "decision"


@dataclass(frozen=True)
class Seen:
    """What the page showed the user: the assessment, the active override (if any), the
    signals, and the newest override record and decision (so storage can refuse an action when
    a colleague recorded something after them)."""

    assessment_id: int
    override_id: int | None
    signal_ids: tuple[int, ...] = ()
    records: SeenRecords | None = None


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
        SeenRecords(
            max((o.id for o in record.overrides), default=None),
            max((d.id for d in record.decisions), default=None),
        ),
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

    places: dict[str, DeltaGenerator]

    def show(self, messages: Mapping[str, Markup]) -> None:
        """Put each message in its field's place (unknown fields go to the form's own place)."""
        for field, message in messages.items():
            place = self.places.get(field, self.places[FORM_LEVEL])
            render.error(message, icon=":material/error:", into=place)


def settle(
    problems: Mapping[str, str],
    slots: Slots,
    form: str,
    texts: Catalogue,
    written: str = "",
) -> None:
    """After a submit: show storage's verdict next to each field, or, when it was stored,
    empty the form, keep its confirmation (`<form>.saved`) and run the page again so it shows
    the new state."""
    if problems:
        slots.show(field_messages(problems, texts, justification=written))
        return
    st.session_state[_generation_key(form)] = st.session_state.get(_generation_key(form), 0) + 1
    # The next run shows the new state; nothing shown before it still stands.
    st.session_state.pop(_SHOWN_KEY, None)
    render.flash(texts(f"{form}.saved"))
    st.session_state[_SAVED_KEY] = form
    st.rerun()


_SAVED_KEY: Final = "detainee_action_saved"


def saved_action() -> str | None:
    """The action (`OVERRIDE`, `WITHDRAW`, `DECISION`) whose confirmation waits to be shown."""
    form = st.session_state.get(_SAVED_KEY)
    return form if isinstance(form, str) else None


def confirmation(form: str) -> None:
    """Show the waiting confirmation here, in the section of the action it confirms, once."""
    if saved_action() == form:
        st.session_state.pop(_SAVED_KEY, None)
        render.show_flash()


def meanwhile(
    problems: Mapping[str, str], record: DetaineeView, texts: Catalogue
) -> dict[str, str]:
    """`problems` with storage's "changed meanwhile" refusal put in the user's words: who
    recorded what, and when (the page, read afresh, holds the colleague's record)."""
    if "changed_meanwhile" not in problems:
        return dict(problems)
    entries: list[OverrideEntry | DecisionEntry] = [*record.overrides, *record.decisions]
    newest = max(entries, key=lambda entry: entry.created_at, default=None)
    if newest is None:
        return dict(problems)
    if isinstance(newest, DecisionEntry):
        what = decision_label(newest.option, texts)
    elif newest.kind == "withdrawal":
        what = str(texts("override.withdrawal"))
    else:
        what = f"{texts.band(newest.automated_band)} → {texts.band(newest.band or '')}"
    who = f"{newest.user_name} ({role_label(texts, newest.user_role)})"
    return {
        **{key: value for key, value in problems.items() if key != "changed_meanwhile"},
        "changed_meanwhile": str(
            texts(
                "forms.errors.changed_meanwhile",
                who=who,
                what=what,
                when=format_time(newest.created_at, texts),
            )
        ),
    }


def _choice(
    form: str, field: str, options: Sequence[str], words: Callable[[str], str], texts: Catalogue
) -> tuple[Any, DeltaGenerator]:
    """A select box labelled `<form>.<field>` that starts empty, and its message place."""
    chosen = render.selectbox(
        texts(f"{form}.{field}"),
        options,
        index=None,
        key=widget_key(form, field),
        format_func=words,
        placeholder=texts("forms.choose"),
    )
    return chosen, st.empty()


def _written(form: str, field: str, height: int, texts: Catalogue) -> tuple[str, DeltaGenerator]:
    """A free-text box labelled `<form>.<field>`, and its message place."""
    label = texts(f"{form}.{field}", minimum=MIN_JUSTIFICATION)
    text = render.text_area(label, key=widget_key(form, field), height=height, max_chars=4000)
    return text, st.empty()


def _submit(form: str, places: dict[str, DeltaGenerator], texts: Catalogue) -> tuple[bool, Slots]:
    """The form's submit button, and every message place including the form's own below it."""
    # Withdrawing undoes a colleague's judgement: its button does not invite a click.
    kind = "secondary" if form == WITHDRAW else "primary"
    submitted = render.form_submit_button(texts(f"{form}.submit"), type=kind)
    return submitted, Slots({**places, FORM_LEVEL: st.empty()})


def override_form(record: DetaineeView, texts: Catalogue) -> tuple[OverrideInput | None, Slots]:
    """Choose another band, a reason category and write why; nothing is kept until valid."""
    with st.form(widget_key(OVERRIDE, "form"), border=True, enter_to_submit=False):
        render.markdown(bold(texts("override.heading")))
        render.caption(texts("override.intro"))
        bands = override_choices(record.band)
        band, band_slot = _choice(OVERRIDE, "band", bands, texts.band, texts)
        reason, reason_slot = _choice(
            OVERRIDE, "reason", REASONS, lambda category: reason_label(category, texts), texts
        )
        justification, justification_slot = _written(OVERRIDE, "justification", 110, texts)
        places = {"band": band_slot, "reason_category": reason_slot}
        submitted, slots = _submit(OVERRIDE, {**places, "justification": justification_slot}, texts)
    return (OverrideInput(band, reason, justification) if submitted else None), slots


def withdraw_form(texts: Catalogue) -> tuple[WithdrawalInput | None, Slots]:
    """Withdraw the active override, with a written reason."""
    with st.form(widget_key(WITHDRAW, "form"), border=True, enter_to_submit=False):
        render.markdown(bold(texts("withdraw.heading")))
        justification, justification_slot = _written(WITHDRAW, "justification", 80, texts)
        submitted, slots = _submit(WITHDRAW, {"reason": justification_slot}, texts)
    return (WithdrawalInput(justification) if submitted else None), slots


def decision_form(
    texts: Catalogue, partners: tuple[str, ...] = ()
) -> tuple[DecisionInput | None, Slots]:
    """The joint decision of part 3 of the form, with a free-text explanation and the partner:
    picked from the accounts of the other role with access to this prison (`partners`), or
    typed when the partner has no account."""
    with st.form(widget_key(DECISION, "form"), border=True, enter_to_submit=False):
        render.markdown(bold(texts("decision.heading")))
        option, option_slot = _choice(
            DECISION, "option", DECISIONS, lambda option: decision_label(option, texts), texts
        )
        explanation, explanation_slot = _written(DECISION, "explanation", 90, texts)
        picked = render.selectbox(
            texts("decision.partner_account"),
            partners,
            index=None,
            key=widget_key(DECISION, "partner_account"),
            placeholder=texts("decision.partner_pick"),
        )
        typed = render.text_input(
            texts("decision.partner"), key=widget_key(DECISION, "partner"), max_chars=200
        )
        partner = picked or typed
        places = {"option": option_slot, "explanation": explanation_slot}
        submitted, slots = _submit(DECISION, {**places, "partner_name": st.empty()}, texts)
    return (DecisionInput(option, explanation, partner) if submitted else None), slots


_SPACE: Final = plain(" ")
_DASH: Final = plain(" — ")


def active_override_summary(record: DetaineeView, texts: Catalogue) -> None:
    """The override in force: band, who, when and why."""
    active = record.active_override
    if active is None:
        return
    entry = active.entry
    with st.container(border=True):
        badge = band_badge(entry.band or "", texts)
        render.show_html(labelled(texts("override.active"), badge, strong=True))
        render.caption(_who_when(entry.user_name, entry.user_role, entry.created_at, texts))
        reason = italic(plain(reason_label(entry.reason_category, texts)))
        render.markdown(joined((reason, plain(entry.justification)), _DASH))


def override_records(overrides: tuple[OverrideEntry, ...], texts: Catalogue) -> None:
    """Every override and withdrawal, newest first, with who, when and why."""
    for entry in _newest_first(overrides, OVERRIDE, texts):
        who = _who_when(entry.user_name, entry.user_role, entry.created_at, texts)
        if entry.kind == "withdrawal":
            headline = joined((icon("undo"), texts("override.withdrawal")), _SPACE)
        else:
            headline = joined(
                (
                    icon("swap_vert"),
                    plain(f" {texts.band(entry.automated_band)} → "),
                    bold(plain(texts.band(entry.band or ""))),
                    plain(" · "),
                    italic(plain(reason_label(entry.reason_category, texts))),
                )
            )
        render.markdown(bullet(joined((headline, who), _DASH), plain(entry.justification)))


def decision_records(
    current: DecisionEntry | None,
    earlier: tuple[DecisionEntry, ...],
    texts: Catalogue,
    with_account: frozenset[str] = frozenset(),
) -> None:
    """The current decision (the latest), then the earlier ones as history, newest first, each
    with who (the partner marked when they had no account), when and the explanation."""
    render.markdown(bold(texts("detainee_page.current_decision")))
    if current is None:
        render.caption(texts("decision.none"))
    else:
        _decision_line(current, texts, with_account)
    if earlier:
        render.markdown(bold(texts("detainee_page.earlier_decisions")))
        for entry in earlier:
            _decision_line(entry, texts, with_account)


def _decision_line(entry: DecisionEntry, texts: Catalogue, with_account: frozenset[str]) -> None:
    who = _who_when(entry.user_name, entry.user_role, entry.created_at, texts)
    if entry.partner_name:
        with_whom = "decision.with" if entry.partner_name in with_account else "decision.with_typed"
        who = joined((who, texts(with_whom, name=entry.partner_name)), plain(" · "))
    option = joined((icon("task_alt"), bold(plain(decision_label(entry.option, texts)))), _SPACE)
    render.markdown(bullet(joined((option, who), _DASH), plain(entry.explanation)))


def _newest_first(
    entries: tuple[OverrideEntry, ...], form: str, texts: Catalogue
) -> list[OverrideEntry]:
    """Show the heading of a form's records (or that there are none); the records to list."""
    render.markdown(bold(texts(f"{form}.records")))
    if not entries:
        render.caption(texts(f"{form}.none"))
    return sorted(entries, key=lambda entry: entry.id, reverse=True)


def _who_when(name: str, role: str, when: Any, texts: Catalogue) -> Markup:
    # The catalogue escapes the stored name: it is what someone typed.
    return texts(
        "common.who_when", name=name, role=role_label(texts, role), when=format_time(when, texts)
    )
