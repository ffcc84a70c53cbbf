"""Issue 8, item 3: caps on cells reject the row rather than store megabytes; a whole feed
file has a size limit, set by `SOM_FEED_MAX_BYTES` or the `max_bytes` parameter."""

from __future__ import annotations

from pathlib import Path

import pytest
from feed_text import csv_bytes, dji_row, parse, records

from feeds import FeedFileError, parse_feeds, read_feeds
from feeds.limits import (
    DEFAULT_MAX_FEED_BYTES,
    LIST_ITEM_MAX_LENGTH,
    LIST_MAX_ITEMS,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    SHORT_TEXT_MAX_LENGTH,
    max_feed_bytes,
)


@pytest.mark.parametrize(
    ("column", "limit"),
    [
        ("name", NAME_MAX_LENGTH),
        ("cm_name", NAME_MAX_LENGTH),
        ("pi", SHORT_TEXT_MAX_LENGTH),
        ("offence_article", SHORT_TEXT_MAX_LENGTH),
        ("cm_notes", NOTE_MAX_LENGTH),
    ],
)
def test_text_cell_at_its_limit_is_accepted_and_one_over_rejects_the_row(
    column: str, limit: int
) -> None:
    result = parse(
        [dji_row("1", **{column: "x" * limit}), dji_row("2", **{column: "x" * (limit + 1)})]
    )
    assert [d.skn for d in records(result)] == ["1"]
    assert [r.message for r in result.rejections] == [
        f"dji row 2, column {column}: the cell is {limit + 1:,} characters long; "
        f"at most {limit:,} are accepted"
    ]


def test_surrounding_spaces_do_not_count_toward_the_limit() -> None:
    (detainee,) = records(parse([dji_row("1", name="  " + "x" * NAME_MAX_LENGTH + "  ")]))
    assert detainee.name == "x" * NAME_MAX_LENGTH


def test_megabyte_note_rejects_the_row_and_is_not_stored() -> None:
    result = parse([dji_row("1", cm_notes="x" * 2_000_000), dji_row("2")])
    assert [d.skn for d in records(result)] == ["2"]
    (rejection,) = result.rejections
    assert rejection.message.startswith("dji row 1, column cm_notes: the cell is 2,000,000")


def test_rw_notes_over_the_limit_rejects_the_iris_row() -> None:
    result = parse([dji_row("1")], [{"skn": "1", "rw_notes": "x" * (NOTE_MAX_LENGTH + 1)}])
    assert [(r.feed, r.column) for r in result.rejections] == [("iris", "rw_notes")]


def test_list_item_over_the_limit_rejects_the_row() -> None:
    item = "x" * (LIST_ITEM_MAX_LENGTH + 1)
    result = parse([dji_row("1")], [{"skn": "1", "care_contacts": f"ggz|{item}"}])
    (rejection,) = result.rejections
    assert rejection.column == "care_contacts"
    assert f"is {LIST_ITEM_MAX_LENGTH + 1} characters long; at most {LIST_ITEM_MAX_LENGTH}" in (
        rejection.reason
    )


def test_list_with_too_many_items_rejects_the_row() -> None:
    cell = "|".join(f"item{i}" for i in range(LIST_MAX_ITEMS + 1))
    result = parse([dji_row("1")], [{"skn": "1", "special_conditions": cell}])
    (rejection,) = result.rejections
    assert rejection.reason == f"the list has {LIST_MAX_ITEMS + 1} items; at most 50 are accepted"


def test_list_with_the_most_items_is_accepted() -> None:
    cell = "|".join(f"item{i}" for i in range(LIST_MAX_ITEMS))
    result = parse([dji_row("1")], [{"skn": "1", "special_conditions": cell}])
    assert result.rejections == []


def test_cell_larger_than_the_csv_modules_default_limit_is_a_row_rejection() -> None:
    # 200,000 characters exceed csv's 128 KiB field limit; the multi-line cell makes the
    # record-by-record reader read it.
    note = "regel\n" + "x" * 200_000
    result = parse_feeds(csv_bytes([dji_row("1", cm_notes=note), dji_row("2")]))
    assert [r.column for r in result.rejections] == ["cm_notes"]


def test_file_over_the_size_parameter_is_refused_naming_file_size_and_limit(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dji.csv"
    path.write_bytes(csv_bytes([dji_row("1")]))
    size = path.stat().st_size
    with pytest.raises(FeedFileError) as error:
        read_feeds(path, max_bytes=size - 1)
    assert str(error.value) == (
        f"{path}: the file is {size:,} bytes, over the limit of {size - 1:,} bytes for a feed "
        "file (set SOM_FEED_MAX_BYTES to change it)"
    )
    assert len(read_feeds(path, max_bytes=size).inputs) == 1


def test_size_limit_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    data = csv_bytes([dji_row("1")])
    monkeypatch.setenv("SOM_FEED_MAX_BYTES", str(len(data) - 1))
    with pytest.raises(FeedFileError, match=r"^dji: the file is .* over the limit"):
        parse_feeds(data)
    monkeypatch.setenv("SOM_FEED_MAX_BYTES", str(len(data)))
    assert len(parse_feeds(data).inputs) == 1


def test_size_limit_applies_to_the_iris_feed_too() -> None:
    dji = csv_bytes([dji_row("1")])
    iris = csv_bytes([{"skn": "1", "rw_notes": "x" * 500}])
    with pytest.raises(FeedFileError, match=r"^iris: the file is"):
        parse_feeds(dji, iris, max_bytes=len(dji) + 10)


@pytest.mark.parametrize("setting", ["abc", "0", "-5", "1.5"])
def test_bad_size_setting_is_an_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, setting: str
) -> None:
    monkeypatch.setenv("SOM_FEED_MAX_BYTES", setting)
    with pytest.raises(FeedFileError, match=r"^SOM_FEED_MAX_BYTES: .* is not a positive"):
        max_feed_bytes()


def test_default_size_limit_is_256_mib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOM_FEED_MAX_BYTES", raising=False)
    assert max_feed_bytes() == DEFAULT_MAX_FEED_BYTES == 256 * 1024 * 1024
