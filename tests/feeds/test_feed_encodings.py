"""Issue 8, item 2: the encoding is decided per line, and files that are not text are refused
with "not a CSV or JSON text file", naming the file."""

from __future__ import annotations

import pytest
from feed_text import csv_bytes, dji_row, records

from feeds import FeedFileError, parse_feeds

HEADER = "skn,name,pi,phase\r\n"


def test_one_windows_1252_line_in_a_utf8_file_garbles_nothing_else_and_is_named() -> None:
    data = (
        HEADER.encode()
        + "1,Zoë Öztürk,Sittard,remand\r\n".encode()
        + "2,Hélène,Sittard,remand\r\n".encode("cp1252")
        + "3,Noël Bakır,Sittard,remand\r\n".encode()
    )
    result = parse_feeds(data)
    assert [d.name for d in records(result)] == ["Zoë Öztürk", "Hélène", "Noël Bakır"]
    assert result.notices == ["dji: 1 row(s) not valid UTF-8, read as Windows-1252: row 2"]


def test_bom_followed_by_a_windows_1252_body_is_accepted() -> None:
    body = "skn;name;pi;phase\r\n1;Zoë;Sittard;remand\r\n2;Jan;Sittard;remand\r\n"
    data = b"\xef\xbb\xbf" + body.encode("cp1252")
    result = parse_feeds(data)
    assert [(d.skn, d.name) for d in records(result)] == [("1", "Zoë"), ("2", "Jan")]
    assert result.rejections == []
    assert result.notices == ["dji: 1 row(s) not valid UTF-8, read as Windows-1252: row 1"]


def test_windows_1252_line_after_a_multi_line_cell_names_the_right_row() -> None:
    data = (
        HEADER.encode()
        + b'1,"Jan\r\nJansen",Sittard,remand\r\n'
        + "2,Zoë,Sittard,remand\r\n".encode("cp1252")
    )
    result = parse_feeds(data)
    assert "dji: 1 row(s) not valid UTF-8, read as Windows-1252: row 2" in result.notices


def test_many_windows_1252_rows_are_named_in_one_notice() -> None:
    rows = [dji_row(str(i), name="Zoë") for i in range(1, 13)]
    result = parse_feeds(csv_bytes(rows, encoding="cp1252"))
    assert result.notices == [
        "dji: 12 row(s) not valid UTF-8, read as Windows-1252: "
        "row 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more"
    ]


def test_undefined_windows_1252_bytes_are_kept_not_lost() -> None:
    data = HEADER.encode() + b"1,Jan\x81,Sittard,remand\r\n"
    (detainee,) = records(parse_feeds(data))
    assert detainee.name == "Jan\x81"


def test_valid_utf8_file_has_no_encoding_notice() -> None:
    data = csv_bytes([dji_row("1", name="Zoë")], encoding="utf-8-sig")
    assert parse_feeds(data).notices == []


def test_windows_1252_json_line_is_named() -> None:
    data = '[{"skn": "1", "pi": "Sittard", "phase": "remand",\n "name": "Zoë"}]'.encode("cp1252")
    result = parse_feeds(data)
    assert [d.name for d in records(result)] == ["Zoë"]
    assert result.notices == ["dji: line 2 not valid UTF-8; read as Windows-1252"]


NOT_TEXT = {
    "utf-16 with bom": "skn,pi,phase\r\n1,Sittard,remand\r\n".encode("utf-16"),
    "utf-16 without bom": "skn,pi,phase\r\n1,Sittard,remand\r\n".encode("utf-16-le"),
    "utf-32": "skn,pi,phase\r\n1,Sittard,remand\r\n".encode("utf-32"),
    "xlsx (zip)": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
    "xls (ole2)": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100),
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
    "gzip": b"\x1f\x8b\x08\x00" + bytes(20),
    "png": b"\x89PNG\r\n\x1a\n" + bytes(20),
    "random bytes": bytes((i * 7919 + 13) % 256 for i in range(4096)),
    "nul bytes": bytes(64),
}


@pytest.mark.parametrize("data", NOT_TEXT.values(), ids=NOT_TEXT.keys())
def test_file_that_is_not_text_is_refused_naming_the_file(data: bytes) -> None:
    with pytest.raises(FeedFileError) as error:
        parse_feeds(data, dji_name="in/dji.csv")
    assert str(error.value).startswith("in/dji.csv: not a CSV or JSON text file")


def test_one_nul_in_a_text_file_rejects_only_its_row() -> None:
    data = HEADER.encode() + b"1,Jan,Sittard,remand\r\n2,Pi\x00et,Sittard,remand\r\n"
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["1"]
    assert [r.message for r in result.rejections] == [
        "dji row 2, column name: the cell holds a NUL character (U+0000), which no text may hold"
    ]
