"""The parts of the audit page: the filters, the list, the detail of one override, the analytics
(plotly) with the table *criteria most overruled*, and the logged downloads.

Every list and number comes from storage (`storage.audit_views`, `storage.audit_analytics`,
`storage.audit_exports`), which checks the role; this module only lays them out. Plotly reads a
little HTML in its labels, so prison names from a feed are escaped before they go into a chart.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, date
from typing import Any, Final

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data, render
from dashboard.form_parts import field_label
from dashboard.formatting import format_bool, format_date, format_time, format_value
from dashboard.forms import decision_label, reason_label
from dashboard.i18n import Catalogue
from dashboard.identity import role_label
from dashboard.markup import Markup, plain
from dashboard.panels.audit_proof_panels import (
    override_assessment_id,
    records_in_doubt,
    replay_assessment_now,
    replay_result_panel,
)
from dashboard.panels.prepared_files import prepared_file
from scoring.catalogue import BY_ID
from scoring.dates import month_text
from scoring.fields import FIELD_BY_NAME
from storage.actor import ROLES, Actor
from storage.audit_analytics import NO_DECISION, AuditAnalytics, audit_analytics
from storage.audit_exports import (
    EXPORT_DELIMITERS,
    EXPORT_FORMATS,
    PSEUDONYM_KEY_VARIABLE,
    export_analytics,
    export_audit_list,
)
from storage.audit_views import (
    DECISION_STATUSES,
    DIRECTIONS,
    NO_DECISIVE,
    OVERRIDE_STATUSES,
    AuditFilters,
    decision_list,
    filter_problems,
    override_detail,
    override_list,
)
from storage.choices import REASON_CATEGORIES
from storage.errors import ValidationFailed, database_errors_translated

_ALL = ""
#: The sections of the audit page, one drawn at a time (labels `audit.sections.*`).
AUDIT_SECTIONS: Final = ("records", "analytics", "proof")
#: The catalogue key (under `audit.delimiters.`) of each CSV delimiter.
_DELIMITER_NAMES = {",": "comma", ";": "semicolon"}
#: The catalogue key (under `audit.`) of each filter's label, for messages about a filter.
FILTER_LABELS = {
    "from_day": "since",
    "to_day": "until",
    "prison": "prison",
    "user": "user",
    "role": "role",
    "reason_category": "reason",
    "direction": "direction",
    "decisive": "decisive",
    "policy_version": "policy",
    "status": "status",
    "outside_own_prison": "outside",
}


def _choice(texts: Catalogue, label_key: str, options: list[str], key: str, shown: Any) -> str:
    chosen: str = render.selectbox(
        texts(label_key),
        [_ALL, *options],
        key=key,
        format_func=lambda value: str(texts("audit.all")) if value == _ALL else shown(value),
    )
    return chosen


def audit_filters(texts: Catalogue, kind: str) -> AuditFilters:
    """The filter controls of the list; the chosen filters."""
    first = st.columns(5)
    with first[0]:
        since: date | None = render.date_input(
            texts("audit.since"), value=None, format="DD-MM-YYYY", key="audit_since"
        )
    with first[1]:
        until: date | None = render.date_input(
            texts("audit.until"), value=None, format="DD-MM-YYYY", key="audit_until"
        )
    with first[2]:
        prison = render.text_input(texts("audit.prison"), key="audit_prison", max_chars=64)
    with first[3]:
        user = render.text_input(texts("audit.user"), key="audit_user", max_chars=200)
    with first[4]:
        policy = render.text_input(texts("audit.policy"), key="audit_policy", max_chars=64)
    second = st.columns(6 if kind == "overrides" else 4)
    with second[0]:
        role = _choice(
            texts, "audit.role", list(ROLES), "audit_role", lambda r: role_label(texts, r)
        )
    statuses = OVERRIDE_STATUSES if kind == "overrides" else DECISION_STATUSES
    with second[1]:
        status = _choice(
            texts,
            "audit.status",
            list(statuses),
            f"audit_status_{kind}",
            lambda s: str(texts(f"audit.status_values.{s}")),
        )
    with second[2]:
        criteria = sorted(BY_ID)
        decisive = render.text_input(
            texts("audit.decisive"),
            help=texts(
                "audit.decisive_help", first=criteria[0], last=criteria[-1], none=NO_DECISIVE
            ),
            key="audit_decisive",
            max_chars=8,
        )
    with second[3]:
        outside = _choice(
            texts,
            "audit.outside",
            ["yes", "no"],
            "audit_outside",
            lambda v: str(texts(f"audit.{v}")),
        )
    reason = direction = _ALL
    if kind == "overrides":
        with second[4]:
            direction = _choice(
                texts,
                "audit.direction",
                list(DIRECTIONS),
                "audit_direction",
                lambda d: str(texts(f"audit.direction_values.{d}")),
            )
        with second[5]:
            reason = _choice(
                texts,
                "audit.reason",
                list(REASON_CATEGORIES),
                "audit_reason",
                lambda r: reason_label(r, texts),
            )
    return AuditFilters(
        from_day=since,
        to_day=until,
        prison=prison.strip() or None,
        user=user.strip() or None,
        policy_version=policy.strip() or None,
        role=role or None,
        reason_category=reason or None,
        direction=direction or None,
        decisive=_criterion(decisive),
        status=status or None,
        outside_own_prison=None if not outside else outside == "yes",
    )


def filter_messages(filters: AuditFilters, kind: str, texts: Catalogue) -> list[Markup]:
    """What is wrong with the chosen filters, in the page's language (storage decides)."""
    messages = []
    for field, problem in filter_problems(filters, kind).items():
        if field == "to_day" and filters.from_day and filters.to_day:
            messages.append(
                texts(
                    "audit.errors.period",
                    first=format_date(filters.from_day, texts),
                    last=format_date(filters.to_day, texts),
                )
            )
        elif field == "decisive":
            criteria = sorted(BY_ID)
            messages.append(
                texts(
                    "audit.errors.decisive",
                    found=filters.decisive or "",
                    first=criteria[0],
                    last=criteria[-1],
                    none=NO_DECISIVE,
                )
            )
        else:  # a filter the page offers only valid choices for: storage's own words
            label = texts(f"audit.{FILTER_LABELS.get(field, 'status')}")
            messages.append(plain(f"{label}: {problem}"))
    return messages


