"""Issue 8, item 2: what JSON allows and a feed cell cannot hold rejects the row (naming the
column), or the file (naming the file); never a traceback."""

from __future__ import annotations

import pytest
from feed_text import records

from feeds import FeedFileError, parse_feeds

ROW = '"pi": "Sittard", "phase": "remand"'


def json_feed(*objects: str) -> bytes:
    return ("[" + ", ".join(objects) + "]").encode("utf-8")


def messages(data: bytes) -> list[str]:
    return [r.message for r in parse_feeds(data).rejections]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_number_rejects_the_row_naming_the_column(constant: str) -> None:
    data = json_feed(f'{{"skn": "1", {ROW}, "name": {constant}}}', f'{{"skn": "2", {ROW}}}')
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["2"]
    assert [r.message for r in result.rejections] == [
        f"dji row 1, column name: {constant} is not a number JSON allows "
        "(leave the key out or use null)"
    ]


def test_object_as_a_value_rejects_the_row() -> None:
    assert messages(json_feed(f'{{"skn": "1", {ROW}, "name": {{"first": "Jan"}}}}')) == [
        "dji row 1, column name: a JSON object is not a cell value (nested values are not accepted)"
    ]


def test_list_inside_a_list_rejects_the_row() -> None:
    data = json_feed(f'{{"skn": "1", {ROW}, "cm_notes": [["a"], "b"]}}')
    assert messages(data) == [
        "dji row 1, column cm_notes: a list inside a list is not a cell value "
        "(nested values are not accepted)"
    ]


@pytest.mark.parametrize(
    ("keys", "reason"),
    [
        ('"skn": "1", "SKN": "2"', "keys 'skn' and 'SKN' differ only in case or spaces"),
        ('"skn": "1", " skn": "2"', "keys 'skn' and ' skn' differ only in case or spaces"),
        ('"skn": "1", "skn": "2"', "key 'skn' appears twice"),
    ],
)
def test_keys_that_are_the_same_ignoring_case_reject_the_row(keys: str, reason: str) -> None:
    data = json_feed(f"{{{keys}, {ROW}}}", f'{{"skn": "3", {ROW}}}')
    result = parse_feeds(data)
    assert [d.skn for d in records(result)] == ["3"]
    assert [r.message for r in result.rejections] == [f"dji row 1: {reason}"]


def test_excessive_nesting_rejects_the_file_naming_it() -> None:
    data = ("[" * 100_000 + "]" * 100_000).encode()
    with pytest.raises(FeedFileError, match=r"^in/dji.json: the JSON is nested too deeply"):
        parse_feeds(data, dji_name="in/dji.json")


def test_deep_but_readable_nesting_rejects_the_row() -> None:
    data = json_feed(f'{{"skn": "1", {ROW}, "name": {"[" * 200}{"]" * 200}}}')
    (message,) = messages(data)
    assert message.startswith("dji row 1, column name: a list inside a list")


def test_very_long_integer_is_text_not_a_crash() -> None:
    data = json_feed(f'{{"skn": {"9" * 5000}, {ROW}}}')
    (message,) = messages(data)
    assert message.startswith("dji row 1, column skn: ")


def test_integer_skn_keeps_its_digits() -> None:
    (detainee,) = records(parse_feeds(json_feed(f'{{"skn": 1234567, {ROW}}}')))
    assert detainee.skn == "1234567"


def test_element_that_is_not_an_object_rejects_its_row() -> None:
    assert messages(json_feed(f'{{"skn": "1", {ROW}}}', "7", "[]")) == [
        "dji row 2: the element is not a JSON object (found a string or number)",
        "dji row 3: the element is not a JSON object (found an array)",
    ]


@pytest.mark.parametrize("text", ['{"skn": "1"}', '"text"', "[1, 2", "[] x"])
def test_json_that_is_not_an_array_of_objects_rejects_the_file(text: str) -> None:
    with pytest.raises(FeedFileError, match=r"^in/dji.json: "):
        parse_feeds(text.encode(), dji_name="in/dji.json")
