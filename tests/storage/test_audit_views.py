"""The auditor's override and decision lists: filters, status, direction, detail (SOM.md §6)."""

from __future__ import annotations

from datetime import date

import pytest
from audit_records import AuditRecords, make_audit_records

from storage import Actor, Database, ValidationFailed
from storage.audit_views import (
    AuditFilters,
    decision_list,
    direction,
    filter_problems,
    override_detail,
    override_list,
)
from storage.permissions import NotPermitted


@pytest.fixture
def records(database: Database) -> AuditRecords:
    return make_audit_records(database)


def _ids(database: Database, **chosen: object) -> list[int]:
    return override_list(database, AuditFilters(**chosen))["override_id"].tolist()  # type: ignore[arg-type]


def test_every_override_is_listed_newest_first_without_withdrawals(
    database: Database, records: AuditRecords
) -> None:
    assert _ids(database) == [records.o5, records.o4, records.o3, records.o2, records.o1]


def test_status_is_withdrawn_superseded_stale_or_active(
    database: Database, records: AuditRecords
) -> None:
    frame = override_list(database).set_index("override_id")
    assert frame.loc[records.o1, "status"] == "active"
    assert frame.loc[records.o2, "status"] == "withdrawn"
    assert frame.loc[records.o3, "status"] == "stale"
    assert frame.loc[records.o4, "status"] == "superseded"
    assert frame.loc[records.o5, "status"] == "active"
    assert _ids(database, status="stale") == [records.o3]


def test_direction_follows_band_order() -> None:
    assert direction("weighing", "priority") == "up"
    assert direction("weighing", "defer") == "down"
    assert direction("no_priority", "weighing") == "up"
    assert direction("priority", "priority") is None


def test_direction_filter(database: Database, records: AuditRecords) -> None:
    assert _ids(database, direction="up") == [records.o4, records.o2, records.o1]
    assert _ids(database, direction="down") == [records.o5, records.o3]


def test_period_is_dutch_calendar_days(database: Database, records: AuditRecords) -> None:
    # O3 was made at 23:30 UTC on 24 November: 25 November in the Netherlands.
    assert records.o3 in _ids(database, from_day=date(2026, 11, 25))
    assert records.o3 not in _ids(database, to_day=date(2026, 11, 24))
    window = _ids(database, from_day=date(2026, 11, 20), to_day=date(2026, 11, 25))
    assert window == [records.o3, records.o2]


def test_filters_by_prison_user_role_reason_criterion_and_policy(
    database: Database, records: AuditRecords
) -> None:
    assert _ids(database, prison="Arnhem") == [records.o2]
    assert _ids(database, user="Joost Hendriks") == [records.o5, records.o2]
    assert _ids(database, role="case_manager") == [records.o4, records.o3, records.o1]
    assert _ids(database, reason_category="capacity") == [records.o3]
    assert _ids(database, decisive="C09") == [records.o2, records.o1]
    assert _ids(database, decisive="none") == [records.o5, records.o4]
    assert _ids(database, policy_version="default") == _ids(database)
    assert _ids(database, policy_version="another") == []


def test_access_outside_own_prison_comes_from_the_access_log(
    database: Database, records: AuditRecords
) -> None:
    assert _ids(database, outside_own_prison=True) == [records.o2]
    assert records.o2 not in _ids(database, outside_own_prison=False)


def test_decision_status_is_current_or_earlier(database: Database, records: AuditRecords) -> None:
    frame = decision_list(database).set_index("decision_id")
    assert frame.loc[records.d1, "status"] == "earlier"
    assert frame.loc[records.d2, "status"] == "current"
    assert frame.loc[records.d3, "status"] == "current"
    assert (frame.loc[records.d1, "automated_band"], frame.loc[records.d1, "decisive"]) == (
        "no_priority",
        "C09",
    )
    chosen = decision_list(database, AuditFilters(status="current", decisive="C08"))
    assert chosen["decision_id"].tolist() == [records.d3]


def test_bad_filters_are_refused_with_a_message_per_filter(database: Database) -> None:
    wrong = AuditFilters(
        from_day=date(2026, 11, 30),
        to_day=date(2026, 11, 1),
        role="judge",
        direction="sideways",
        decisive="C99",
        status="lost",
        reason_category="mood",
    )
    problems = filter_problems(wrong)
    assert set(problems) == {"to_day", "role", "direction", "decisive", "status", "reason_category"}
    assert "sideways" in problems["direction"]
    with pytest.raises(ValidationFailed) as raised:
        override_list(database, wrong)
    assert raised.value.errors == problems


def test_override_only_filters_are_refused_for_decisions() -> None:
    problems = filter_problems(AuditFilters(direction="up", status="active"), "decisions")
    assert set(problems) == {"direction", "status"}


def test_detail_shows_the_snapshot_and_what_changed_since(
    database: Database, records: AuditRecords
) -> None:
    detail = override_detail(database, records.o3)
    assert detail.row["status"] == "stale"
    assert detail.made_on_inputs["latest_information_date"] == "2026-10-15"
    assert [(c.field, c.old, c.new) for c in detail.changes_since] == [
        ("latest_information_date", "2026-10-15", "2026-11-20")
    ]
    assert len(detail.justification) >= 20
    assert override_detail(database, records.o1).changes_since == ()
    assert override_detail(database, records.o2).withdrawal_reason is not None


def test_roles_without_the_audit_may_not_list(database: Database, records: AuditRecords) -> None:
    with pytest.raises(NotPermitted):
        override_list(database, actor=Actor("Ingrid Smeets", "case_manager"))
    assert len(override_list(database, actor=Actor("Anna Audit", "auditor"))) == 5