def _criterion(typed: str) -> str | None:
    # Criterion ids are upper case (C09); the group without a decisive criterion is `none`.
    text = typed.strip()
    if not text:
        return None
    return text.lower() if text.lower() == "none" else text.upper()


def audit_list(actor: Actor, kind: str, filters: AuditFilters) -> pd.DataFrame:
    """The filtered list from storage (which checks the role and the filters)."""
    with database_errors_translated():
        if kind == "overrides":
            return override_list(data.database(), filters, actor=actor)
        return decision_list(data.database(), filters, actor=actor)


def list_table(frame: pd.DataFrame, kind: str, texts: Catalogue) -> None:
    """The list as a table in the page's language: headings, roles, bands, statuses, reasons,
    decisions, yes/no, and times in Dutch local time (the files keep the stored values)."""
    shown = frame.drop(columns=["justification", "explanation"], errors="ignore").copy()
    # After *Verify all records* found a record altered, its row says so.
    doubtful = records_in_doubt(kind)
    if doubtful:
        identity = "override_id" if kind == "overrides" else "decision_id"
        shown.insert(
            0,
            "in_doubt",
            [str(texts("audit.in_doubt")) if i in doubtful else "" for i in shown[identity]],
        )
    shown["user_role"] = [role_label(texts, role) for role in shown["user_role"]]
    shown["status"] = [str(texts(f"audit.status_values.{s}")) for s in shown["status"]]
    shown["automated_band"] = [_band(band, texts) for band in shown["automated_band"]]
    shown["outside_own_prison"] = [format_bool(bool(v), texts) for v in shown["outside_own_prison"]]
    for column in ("created_at", "withdrawn_at"):
        if column in shown:
            shown[column] = [_moment(value, texts) for value in shown[column]]
    if kind == "overrides":
        shown["band"] = [_band(band, texts) for band in shown["band"]]
        shown["reason_category"] = [reason_label(r, texts) for r in shown["reason_category"]]
        shown["direction"] = [
            str(texts(f"audit.direction_values.{d}")) if d else "" for d in shown["direction"]
        ]
    else:
        shown["option"] = [decision_label(option, texts) for option in shown["option"]]
    shown.columns = [str(texts(f"audit.list_columns.{name}")) for name in shown.columns]
    st.dataframe(shown, hide_index=True, width="stretch", key=f"audit_table_{kind}")


