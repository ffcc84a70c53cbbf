"""Override analytics against the hand-counted records of `audit_records` (SOM.md §6)."""

from __future__ import annotations

import pytest
from audit_records import make_audit_records

from storage import Database, ValidationFailed
from storage.audit_analytics import (
    REVIEW_ONE_WAY_VARIABLE,
    REVIEW_RATE_VARIABLE,
    AuditAnalytics,
    ReviewThresholds,
    audit_analytics,
    review_thresholds,
)


@pytest.fixture
def analytics(database: Database) -> AuditAnalytics:
    make_audit_records(database)
    return audit_analytics(database, thresholds=ReviewThresholds())


def _table(frame, key: str) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    return {row[key]: row for row in frame.to_dict("records")}


def test_overall_rate_is_admissions_overridden_over_admissions_assessed(
    analytics: AuditAnalytics,
) -> None:
    assert (analytics.assessed, analytics.overridden) == (6, 4)
    assert analytics.overall_rate == pytest.approx(4 / 6)
    assert (analytics.up, analytics.down) == (3, 2)


def test_rate_per_decisive_criterion(analytics: AuditAnalytics) -> None:
    rows = _table(analytics.by_criterion, "decisive")
    counts = {k: (r["assessed"], r["overridden"], r["up"], r["down"]) for k, r in rows.items()}
    assert counts == {
        "C07": (1, 1, 0, 1),
        "C08": (1, 0, 0, 0),
        "C09": (3, 2, 2, 0),
        "none": (1, 1, 1, 1),
    }
    assert rows["C09"]["rate"] == pytest.approx(2 / 3)
    assert rows["C08"]["rate"] == 0.0


def test_rate_per_prison_policy_user_and_month(analytics: AuditAnalytics) -> None:
    prisons = _table(analytics.by_prison, "pi")
    assert (prisons["Sittard"]["assessed"], prisons["Sittard"]["overridden"]) == (5, 3)
    assert prisons["Sittard"]["rate"] == pytest.approx(0.6)
    assert prisons["Arnhem"]["rate"] == pytest.approx(1.0)
    policy = _table(analytics.by_policy, "policy_version")["default"]
    assert (policy["assessed"], policy["overridden"]) == (6, 4)
    users = _table(analytics.by_user, "user_name")
    ingrid, joost = users["Ingrid Smeets"], users["Joost Hendriks"]
    assert (ingrid["handled"], ingrid["overridden"], ingrid["up"], ingrid["down"]) == (4, 3, 2, 1)
    assert ingrid["rate"] == pytest.approx(0.75)
    assert (joost["handled"], joost["overridden"]) == (3, 2)
    month = _table(analytics.over_time, "period")
    assert list(month) == ["2026-11"]
    assert (month["2026-11"]["assessed"], month["2026-11"]["overridden"]) == (6, 4)


def test_rate_per_criterion_within_each_prison(analytics: AuditAnalytics) -> None:
    table = analytics.by_criterion_prison
    counts = {
        (r["decisive"], r["pi"]): (r["assessed"], r["overridden"], r["up"], r["down"])
        for r in table.to_dict("records")
    }
    assert counts == {
        ("C07", "Sittard"): (1, 1, 0, 1),
        ("C08", "Sittard"): (1, 0, 0, 0),
        ("C09", "Arnhem"): (1, 1, 1, 0),
        ("C09", "Sittard"): (2, 1, 1, 0),
        ("none", "Sittard"): (1, 1, 1, 1),
    }
    c09_sittard = table[(table["decisive"] == "C09") & (table["pi"] == "Sittard")]
    assert c09_sittard["rate"].tolist() == [pytest.approx(0.5)]


def test_weekly_periods_are_iso_weeks(database: Database) -> None:
    make_audit_records(database)
    weeks = audit_analytics(database, period="week").over_time
    overridden = dict(zip(weeks["period"], weeks["overridden"], strict=True))
    # O1 in week 46, O2 in 47, O3 (Dutch 25 Nov) O4 O5 in week 48.
    assert overridden == {"2026-W46": 1, "2026-W47": 1, "2026-W48": 2}


def test_reason_categories_count_overrides_with_their_direction(
    analytics: AuditAnalytics,
) -> None:
    rows = _table(analytics.reasons, "reason_category")
    assert {k: (r["overrides"], r["up"], r["down"]) for k, r in rows.items()} == {
        "capacity": (1, 0, 1),
        "cm_concern": (1, 1, 0),
        "new_information": (1, 1, 0),
        "other": (1, 0, 1),
        "professional_weighing": (1, 1, 0),
    }


