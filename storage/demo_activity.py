"""What the demo's professionals do each week: decide, override, withdraw, look at signals.

Every action goes through the public storage service, exactly as the dashboard's would, and is
dated in the past (`now=`) so the audit trail reads like months of real use.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from storage.actor import Actor
from storage.database import Database
from storage.decisions import record_decision
from storage.demo_texts import (
    CASE_MANAGERS,
    DECISION_EXPLANATIONS,
    OVERRIDE_JUSTIFICATIONS,
    PROBATION_WORKERS,
    WITHDRAWAL_REASONS,
)
from storage.listing import list_current_admissions
from storage.overrides import record_override, withdraw_override
from storage.signals import mark_admission_signals_seen

DECISIONS_PER_WEEK = 5
OVERRIDES_PER_WEEK = 3
WITHDRAW_CHANCE = 0.05

_OPTIONS_BY_BAND: dict[str, tuple[tuple[str, float], ...]] = {
    "priority": (
        ("probation_prepare_supervision", 0.35),
        ("probation_behavioural_training", 0.2),
        ("probation_guidance_conversations", 0.2),
        ("probation_initiate_aftercare", 0.2),
        ("other", 0.05),
    ),
    "weighing": (
        ("no_priority", 0.3),
        ("request_advice", 0.2),
        ("probation_guidance_conversations", 0.2),
        ("probation_behavioural_training", 0.15),
        ("probation_initiate_aftercare", 0.15),
    ),
    "defer": (
        ("repeat_after_verdict", 0.6),
        ("request_advice", 0.3),
        ("probation_initiate_suspension", 0.1),
    ),
}


@dataclass
class DemoCounts:
    """How many records the demo's professionals made."""

    overrides: int = 0
    withdrawals: int = 0
    decisions: int = 0
    signals_seen: int = 0


class Activity:
    """The demo professionals, acting on the list as it stands after each weekly import."""

    def __init__(
        self, database: Database, rng: random.Random, changing: dict[str, date] | None = None
    ) -> None:
        self.database = database
        self.rng = rng
        self.changing = changing or {}
        self.counts = DemoCounts()
        self._overridden_on: dict[int, date] = {}

    def week(self, day: date, moment: datetime) -> None:
        """One week's work on `day`, starting at `moment`."""
        frame = list_current_admissions(self.database)
        screened = frame[frame["band"] != "not_yet"]
        clock = _Clock(moment)
        self._decide(screened, clock)
        self._override(screened, day, clock)
        self._withdraw(frame, day, clock)
        self._look_at_signals(frame, clock, share=0.7)

    def after_last_import(self, moment: datetime) -> None:
        """The morning after the newest import: a few signals seen, most still new."""
        frame = list_current_admissions(self.database)
        self._look_at_signals(frame, _Clock(moment), share=0.2)

    def _decide(self, screened: pd.DataFrame, clock: _Clock) -> None:
        open_cases = screened[screened["decision"].isna() & screened["band"].isin(_OPTIONS_BY_BAND)]
        for row in self._some(open_cases, DECISIONS_PER_WEEK):
            option = _weighted(self.rng, _OPTIONS_BY_BAND[row["band"]])
            if row["decisive"] == "C08" and row["band"] == "priority":
                option = "probation_support_article_43_3"
            record_decision(
                self.database,
                int(row["admission_id"]),
                int(row["assessment_id"]),
                option,
                self.rng.choice(DECISION_EXPLANATIONS[option]),
                Actor(self.rng.choice(PROBATION_WORKERS), "probation_worker"),
                partner_name=self._case_manager(row).name,
                now=clock.next(),
            )
            self.counts.decisions += 1

    def _override(self, screened: pd.DataFrame, day: date, clock: _Clock) -> None:
        free = screened[screened["override_id"].isna()]
        # Prefer detainees whose data will still change: their overrides go stale later.
        changing = free[free["skn"].map(lambda skn: self.changing.get(skn, day) > day)]
        pool = changing if len(changing) and self.rng.random() < 0.3 else free
        for row in self._some(pool, OVERRIDES_PER_WEEK):
            choices = [key for key in OVERRIDE_JUSTIFICATIONS if key[1] != row["band"]]
            reason, band = self.rng.choice(choices)
            actor = (
                self._case_manager(row)
                if reason == "cm_concern" or self.rng.random() < 0.4
                else Actor(self.rng.choice(PROBATION_WORKERS), "probation_worker")
            )
            override_id = record_override(
                self.database,
                int(row["admission_id"]),
                int(row["assessment_id"]),
                band,
                reason,
                self.rng.choice(OVERRIDE_JUSTIFICATIONS[(reason, band)]),
                actor,
                now=clock.next(),
            )
            self._overridden_on[override_id] = day
            self.counts.overrides += 1

    def _withdraw(self, frame: pd.DataFrame, day: date, clock: _Clock) -> None:
        active = frame[frame["override_id"].notna()]
        for row in _records(active):
            made = self._overridden_on.get(int(row["override_id"]), day)
            if day - made >= timedelta(days=14) and self.rng.random() < WITHDRAW_CHANCE:
                actor = Actor(row["override_by"], row["override_role"])
                withdraw_override(
                    self.database,
                    int(row["override_id"]),
                    self.rng.choice(WITHDRAWAL_REASONS),
                    actor,
                    now=clock.next(),
                )
                self.counts.withdrawals += 1

    def _look_at_signals(self, frame: pd.DataFrame, clock: _Clock, share: float) -> None:
        for row in _records(frame[frame["has_new_signal"]]):
            if self.rng.random() < share:
                self.counts.signals_seen += mark_admission_signals_seen(
                    self.database,
                    int(row["admission_id"]),
                    self._case_manager(row),
                    now=clock.next(),
                )

    def _some(self, frame: pd.DataFrame, how_many: int) -> list[dict[str, Any]]:
        rows = _records(frame)
        count = min(len(rows), max(0, round(self.rng.gauss(how_many, 1))))
        return self.rng.sample(rows, count)

    def _case_manager(self, row: dict[str, Any]) -> Actor:
        names = CASE_MANAGERS.get(str(row.get("pi")), CASE_MANAGERS["Sittard"])
        return Actor(names[int(row["admission_id"]) % len(names)], "case_manager")


class _Clock:
    """Successive moments a few minutes apart, so records keep their order in time."""

    def __init__(self, start: datetime) -> None:
        self._now = start

    def next(self) -> datetime:
        self._now += timedelta(minutes=7)
        return self._now


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(key): value for key, value in row.items()} for row in frame.to_dict("records")]


def _weighted(rng: random.Random, options: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random() * sum(weight for _, weight in options)
    for option, weight in options:
        roll -= weight
        if roll < 0:
            return option
    return options[-1][0]