def _band(band: Any, texts: Catalogue) -> str:
    return texts.band(str(band)) if isinstance(band, str) and band else ""


def _moment(value: Any, texts: Catalogue) -> str:
    if value is None or value is pd.NaT or pd.isna(value):
        return ""
    moment = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    return format_time(moment if moment.tzinfo else moment.replace(tzinfo=UTC), texts)


def override_detail_panel(actor: Actor, frame: pd.DataFrame, texts: Catalogue) -> None:
    """Choose one override of the list; its justification, snapshot and what changed since."""
    people = {
        int(row["override_id"]): row
        for row in frame[["override_id", "skn", "name"]].to_dict("records")
    }
    chosen = render.selectbox(
        texts("audit.detail"),
        list(people),
        key="audit_detail",
        # An option is shown as written (no Markdown): the template filled without escapes.
        format_func=lambda number: texts.texts["audit.detail_option"].format(
            id=number, skn=people[number]["skn"], name=people[number]["name"] or ""
        ),
    )
    if chosen is None:
        return
    with database_errors_translated():
        detail = override_detail(data.database(), int(chosen), actor=actor)
    if int(chosen) in records_in_doubt("overrides"):
        render.error(texts("audit.detail_in_doubt"))
    render.markdown(plain(f"{texts('audit.justification')}: {detail.justification}"))
    if detail.withdrawal_reason:
        render.markdown(plain(f"{texts('audit.withdrawal')}: {detail.withdrawal_reason}"))
    render.caption(texts("audit.made_on", version=int(detail.row["input_version_id"])))
    with database_errors_translated():
        made_on = override_assessment_id(actor, int(chosen))
    if render.button(texts("audit.proof.replay_override"), key="audit_replay_override"):
        with database_errors_translated():
            replay_assessment_now(actor, made_on)
    replay_result_panel(texts, assessment_id=made_on)
    if not detail.changes_since:
        render.caption(texts("audit.no_changes"))
        return
    render.subheader(texts("audit.changes"))
    render.table(
        {
            texts("audit.columns.field"): [
                plain(_field(c.field, texts)) for c in detail.changes_since
            ],
            texts("audit.columns.old"): [
                plain(_shown(c.field, c.old, texts)) for c in detail.changes_since
            ],
            texts("audit.columns.new"): [
                plain(_shown(c.field, c.new, texts)) for c in detail.changes_since
            ],
        }
    )


def _field(field: str, texts: Catalogue) -> str:
    # A field SOM no longer declares (an older input version) keeps its stored name.
    return field_label(field, texts) if field in FIELD_BY_NAME else field


def _shown(field: str, value: Any, texts: Catalogue) -> str:
    if field in FIELD_BY_NAME:
        return format_value(field, value, texts)
    return "" if value is None else str(value)


def analytics_panel(actor: Actor, texts: Catalogue) -> None:
    """The headline figures, the table *criteria most overruled* and the charts."""
    with database_errors_translated():
        figures = audit_analytics(data.database(), actor=actor)
    render.subheader(texts("audit.analytics"))
    render.markdown(
        texts(
            "audit.overall",
            overridden=figures.overridden,
            assessed=figures.assessed,
            rate=_percent(figures.overall_rate),
            up=figures.up,
            down=figures.down,
        )
    )
    render.caption(texts("audit.counting_note"))
    _most_overruled(figures, texts)
    _rate_chart(figures.by_criterion, "decisive", texts("audit.rate_chart"))
    _rate_chart(figures.by_prison, "pi", texts("audit.prison_chart"))
    pairs = figures.by_criterion_prison
    overruled = pairs[pairs["overridden"] > 0].sort_values(
        ["rate", "overridden"], ascending=[False, False]
    )
    _group_table(overruled, ("decisive", "pi"), texts("audit.by_criterion_prison"), texts)
    _group_table(figures.by_prison, ("pi",), texts("audit.by_prison"), texts)
    _group_table(
        figures.by_user, ("user_name", "user_role"), texts("audit.by_user"), texts, ("handled",)
    )
    _group_table(figures.by_policy, ("policy_version",), texts("audit.by_policy"), texts)
    over_time = figures.over_time.copy()
    over_time["period"] = [_period(str(label), texts) for label in over_time["period"]]
    _rate_chart(over_time, "period", texts("audit.time_chart"))
    _reason_chart(figures, texts)
    _outcomes(figures, texts)
    _analytics_files(actor, figures, texts)


