"""The parts of the detainee screen that show: header, notices, explanation, form data, history."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.bands import BAND_COLOURS
from dashboard.explanation import criteria_table, profile_lines, tiers_table
from dashboard.form_parts import PART_1, PART_2, field_label, part_groups
from dashboard.formatting import format_date, format_time, format_value
from dashboard.i18n import Catalogue
from dashboard.identity import role_label
from dashboard.render import band_badge, plain, show_html
from scoring.vocabulary import BAND_ORDER, BAND_RANK
from storage.views import ActiveOverride, DetaineeView, FieldChange, SignalEntry


def header(record: DetaineeView, texts: Catalogue) -> None:
    """Name and number, where and since when, the effective band and why, in two lines."""
    inputs = record.inputs
    st.title(plain(inputs.name) if inputs.name else texts("detainee.no_name"))
    days = record.days_since_intake
    facts = [
        f"SKN {inputs.skn}",
        inputs.pi,
        texts.phase(inputs.phase),
        texts("detainee.day", day=days) if days is not None else texts("detainee.no_intake"),
    ]
    st.caption(" · ".join(facts))
    badges = [band_badge(record.effective_band, texts)]
    if record.active_override is not None:
        badges.append(
            f"<span>{texts('detainee.automated_band')}</span> {band_badge(record.band, texts)}"
        )
    if record.band == "not_yet":
        badges.append(
            f"<span>{texts('detainee.provisional_band')}</span> "
            f"{band_badge(record.provisional_band, texts)}"
        )
    if record.tiers_on:
        badges.append(texts("detainee.tier_score", score=record.tier_score))
    show_html("&nbsp;&nbsp;".join(badges))
    st.markdown(f"**{texts('detainee.why')}** {record.explanation.summary}")


def signal_notices(signals: tuple[SignalEntry, ...], texts: Catalogue) -> bool:
    """Unseen band changes, each with what changed; returns whether "mark seen" was pressed."""
    if not signals:
        return False
    with st.container(border=True):
        st.markdown(f":material/notifications_active: **{texts('signals.heading')}**")
        for signal in signals:
            st.warning(
                texts("signals.changed", when=format_time(signal.created_at, texts))
                + " "
                + signal.sentence,
            )
        return st.button(texts("signals.mark_seen"), key="mark_signals_seen", type="secondary")


def stale_override_notice(active: ActiveOverride | None, texts: Catalogue) -> None:
    """Ask for a review of an override made before the data changed, showing what changed."""
    if active is None or not active.stale:
        return
    st.warning(texts("override.stale"), icon=":material/history:")
    if active.changes:
        st.table(changes_frame(active.changes, texts))


def changes_frame(changes: tuple[FieldChange, ...], texts: Catalogue) -> pd.DataFrame:
    """Changed fields as a table: field, before, after (values in words)."""
    return pd.DataFrame(
        {
            texts("history.field"): [field_label(c.field, texts) for c in changes],
            texts("history.before"): [plain(format_value(c.field, c.old, texts)) for c in changes],
            texts("history.after"): [plain(format_value(c.field, c.new, texts)) for c in changes],
        }
    )


def explanation_section(record: DetaineeView, texts: Catalogue) -> None:
    """Every automated criterion with its state and sentence, open questions, tiers, profile."""
    explanation = record.explanation
    st.caption(
        texts(
            "explanation.scored",
            policy=record.policy_version,
            as_of=format_date(record.as_of, texts),
        )
    )
    st.table(
        readable_criteria(criteria_table(explanation), texts),
        border="horizontal",
        hide_index=True,
    )
    questions = explanation.open_questions
    st.markdown(f"**{texts('explanation.open_questions')}**")
    if not questions:
        st.caption(texts("explanation.no_open_questions"))
    for question in questions:
        st.markdown(f"- :material/help: {question.sentence}")
    for warning in explanation.warnings:
        st.warning(warning, icon=":material/warning:")

    st.markdown(f"**{texts('explanation.profile')}**: {explanation.profile_sentence}")
    st.caption(" · ".join(profile_lines(explanation)))
    st.markdown(f"**{texts('explanation.weighing')}**")
    for sentence in explanation.weighing:
        st.markdown(f"- {sentence}")

    st.markdown(
        f"**{texts('explanation.tiers')}** — "
        + texts("explanation.tier_score", score=explanation.tier_score)
    )
    tiers = tiers_table(explanation, texts)
    st.table(
        pd.DataFrame(
            {
                texts("explanation.tier"): tiers["tier"].map(plain),
                texts("explanation.state"): tiers["state"],
                texts("explanation.sentence"): tiers["sentence"].map(plain),
                texts("explanation.counts"): tiers["counts"],
            }
        ),
        border="horizontal",
        hide_index=True,
    )


def readable_criteria(table: pd.DataFrame, texts: Catalogue) -> pd.DataFrame:
    """The criteria table with headings in words and the decisive criterion in bold."""
    decisive = table["decisive"]
    marked = [
        f"**{plain(sentence)}**" if is_decisive else plain(sentence)
        for sentence, is_decisive in zip(table["sentence"], decisive, strict=True)
    ]
    return pd.DataFrame(
        {
            texts("explanation.criterion"): [
                f"**{plain(name)}** ★" if is_decisive else plain(name)
                for name, is_decisive in zip(table["criterion"], decisive, strict=True)
            ],
            texts("explanation.state"): table["state"],
            texts("explanation.sentence"): marked,
        }
    )


def form_section(record: DetaineeView, texts: Catalogue) -> None:
    """Part 1 (prison) and part 2 (probation) of the form, side by side, grouped as on paper."""
    part_1, part_2 = st.columns(2, gap="medium")
    for column, part, title in (
        (part_1, PART_1, "detainee.part_1"),
        (part_2, PART_2, "detainee.part_2"),
    ):
        with column:
            st.markdown(f"#### {texts(title)}")
            for group in part_groups(record.inputs, part, texts):
                st.markdown(f"**{group.title}**")
                st.table(
                    pd.DataFrame(
                        {"value": [plain(value) for _, value in group.fields]},
                        index=[label for label, _ in group.fields],
                    ),
                    border="horizontal",
                    hide_header=True,
                )


def history_section(record: DetaineeView, texts: Catalogue) -> None:
    """Band over time, and what changed between input versions."""
    st.subheader(texts("history.assessments"))
    if len(record.assessments) > 1:
        st.plotly_chart(
            band_history_figure(record, texts),
            width="stretch",
            config={"displayModeBar": False},
            key="band_history",
        )
    st.dataframe(
        pd.DataFrame(
            {
                texts("history.date"): [format_date(a.as_of, texts) for a in record.assessments],
                texts("history.band"): [texts.band(a.band) for a in record.assessments],
                texts("history.provisional"): [
                    texts.band(a.provisional_band) for a in record.assessments
                ],
                texts("history.decisive"): [a.decisive or "—" for a in record.assessments],
                texts("history.policy"): [a.policy_version for a in record.assessments],
                texts("history.input_version"): [a.input_version for a in record.assessments],
            }
        ),
        hide_index=True,
        key="assessment_history",
    )
    st.subheader(texts("history.signals"))
    if not record.signals:
        st.caption(texts("history.no_signals"))
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
        st.markdown(
            f"- {format_time(signal.created_at, texts)} — "
            f"{plain(signal.sentence)}  \n  *{plain(seen)}*"
        )
    st.subheader(texts("history.versions"))
    for version in record.versions:
        title = texts(
            "history.version",
            version=version.version,
            when=format_time(version.created_at, texts),
            feeds=_feeds(version.changed_feeds, texts),
        )
        st.markdown(f"**{title}**")
        if version.changes:
            st.table(changes_frame(version.changes, texts))


def _feeds(changed_feeds: str, texts: Catalogue) -> str:
    names = {"new": texts("history.feed_new"), "dji": "TULP (DJI)", "iris": "IRIS (3RO)"}
    return ", ".join(names.get(part, part) for part in changed_feeds.split(",") if part)


def band_history_figure(record: DetaineeView, texts: Catalogue) -> go.Figure:
    """The automated band per assessment as steps, bands in list order from top to bottom."""
    ordered = sorted(record.assessments, key=lambda a: a.id)
    figure = go.Figure(
        go.Scatter(
            # Dates as the reader writes them (the chart library would print "Nov 23").
            x=[format_time(a.created_at, texts) for a in ordered],
            y=[BAND_RANK[a.band] for a in ordered],
            mode="lines+markers",
            line={"shape": "hv", "color": "#5B6770"},
            marker={"size": 10, "color": [BAND_COLOURS[a.band] for a in ordered]},
            hovertext=[texts.band(a.band) for a in ordered],
            hoverinfo="text+x",
        )
    )
    figure.update_layout(
        height=220,
        margin={"l": 0, "r": 10, "t": 10, "b": 10},
        yaxis={
            "tickvals": list(range(len(BAND_ORDER))),
            "ticktext": [texts.band(b) for b in BAND_ORDER],
            "autorange": "reversed",
        },
        xaxis={"type": "category"},
        showlegend=False,
    )
    return figure


def actor_words(name: str, role: str, texts: Catalogue) -> str:
    """ "Name (role)" for a record."""
    return f"{name} ({role_label(texts, role)})"
