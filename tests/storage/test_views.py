"""The view service: finished list rows and detainee views, read without writing anything."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from storage_feeds import AS_OF, dji, import_rows, iris, moment, newest

from scoring.vocabulary import BAND_ORDER
from storage import Actor, Database, detainee_record, needs_rescore
from storage.choices import OVERRIDE_BANDS
from storage.database import Database as DatabaseClass
from storage.database import create_database_engine
from storage.decisions import record_decision
from storage.errors import DatabaseUnavailable, StorageError
from storage.overrides import record_override
from storage.views import DISPLAY_BANDS, MARKERS, detainee_view, display_bands, triage_view
from storage.views_list import row_markers

WORKER = Actor("Joost Hendriks", "probation_worker")
#: Someone who may read every detainee of every prison.
READER = Actor("Aad Auditor", "auditor")
GOOD_REASON = "Na het MDO samen gewogen: eerst de reclassering erbij."


def override(database: Database, skn: str, band: str) -> int:
    admission_id, assessment_id, _ = newest(database, skn)
    return record_override(
        database,
        admission_id,
        assessment_id,
        band,
        "professional_weighing",
        GOOD_REASON,
        WORKER,
        now=moment(AS_OF, 9),
    )


def rows_by_skn(database: Database) -> pd.DataFrame:
    return triage_view(database, AS_OF, READER).frame.set_index("skn")


def test_an_active_override_moves_the_row_and_keeps_the_automated_band_beside_it(
    database: Database,
) -> None:
    import_rows(
        database,
        [dji("1000001"), dji("1000002", supervision_after_detention="true"), dji("1000003")],
        [iris("1000001"), iris("1000002"), iris("1000003")],
    )
    override(database, "1000003", "priority")
    frame = triage_view(database, AS_OF, READER).frame
    assert frame["skn"].tolist() == ["1000002", "1000003", "1000001"]
    assert frame["effective_band"].tolist() == ["priority", "priority", "weighing"]
    assert frame["automated_band_shown"].tolist() == [None, "weighing", None]
    assert ["override" in markers for markers in frame["markers"]] == [False, True, False]


def test_the_reason_names_the_decisive_criterion_in_dutch_and_in_english(
    database: Database,
) -> None:
    import_rows(
        database,
        [dji("1000001", supervision_after_detention="true"), dji("1000002")],
        [iris("1000001"), iris("1000002")],
    )
    rows = rows_by_skn(database)
    assert rows.loc["1000001", "reason_nl"] == "Toezicht na detentie (C07)"
    assert rows.loc["1000001", "reason_en"] == "Supervision after detention (C07)"
    assert rows.loc["1000002", "reason_en"].startswith("no criterion decides; weighing profile ")


def test_a_not_yet_row_says_which_day_it_is_and_its_provisional_band(database: Database) -> None:
    import_rows(database, [dji("1000001", intake_date="2026-11-20")], [iris("1000001")])
    row = rows_by_skn(database).loc["1000001"]
    assert row["days_since_intake"] == 9
    assert row["reason_en"].startswith("not yet prioritised: day 9 of 21; provisionally ")
    assert row["reason_nl"].startswith("nog niet geprioriteerd: dag 9 van 21; voorlopig ")


def test_the_list_reason_is_the_detainee_pages_summary(database: Database) -> None:
    import_rows(
        database,
        [dji("1000001", intake_date="2026-11-20"), dji("1000002", article_43_3_placement="true")],
        [iris("1000001"), iris("1000002")],
    )
    rows = rows_by_skn(database)
    for skn in ("1000001", "1000002"):
        page = detainee_view(database, skn, AS_OF, "en", READER)
        assert page is not None
        assert page.explanation.summary == rows.loc[skn, "reason_en"]


def test_an_override_made_before_the_data_changed_is_stale_in_list_page_and_record(
    database: Database,
) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    override(database, "1000001", "defer")
    assert not rows_by_skn(database).loc["1000001", "override_stale"]
    import_rows(database, [dji("1000001")], [iris("1000001", advice_requested="true")])
    row = rows_by_skn(database).loc["1000001"]
    assert row["override_stale"]
    assert "stale_override" in row["markers"] and "override" not in row["markers"]
    page = detainee_view(database, "1000001", AS_OF, "nl", READER)
    assert page is not None and page.active_override is not None
    assert page.active_override.stale
    assert [c.field for c in page.active_override.changes] == ["advice_requested"]
    admission_id = newest(database, "1000001")[0]
    assert detainee_record(database, admission_id).override_is_stale
    assert page.effective_band == row["effective_band"] == "defer"


def test_markers_name_signal_stale_override_open_question_and_warning() -> None:
    rows = pd.DataFrame(
        {
            "unseen_signals": [2, 0, 0],
            "override_active": [True, True, False],
            "override_stale": [True, False, False],
            "open_questions": [(("C01", "no_priority"),), (), ()],
            "warnings": [("intake_date missing",), (), ()],
        }
    )
    assert row_markers(rows).tolist() == [
        ("signal", "stale_override", "open_question", "warning"),
        ("override",),
        (),
    ]
    assert MARKERS[0] == "signal"


def test_split_weighing_shows_first_and_if_time_permits_by_tier_score() -> None:
    bands = pd.Series(["weighing", "weighing", "priority"])
    scores = pd.Series([1, 0, 2])
    assert display_bands(bands, scores, True).tolist() == [
        "weighing_first",
        "weighing_if_time",
        "priority",
    ]
    assert display_bands(bands, scores, False).tolist() == ["weighing", "weighing", "priority"]


def test_the_list_follows_the_policys_split_and_tiers(database: Database) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    listing = triage_view(database, AS_OF, READER)
    assert listing.bands == BAND_ORDER and not listing.tiers_on
    assert listing.frame["shown_band"].tolist() == ["weighing"]


def test_every_band_list_derives_from_the_band_order() -> None:
    assert DISPLAY_BANDS == (
        "priority",
        "weighing",
        "weighing_first",
        "weighing_if_time",
        "defer",
        "not_yet",
        "no_priority",
    )
    assert OVERRIDE_BANDS == ("priority", "weighing", "defer", "no_priority")


def test_a_view_of_older_bands_says_a_refresh_is_due_and_writes_nothing(
    database: Database,
) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    admission_id = newest(database, "1000001")[0]
    tomorrow = AS_OF + timedelta(days=1)
    listing = triage_view(database, tomorrow, READER)
    page = detainee_view(database, "1000001", tomorrow, "nl", READER)
    assert listing.refreshing and listing.as_of == AS_OF
    assert page is not None and page.refreshing and page.as_of == AS_OF
    assert needs_rescore(database, tomorrow), "viewing did not re-score"
    assert len(detainee_record(database, admission_id).assessments) == 1
    assert not triage_view(database, AS_OF, READER).refreshing


def test_the_detainee_view_explains_in_the_language_asked(database: Database) -> None:
    import_rows(database, [dji("1000001", supervision_after_detention="true")], [iris("1000001")])
    admission_id, assessment_id, _ = newest(database, "1000001")
    record_decision(database, admission_id, assessment_id, "other", "Besproken.", WORKER)
    dutch = detainee_view(database, "1000001", AS_OF, "nl", READER)
    english = detainee_view(database, "1000001", AS_OF, "en", READER)
    assert dutch is not None and english is not None
    assert english.explanation.criteria[0].name == "No residence status (C01)"
    decisive = [line for line in english.explanation.criteria if line.decisive]
    assert [line.id for line in decisive] == ["C07"]
    assert dutch.explanation.summary == "Toezicht na detentie (C07)"
    assert [line.id for line in dutch.explanation.tiers] == ["T1", "T2", "T3", "T4", "T5"]
    assert not any(line.counts for line in dutch.explanation.tiers), "no tier counts by default"
    assert (dutch.band, dutch.effective_band, dutch.days_since_intake) == ("priority",) * 2 + (60,)
    assert [d.option for d in dutch.decisions] == ["other"]
    assert detainee_view(database, "9999999", AS_OF, "nl", READER) is None


def test_an_unreachable_database_raises_storages_own_error() -> None:
    unreachable = DatabaseClass(create_database_engine("postgresql://nobody@127.0.0.1:9/som"))
    try:
        with pytest.raises(DatabaseUnavailable) as raised:
            triage_view(unreachable, AS_OF, READER)
    finally:
        unreachable.dispose()
    assert isinstance(raised.value, StorageError)
    assert raised.value.kind == "OperationalError"
