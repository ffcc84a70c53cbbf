"""The parts of the detainee screen that show: header, notices, explanation, form data, history."""

from __future__ import annotations

from typing import Final

import pandas as pd
import streamlit as st

from dashboard import render
from dashboard.badges import Html, badge_row, band_badge, labelled, words
from dashboard.explanation import criteria_table, profile_lines, tiers_table
from dashboard.form_parts import PART_1, PART_2, field_label, part_groups
from dashboard.formatting import format_date, format_time, format_value
from dashboard.i18n import Catalogue
from dashboard.identity import role_label
from dashboard.markup import Markup, bold, bullet, heading, icon, italic, joined, plain
from storage.choices import DECISION_SHORT_LABELS
from storage.clock import LOCAL_TIME
from storage.views import ActiveOverride, DetaineeView, FieldChange, SignalEntry
from storage.views_list import AWAITING_BANDS

_SPACE: Final = plain(" ")
_DOT: Final = plain(" · ")


def header(record: DetaineeView, texts: Catalogue) -> None:
    """Name and number, where and since when, the effective band and why, in two lines."""
    inputs = record.inputs
    render.title(plain(inputs.name) if inputs.name else texts("detainee.no_name"))
    days = record.days_since_intake
    facts = [
        plain(f"SKN {inputs.skn}"),
        plain(inputs.pi),
        plain(texts.phase(inputs.phase)),
        texts("detainee.day", day=days) if days is not None else texts("detainee.no_intake"),
    ]
    render.caption(joined(facts, _DOT))
    badges: list[Html] = [band_badge(record.effective_band, texts)]
    if record.active_override is not None:
        badges.append(labelled(texts("detainee.automated_band"), band_badge(record.band, texts)))
    if record.band == "not_yet":
        badges.append(
            labelled(texts("detainee.provisional_band"), band_badge(record.provisional_band, texts))
        )
    if record.tiers_on:
        badges.append(words(texts("detainee.tier_score", score=record.tier_score)))
    outcome = decision_outcome(record, texts)
    if outcome is not None:
        badges.insert(1, words(outcome))
    render.show_html(badge_row(badges))
    render.markdown(
        joined((bold(texts("detainee.why")), plain(record.explanation.summary)), _SPACE)
    )


def decision_outcome(record: DetaineeView, texts: Catalogue) -> str | None:
    """What the current decision says, beside the band: "— besluit: geen prioriteit
    (J. Jansen & P. Smit, 01-12-2026)"; "awaiting a joint decision" where one is due."""
    current = record.current_decision
    if current is None:
        if record.effective_band in AWAITING_BANDS:
            return str(texts("detainee_page.awaiting"))
        return None
    who = " & ".join(name for name in (current.user_name, current.partner_name) if name)
    label = DECISION_SHORT_LABELS.get(current.option)
    return str(
        texts(
            "detainee_page.outcome",
            decision=current.option if label is None else label.get(texts.language),
            who=who,
            date=format_date(current.created_at.astimezone(LOCAL_TIME).date(), texts),
        )
    )


def signal_notices(signals: tuple[SignalEntry, ...], texts: Catalogue) -> bool:
    """Unseen band changes, each with what changed; returns whether "mark seen" was pressed."""
    if not signals:
        return False
    with st.container(border=True):
        render.markdown(
            joined((icon("notifications_active"), bold(texts("signals.heading"))), _SPACE)
        )
        for signal in signals:
            changed = texts("signals.changed", when=format_time(signal.created_at, texts))
            render.warning(joined((changed, plain(signal.sentence)), _SPACE))
        return render.button(texts("signals.mark_seen"), key="mark_signals_seen", type="secondary")


def stale_override_notice(active: ActiveOverride | None, texts: Catalogue) -> None:
    """Ask for a review of an override made before the data changed, showing what changed."""
    if active is None or not active.stale:
        return
    render.warning(texts("override.stale"), icon=":material/history:")
    if active.changes:
        changes_table(active.changes, texts)


def changes_table(changes: tuple[FieldChange, ...], texts: Catalogue) -> None:
    """Changed fields as a table: field, before, after (values in words)."""
    render.table(
        {
            texts("history.field"): [plain(field_label(c.field, texts)) for c in changes],
            texts("history.before"): [plain(format_value(c.field, c.old, texts)) for c in changes],
            texts("history.after"): [plain(format_value(c.field, c.new, texts)) for c in changes],
        }
    )


