"""The what-if of a draft on the capacity page, drawn with plotly from `storage.whatif.WhatIf`.

Counts per band under both policies (grouped bars, per prison), the transitions between bands
(a heatmap) and the detainees who move, the cut line per prison, the weekly load against the
capacity (lines), and what each switched-on tier adds. Plotly reads a little HTML in its labels,
so every prison name and SKN from a feed is escaped before it goes into a chart.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

from dashboard import data, render
from dashboard.i18n import Catalogue
from dashboard.markup import Markup, bold, plain
from scoring.policy import Policy
from scoring.vocabulary import BAND_ORDER
from storage.actor import Actor
from storage.capacity import CapacityPage
from storage.errors import database_errors_translated
from storage.whatif import SIDES, Side, WeekLoad, WhatIf, what_if

_ALL: str = ""


def draft_what_if(policy: Policy, page: CapacityPage, actor: Actor) -> WhatIf:
    """The what-if of `policy` against the policy in force today, with the recorded capacities."""
    capacities = {pi: recorded.weekly_cases for pi, recorded in page.capacities.items()}
    with database_errors_translated():
        return what_if(data.database(), actor, policy, data.today(), capacities)


def moving_summary(result: WhatIf, texts: Catalogue) -> Markup:
    """How many current admissions the draft moves to another band."""
    return texts("capacity.whatif.moving", count=len(result.band_movers), total=result.population)


def what_if_panel(result: WhatIf, texts: Catalogue) -> None:
    """Every part of the what-if, one after another."""
    render.subheader(texts("capacity.whatif.heading"))
    render.caption(moving_summary(result, texts))
    prisons = sorted({pi for side in SIDES for pi in result.prison_counts[side]})
    pi = render.selectbox(
        texts("capacity.whatif.prison"),
        [_ALL, *prisons],
        key="capacity_whatif_pi",
        format_func=lambda name: name or str(texts("capacity.whatif.all_prisons")),
    )
    _counts_chart(result, pi, texts)
    _transitions(result, pi, texts)
    _cut_lines(result, pi, texts)
    _weekly_load(result, pi, texts)
    _tier_lifts(result, pi, texts)


def _side_name(side: Side, result: WhatIf, texts: Catalogue) -> str:
    # A version name is typed by a person; plotly would read HTML in it.
    words = texts.texts[f"capacity.whatif.{side}"].format(version=result.policies[side].version)
    return html.escape(words)


def _band_names(texts: Catalogue) -> list[str]:
    return [texts.band(band) for band in BAND_ORDER]


def _counts_chart(result: WhatIf, pi: str, texts: Catalogue) -> None:
    figure = go.Figure()
    for side in SIDES:
        counts = result.prison_counts[side].get(pi) if pi else result.counts[side]
        bands = counts.bands if counts is not None else {}
        figure.add_bar(
            name=_side_name(side, result, texts),
            x=_band_names(texts),
            y=[bands.get(band, 0) for band in BAND_ORDER],
        )
    figure.update_layout(barmode="group", height=320, margin={"t": 30, "b": 10})
    render.markdown(bold(texts("capacity.whatif.counts")))
    st.plotly_chart(figure, key="capacity_whatif_counts")
    _tier_score_chart(result, pi, texts)


def _tier_score_chart(result: WhatIf, pi: str, texts: Catalogue) -> None:
    """The weighing band by tier score under each policy (what the tiers split it into)."""
    per_side = {}
    for side in SIDES:
        counts = result.prison_counts[side].get(pi) if pi else result.counts[side]
        per_side[side] = {} if counts is None else counts.tier_scores.get("weighing", {})
    scores = sorted({score for scores in per_side.values() for score in scores})
    figure = go.Figure()
    for side in SIDES:
        figure.add_bar(
            name=_side_name(side, result, texts),
            x=[str(score) for score in scores],
            y=[per_side[side].get(score, 0) for score in scores],
        )
    figure.update_layout(
        barmode="group",
        height=280,
        margin={"t": 30, "b": 10},
        xaxis_title=str(texts("capacity.whatif.tier_score")),
    )
    render.markdown(bold(texts("capacity.whatif.tier_scores")))
    st.plotly_chart(figure, key="capacity_whatif_tier_scores")


def _transitions(result: WhatIf, pi: str, texts: Catalogue) -> None:
    movers = [m for m in result.band_movers if not pi or m.pi == pi]
    matrix = [[0] * len(BAND_ORDER) for _ in BAND_ORDER]
    for mover in movers:
        matrix[BAND_ORDER.index(mover.from_band)][BAND_ORDER.index(mover.to_band)] += 1
    names = _band_names(texts)
    figure = go.Figure(
        go.Heatmap(z=matrix, x=names, y=names, colorscale="Blues", texttemplate="%{z}")
    )
    figure.update_layout(
        height=320,
        margin={"t": 30, "b": 10},
        xaxis_title=str(texts("capacity.whatif.to")),
        yaxis_title=str(texts("capacity.whatif.from")),
        yaxis_autorange="reversed",
    )
    render.markdown(bold(texts("capacity.whatif.transitions")))
    st.plotly_chart(figure, key="capacity_whatif_transitions")
    if not movers:
        render.info(texts("capacity.whatif.nobody_moves"))
        return
    render.table(
        {
            texts("capacity.whatif.skn"): [plain(m.skn) for m in movers],
            texts("capacity.whatif.pi"): [plain(m.pi or "") for m in movers],
            texts("capacity.whatif.from"): [plain(texts.band(m.from_band)) for m in movers],
            texts("capacity.whatif.to"): [plain(texts.band(m.to_band)) for m in movers],
            texts("capacity.whatif.moved_by"): [plain(", ".join(m.moved_by)) for m in movers],
        },
        hide_index=True,
    )


def _cut_lines(result: WhatIf, pi: str, texts: Catalogue) -> None:
    render.markdown(bold(texts("capacity.whatif.cut_line")))
    lines = [
        (side, line)
        for side in SIDES
        for name, line in sorted(result.cut_lines[side].items())
        if not pi or name == pi
    ]
    if not lines:
        render.info(texts("capacity.whatif.no_capacity"))
        return
    render.table(
        {
            texts("capacity.whatif.policy"): [
                plain(_side_name(side, result, texts)) for side, _ in lines
            ],
            texts("capacity.whatif.pi"): [plain(line.pi) for _, line in lines],
            texts("capacity.whatif.capacity"): [plain(str(line.capacity)) for _, line in lines],
            texts("capacity.whatif.awaiting"): [plain(str(line.awaiting)) for _, line in lines],
            texts("capacity.whatif.above"): [plain(str(line.above)) for _, line in lines],
            texts("capacity.whatif.below"): [plain(str(line.below)) for _, line in lines],
            texts("capacity.whatif.marginal"): [
                plain("—" if line.marginal is None else line.marginal.skn) for _, line in lines
            ],
            texts("capacity.whatif.ties"): [
                plain(", ".join(row.skn for row in (*line.ties_above, *line.ties_below)) or "—")
                for _, line in lines
            ],
        },
        hide_index=True,
    )


def _weekly_load(result: WhatIf, pi: str, texts: Catalogue) -> None:
    weeks = [w for w in result.weekly_load if not pi or w.pi == pi]
    render.markdown(bold(texts("capacity.whatif.weekly_load")))
    if not weeks:
        render.info(texts("capacity.whatif.no_history"))
        return
    labels = sorted({w.week for w in weeks})
    figure = go.Figure()
    for side in SIDES:
        per_week = {label: 0.0 for label in labels}
        for week in weeks:
            per_week[week.week] += week.load[side].cases
        figure.add_scatter(
            name=_side_name(side, result, texts), x=labels, y=list(per_week.values()), mode="lines"
        )
    capacity = _capacity_per_week(weeks, labels)
    if capacity is not None:
        figure.add_scatter(
            name=str(texts("capacity.whatif.capacity")),
            x=labels,
            y=capacity,
            mode="lines",
            line={"dash": "dash"},
        )
    figure.update_layout(height=320, margin={"t": 30, "b": 10})
    st.plotly_chart(figure, key="capacity_whatif_load")
    projections = [p for p in result.projections if not pi or p.pi == pi]
    if projections:
        render.table(
            {
                texts("capacity.whatif.pi"): [plain(p.pi) for p in projections],
                texts("capacity.whatif.weeks"): [plain(str(p.weeks)) for p in projections],
                **{
                    plain(_side_name(side, result, texts)): [
                        plain(f"{p.total(side).cases:.0f}") for p in projections
                    ]
                    for side in SIDES
                },
            },
            hide_index=True,
        )


def _capacity_per_week(weeks: Sequence[WeekLoad], labels: list[str]) -> list[float] | None:
    """The capacity of the prisons shown, per week (None when a prison has none recorded)."""
    if any(week.capacity is None for week in weeks):
        return None
    totals = dict.fromkeys(labels, 0.0)
    for week in weeks:
        totals[week.week] += week.capacity or 0
    return list(totals.values())


def _tier_lifts(result: WhatIf, pi: str, texts: Catalogue) -> None:
    lifts = [lift for lift in result.tier_lifts if not pi or lift.pi == pi]
    if not lifts:
        return
    render.markdown(bold(texts("capacity.whatif.tier_lifts")))
    for lift in lifts:
        render.markdown(
            texts(
                "capacity.whatif.tier_lift",
                tier=lift.tier,
                pi=lift.pi,
                per_week=f"{lift.per_week:.1f}",
                current=lift.current,
            )
        )
