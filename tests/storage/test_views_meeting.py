"""The list as the multidisciplinary meeting reads it: the screening day, who awaits the joint
decision, and rows whose reason explains the band they are shown under."""

from __future__ import annotations

import pandas as pd
from storage_feeds import dji, import_rows, iris, newest
from test_views import WORKER, override, rows_by_skn

from scoring.policy import Policy, TierSwitches
from storage import Actor, Database, record_decision
from storage.policies import publish_policy

PLANNER = Actor("Carla Capaciteit", "capacity_manager")


def test_each_row_counts_the_days_to_its_screening_day_and_says_which_day_it_is(
    database: Database,
) -> None:
    import_rows(
        database,
        [
            dji("1000001", intake_date="2026-11-20"),
            dji("1000002", intake_date="2026-11-08"),
            dji("1000003"),
            dji("1000004", intake_date=""),
        ],
        [iris(skn) for skn in ("1000001", "1000002", "1000003", "1000004")],
    )
    rows = rows_by_skn(database)
    assert rows.loc["1000001", "screening_in_days"] == 12
    assert rows.loc["1000002", "screening_in_days"] == 0
    assert rows.loc["1000003", "screening_in_days"] == 21 - 60
    assert pd.isna(rows.loc["1000004", "screening_in_days"])
    assert rows.loc["1000001", "day_nl"] == "dag 9 van 21"
    assert rows.loc["1000001", "day_en"] == "day 9 of 21"
    assert rows.loc["1000004", "day_nl"] == ""


def test_the_day_follows_the_policys_screening_day(database: Database) -> None:
    import_rows(database, [dji("1000001", intake_date="2026-11-20")], [iris("1000001")])
    policy = Policy(version="vroeg", screening_day=14)
    publish_policy(database, policy, PLANNER, "earlier screening")
    row = rows_by_skn(database).loc["1000001"]
    day = row["days_since_intake"]
    assert (row["screening_in_days"], row["day_en"]) == (14 - day, f"day {day} of 14")


def test_priority_and_weighing_rows_await_the_joint_decision_until_it_is_recorded(
    database: Database,
) -> None:
    import_rows(
        database,
        [
            dji("1000001", supervision_after_detention="true"),
            dji("1000002"),
            dji("1000003", no_residence_status="true"),
            dji("1000004", intake_date="2026-11-20"),
            dji("1000005"),
        ],
        [iris(skn) for skn in ("1000001", "1000002", "1000003", "1000004", "1000005")],
    )
    admission_id, assessment_id, _ = newest(database, "1000005")
    record_decision(database, admission_id, assessment_id, "other", "Besproken.", WORKER)
    override(database, "1000003", "priority")
    awaiting = rows_by_skn(database)["awaiting_decision"].to_dict()
    assert awaiting == {
        "1000001": True,
        "1000002": True,
        "1000003": True,  # by its override
        "1000004": False,  # not yet
        "1000005": False,  # decided
    }


def test_a_weighing_row_gives_its_weighing_profile_and_tier_score(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    plain = rows_by_skn(database).loc["1000001"]
    assert plain["reason_nl"].startswith("geen criterium beslist; weegprofiel ")
    assert " van 5" in plain["reason_nl"]
    assert "tier" not in plain["reason_nl"], "no tier score while the policy counts no tier"
    policy = Policy(version="tiers", tiers=TierSwitches(high_risk=True))
    publish_policy(database, policy, PLANNER, "tiers on")
    tiers = rows_by_skn(database).loc["1000001"]
    assert tiers["reason_nl"].endswith("; tierscore 0")
    assert tiers["reason_en"].endswith("; tier score 0")
    assert "weighing profile " in tiers["reason_en"]


def test_an_overridden_row_leads_with_the_override_and_keeps_the_automated_reason_beside_it(
    database: Database,
) -> None:
    import_rows(
        database,
        [dji("1000001", supervision_after_detention="true")],
        [iris("1000001")],
    )
    override(database, "1000001", "no_priority")
    row = rows_by_skn(database).loc["1000001"]
    assert row["reason_nl"] == (
        f"override door {WORKER.name}: geen prioriteit (professionele weging)"
        " — automatisch: Toezicht na detentie (C07)"
    )
    assert row["reason_en"].startswith(f"override by {WORKER.name}: no priority (")
    assert row["reason_en"].endswith(" — automated: Supervision after detention (C07)")
