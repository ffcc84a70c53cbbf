"""Override analytics for the auditor: how often, where, by whom and which way professionals
overrule the automated band, and which criteria need review.

Definitions (docs/audit.md, section Analytics):

- An admission is *overridden* when it has at least one override record (any status: a later
  withdrawal or replacement does not undo that the professional disagreed).
- *Override rate of a group* = distinct admissions overridden in that group / distinct
  admissions assessed in that group. For a decisive criterion the group is "the automated band
  was decided by this criterion": the numerator counts admissions with an override whose
  automated band that criterion decided, the denominator admissions with any assessment that
  criterion decided. Per policy version and per prison likewise (the prison of the input version
  the override or assessment was made on); over time per Dutch calendar month or ISO week (the
  override's day against the assessments made in that period).
- Per user the rate is distinct admissions the user overrode / distinct admissions the user
  recorded an override or a decision on (the cases they handled).
- Directions and reason categories count override records.
- A criterion is *flagged for review* when its rate ≥ the review rate, or when more than the
  one-way share of its overrides go in one direction. Both thresholds are settings
  (`SOM_AUDIT_REVIEW_RATE`, `SOM_AUDIT_REVIEW_ONE_WAY`; defaults 0.10 and 0.90): they are about
  reading the evidence, not about scoring, so they are not part of the published policy.

Everything is computed with grouped SQL and pandas aggregates, never per row in Python.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from itertools import pairwise
from typing import Any, Final
from weakref import WeakKeyDictionary

import numpy as np
import pandas as pd
from sqlalchemy import (
    JSON,
    Connection,
    Engine,
    case,
    cast,
    distinct,
    func,
    literal,
    select,
    type_coerce,
    union_all,
)

from scoring.vocabulary import BAND_RANK
from storage.actor import SYSTEM, Actor
from storage.audit_views import NO_DECISIVE
from storage.clock import LOCAL_TIME
from storage.database import Database
from storage.decisions import current_decisions_query
from storage.errors import ValidationFailed, database_errors_translated
from storage.permissions import require
from storage.schema import (
    UTCDateTime,
    assessments,
    decisions,
    input_versions,
    overrides,
    policies,
)

#: The group of assessments and overrides whose input names no prison (an altered document).
UNKNOWN_PRISON: Final = "unknown"
REVIEW_RATE_VARIABLE: Final = "SOM_AUDIT_REVIEW_RATE"
REVIEW_ONE_WAY_VARIABLE: Final = "SOM_AUDIT_REVIEW_ONE_WAY"
#: Flag a criterion when at least this share of the admissions it decided were overridden.
REVIEW_RATE: Final = 0.10
#: Flag a criterion when more than this share of its overrides go one way.
REVIEW_ONE_WAY: Final = 0.90
PERIODS: Final[tuple[str, ...]] = ("month", "week")
#: The outcome of an overridden admission that has no joint decision yet.
NO_DECISION: Final = "no_decision"

#: Columns of each group table (the first column names the group).
RATE_COLUMNS: Final[tuple[str, ...]] = ("assessed", "overridden", "rate", "up", "down")
MOST_OVERRULED_COLUMNS: Final[tuple[str, ...]] = (
    "decisive",
    *RATE_COLUMNS,
    "one_way_share",
    "flagged",
    "flag_reasons",
)


@dataclass(frozen=True)
class ReviewThresholds:
    """When a criterion is flagged for review."""

    rate: float = REVIEW_RATE
    one_way: float = REVIEW_ONE_WAY


def review_thresholds(rate: float | None = None, one_way: float | None = None) -> ReviewThresholds:
    """The thresholds: explicit values, else the environment settings, else the defaults.
    `ValidationFailed` names a setting that is not a share between 0 and 1."""
    problems: dict[str, str] = {}
    chosen = []
    for name, explicit, variable, default in (
        ("rate", rate, REVIEW_RATE_VARIABLE, REVIEW_RATE),
        ("one_way", one_way, REVIEW_ONE_WAY_VARIABLE, REVIEW_ONE_WAY),
    ):
        setting = explicit if explicit is not None else os.environ.get(variable, "").strip()
        if setting in ("", None):
            chosen.append(default)
            continue
        try:
            value = float(setting)
        except ValueError:
            value = -1.0
        if not 0 <= value <= 1:
            where = name if explicit is not None else variable
            problems[where] = f"{str(setting)[:40]!r} is not a share between 0 and 1 (e.g. 0.10)"
        chosen.append(value)
    if problems:
        raise ValidationFailed(problems)
    return ReviewThresholds(rate=chosen[0], one_way=chosen[1])


@dataclass(frozen=True)
class AuditAnalytics:
    """The analytics of the audit page; every table a DataFrame (see the module docstring)."""

    assessed: int
    overridden: int
    overall_rate: float
    up: int
    down: int
    by_criterion: pd.DataFrame
    by_prison: pd.DataFrame
    #: Per decisive criterion within each prison: where a criterion is overruled, which way.
    by_criterion_prison: pd.DataFrame
    by_policy: pd.DataFrame
    by_user: pd.DataFrame
    over_time: pd.DataFrame
    reasons: pd.DataFrame
    outcomes: pd.DataFrame
    most_overruled: pd.DataFrame
    thresholds: ReviewThresholds


def audit_analytics(
    database: Database,
    *,
    actor: Actor = SYSTEM,
    period: str = "month",
    thresholds: ReviewThresholds | None = None,
) -> AuditAnalytics:
    """The override analytics over every stored assessment and override."""
    require(actor, "view_audit")
    if period not in PERIODS:
        raise ValidationFailed(
            {"period": f"must be one of {', '.join(PERIODS)} (found {period!r})"}
        )
    limits = thresholds or review_thresholds()
    with database_errors_translated(), database.read() as connection:
        made = _overrides_made(connection)
        assessed = _assessed_total(connection)
        per_criterion, per_prison, per_policy, per_both = _assessed_per_group(database, connection)
        per_period = _assessed_per_period(connection, period)
        handled = _decided_admissions(connection)
        outcomes = _outcomes(connection, made)
    by_criterion = _rates(made, per_criterion, "decisive")
    return AuditAnalytics(
        assessed=assessed,
        overridden=int(made["admission_id"].nunique()),
        overall_rate=_share(made["admission_id"].nunique(), assessed),
        up=int((made["direction"] == "up").sum()),
        down=int((made["direction"] == "down").sum()),
        by_criterion=by_criterion,
        by_prison=_rates(made, per_prison, "pi"),
        by_criterion_prison=_rates(made, per_both, ["decisive", "pi"]),
        by_policy=_rates(made, per_policy, "policy_version"),
        by_user=_by_user(made, handled),
        over_time=_over_time(made, per_period, period),
        reasons=_reasons(made),
        outcomes=outcomes,
        most_overruled=most_overruled(by_criterion, limits),
        thresholds=limits,
    )


def most_overruled(by_criterion: pd.DataFrame, limits: ReviewThresholds) -> pd.DataFrame:
    """The criteria, highest override rate first, each with its one-way share and whether (and
    why: `rate`, `one_way`) it is flagged for review."""
    table = by_criterion.copy()
    total = table["up"] + table["down"]
    table["one_way_share"] = (table[["up", "down"]].max(axis=1) / total.where(total > 0)).fillna(
        0.0
    )
    by_rate = table["rate"] >= limits.rate
    by_direction = table["one_way_share"] > limits.one_way
    table["flagged"] = by_rate | by_direction
    table["flag_reasons"] = [
        ",".join(reason for reason, on in (("rate", r), ("one_way", w)) if on)
        for r, w in zip(by_rate.tolist(), by_direction.tolist(), strict=True)
    ]
    table = table.sort_values(["rate", "overridden", "decisive"], ascending=[False, False, True])
    return table[list(MOST_OVERRULED_COLUMNS)].reset_index(drop=True)


def _share(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else 0.0


def _pi_of(connection: Connection) -> Any:
    column = input_versions.c.inputs_json
    if connection.dialect.name == "sqlite":
        return type_coerce(column, JSON)["pi"].as_string()
    return cast(column, JSON)["pi"].as_string()


def _assessed_counts(connection: Connection, *groups: Any) -> pd.Series:
    """Distinct admissions assessed per value of `groups` (one: an index; two: a MultiIndex),
    counted by the database (a handful of rows come back, not one per assessment)."""
    labelled = [group.label(f"group_{number}") for number, group in enumerate(groups)]
    query = (
        select(*labelled, func.count(distinct(assessments.c.admission_id)))
        .select_from(assessments)
        .join(input_versions, input_versions.c.id == assessments.c.input_version_id)
        .join(policies, policies.c.id == assessments.c.policy_id)
        .group_by(*groups)
    )
    rows = connection.execute(query).all()
    counts: dict[Any, int] = {}
    for *values, count in rows:
        keys = tuple(NO_DECISIVE if value is None else value for value in values)
        counts[keys[0] if len(keys) == 1 else keys] = int(count)
    return pd.Series(counts, dtype="int64")


def _assessed_per_prison(connection: Connection) -> tuple[pd.Series, pd.Series]:
    """Distinct admissions assessed per prison and per (criterion, prison), in one statement:
    both counts read one common table, which SQLite materialises, so the prison is read out of
    each input document once."""
    seen = (
        select(
            assessments.c.admission_id,
            assessments.c.decisive,
            _pi_of(connection).label("pi"),
        )
        .join(input_versions, input_versions.c.id == assessments.c.input_version_id)
        .cte("seen")
    )
    admissions_seen = func.count(distinct(seen.c.admission_id))
    per_prison = select(literal("pi"), literal(None), seen.c.pi, admissions_seen).group_by(
        seen.c.pi
    )
    per_pair = select(literal("pair"), seen.c.decisive, seen.c.pi, admissions_seen).group_by(
        seen.c.decisive, seen.c.pi
    )
    prisons: dict[Any, int] = {}
    pairs: dict[Any, int] = {}
    for kind, decisive, pi, count in connection.execute(union_all(per_prison, per_pair)).all():
        prison = UNKNOWN_PRISON if pi is None else pi
        if kind == "pi":
            prisons[prison] = int(count)
        else:
            pairs[(NO_DECISIVE if decisive is None else decisive, prison)] = int(count)
    return pd.Series(prisons, dtype="int64"), pd.Series(pairs, dtype="int64")


#: The prison of each input version, per engine. Input versions are append-only and written by
#: one writer at a time (ids commit in order), so a version's prison never changes and only
#: versions newer than the highest known id need reading.
_VERSION_PRISONS: WeakKeyDictionary[Engine, dict[int, str | None]] = WeakKeyDictionary()


def _assessed_per_group(
    database: Database, connection: Connection
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """Distinct admissions assessed per decisive criterion, per prison of the assessed input
    version, per policy version, and per criterion and prison together.

    SQLite counts each in SQL and reads the prison out of the stored JSON itself, fast enough for
    every row. PostgreSQL parses the whole text as JSON per row (most of a second at 100,000), so
    there the prison of each input version is read once and kept, the distinct (admission,
    input version, criterion, policy) rows come back once, and pandas counts the three groups.
    """
    if connection.dialect.name == "sqlite":
        per_prison, per_both = _assessed_per_prison(connection)
        return (
            _assessed_counts(connection, assessments.c.decisive),
            per_prison,
            _assessed_counts(connection, policies.c.version),
            per_both,
        )
    known = _VERSION_PRISONS.setdefault(database.engine, {})
    newer = select(input_versions.c.id, _pi_of(connection)).where(
        input_versions.c.id > max(known, default=0)
    )
    known.update((int(version), pi) for version, pi in connection.execute(newer).all())
    versions = dict(connection.execute(select(policies.c.id, policies.c.version)).all())
    rows = select(
        assessments.c.admission_id,
        assessments.c.input_version_id,
        assessments.c.decisive,
        assessments.c.policy_id,
    ).distinct()
    frame = pd.DataFrame(
        [tuple(row) for row in connection.execute(rows).all()],
        columns=["admission_id", "input_version_id", "decisive", "policy_id"],
    )
    frame["pi"] = frame["input_version_id"].map(known).fillna(UNKNOWN_PRISON)
    frame["policy_version"] = frame["policy_id"].map(versions)
    frame["decisive"] = frame["decisive"].fillna(NO_DECISIVE)
    counted = [
        frame.groupby(group)["admission_id"].nunique().astype("int64")
        for group in ("decisive", "pi", "policy_version", ["decisive", "pi"])
    ]
    return counted[0], counted[1], counted[2], counted[3]


def _assessed_total(connection: Connection) -> int:
    query = select(func.count(distinct(assessments.c.admission_id)))
    return int(connection.execute(query).scalar() or 0)


def _assessed_per_period(connection: Connection, period: str) -> pd.Series:
    """Distinct admissions assessed per Dutch month or ISO week: the periods' first moments are
    worked out here (in Dutch time), the database sorts each assessment into one."""
    first, last = connection.execute(
        select(func.min(assessments.c.created_at), func.max(assessments.c.created_at))
    ).one()
    if first is None:
        return pd.Series(dtype="int64")
    starts = _period_starts(_moment(first), _moment(last), period)
    created = assessments.c.created_at
    bound = [
        (created < literal(following, UTCDateTime()), label)
        for (_, label), (following, _) in pairwise(starts)
    ]
    label_of = case(*bound, else_=starts[-1][1]) if bound else literal(starts[-1][1])
    query = select(
        label_of.label("period"), func.count(distinct(assessments.c.admission_id))
    ).group_by(label_of)
    return pd.Series(dict(connection.execute(query).all()), dtype="int64")


def _moment(value: Any) -> datetime:
    # min()/max() lose the column's type on SQLite: the stored UTC text comes back as is.
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _period_starts(first: datetime, last: datetime, period: str) -> list[tuple[datetime, str]]:
    """(first moment in UTC, label) of every period from the one holding `first` to the one
    holding `last`, in Dutch time."""
    day = first.astimezone(LOCAL_TIME).date()
    end = last.astimezone(LOCAL_TIME).date()
    day = day.replace(day=1) if period == "month" else day - timedelta(days=day.weekday())
    starts = []
    while day <= end:
        if period == "month":
            label = f"{day:%Y-%m}"
            following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            year, week, _ = day.isocalendar()
            label = f"{year}-W{week:02d}"
            following = day + timedelta(days=7)
        starts.append((datetime.combine(day, time(0), tzinfo=LOCAL_TIME).astimezone(UTC), label))
        day = following
    return starts


def _overrides_made(connection: Connection) -> pd.DataFrame:
    """Every override record with what the analytics group by (one row per override)."""
    query = (
        select(
            overrides.c.admission_id,
            overrides.c.decisive,
            _pi_of(connection).label("pi"),
            policies.c.version.label("policy_version"),
            overrides.c.user_name,
            overrides.c.user_role,
            overrides.c.automated_band,
            overrides.c.band,
            overrides.c.reason_category,
            overrides.c.created_at,
        )
        .select_from(overrides)
        .join(input_versions, input_versions.c.id == overrides.c.input_version_id)
        .join(policies, policies.c.id == overrides.c.policy_id)
        .where(overrides.c.kind == "override")
    )
    rows = [tuple(row) for row in connection.execute(query).all()]
    frame = pd.DataFrame(rows, columns=list(_MADE_COLUMNS))
    frame["decisive"] = frame["decisive"].fillna(NO_DECISIVE)
    frame["pi"] = frame["pi"].fillna(UNKNOWN_PRISON)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    rank_chosen = frame["band"].map(BAND_RANK)
    rank_automated = frame["automated_band"].map(BAND_RANK)
    frame["direction"] = np.select(
        [(rank_chosen < rank_automated).to_numpy(), (rank_chosen > rank_automated).to_numpy()],
        ["up", "down"],
        default="",
    )
    return frame


_MADE_COLUMNS: Final = (
    "admission_id",
    "decisive",
    "pi",
    "policy_version",
    "user_name",
    "user_role",
    "automated_band",
    "band",
    "reason_category",
    "created_at",
)


def _rates(made: pd.DataFrame, denominators: pd.Series, group: str | list[str]) -> pd.DataFrame:
    groups = [group] if isinstance(group, str) else group
    numerators = made.groupby(groups, dropna=False)["admission_id"].nunique()
    if len(groups) == 1:
        numerators.index = numerators.index.get_level_values(0)
    ways = _directions(made, groups)
    denominators, numerators = _named(denominators, groups), _named(numerators, groups)
    table = pd.DataFrame({"assessed": denominators, "overridden": numerators})
    table = table.join(ways, how="outer").fillna(0).astype(int)
    table["rate"] = (table["overridden"] / table["assessed"].where(table["assessed"] > 0)).fillna(
        0.0
    )
    table.index.names = groups
    table = table.reset_index().sort_values(groups, na_position="last", key=_text_key)
    return table[[*groups, *RATE_COLUMNS]].reset_index(drop=True)


def _named(counts: pd.Series, groups: list[str]) -> pd.Series:
    """`counts` indexed by `groups` (an empty one gets an empty index of that shape)."""
    if counts.empty and len(groups) > 1:
        empty = pd.MultiIndex.from_tuples([], names=groups)
        return pd.Series([], index=empty, dtype="int64")
    return counts.set_axis(counts.index.set_names(groups))


def _text_key(values: pd.Series) -> pd.Series:
    return values.astype(str)


def _directions(made: pd.DataFrame, group: str | list[str]) -> pd.DataFrame:
    groups = [group] if isinstance(group, str) else group
    counts = made.groupby([*groups, "direction"], dropna=False).size().unstack(fill_value=0)
    if len(groups) == 1:
        counts.index = counts.index.get_level_values(0)
    return counts.reindex(columns=["up", "down"], fill_value=0)


def _decided_admissions(connection: Connection) -> pd.DataFrame:
    query = select(decisions.c.user_name, decisions.c.admission_id).distinct()
    rows = [tuple(row) for row in connection.execute(query).all()]
    return pd.DataFrame(rows, columns=["user_name", "admission_id"])


def _by_user(made: pd.DataFrame, decided: pd.DataFrame) -> pd.DataFrame:
    handled = pd.concat([made[["user_name", "admission_id"]], decided], ignore_index=True)
    table = pd.DataFrame(
        {
            "handled": handled.groupby("user_name")["admission_id"].nunique(),
            "overridden": made.groupby("user_name")["admission_id"].nunique(),
            "overrides": made.groupby("user_name").size(),
        }
    )
    table = table.join(_directions(made, "user_name"), how="left").fillna(0).astype(int)
    table["rate"] = (table["overridden"] / table["handled"].where(table["handled"] > 0)).fillna(0.0)
    roles = made.groupby("user_name")["user_role"].first()
    table["user_role"] = roles.reindex(table.index)
    table.index.name = "user_name"
    columns = ["user_name", "user_role", "handled", "overridden", "overrides", "rate", "up", "down"]
    return table.reset_index().sort_values("user_name")[columns].reset_index(drop=True)


def _period_of(moments: pd.Series, period: str) -> pd.Series:
    local = moments.dt.tz_convert(LOCAL_TIME)
    if period == "month":
        months: pd.Series = local.dt.strftime("%Y-%m")
        return months
    iso = local.dt.isocalendar()
    weeks: pd.Series = iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
    return weeks


def _over_time(made: pd.DataFrame, assessed: pd.Series, period: str) -> pd.DataFrame:
    made_in = made.assign(period=_period_of(made["created_at"], period))
    table = pd.DataFrame(
        {
            "assessed": assessed,
            "overridden": made_in.groupby("period")["admission_id"].nunique(),
        }
    )
    table = table.join(_directions(made_in, "period"), how="outer").fillna(0).astype(int)
    table["rate"] = (table["overridden"] / table["assessed"].where(table["assessed"] > 0)).fillna(
        0.0
    )
    table.index.name = "period"
    return (
        table.reset_index().sort_values("period")[["period", *RATE_COLUMNS]].reset_index(drop=True)
    )


def _reasons(made: pd.DataFrame) -> pd.DataFrame:
    table = pd.DataFrame({"overrides": made.groupby("reason_category").size()})
    table = table.join(_directions(made, "reason_category"), how="left").fillna(0).astype(int)
    table.index.name = "reason_category"
    table = table.reset_index().sort_values(
        ["overrides", "reason_category"], ascending=[False, True]
    )
    return table.reset_index(drop=True)


def _outcomes(connection: Connection, made: pd.DataFrame) -> pd.DataFrame:
    """Of the overridden admissions, how many have each current joint decision (or none)."""
    current = current_decisions_query().subquery("current_decision")
    overridden = select(overrides.c.admission_id).where(overrides.c.kind == "override")
    query = select(current.c.admission_id, current.c.option).where(
        current.c.admission_id.in_(overridden)
    )
    options = dict(connection.execute(query).all())
    admissions_overridden = pd.Series(made["admission_id"].unique())
    decided = admissions_overridden.map(options).fillna(NO_DECISION)
    counts = decided.value_counts()
    table = pd.DataFrame({"option": counts.index, "admissions": counts.to_numpy(dtype=int)})
    return table.sort_values(["admissions", "option"], ascending=[False, True]).reset_index(
        drop=True
    )
