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
    withdraw_override,
)
from storage.listing import current_states


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


def test_current_states_are_the_list_s_override_and_decision_of_each_admission(
    database: Database,
) -> None:
    """`current_states` (what the what-if reads) holds exactly the list's admissions, with the
    list's active override band and current decision; withdrawn overrides and released
    admissions are not there."""
    skns = ["1000001", "1000002", "1000003", "1000004"]
    import_rows(database, [dji(skn) for skn in skns], [iris(skn) for skn in skns])
    worker = Actor("Joost Hendriks", "probation_worker")
    first, assessment, _ = newest(database, "1000001")
    record_override(
        database,
        first,
        assessment,
        "defer",
        "capacity",
        "Geen ruimte deze week; na het MDO opnieuw.",
        worker,
    )
    second, assessment, _ = newest(database, "1000002")
    override = record_override(
        database,
        second,
        assessment,
        "priority",
        "cm_concern",
        "Zorgen over de thuissituatie na ontslag.",
        worker,
    )
    withdraw_override(database, override, "Bij nader inzien toch niet nodig.", worker)
    third, assessment, _ = newest(database, "1000003")
    record_decision(
        database,
        third,
        assessment,
        "no_priority",
        "Geen inzet nodig, zo besloten in het MDO.",
        worker,
    )
    import_rows(database, [dji(skn) for skn in skns[:3]], [iris(skn) for skn in skns[:3]])
    listed = list_current_admissions(database).sort_values("admission_id")
    states = current_states(database).sort_values("admission_id")
    assert states["skn"].tolist() == listed["skn"].tolist() == skns[:3]
    assert states["override_band"].tolist() == ["defer", None, None]
    assert states["decision"].tolist() == [None, None, "no_priority"]
    shown = listed["override_band"].astype(object).where(listed["override_band"].notna(), None)
    assert states["override_band"].tolist() == shown.tolist()


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
