"""Hand-made overrides and decisions for the audit tests, with every number counted by hand.

Detainees (automated band / decisive criterion, prison):
  1000001 weighing / none (Sittard)   1000002 no_priority / C09 (Sittard)
  1000003 priority / C07 (Sittard)    1000005 no_priority / C09 (Arnhem)
  1000006 priority / C08 (Sittard)    1000008 no_priority / C09 (Sittard, never overridden)

Overrides (Dutch day):
  O1 1000002 no_priority → priority   up    cm_concern            Ingrid   10 Nov  active
  O2 1000005 no_priority → weighing   up    new_information       Joost    20 Nov  withdrawn,
     after Joost opened 1000005 outside his prisons (access log)
  O3 1000003 priority → defer         down  capacity              Ingrid   25 Nov (23:30 UTC
     on the 24th)  stale: 1000003's probation data change afterwards
  O4 1000001 weighing → priority      up    professional_weighing Ingrid   26 Nov  superseded
  O5 1000001 weighing → defer         down  other                 Joost    27 Nov  active

Decisions: D1 1000002 by Joost (earlier), D2 1000002 by Ingrid (current), D3 1000006 by Ingrid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from storage_feeds import CASE_MANAGER, PROBATION_WORKER, WHY, dji, import_rows, iris, newest

from storage import Database, record_decision, record_override, withdraw_override
from storage.access_log import record_access

SKNS = ("1000001", "1000002", "1000003", "1000005", "1000006", "1000008")


def feed_rows(information_date_of_1000003: str = "2026-10-15") -> tuple[list, list]:
    """The feeds of the detainees of the module docstring (dji rows, iris rows)."""
    dji_rows = [
        dji("1000001"),
        dji("1000002", tbs_imposed="true"),
        dji("1000003", supervision_after_detention="true"),
        dji("1000005", isd_imposed="true", pi="Arnhem"),
        dji("1000006", article_43_3_placement="true"),
        dji("1000008", tbs_imposed="true"),
    ]
    iris_rows = [iris(skn) for skn in SKNS if skn != "1000003"]
    iris_rows.append(iris("1000003", latest_information_date=information_date_of_1000003))
    return dji_rows, iris_rows


def at(day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A UTC moment in November 2026."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@dataclass(frozen=True)
class AuditRecords:
    o1: int
    o2: int
    o3: int
    o4: int
    o5: int
    d1: int
    d2: int
    d3: int


def make_audit_records(database: Database) -> AuditRecords:
    """Store the records of the module docstring."""
    import_rows(database, *feed_rows())
    ids = {skn: newest(database, skn)[:2] for skn in SKNS}

    def override(skn: str, band: str, reason: str, actor, when: datetime) -> int:  # type: ignore[no-untyped-def]
        admission, assessment = ids[skn]
        return record_override(database, admission, assessment, band, reason, WHY, actor, now=when)

    o1 = override("1000002", "priority", "cm_concern", CASE_MANAGER, at(10))
    record_access(database, PROBATION_WORKER, "access_outside_prison", skn="1000005", now=at(20, 9))
    o2 = override("1000005", "weighing", "new_information", PROBATION_WORKER, at(20))
    withdraw_override(database, o2, WHY, PROBATION_WORKER, now=at(21))
    o3 = override("1000003", "defer", "capacity", CASE_MANAGER, at(24, 23, 30))
    o4 = override("1000001", "priority", "professional_weighing", CASE_MANAGER, at(26))
    o5 = override("1000001", "defer", "other", PROBATION_WORKER, at(27))
    admission, assessment = ids["1000002"]
    d1 = record_decision(
        database, admission, assessment, "no_priority", WHY, PROBATION_WORKER, now=at(28)
    )
    d2 = record_decision(
        database, admission, assessment, "repeat_after_verdict", WHY, CASE_MANAGER, now=at(28, 14)
    )
    admission, assessment = ids["1000006"]
    d3 = record_decision(
        database, admission, assessment, "no_priority", WHY, CASE_MANAGER, now=at(28, 15)
    )
    # New probation data for 1000003: its override becomes stale.
    import_rows(database, *feed_rows(information_date_of_1000003="2026-11-20"))
    return AuditRecords(o1, o2, o3, o4, o5, d1, d2, d3)
