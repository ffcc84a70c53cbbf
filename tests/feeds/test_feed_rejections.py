"""feeds.md: a row that breaks a rule is rejected with its row number, column and reason; the
other rows go on. Nothing is dropped silently. Also the join of the two feeds."""

from __future__ import annotations

import pytest
from feed_text import csv_bytes, dji_row, parse, records

from feeds import Rejection, parse_feeds


def test_rejection_message_has_the_documented_form() -> None:
    rows = [dji_row(str(n), intake_date="2026-10-01") for n in range(1, 8)]
    rows[6]["intake_date"] = "31-02-2026"
    result = parse(rows)
    assert [r.message for r in result.rejections] == [
        "dji row 7, column intake_date: '31-02-2026' is not a date"
    ]
    (rejection,) = result.rejections
    reason = "'31-02-2026' is not a date"
    assert rejection == Rejection("dji", 7, "intake_date", "31-02-2026", reason, skn="7")


def test_good_rows_are_kept_when_others_are_rejected() -> None:
    rows = [
        dji_row("1"),
        dji_row("2", intake_date="2026-13-01"),
        dji_row("3", supervision_after_detention="misschien"),
        dji_row("4"),
        dji_row("5", phase="vrij"),
        dji_row("6"),
    ]
    result = parse(rows)
    assert [d.skn for d in records(result)] == ["1", "4", "6"]
    assert [(r.row, r.column) for r in result.rejections] == [
        (2, "intake_date"),
        (3, "supervision_after_detention"),
        (5, "phase"),
    ]


def test_every_row_is_accepted_or_rejected_exactly_once() -> None:
    rows = [
        dji_row("1", intake_date="2026/11/29", scil_lvb_indication="?", phase="x"),
        dji_row("2"),
        dji_row("2"),
        dji_row("3", pi=""),
    ]
    result = parse(rows)
    assert len(result.inputs) + len(result.rejections) == len(rows)
    assert sorted(r.row for r in result.rejections) == [1, 3, 4]


@pytest.mark.parametrize("column", ["skn", "pi", "phase"])
@pytest.mark.parametrize("cell", ["", "   "], ids=["empty", "spaces"])
def test_missing_required_value_rejects_the_row(column: str, cell: str) -> None:
    rows = [dji_row("1"), {**dji_row("2"), column: cell}, dji_row("3")]
    result = parse(rows)
    (rejection,) = result.rejections
    assert (rejection.feed, rejection.row, rejection.column) == ("dji", 2, column)
    assert rejection.message.startswith(f"dji row 2, column {column}: ")
    assert len(records(result)) == 2


@pytest.mark.parametrize("cell", ["", "  "], ids=["empty", "spaces"])
def test_missing_skn_in_iris_rejects_the_row(cell: str) -> None:
    result = parse([dji_row("1")], [{"skn": "1", "rw_name": "A"}, {"skn": cell, "rw_name": "B"}])
    assert [(r.feed, r.row, r.column) for r in result.rejections] == [("iris", 2, "skn")]
    assert records(result)[0].rw_name == "A"


def test_duplicate_skn_rejects_the_later_row_and_keeps_the_first() -> None:
    rows = [dji_row("1", pi="Vught"), dji_row("2"), dji_row("1", pi="Arnhem")]
    result = parse(rows)
    assert [(d.skn, d.pi) for d in records(result)] == [("1", "Vught"), ("2", "Sittard")]
    (rejection,) = result.rejections
    assert (rejection.feed, rejection.row, rejection.column) == ("dji", 3, "skn")
    assert "1" in rejection.reason


def test_duplicate_skn_is_found_after_stripping_spaces() -> None:
    result = parse([dji_row("1", pi="Vught"), dji_row(" 1 ", pi="Arnhem")])
    assert [(d.skn, d.pi) for d in records(result)] == [("1", "Vught")]
    assert [(r.row, r.column) for r in result.rejections] == [(2, "skn")]


def test_duplicate_skn_in_iris_keeps_the_first_iris_row() -> None:
    iris = [
        {"skn": "1", "rw_name": "Eerste", "recidivism_risk": "low"},
        {"skn": "1", "rw_name": "Tweede", "recidivism_risk": "high"},
    ]
    result = parse([dji_row("1")], iris)
    (detainee,) = records(result)
    assert (detainee.rw_name, detainee.recidivism_risk) == ("Eerste", "low")
    assert [(r.feed, r.row, r.column) for r in result.rejections] == [("iris", 2, "skn")]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_row_with_too_many_fields_is_rejected_with_its_row_number(delimiter: str) -> None:
    sep = delimiter
    text = sep.join(["skn", "pi", "phase"]) + "\n"
    text += sep.join(["1", "Vught", "remand"]) + "\n"
    text += sep.join(["2", "Vught", "remand", "extra", "more"]) + "\n"
    text += sep.join(["3", "Vught", "remand"]) + "\n"
    result = parse_feeds(text.encode())
    assert [d.skn for d in records(result)] == ["1", "3"]
    (rejection,) = result.rejections
    assert (rejection.feed, rejection.row) == ("dji", 2)
    assert rejection.message.startswith("dji row 2")