def explanation_section(record: DetaineeView, texts: Catalogue) -> None:
    """Every automated criterion with its state and sentence, open questions, tiers, profile."""
    explanation = record.explanation
    render.caption(
        texts(
            "explanation.scored",
            policy=record.policy_version,
            as_of=format_date(record.as_of, texts),
        )
    )
    render.table(
        readable_criteria(criteria_table(explanation), texts),
        border="horizontal",
        hide_index=True,
    )
    questions = explanation.open_questions
    render.markdown(bold(texts("explanation.open_questions")))
    if not questions:
        render.caption(texts("explanation.no_open_questions"))
    for question in questions:
        render.markdown(bullet(joined((icon("help"), plain(question.sentence)), _SPACE)))
    for warning in explanation.warnings:
        render.warning(plain(warning), icon=":material/warning:")

    render.markdown(
        joined((bold(texts("explanation.profile")), plain(f": {explanation.profile_sentence}")))
    )
    render.caption(joined((plain(line) for line in profile_lines(explanation)), _DOT))
    render.markdown(bold(texts("explanation.weighing")))
    for sentence in explanation.weighing:
        render.markdown(bullet(plain(sentence)))

    render.markdown(
        joined(
            (
                bold(texts("explanation.tiers")),
                texts("explanation.tier_score", score=explanation.tier_score),
            ),
            plain(" — "),
        )
    )
    tiers = tiers_table(explanation, texts)
    render.table(
        {
            texts("explanation.tier"): [plain(tier) for tier in tiers["tier"]],
            texts("explanation.state"): [plain(state) for state in tiers["state"]],
            texts("explanation.sentence"): [plain(sentence) for sentence in tiers["sentence"]],
            texts("explanation.counts"): [plain(counts) for counts in tiers["counts"]],
        },
        border="horizontal",
        hide_index=True,
    )


def readable_criteria(table: pd.DataFrame, texts: Catalogue) -> dict[Markup, list[Markup]]:
    """The criteria table's columns with headings in words and the decisive criterion in bold."""
    decisive = table["decisive"]
    names = [
        joined((bold(plain(name)), plain(" ★"))) if is_decisive else plain(name)
        for name, is_decisive in zip(table["criterion"], decisive, strict=True)
    ]
    sentences = [
        bold(plain(sentence)) if is_decisive else plain(sentence)
        for sentence, is_decisive in zip(table["sentence"], decisive, strict=True)
    ]
    return {
        texts("explanation.criterion"): names,
        texts("explanation.state"): [plain(state) for state in table["state"]],
        texts("explanation.sentence"): sentences,
    }


def form_section(record: DetaineeView, texts: Catalogue) -> None:
    """Part 1 (prison) and part 2 (probation) of the form, side by side, grouped as on paper."""
    part_1, part_2 = st.columns(2, gap="medium")
    for column, part, title in (
        (part_1, PART_1, "detainee.part_1"),
        (part_2, PART_2, "detainee.part_2"),
    ):
        with column:
            render.markdown(heading(texts(title)))
            for group in part_groups(record.inputs, part, texts):
                render.markdown(bold(plain(group.title)))
                render.table(
                    {plain("value"): [plain(value) for _, value in group.fields]},
                    index=[plain(label) for label, _ in group.fields],
                    border="horizontal",
                    hide_header=True,
                )


def history_section(record: DetaineeView, texts: Catalogue) -> None:
    """Band over time, and what changed between input versions."""
    render.subheader(texts("history.assessments"))
    render.show_html(band_history_strip(record, texts))
    assessments = record.assessments
    render.table(
        {
            texts("history.date"): [plain(format_date(a.as_of, texts)) for a in assessments],
            texts("history.band"): [plain(texts.band(a.band)) for a in assessments],
            texts("history.provisional"): [
                plain(texts.band(a.provisional_band)) for a in assessments
            ],
            texts("history.decisive"): [plain(a.decisive or "—") for a in assessments],
            texts("history.policy"): [plain(a.policy_version) for a in assessments],
            texts("history.input_version"): [plain(str(a.input_version)) for a in assessments],
        },
        border="horizontal",
        hide_index=True,
    )
    render.subheader(texts("history.signals"))
    if not record.signals:
        render.caption(texts("history.no_signals"))
    for signal in record.signals:
        seen = (
            texts(
                "history.seen",
                who=actor_words(signal.seen_by or "", signal.seen_role or "", texts),
                when=format_time(signal.seen_at, texts),
            )
            if signal.seen_at is not None
            else texts("history.not_seen")
        )
        happened = plain(f"{format_time(signal.created_at, texts)} — {signal.sentence}")
        render.markdown(bullet(happened, italic(seen)))
    render.subheader(texts("history.versions"))
    for version in record.versions:
        title = texts(
            "history.version",
            version=version.version,
            when=format_time(version.created_at, texts),
            feeds=_feeds(version.changed_feeds, texts),
        )
        render.markdown(bold(title))
        if version.changes:
            changes_table(version.changes, texts)


def _feeds(changed_feeds: str, texts: Catalogue) -> str:
    names = {"new": texts("history.feed_new"), "dji": "TULP (DJI)", "iris": "IRIS (3RO)"}
    return ", ".join(names.get(part, part) for part in changed_feeds.split(",") if part)


def band_history_strip(record: DetaineeView, texts: Catalogue) -> Html:
    """The automated band per assessment, oldest first, as coloured badges after their date.

    Plain HTML rather than a chart: the page opens from a link in a fresh browser, and a chart
    library's script (megabytes) cost more than everything else the page draws.
    """
    ordered = sorted(record.assessments, key=lambda a: a.id)
    return badge_row(
        labelled(format_time(a.created_at, texts), band_badge(a.band, texts)) for a in ordered
    )


def actor_words(name: str, role: str, texts: Catalogue) -> str:
    """ "Name (role)" for a record."""
    return f"{name} ({role_label(texts, role)})"