def _analytics_files(actor: Actor, figures: AuditAnalytics, texts: Catalogue) -> None:
    """The analytics as files (`som export analytics`), logged when made; a file made before
    the figures changed (an import, a re-score, a new override) is not offered."""
    shown = (figures.assessed, figures.overridden, figures.up, figures.down)
    render.subheader(texts("audit.analytics_files"))
    columns = st.columns(2)
    for column, form in zip(columns, EXPORT_FORMATS, strict=True):
        with column:

            def make(form: str = form) -> str:
                with database_errors_translated():
                    return export_analytics(
                        data.database(), form, actor=actor, destination="download"
                    ).text

            prepared_file(
                f"audit_analytics_{form}",
                (
                    texts(f"audit.prepare_analytics_{form}"),
                    texts("audit.download", format=form.upper()),
                ),
                shown,
                make,
                f"som-analytics.{form}",
                note=texts("audit.prepared"),
            )


#: The figures every group table shows after its group columns.
_GROUP_FIGURES: Final = ("assessed", "overridden", "rate", "up", "down")


def _group_table(
    table: pd.DataFrame,
    groups: tuple[str, ...],
    title: Markup,
    texts: Catalogue,
    extra: tuple[str, ...] = (),
) -> None:
    """Overrides per prison, user or policy version: counts, rate, up and down."""
    if table.empty:
        return
    render.subheader(title)
    figures = [name for name in (*extra, *_GROUP_FIGURES) if name in table.columns]
    cells: dict[Markup, list[Markup]] = {}
    for name in (*groups, *figures):
        values = table[name].tolist()
        if name == "user_role":
            shown = [role_label(texts, str(v)) for v in values]
        elif name == "rate":
            shown = [_percent(float(v)) for v in values]
        else:
            shown = [str(v) for v in values]
        cells[texts(f"audit.columns.{name}")] = [plain(v) for v in shown]
    render.table(cells)


def _percent(share: float) -> str:
    return f"{share:.0%}"


def _most_overruled(figures: AuditAnalytics, texts: Catalogue) -> None:
    render.subheader(texts("audit.most_overruled"))
    limits = figures.thresholds
    render.caption(
        texts("audit.flag_note", rate=_percent(limits.rate), one_way=_percent(limits.one_way))
    )
    table = figures.most_overruled
    if table.empty:
        render.info(texts("audit.none"))
        return
    columns = ("decisive", "assessed", "overridden", "rate", "up", "down", "one_way_share")
    cells = {
        texts(f"audit.columns.{name}"): [
            plain(_percent(v) if name in ("rate", "one_way_share") else str(v))
            for v in table[name].tolist()
        ]
        for name in columns
    }
    names = [plain(_criterion_name(c, texts)) for c in table["decisive"].tolist()]
    first, *rest = cells.items()
    cells = dict([first, (texts("audit.columns.criterion_name"), names), *rest])
    cells[texts("audit.columns.flagged")] = [
        plain(_flag_words(str(reasons), texts)) for reasons in table["flag_reasons"].tolist()
    ]
    render.table(cells)


def _flag_words(reasons: str, texts: Catalogue) -> str:
    # `flag_reasons` is storage's comma-separated list (`rate`, `one_way`), empty: not flagged.
    named = [str(texts(f"audit.flag_reasons.{r}")) for r in reasons.split(",") if r]
    return ", ".join(named)


