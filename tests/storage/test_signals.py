"""Signals: a changed band raises a signal naming the old band, the new band and the criteria
whose state changed; professionals mark them seen."""

from __future__ import annotations

from datetime import timedelta

import pytest
from storage_feeds import AS_OF, CASE_MANAGER, dji, import_rows, iris, moment, newest

from storage import (
    Actor,
    Database,
    NotFound,
    detainee_record,
    list_current_admissions,
    mark_signal_seen,
    rescore,
)
from storage.records import SignalRecord


def _signals(database: Database, skn: str = "1000001") -> list[SignalRecord]:
    return detainee_record(database, newest(database, skn)[0]).signals


def _changed(signal: SignalRecord) -> dict[str, tuple[str, str]]:
    return {change["item"]: (change["old"], change["new"]) for change in signal.changes}


def test_advice_delivered_signals_pending_advice_no_longer_true(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001", advice_requested="true")])
    import_rows(database, [dji("1000001")], [iris("1000001", advice_requested="false")])
    [signal] = _signals(database)
    assert (signal.old_band, signal.new_band) == ("defer", "weighing")
    assert _changed(signal)["C05"] == ("true", "false")
    assert "(C05)" in signal.message and "professionele weging" in signal.message


def test_verdict_signals_the_move_from_remand_to_sentenced(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001", advice_requested="true")])
    import_rows(
        database, [dji("1000001", phase="sentenced")], [iris("1000001", advice_requested="true")]
    )
    [signal] = _signals(database)
    assert (signal.old_band, signal.new_band) == ("defer", "weighing")
    assert _changed(signal)["C05"] == ("true", "out_of_phase")


def test_new_risc_with_low_risk_signals_low_recidivism_risk(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    import_rows(
        database, [dji("1000001")], [iris("1000001", risc_date="2026-11-01", recidivism_risk="low")]
    )
    [signal] = _signals(database)
    assert (signal.old_band, signal.new_band) == ("weighing", "no_priority")
    assert _changed(signal)["C02"] == ("unknown", "true")


def test_new_flag_supervision_after_detention_signals_priority(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    import_rows(database, [dji("1000001", supervision_after_detention="true")], [iris("1000001")])
    [signal] = _signals(database)
    assert (signal.old_band, signal.new_band) == ("weighing", "priority")
    assert _changed(signal)["C07"] == ("false", "true")


def test_reaching_the_screening_day_signals_the_end_of_not_yet(database: Database) -> None:
    import_rows(database, [dji("1000001", intake_date="2026-11-20")], [iris("1000001")])
    rescore(database, AS_OF + timedelta(days=12), now=moment(AS_OF))
    [signal] = _signals(database)
    assert (signal.old_band, signal.new_band) == ("not_yet", "weighing")


def test_changed_data_without_a_band_change_raise_no_signal(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    import_rows(database, [dji("1000001", cm_notes="werkt mee")], [iris("1000001")])
    assert _signals(database) == []


def test_signal_seen_records_who_and_when_and_keeps_the_first_marker(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    import_rows(database, [dji("1000001", supervision_after_detention="true")], [iris("1000001")])
    assert list_current_admissions(database).iloc[0]["has_new_signal"]
    [signal] = _signals(database)
    mark_signal_seen(database, signal.signal_id, CASE_MANAGER, now=moment(AS_OF, 14))
    mark_signal_seen(database, signal.signal_id, Actor("Joost Hendriks", "probation_worker"))
    [seen] = _signals(database)
    assert (seen.seen_by, seen.seen_role, seen.seen_at) == (
        "Ingrid Smeets",
        "case_manager",
        moment(AS_OF, 14),
    )
    row = list_current_admissions(database).iloc[0]
    assert not row["has_new_signal"] and row["unseen_signals"] == 0


def test_marking_an_unknown_signal_seen_is_an_error(database: Database) -> None:
    with pytest.raises(NotFound):
        mark_signal_seen(database, 404, CASE_MANAGER)
