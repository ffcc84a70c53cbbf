"""feeds.md, common rules: delimiters, encodings, JSON, the Dutch Excel form, file errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from feed_text import csv_bytes, dji_row, json_bytes, one_detainee, parse, records

from feeds import FeedFileError, FeedResult, parse_feeds, read_feeds
from scoring.inputs import BOOLEAN_COLUMNS, DATE_COLUMNS, INPUT_COLUMNS, LIST_COLUMNS

# --- delimiters -------------------------------------------------------------------------------


def test_comma_delimiter_is_read() -> None:
    data = csv_bytes([dji_row("1", name="Jan"), dji_row("2", name="Piet")], delimiter=",")
    result = parse_feeds(data)
    assert [d.name for d in records(result)] == ["Jan", "Piet"]
    assert result.rejections == []


def test_semicolon_delimiter_is_detected() -> None:
    data = csv_bytes([dji_row("1", name="Jan"), dji_row("2", name="Piet")], delimiter=";")
    result = parse_feeds(data)
    assert [(d.skn, d.pi, d.phase, d.name) for d in records(result)] == [
        ("1", "Sittard", "remand", "Jan"),
        ("2", "Sittard", "remand", "Piet"),
    ]
    assert result.rejections == []


def test_semicolon_file_with_commas_inside_cells_is_still_semicolon_delimited() -> None:
    data = csv_bytes([dji_row("1", name="Jansen, J.", cm_notes="werk, wonen")], delimiter=";")
    (detainee,) = records(parse_feeds(data))
    assert detainee.name == "Jansen, J."
    assert detainee.cm_notes == "werk, wonen"


def test_comma_file_with_semicolons_inside_cells_is_still_comma_delimited() -> None:
    iris = csv_bytes([{"skn": "1", "criminogenic_factors": "drugs;alcohol", "rw_notes": "a;b"}])
    result = parse_feeds(csv_bytes([dji_row("1")]), iris)
    (detainee,) = records(result)
    assert detainee.criminogenic_factors == ("drugs", "alcohol")
    assert detainee.rw_notes == "a;b"


def test_crlf_line_ends_are_read() -> None:
    data = csv_bytes([dji_row("1"), dji_row("2")], delimiter=";", line_end="\r\n")
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["1", "2"]
    assert result.rejections == []


def test_quoted_cell_with_a_line_break_stays_one_cell() -> None:
    result = parse([dji_row("1", cm_notes="regel een\nregel twee"), dji_row("2")])
    assert [d.cm_notes for d in records(result)] == ["regel een\nregel twee", None]


# --- encodings --------------------------------------------------------------------------------

NAMES = ("Zoë Öztürk", "Hélène Daniël", "Noël Bakır")


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_utf8_without_bom_is_read(delimiter: str) -> None:
    rows = [dji_row(str(i), name=name) for i, name in enumerate(NAMES[:2])]
    result = parse_feeds(csv_bytes(rows, delimiter=delimiter, encoding="utf-8"))
    assert [d.name for d in records(result)] == list(NAMES[:2])


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_utf8_with_bom_is_read_and_the_bom_is_not_part_of_the_first_column(
    delimiter: str,
) -> None:
    data = csv_bytes([dji_row("1", name=NAMES[0])], delimiter=delimiter, encoding="utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbfskn")
    result = parse_feeds(data)
    assert result.rejections == []
    assert result.notices == []
    (detainee,) = records(result)
    assert (detainee.skn, detainee.name) == ("1", NAMES[0])


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_windows_1252_is_read(delimiter: str) -> None:
    cp1252_names = ("Zoë Daniëls", "Hélène Müller", "François Coëlho")
    rows = [dji_row(str(i), name=name) for i, name in enumerate(cp1252_names)]
    data = csv_bytes(rows, delimiter=delimiter, encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    result = parse_feeds(data)
    assert [d.name for d in records(result)] == list(cp1252_names)


def test_windows_1252_iris_feed_is_read() -> None:
    iris = csv_bytes(
        [{"skn": "1", "rw_name": "Anoek Verhoëven", "protective_factors": "één vriend|café"}],
        delimiter=";",
        encoding="cp1252",
    )
    (detainee,) = records(parse_feeds(csv_bytes([dji_row("1")]), iris))
    assert detainee.rw_name == "Anoek Verhoëven"
    assert detainee.protective_factors == ("één vriend", "café")


# --- JSON -------------------------------------------------------------------------------------


def test_json_array_with_native_booleans_null_lists_and_numbers() -> None:
    dji = json_bytes(
        [
            {
                "skn": 1234567,
                "pi": "Arnhem",
                "phase": "sentenced",
                "intake_date": "2026-10-01",
                "supervision_after_detention": True,
                "isd_imposed": False,
                "tbs_imposed": None,
                "scil_lvb_indication": None,
                "offence_article": 300,
            }
        ]
    )
    iris = json_bytes(
        [
            {
                "skn": "1234567",
                "advice_requested": False,
                "om_isd_tbs_investigation": None,
                "asr_framework_applied": 1,
                "criminogenic_factors": ["drugs", "alcohol"],
                "protective_factors": [],
                "special_conditions": None,
                "care_contacts": ["verslavingszorg", "schuldhulp"],
                "recidivism_risk": "high",
            }
        ]
    )
    result = parse_feeds(dji, iris)
    assert result.rejections == []
    (d,) = records(result)
    assert d.skn == "1234567"
    assert d.offence_article == "300"
    assert d.intake_date == date(2026, 10, 1)
    assert d.supervision_after_detention is True
    assert d.isd_imposed is False
    assert d.tbs_imposed is False  # null in a checkbox column: empty means false
    assert d.scil_lvb_indication is None  # null where empty means unknown
    assert d.advice_requested is False
    assert d.om_isd_tbs_investigation is None
    assert d.asr_framework_applied is True
    assert d.criminogenic_factors == ("drugs", "alcohol")
    assert d.protective_factors == ()  # an empty array is a list known to be empty
    assert d.special_conditions == ()
    assert d.care_contacts == ("verslavingszorg", "schuldhulp")
    assert d.recidivism_risk == "high"
    assert d.has_probation_record is True


def test_json_missing_key_means_the_same_as_an_empty_cell() -> None:
    dji = json_bytes([{"skn": "1", "pi": "Vught", "phase": "remand"}])
    (d,) = records(parse_feeds(dji, json_bytes([{"skn": "1"}])))
    assert d.supervision_after_detention is False
    assert d.scil_lvb_indication is None
    assert d.criminogenic_factors is None
    assert d.special_conditions == ()


def test_json_rows_are_numbered_from_the_first_object() -> None:
    dji = json_bytes(
        [
            {"skn": "1", "pi": "Vught", "phase": "remand"},
            {"skn": "2", "pi": "Vught", "phase": "remand", "intake_date": "31-02-2026"},
            {"skn": "3", "pi": "Vught", "phase": "remand"},
        ]
    )
    result = parse_feeds(dji)
    assert [r.message for r in result.rejections] == [
        "dji row 2, column intake_date: '31-02-2026' is not a date"
    ]
    assert [d.skn for d in records(result)] == ["1", "3"]


def test_json_element_that_is_not_an_object_rejects_that_row() -> None:
    dji = json_bytes([{"skn": "1", "pi": "Vught", "phase": "remand"}, ["not", "an", "object"]])
    result = parse_feeds(dji)
    assert [(r.feed, r.row) for r in result.rejections] == [("dji", 2)]
    assert [d.skn for d in records(result)] == ["1"]


def test_json_with_bom_and_leading_whitespace_is_read() -> None:
    dji = b"\xef\xbb\xbf\n  " + json_bytes([{"skn": "1", "pi": "Vught", "phase": "remand"}])
    assert [d.skn for d in records(parse_feeds(dji))] == ["1"]


@pytest.mark.parametrize(
    "content",
    [b'[{"skn": "1", "pi": "Vught"', b'{"skn": "1", "pi": "Vught", "phase": "remand"}'],
    ids=["broken-json", "object-not-array"],
)
def test_json_that_is_not_an_array_of_objects_rejects_the_file(content: bytes) -> None:
    with pytest.raises(FeedFileError, match=r"exports/dji\.json"):
        parse_feeds(content, dji_name="exports/dji.json")


def test_empty_json_array_is_a_feed_without_rows() -> None:
    result = parse_feeds(json_bytes([]), json_bytes([]))
    assert len(result.inputs) == 0
    assert result.rejections == []


# --- the Dutch Excel form ---------------------------------------------------------------------

EXCEL_DJI = (
    "skn;name;date_of_birth;pi;phase;intake_date;hearing_date;expected_release_date;"
    "offence_article;scil_lvb_indication;supervision_after_detention;article_43_3_placement;"
    "no_residence_status;tbs_imposed;isd_imposed;outflow_care_authorisation;cm_name;cm_notes\r\n"
    "4153093;Zoë Daniëls;30-09-1993;Vught;preventief;07-10-2026;1-12-2026;4-1-2027;"
    "art. 300 Sr;ja;nee;nee;nee;nee;nee;nee;Hélène Smit;wil hulp bij werk, wonen\r\n"
    "6195009;Noël Bakker;2-3-1990;Arnhem;veroordeeld;15-01-2026;;12-12-2026;;nee;ja;nee;"
    "nee;nee;nee;onbekend;;\r\n"
    "2617177;René Jansen;;Sittard;HVB;;;;;;;;;;;;;\r\n"
    "5872450;Anna de Vries;17-11-2004;Vught;Gevangenis;01-11-2026;;;;Ja;Nee;Ja;Nee;Nee;Ja;"
    "Nee;;\r\n"
).encode("cp1252")

EXCEL_IRIS = (
    "skn;rw_name;latest_information_date;advice_requested;om_isd_tbs_investigation;risc_date;"
    "recidivism_risk;injury_risk;absconding_risk;criminogenic_factors;protective_factors;"
    "self_reliance;motivation;asr_framework_applied;special_conditions;care_contacts;rw_notes\r\n"
    "4153093;Peter Müller;21-06-2026;ja;nee;11-1-2026;matig;laag;hoog;Drugs|housing;"
    "eigen woning|café-baan;beperkt;te_motiveren;nee;geen;schuldhulp|verslavingszorg;\r\n"
    "6195009;Ilse Bos;01-10-2026;nee;onbekend;;Gemiddeld;Onbekend;;geen;geen;Voldoende;"
    "Niet_Te_Motiveren;ja;;;gesprek gepland\r\n"
).encode("cp1252")


def test_dutch_excel_form_is_read_completely() -> None:
    with pytest.raises(UnicodeDecodeError):
        EXCEL_DJI.decode("utf-8")
    result = parse_feeds(EXCEL_DJI, EXCEL_IRIS)
    assert result.rejections == []
    # Rows 3 and 4 of the dji form hold no accented letter: plain ASCII is valid UTF-8.
    assert result.notices == [
        "dji: 3 row(s) not valid UTF-8, read as Windows-1252: row 1, 2, 3",
        "iris: 1 row(s) not valid UTF-8, read as Windows-1252: row 1",
    ]
    first, second, third, fourth = records(result)

    assert first.name == "Zoë Daniëls"
    assert first.date_of_birth == date(1993, 9, 30)
    assert first.phase == "remand"
    assert first.intake_date == date(2026, 10, 7)
    assert first.hearing_date == date(2026, 12, 1)
    assert first.expected_release_date == date(2027, 1, 4)
    assert first.offence_article == "art. 300 Sr"
    assert first.scil_lvb_indication is True
    assert first.supervision_after_detention is False
    assert first.cm_name == "Hélène Smit"
    assert first.cm_notes == "wil hulp bij werk, wonen"
    assert first.rw_name == "Peter Müller"
    assert first.latest_information_date == date(2026, 6, 21)
    assert first.advice_requested is True
    assert first.om_isd_tbs_investigation is False
    assert first.risc_date == date(2026, 1, 11)
    assert (first.recidivism_risk, first.injury_risk, first.absconding_risk) == (
        "medium",
        "low",
        "high",
    )
    assert set(first.criminogenic_factors or ()) == {"drugs", "housing"}
    assert first.protective_factors == ("eigen woning", "café-baan")
    assert first.self_reliance == "limited"
    assert first.motivation == "motivatable"
    assert first.asr_framework_applied is False
    assert first.special_conditions == ()
    assert first.care_contacts == ("schuldhulp", "verslavingszorg")

    assert second.name == "Noël Bakker"
    assert second.date_of_birth == date(1990, 3, 2)
    assert second.phase == "sentenced"
    assert second.supervision_after_detention is True
    assert second.outflow_care_authorisation is None  # onbekend in a checkbox column
    assert second.om_isd_tbs_investigation is None
    assert second.recidivism_risk == "medium"
    assert second.injury_risk is None
    assert second.criminogenic_factors == ()
    assert second.self_reliance == "sufficient"
    assert second.motivation == "not_motivatable"
    assert second.asr_framework_applied is True
    assert second.rw_notes == "gesprek gepland"

    assert (third.phase, third.intake_date, third.has_probation_record) == ("remand", None, False)
    assert third.supervision_after_detention is False
    assert third.scil_lvb_indication is None

    assert fourth.phase == "sentenced"
    assert (fourth.article_43_3_placement, fourth.isd_imposed) == (True, True)
    assert fourth.has_probation_record is False


# --- the input frame ---------------------------------------------------------------------------


def test_input_frame_has_the_engine_columns_and_types() -> None:
    result = parse_feeds(EXCEL_DJI, EXCEL_IRIS)
    frame = result.inputs
    assert list(frame.columns) == list(INPUT_COLUMNS)
    for column in BOOLEAN_COLUMNS:
        assert frame[column].dtype == "boolean", column
    for column in DATE_COLUMNS:
        assert pd.api.types.is_datetime64_any_dtype(frame[column]), column
    assert frame["has_probation_record"].dtype == bool
    assert frame["scil_lvb_indication"].isna().tolist() == [False, False, True, False]
    assert frame["intake_date"].isna().tolist() == [False, False, True, False]
    for column in LIST_COLUMNS:
        for value in frame[column]:
            assert value is None or isinstance(value, tuple), (column, value)


# --- whole-file errors and notices ------------------------------------------------------------


@pytest.mark.parametrize("column", ["skn", "pi", "phase"])
def test_missing_required_dji_column_rejects_the_file_naming_file_and_column(column: str) -> None:
    row = {name: value for name, value in dji_row("1").items() if name != column}
    with pytest.raises(FeedFileError) as raised:
        parse_feeds(csv_bytes([row]), dji_name="exports/dji_week48.csv")
    assert "exports/dji_week48.csv" in str(raised.value)
    assert column in str(raised.value)


def test_missing_skn_column_in_iris_rejects_the_file_naming_it() -> None:
    iris = csv_bytes([{"rw_name": "Ilse", "advice_requested": "ja"}])
    with pytest.raises(FeedFileError) as raised:
        parse_feeds(csv_bytes([dji_row("1")]), iris, iris_name="exports/iris.csv")
    assert "exports/iris.csv" in str(raised.value)
    assert "skn" in str(raised.value)


def test_read_feeds_names_the_file_with_a_missing_column(tmp_path: Path) -> None:
    dji = tmp_path / "dji.csv"
    dji.write_bytes(b"skn,pi\n1,Vught\n")
    with pytest.raises(FeedFileError) as raised:
        read_feeds(dji, None)
    assert str(dji) in str(raised.value)
    assert "phase" in str(raised.value)


def test_unreadable_file_is_a_feed_file_error(tmp_path: Path) -> None:
    with pytest.raises(FeedFileError, match=r"absent\.csv"):
        read_feeds(tmp_path / "absent.csv", None)


def test_read_feeds_reads_both_files(tmp_path: Path) -> None:
    dji, iris = tmp_path / "dji.csv", tmp_path / "iris.csv"
    dji.write_bytes(EXCEL_DJI)
    iris.write_bytes(EXCEL_IRIS)
    result = read_feeds(dji, iris)
    assert isinstance(result, FeedResult)
    assert [d.skn for d in records(result)] == ["4153093", "6195009", "2617177", "5872450"]


@pytest.mark.parametrize("content", [b"", b"\n\n", b"  \r\n ", b"\xef\xbb\xbf"])
def test_empty_file_is_a_feed_file_error(content: bytes) -> None:
    with pytest.raises(FeedFileError, match=r"dji\.csv"):
        parse_feeds(content, dji_name="dji.csv")


def test_header_without_rows_is_a_feed_without_detainees() -> None:
    result = parse_feeds(b"skn,pi,phase\n", b"skn;rw_name\n")
    assert len(result.inputs) == 0
    assert result.rejections == []


def test_unknown_column_is_ignored_with_a_notice() -> None:
    iris = [{"skn": "1", "extra": "y"}]
    result = parse([dji_row("1", remarks_internal="x", afdeling="B2")], iris)
    assert result.rejections == []
    assert len(records(result)) == 1
    notices = " ".join(result.notices)
    for column in ("remarks_internal", "afdeling", "extra"):
        assert column in notices


def test_blank_lines_are_not_rows() -> None:
    data = b"skn,pi,phase\n\n1,Vught,remand\n\n2,Vught,remand\n\n"
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["1", "2"]
    assert result.rejections == []


def test_line_of_only_delimiters_is_not_a_row() -> None:
    data = b"skn;pi;phase\r\n1;Vught;remand\r\n;;\r\n2;Vught;remand\r\n;;\r\n;;\r\n"
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["1", "2"]
    assert result.rejections == []


def test_empty_lines_keep_their_row_numbers_and_are_reported() -> None:
    # "row N" stays line N + 1 of the file, so a person can find the row in an editor.
    data = b"skn;pi;phase;intake_date\n1;Vught;remand;\n\n;;;\n2;Vught;remand;31-02-2026\n"
    result = parse_feeds(data)
    [rejection] = result.rejections
    assert (rejection.row, rejection.skn) == (4, "2")
    assert "2 empty row(s) skipped (row 2, 3)" in " ".join(result.notices)


def test_trailing_empty_fields_are_not_too_many_fields() -> None:
    result = parse_feeds(b"skn;pi;phase\r\n1;Vught;remand;;\r\n2;Vught;remand\r\n")
    assert [d.skn for d in records(result)] == ["1", "2"]
    assert result.rejections == []


def test_detainee_data_does_not_depend_on_column_order() -> None:
    row = dji_row("1", intake_date="2026-10-01", supervision_after_detention="ja")
    forward = one_detainee(row)
    backward = records(parse_feeds(csv_bytes([row], header=list(reversed(row)))))[0]
    assert forward == backward
