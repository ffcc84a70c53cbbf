"""The dashboard's list and the detail record."""

from __future__ import annotations

from datetime import date

import pandas as pd
from storage_feeds import AS_OF, dji, import_rows, iris, moment, newest

from storage import (
    LIST_COLUMNS,
    Actor,
    Database,
    detainee_record,
    list_current_admissions,
    record_decision,
    record_override,
)


def test_list_has_the_documented_columns_in_dashboard_order(database: Database) -> None:
    import_rows(
        database,
        [
            dji("1000001"),
            dji("1000002", supervision_after_detention="true"),
            dji("1000003", intake_date="2026-11-20"),
            dji("1000004"),
        ],
        [iris("1000001"), iris("1000002"), iris("1000003")],
    )
    frame = list_current_admissions(database)
    assert tuple(frame.columns) == LIST_COLUMNS
    assert frame["skn"].tolist() == ["1000002", "1000001", "1000003", "1000004"]
    assert frame["effective_band"].tolist() == ["priority", "weighing", "not_yet", "no_priority"]
    first = frame.iloc[0]
    assert (first["decisive"], first["fired"]) == ("C07", ("C07",))
    assert first["name"] == "Detainee 1000002"
    assert first["intake_date"] == pd.Timestamp(date(2026, 9, 30))


def test_list_flags_open_questions_and_data_warnings(database: Database) -> None:
    import_rows(
        database,
        [
            dji("1000001", no_residence_status="unknown", supervision_after_detention="true"),
            dji("1000002", intake_date=""),
        ],
        [iris("1000001"), iris("1000002")],
    )
    frame = list_current_admissions(database).set_index("skn")
    assert frame.loc["1000001", "has_open_questions"]
    assert frame.loc["1000001", "open_questions"] == (("C01", "no_priority"),)
    assert not frame.loc["1000001", "has_warnings"]
    assert frame.loc["1000002", "has_warnings"]
    assert frame.loc["1000002", "warnings"] == ("intake_date missing",)


def test_list_shows_the_active_override_and_the_latest_decision(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    worker = Actor("Joost Hendriks", "probation_worker")
    record_override(
        database,
        admission_id,
        assessment_id,
        "defer",
        "capacity",
        "Geen ruimte deze week; na het MDO opnieuw.",
        worker,
        now=moment(AS_OF, 9),
    )
    record_decision(
        database,
        admission_id,
        assessment_id,
        "repeat_after_verdict",
        "Na de uitspraak opnieuw.",
        worker,
        now=moment(AS_OF, 10),
    )
    row = list_current_admissions(database).iloc[0]
    bands = ["band", "override_band", "effective_band"]
    assert row[bands].tolist() == ["weighing", "defer", "defer"]
    by = ["override_reason", "override_by", "override_role"]
    assert row[by].tolist() == ["capacity", "Joost Hendriks", "probation_worker"]
    assert row["override_at"] == moment(AS_OF, 9)
    assert (row["decision"], row["decision_at"]) == ("repeat_after_verdict", moment(AS_OF, 10))


def test_detail_record_holds_the_whole_history_of_the_admission(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001", advice_requested="true")])
    import_rows(database, [dji("1000001")], [iris("1000001", advice_requested="false")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    record_decision(
        database,
        admission_id,
        assessment_id,
        "request_advice",
        "Advies vragen.",
        Actor("Ingrid Smeets", "case_manager"),
    )
    record = detainee_record(database, admission_id)
    assert record.skn == "1000001" and record.released_at is None
    assert [v.version for v in record.input_versions] == [1, 2]
    assert [(c.field, c.old, c.new) for c in record.input_versions[1].changes] == [
        ("advice_requested", True, False)
    ]
    assert [a.band for a in record.assessments] == ["weighing", "defer"]
    assert record.inputs.advice_requested is False
    assert [d.option for d in record.decisions] == ["request_advice"]
    assert [(s.old_band, s.new_band) for s in record.signals] == [("defer", "weighing")]