def test_outcomes_are_the_current_joint_decision_of_the_overridden(
    analytics: AuditAnalytics,
) -> None:
    outcomes = dict(
        zip(analytics.outcomes["option"], analytics.outcomes["admissions"], strict=True)
    )
    assert outcomes == {"no_decision": 3, "repeat_after_verdict": 1}


def test_criteria_most_overruled_flags_rate_and_one_way(analytics: AuditAnalytics) -> None:
    table = analytics.most_overruled
    # Highest rate first; equal rates by admissions overridden, then by criterion.
    assert table["decisive"].tolist() == ["C07", "none", "C09", "C08"]
    rows = _table(table, "decisive")
    assert rows["C09"]["flag_reasons"] == "rate,one_way"
    assert rows["none"]["flag_reasons"] == "rate"
    assert rows["none"]["one_way_share"] == pytest.approx(0.5)
    assert rows["C08"]["flagged"] is False or not rows["C08"]["flagged"]


def test_thresholds_are_configurable(database: Database) -> None:
    make_audit_records(database)
    strict = audit_analytics(database, thresholds=ReviewThresholds(rate=1.01, one_way=0.99))
    rows = _table(strict.most_overruled, "decisive")
    assert rows["C09"]["flag_reasons"] == "one_way"
    assert not rows["none"]["flagged"]
    # C09: 2 of 3 admissions overridden (0.67), both up.
    middle = audit_analytics(database, thresholds=ReviewThresholds(rate=0.7, one_way=1.0))
    rows = _table(middle.most_overruled, "decisive")
    assert not rows["C09"]["flagged"] and rows["C07"]["flag_reasons"] == "rate"


def test_thresholds_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REVIEW_RATE_VARIABLE, "0.2")
    monkeypatch.setenv(REVIEW_ONE_WAY_VARIABLE, "0.75")
    assert review_thresholds() == ReviewThresholds(rate=0.2, one_way=0.75)
    monkeypatch.setenv(REVIEW_RATE_VARIABLE, "ten percent")
    with pytest.raises(ValidationFailed) as raised:
        review_thresholds()
    assert REVIEW_RATE_VARIABLE in raised.value.errors


def test_an_empty_database_has_no_rates(database: Database) -> None:
    empty = audit_analytics(database, thresholds=ReviewThresholds())
    assert (empty.assessed, empty.overridden, empty.overall_rate) == (0, 0, 0.0)
    assert empty.most_overruled.empty
    assert empty.by_criterion_prison.empty


def test_a_transfer_after_an_earlier_count_is_counted_in_both_prisons(database: Database) -> None:
    from audit_records import feed_rows
    from storage_feeds import import_rows

    make_audit_records(database)
    before = _table(audit_analytics(database).by_prison, "pi")
    assert before["Arnhem"]["assessed"] == 1
    dji_rows, iris_rows = feed_rows(information_date_of_1000003="2026-11-20")
    dji_rows[0]["pi"] = "Arnhem"  # 1000001 moves to Arnhem: a new input version
    import_rows(database, dji_rows, iris_rows)
    after = _table(audit_analytics(database).by_prison, "pi")
    assert (after["Arnhem"]["assessed"], after["Sittard"]["assessed"]) == (2, 5)


def test_an_input_without_a_prison_counts_under_unknown_once(database: Database) -> None:
    import json

    from sqlalchemy import text

    from storage.audit_analytics import UNKNOWN_PRISON
    from tests.storage.tampering import tamper

    make_audit_records(database)
    with database.read() as connection:
        rows = connection.execute(text("SELECT id, inputs_json FROM input_versions")).all()
    statements = []
    for number, document in rows:
        inputs = json.loads(document)
        if inputs.get("pi") == "Arnhem":
            inputs["pi"] = None
            escaped = json.dumps(inputs).replace("'", "''")
            statements.append(
                f"UPDATE input_versions SET inputs_json = '{escaped}' WHERE id = {number}"
            )
    assert statements, "1000005's inputs name Arnhem"
    tamper(database.engine, ("input_versions",), *statements)
    figures = audit_analytics(database, thresholds=ReviewThresholds())
    pairs = figures.by_criterion_prison
    unknown = pairs[pairs["pi"] == UNKNOWN_PRISON]
    assert unknown[["decisive", "assessed", "overridden", "up"]].values.tolist() == [
        ["C09", 1, 1, 1]
    ]
    prisons = _table(figures.by_prison, "pi")
    assert (prisons[UNKNOWN_PRISON]["assessed"], prisons[UNKNOWN_PRISON]["overridden"]) == (1, 1)