def test_row_with_too_many_fields_in_the_first_data_row() -> None:
    result = parse_feeds(b"skn,pi,phase\n1,Vught,remand,extra\n2,Vught,remand\n")
    assert [d.skn for d in records(result)] == ["2"]
    assert [r.row for r in result.rejections] == [1]


def test_row_with_fewer_fields_reads_the_missing_cells_as_empty() -> None:
    result = parse_feeds(b"skn,pi,phase,supervision_after_detention\n1,Vught,remand\n")
    (detainee,) = records(result)
    assert detainee.supervision_after_detention is False


def test_one_rejection_per_row_even_with_several_bad_cells() -> None:
    result = parse([dji_row("1", intake_date="x", hearing_date="y", isd_imposed="z")])
    assert len(result.rejections) == 1
    assert result.rejections[0].row == 1


def test_iris_rejection_is_reported_with_the_iris_feed_name_and_row() -> None:
    iris = [
        {"skn": "1", "risc_date": "2026-06-01"},
        {"skn": "2", "risc_date": "2026/06/01"},
    ]
    result = parse([dji_row("1"), dji_row("2")], iris)
    assert [r.message for r in result.rejections] == [
        "iris row 2, column risc_date: '2026/06/01' is not a date"
    ]
    # The detainee is still scored; only its probation row was left out.
    assert [(d.skn, d.has_probation_record) for d in records(result)] == [("1", True), ("2", False)]


def test_rejections_carry_the_raw_value() -> None:
    result = parse([dji_row("1", date_of_birth=" 30-02-1990 ")])
    (rejection,) = result.rejections
    assert rejection.value == " 30-02-1990 "
    assert rejection.column == "date_of_birth"


# --- the join of the two feeds ----------------------------------------------------------------


def test_orphan_iris_row_is_a_notice_not_a_rejection() -> None:
    result = parse([dji_row("1")], [{"skn": "1"}, {"skn": "9999999", "rw_name": "X"}])
    assert result.rejections == []
    assert any("9999999" in notice for notice in result.notices)
    assert [d.skn for d in records(result)] == ["1"]


def test_detainee_without_iris_row_has_no_probation_record() -> None:
    iris = [{"skn": "2", "recidivism_risk": "high", "advice_requested": "ja"}]
    result = parse([dji_row("1"), dji_row("2"), dji_row("3")], iris)
    assert [(d.skn, d.has_probation_record) for d in records(result)] == [
        ("1", False),
        ("2", True),
        ("3", False),
    ]
    by_skn = {d.skn: d for d in records(result)}
    assert by_skn["2"].recidivism_risk == "high"
    assert by_skn["2"].advice_requested is True
    assert by_skn["1"].recidivism_risk is None


def test_without_an_iris_feed_nobody_has_a_probation_record() -> None:
    result = parse_feeds(csv_bytes([dji_row("1"), dji_row("2")]), None)
    assert [d.has_probation_record for d in records(result)] == [False, False]


def test_iris_row_with_only_the_skn_is_a_probation_record() -> None:
    (detainee,) = records(parse([dji_row("1")], [{"skn": "1"}]))
    assert detainee.has_probation_record is True


def test_iris_rows_join_on_skn_whatever_their_order() -> None:
    iris = [{"skn": "3", "rw_name": "C"}, {"skn": "1", "rw_name": "A"}]
    result = parse([dji_row("1"), dji_row("2"), dji_row("3")], iris)
    assert [(d.skn, d.rw_name) for d in records(result)] == [("1", "A"), ("2", None), ("3", "C")]


def test_accepted_rows_keep_file_order() -> None:
    skns = ["7", "3", "9", "1"]
    assert [d.skn for d in records(parse([dji_row(s) for s in skns]))] == skns


def test_rejection_message_is_one_line_even_when_the_cell_holds_a_line_break() -> None:
    result = parse([dji_row("1", intake_date="31-02\n2026"), dji_row("2", phase="re\r\nmand")])
    assert [(r.row, r.column) for r in result.rejections] == [(1, "intake_date"), (2, "phase")]
    for rejection in result.rejections:
        assert "\n" not in rejection.message and "\r" not in rejection.message


def test_a_rejection_carries_the_skn_of_its_row() -> None:
    from feeds import parse_feeds

    dji = b"skn,pi,phase,intake_date\n1000001,Arnhem,remand,31-02-2026\n1000002,Arnhem,remand,\n"
    [rejection] = parse_feeds(dji).rejections
    assert (rejection.row, rejection.skn, rejection.column) == (1, "1000001", "intake_date")
