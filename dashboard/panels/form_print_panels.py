"""The printable SOM form of one detainee: the parts of the paper form, filled in.

Laid out as appendix 1 of the report: part 1 (case manager), part 2 (probation worker), the
explanation of the band, part 3 (the joint decision, every option with a box, the current one
ticked) and the records (overrides, withdrawals, earlier decisions), then lines to sign. Every
value goes on the page through `dashboard.render` as `plain` text; jargon in a heading carries
its glossary line (`dashboard.glossary.term_help`) beside it, so the paper explains itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import streamlit as st

from dashboard import render
from dashboard.explanation import criteria_table, state_words
from dashboard.form_parts import PART_1, PART_2, FormPart, part_groups
from dashboard.formatting import format_date, format_time
from dashboard.glossary import term_help
from dashboard.i18n import Catalogue
from dashboard.identity import role_label
from dashboard.markup import bold, joined, plain
from storage.choices import DECISION_OPTIONS, REASON_CATEGORIES
from storage.views import DecisionEntry, DetaineeView, OverrideEntry

TICKED: Final = "☒"
OPEN: Final = "☐"
_DOT: Final = plain(" · ")

#: The terms the form's explanation uses, explained at its foot (keys of the glossary).
FOOT_TERMS: Final[tuple[str, ...]] = ("SKN", "PI", "HvB", "RISC", "SCIL", "LVB", "ASR", "weging")


def current_decision(decisions: Sequence[DecisionEntry]) -> DecisionEntry | None:
    """The current decision: the latest recorded (earlier ones are history)."""
    return max(decisions, key=lambda d: (d.created_at, d.id), default=None)


def form_head(record: DetaineeView, texts: Catalogue) -> None:
    """Title, who and where, the band and its reason, as the head of the form."""
    inputs = record.inputs
    render.title(texts("form_print.title"))
    who = plain(inputs.name) if inputs.name else texts("detainee.no_name")
    render.markdown(joined((bold(who), plain(f"SKN {inputs.skn}"), plain(inputs.pi)), _DOT))
    band = texts.band(record.effective_band)
    if record.active_override is not None:
        band = f"{band} ({texts('form_print.automated', band=texts.band(record.band))})"
    render.table(
        {
            texts("form_print.item"): [
                texts("form_print.band"),
                texts("form_print.reason"),
                texts("form_print.scored"),
            ],
            texts("form_print.value"): [
                plain(band),
                plain(record.explanation.summary),
                texts(
                    "form_print.scored_on",
                    as_of=format_date(record.as_of, texts),
                    policy=record.policy_version,
                ),
            ],
        },
        hide_index=True,
    )


def form_part(record: DetaineeView, part: FormPart, title: str, texts: Catalogue) -> None:
    """Part 1 or 2 of the form: each group of fields as label and value."""
    with st.container(border=True):
        render.subheader(texts(title))
        for group in part_groups(record.inputs, part, texts):
            render.markdown(bold(plain(group.title)))
            render.table(
                {
                    texts("form_print.field"): [plain(label) for label, _ in group.fields],
                    texts("form_print.value"): [plain(value) for _, value in group.fields],
                },
                hide_index=True,
            )


def explanation_part(record: DetaineeView, texts: Catalogue) -> None:
    """Why the detainee sits in the band: every criterion, the weighing information, tiers."""
    explanation = record.explanation
    with st.container(border=True):
        render.subheader(texts("form_print.explanation"))
        table = criteria_table(explanation)
        render.table(
            {
                texts("explanation.criterion"): [
                    plain(f"{name} ★" if decisive else name)
                    for name, decisive in zip(table["criterion"], table["decisive"], strict=True)
                ],
                texts("explanation.state"): [plain(state) for state in table["state"]],
                texts("explanation.sentence"): [plain(s) for s in table["sentence"]],
            },
            hide_index=True,
        )
        for warning in explanation.warnings:
            render.markdown(plain(f"⚠ {warning}"))
        render.markdown(bold(texts("form_print.weighing")))
        render.table(
            {texts("form_print.weighing_shows"): [plain(s) for s in explanation.weighing]},
            hide_index=True,
        )
        render.markdown(
            joined((bold(texts("form_print.profile")), plain(explanation.profile_sentence)), _DOT)
        )
        if record.tiers_on:
            render.table(
                {
                    texts("form_print.tier"): [plain(line.name) for line in explanation.tiers],
                    texts("explanation.state"): [
                        plain(state_words(line)) for line in explanation.tiers
                    ],
                },
                hide_index=True,
            )


def decision_part(record: DetaineeView, texts: Catalogue) -> None:
    """Part 3: every decision option with a box, the current decision's ticked, its
    explanation, who took it with whom and when."""
    current = current_decision(record.decisions)
    with st.container(border=True):
        render.subheader(texts("form_print.part_3"))
        for option, label in DECISION_OPTIONS.items():
            box = TICKED if current is not None and current.option == option else OPEN
            render.markdown(plain(f"{box} {label.get(texts.language)}"))
        if current is None:
            render.caption(texts("form_print.no_decision"))
            return
        render.table(
            {
                texts("form_print.item"): [
                    texts("form_print.decision_explanation"),
                    texts("form_print.decided_by"),
                    texts("form_print.decided_with"),
                    texts("form_print.decided_at"),
                ],
                texts("form_print.value"): [
                    plain(current.explanation),
                    plain(f"{current.user_name} ({role_label(texts, current.user_role)})"),
                    plain(current.partner_name or "—"),
                    plain(format_time(current.created_at, texts)),
                ],
            },
            hide_index=True,
        )


def records_part(record: DetaineeView, texts: Catalogue) -> None:
    """Every override and withdrawal, and the decisions before the current one."""
    with st.container(border=True):
        render.subheader(texts("form_print.records"))
        overrides = sorted(record.overrides, key=lambda entry: entry.id)
        if not overrides:
            render.caption(texts("override.none"))
        else:
            render.table(
                {
                    texts("form_print.when"): [
                        plain(format_time(o.created_at, texts)) for o in overrides
                    ],
                    texts("form_print.who"): [
                        plain(f"{o.user_name} ({role_label(texts, o.user_role)})")
                        for o in overrides
                    ],
                    texts("form_print.what"): [plain(_override_words(o, texts)) for o in overrides],
                    texts("form_print.justification"): [plain(o.justification) for o in overrides],
                },
                hide_index=True,
            )
        current = current_decision(record.decisions)
        earlier = sorted(
            (d for d in record.decisions if current is None or d.id != current.id),
            key=lambda entry: entry.id,
        )
        if earlier:
            render.markdown(bold(texts("form_print.earlier_decisions")))
            render.table(
                {
                    texts("form_print.when"): [
                        plain(format_time(d.created_at, texts)) for d in earlier
                    ],
                    texts("form_print.what"): [
                        plain(DECISION_OPTIONS[d.option].get(texts.language))
                        if d.option in DECISION_OPTIONS
                        else plain(d.option)
                        for d in earlier
                    ],
                    texts("form_print.justification"): [plain(d.explanation) for d in earlier],
                },
                hide_index=True,
            )


def _override_words(entry: OverrideEntry, texts: Catalogue) -> str:
    """An override as band (automated band) — reason category; a withdrawal as such."""
    if entry.kind == "withdrawal" or entry.band is None:
        return str(texts("form_print.withdrawal"))
    reason = REASON_CATEGORIES.get(entry.reason_category or "")
    automated = texts("form_print.automated", band=texts.band(entry.automated_band))
    words = f"{texts.band(entry.band)} ({automated})"
    return words if reason is None else f"{words} — {reason.get(texts.language)}"


def signatures(texts: Catalogue) -> None:
    """Lines for the case manager and the probation worker to sign the printed form."""
    line = "_" * 28
    render.table(
        {
            texts("form_print.signature_cm"): [plain(line)],
            texts("form_print.signature_rw"): [plain(line)],
        },
        hide_index=True,
    )


def terms_used(texts: Catalogue) -> None:
    """The jargon of the form in the glossary's words, at its foot."""
    render.markdown(bold(texts("form_print.terms")))
    for term in FOOT_TERMS:
        render.caption(plain(term_help(term, texts.language)))


def printable_form(record: DetaineeView, texts: Catalogue) -> None:
    """The whole form of one detainee, top to bottom as on paper."""
    render.print_styles()
    form_head(record, texts)
    form_part(record, PART_1, "form_print.part_1", texts)
    form_part(record, PART_2, "form_print.part_2", texts)
    explanation_part(record, texts)
    decision_part(record, texts)
    records_part(record, texts)
    signatures(texts)
    terms_used(texts)