def _criterion_name(criterion: str, texts: Catalogue) -> str:
    known = BY_ID.get(criterion)
    return str(texts("audit.no_decisive")) if known is None else known.name.get(texts.language)


def _period(label: str, texts: Catalogue) -> str:
    # storage's periods: `2026-11` (a Dutch calendar month) or `2026-W48` (an ISO week).
    year, _, rest = label.partition("-")
    if rest.startswith("W"):
        return str(texts("audit.week", week=int(rest[1:]), year=int(year)))
    return month_text(int(year), int(rest)).get(texts.language)


def _rate_chart(table: pd.DataFrame, group: str, title: Any) -> None:
    if table.empty:
        return
    labels = [html.escape(str(value)) for value in table[group].tolist()]
    figure = go.Figure(go.Bar(x=labels, y=table["rate"].tolist()))
    figure.update_layout(title=html.escape(str(title)), yaxis_tickformat=".0%", height=320)
    # The labels are words as given (criteria, prisons, periods): never read as dates or numbers.
    figure.update_xaxes(type="category")
    st.plotly_chart(figure, width="stretch")


def _reason_chart(figures: AuditAnalytics, texts: Catalogue) -> None:
    table = figures.reasons
    if table.empty:
        return
    labels = [html.escape(reason_label(r, texts)) for r in table["reason_category"].tolist()]
    figure = go.Figure(
        [
            go.Bar(name=str(texts(f"audit.direction_values.{way}")), x=labels, y=table[way])
            for way in DIRECTIONS
        ]
    )
    figure.update_layout(
        title=html.escape(str(texts("audit.reason_chart"))), barmode="stack", height=320
    )
    st.plotly_chart(figure, width="stretch")


def _outcomes(figures: AuditAnalytics, texts: Catalogue) -> None:
    table = figures.outcomes
    if table.empty:
        return
    render.subheader(texts("audit.outcomes"))
    names = [
        str(texts("audit.no_decision")) if o == NO_DECISION else decision_label(o, texts)
        for o in table["option"].tolist()
    ]
    render.table(
        {
            texts("audit.columns.option"): [plain(name) for name in names],
            texts("audit.columns.admissions"): [plain(str(n)) for n in table["admissions"]],
        }
    )


def downloads(actor: Actor, kind: str, filters: AuditFilters, texts: Catalogue) -> None:
    """The export options, then per format a button that makes the export (logged in the
    access log with its filters and options) and hands it over."""
    options = st.columns(2)
    with options[0]:
        delimiter: str = render.radio(
            texts("audit.delimiter"),
            list(EXPORT_DELIMITERS),
            key="audit_delimiter",
            horizontal=True,
            format_func=lambda mark: texts(f"audit.delimiters.{_DELIMITER_NAMES[mark]}"),
        )
    with options[1]:
        pseudonymise = render.toggle(
            texts("audit.pseudonymise"),
            help=texts("audit.pseudonymise_help", variable=PSEUDONYM_KEY_VARIABLE),
            key="audit_pseudonymise",
        )
    made_of = (kind, filters, delimiter, pseudonymise)
    suffix = "-pseudonymised" if pseudonymise else ""

    def maker(form: str) -> Callable[[], str | None]:
        def make() -> str | None:
            try:
                with database_errors_translated():
                    return export_audit_list(
                        data.database(),
                        kind,
                        filters,
                        form,
                        delimiter=delimiter,
                        pseudonymise=pseudonymise,
                        actor=actor,
                        destination="download",
                    ).text
            except ValidationFailed as refused:
                if PSEUDONYM_KEY_VARIABLE not in refused.errors:
                    raise
                render.error(texts("audit.no_pseudonym_key", variable=PSEUDONYM_KEY_VARIABLE))
                return None

        return make

    columns = st.columns(len(EXPORT_FORMATS))
    for column, form in zip(columns, EXPORT_FORMATS, strict=True):
        with column:
            label = form.upper()
            prepared_file(
                f"audit_export_{form}",
                (texts("audit.prepare", format=label), texts("audit.download", format=label)),
                made_of,
                maker(form),
                f"som-{kind}{suffix}.{form}",
                note=texts("audit.prepared"),
            )
