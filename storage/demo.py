"""`som demo`: fill an empty database with a year of realistic SOM history.

The history is replayed week by week, the way it would have happened: each week's snapshot of
the three demo prisons is imported (new admissions, releases, changed data, re-scoring and
signals), and the demo's case managers and probation workers act on what they see — overrides
with readable justifications (some later withdrawn, some going stale when the data change),
joint decisions, signals marked seen. The last import, on `as_of`, holds the committed sample,
a generated current population and the history's detainees still inside.

Everything is seeded: the same `as_of` and seed always give the same database content.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from feeds import parse_feeds
from fixtures.generate import (
    DJI_COLUMNS,
    IRIS_COLUMNS,
    SAMPLE_DIRECTORY,
    generate_intake_history,
    generate_population,
)
from storage.database import Database
from storage.demo_activity import Activity, DemoCounts
from storage.importer import import_feeds
from storage.status import is_empty

Row = dict[str, str]

#: Weekly intake of the three demo prisons in the history (a tenth of the national rate keeps
#: the demo population at a few hundred).
HISTORY_PER_WEEK = 12
CURRENT_POPULATION = 200
#: Weeks before `as_of` in which professionals act and snapshots are weekly; before that the
#: history is data only, imported every fourth week (which keeps `som demo` to a few seconds).
ACTIVE_WEEKS = 12
#: A history admission without a release date stays this long.
DEFAULT_STAY_DAYS = 42


@dataclass(frozen=True)
class DemoSummary:
    """What `fill_demo` stored."""

    imports: int
    admissions_total: int
    current_admissions: int
    counts: DemoCounts


@dataclass
class _Person:
    dji: Row
    iris: Row | None
    start: date
    end: date | None
    earlier: tuple[Row, Row | None] | None = None
    change_day: date | None = None

    def present(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def rows(self, day: date) -> tuple[Row, Row | None]:
        if self.earlier is not None and self.change_day is not None and day < self.change_day:
            return self.earlier
        return self.dji, self.iris


def fill_demo(
    database: Database, as_of: date, *, seed: int = 2026, weeks: int = 52
) -> DemoSummary | None:
    """Fill an empty database with demo data up to `as_of`; returns None (and writes nothing)
    when the database already holds admissions."""
    if not is_empty(database):
        return None
    rng = random.Random(seed)
    people = _history_people(as_of, seed, weeks) + _current_people(as_of, seed, rng)
    changing = {p.dji["skn"]: p.change_day for p in people if p.change_day is not None}
    activity = Activity(database, rng, changing)
    days = [
        as_of - timedelta(days=7 * week)
        for week in range(weeks, 0, -1)
        if week <= ACTIVE_WEEKS or week % 4 == 0
    ] + [as_of]
    admissions_total = 0
    for day in days:
        present = [person.rows(day) for person in people if person.present(day)]
        admissions_total += _import_snapshot(database, present, day)
        if day != as_of and (as_of - day).days <= 7 * ACTIVE_WEEKS:
            activity.week(day, _moment(day, hour=15))
    activity.after_last_import(_moment(as_of, hour=13))
    current = sum(1 for person in people if person.present(as_of))
    return DemoSummary(len(days), admissions_total, current, activity.counts)


def _import_snapshot(database: Database, rows: Sequence[tuple[Row, Row | None]], day: date) -> int:
    dji_rows = [dji for dji, _ in rows]
    iris_rows = [iris for _, iris in rows if iris is not None]
    feed = parse_feeds(_csv_bytes(dji_rows, DJI_COLUMNS), _csv_bytes(iris_rows, IRIS_COLUMNS))
    summary = import_feeds(
        database,
        feed,
        dji_file=f"demo/{day}/dji.csv",
        iris_file=f"demo/{day}/iris.csv",
        as_of=day,
        now=_moment(day, hour=7),
    )
    return summary.new_admissions


def _history_people(as_of: date, seed: int, weeks: int) -> list[_Person]:
    dji_rows, iris_rows = generate_intake_history(weeks, as_of, seed, per_week=HISTORY_PER_WEEK)
    iris_by_skn = {row["skn"]: row for row in iris_rows}
    people = []
    for dji in dji_rows:
        intake = date.fromisoformat(dji["intake_date"])
        release_cell = dji["expected_release_date"]
        end = (
            date.fromisoformat(release_cell)
            if release_cell
            else intake + timedelta(days=DEFAULT_STAY_DAYS)
        )
        end = max(end, intake + timedelta(days=1))
        people.append(_Person(dji, iris_by_skn.get(dji["skn"]), intake, end))
    return people


def _current_people(as_of: date, seed: int, rng: random.Random) -> list[_Person]:
    sample_dji = _read_csv(SAMPLE_DIRECTORY / "dji.csv")
    sample_iris = {row["skn"]: row for row in _read_csv(SAMPLE_DIRECTORY / "iris.csv")}
    generated_dji, generated_iris_rows = generate_population(CURRENT_POPULATION, as_of, seed + 1)
    generated_iris = {row["skn"]: row for row in generated_iris_rows}
    people = []
    seen: set[str] = set()
    for dji, iris_by_skn in [(row, sample_iris) for row in sample_dji] + [
        (row, generated_iris) for row in generated_dji
    ]:
        if dji["skn"] in seen:
            continue
        seen.add(dji["skn"])
        iris = iris_by_skn.get(dji["skn"])
        intake_cell = dji["intake_date"]
        start = date.fromisoformat(intake_cell) if intake_cell else as_of - timedelta(days=10)
        person = _Person(dji, iris, min(start, as_of), None)
        _give_history(person, as_of, rng)
        people.append(person)
    return people


def _give_history(person: _Person, as_of: date, rng: random.Random) -> None:
    """Let some current detainees' data change in recent weeks: a verdict, an advice delivered,
    a new RISC, a new flag — each a reason for a signal and for overrides to go stale."""
    dji, iris = person.dji, person.iris
    earlier_dji, earlier_iris = dict(dji), dict(iris) if iris is not None else None
    roll = rng.random()
    flags = ("supervision_after_detention", "article_43_3_placement", "no_residence_status")
    if dji["phase"] == "sentenced" and roll < 0.35:
        earlier_dji["phase"] = "remand"
        for flag in (*flags[:2], "isd_imposed", "tbs_imposed", "outflow_care_authorisation"):
            earlier_dji[flag] = "false"
    elif earlier_iris is not None and dji["phase"] == "remand" and roll < 0.35:
        if iris is not None and iris["advice_requested"] == "true":
            return
        earlier_iris["advice_requested"] = "true"
    elif earlier_iris is not None and earlier_iris["risc_date"] and roll < 0.5:
        for column in (
            "risc_date",
            "recidivism_risk",
            "injury_risk",
            "absconding_risk",
            "criminogenic_factors",
        ):
            earlier_iris[column] = ""
    elif any(dji[flag] == "true" for flag in flags):
        for flag in flags:
            earlier_dji[flag] = "false"
    else:
        return
    first_possible = max(person.start + timedelta(days=7), as_of - timedelta(days=70))
    if first_possible >= as_of:
        return
    offset = int(rng.random() * (as_of - first_possible).days)
    person.earlier = (earlier_dji, earlier_iris)
    person.change_day = first_possible + timedelta(days=offset)


def _read_csv(path: Path) -> list[Row]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def _csv_bytes(rows: Sequence[Row], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([row.get(column, "") for column in columns] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _moment(day: date, hour: int) -> datetime:
    # Never in the future: on `as_of` = today the demo's last actions happen "just now".
    return min(datetime.combine(day, time(hour), tzinfo=UTC), datetime.now(UTC))
