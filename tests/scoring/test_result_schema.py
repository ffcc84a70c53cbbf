"""The result schema (scoring/result_fields.py): JSON, CSV, table and storage derive from it."""

from __future__ import annotations

from support import detainee, score_all, sentenced

from scoring.engine import RESULT_COLUMNS
from scoring.result_fields import (
    RESULT_FIELD_BY_NAME,
    RESULT_FIELDS,
    json_object,
    table_headings,
    table_row,
)
from tests.contract import DETAINEE_KEYS


def test_every_result_field_is_a_column_of_the_engine_result() -> None:
    results = score_all([detainee()])
    for field in RESULT_FIELDS:
        assert field.name in results.columns
        assert field.name in RESULT_COLUMNS


def test_the_json_object_has_the_keys_of_feeds_md_in_order() -> None:
    results = score_all([detainee()])
    row = results.iloc[0]
    document = json_object([row[field.name] for field in RESULT_FIELDS])
    assert list(document) == DETAINEE_KEYS
    assert set(document["weighing_profile"]) == {"signals", "known"}


def test_open_questions_are_written_as_pairs_in_csv_and_objects_in_json() -> None:
    field = RESULT_FIELD_BY_NAME["open_questions"]
    value = (("C01", "no_priority"), ("C05", "defer"))
    assert field.csv_cell(value) == "C01:no_priority|C05:defer"
    assert field.json_value(value) == [
        {"criterion": "C01", "band": "no_priority"},
        {"criterion": "C05", "band": "defer"},
    ]


def test_a_missing_decisive_criterion_is_null_in_json_empty_in_csv_and_a_dash_in_the_table() -> (
    None
):
    field = RESULT_FIELD_BY_NAME["decisive"]
    assert field.json_value(None) is None
    assert field.csv_cell(None) == ""
    assert field.table_cell(None) == "-"


def test_the_table_shows_the_profile_as_signals_over_known_and_hides_an_equal_provisional() -> None:
    (row,) = score_all([sentenced(supervision_after_detention=True)]).to_dict("records")
    cells = dict(zip(table_headings(), table_row(row), strict=True))
    assert cells["profile"] == f"{row['profile_signals']}/{row['profile_known']}"
    assert cells["provisional"] == ""
    assert cells["decisive"] == "C07"
