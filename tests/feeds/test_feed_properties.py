"""Property: parsing never raises on arbitrary input; every data row is accepted or rejected
with a reason (accepted + rejected == data rows). Nothing is dropped silently."""

from __future__ import annotations

import json
from typing import Any

from feed_text import Row, csv_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from feeds import FeedFileError, FeedResult, Rejection, parse_feeds
from feeds.columns import DJI_COLUMNS, IRIS_COLUMNS

DJI_NAMES = [column.name for column in DJI_COLUMNS]
IRIS_NAMES = [column.name for column in IRIS_COLUMNS]

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def valid_dji(index: int) -> Row:
    return {
        "skn": f"{2000000 + index}",
        "name": f"Gedetineerde {index}",
        "pi": "Sittard",
        "phase": "remand" if index % 2 else "veroordeeld",
        "intake_date": "2026-10-01",
        "expected_release_date": "1-3-2027",
        "supervision_after_detention": "nee",
        "scil_lvb_indication": "ja",
    }


def valid_iris(index: int) -> Row:
    return {
        "skn": f"{2000000 + index}",
        "latest_information_date": "2026-09-01",
        "recidivism_risk": "matig",
        "criminogenic_factors": "drugs|housing",
        "special_conditions": "none",
        "motivation": "te_motiveren",
    }


def has_content(row: Row, header: list[str]) -> bool:
    return any(row.get(column, "") != "" for column in header)


def check_rejections(rejections: list[Rejection], feed: str, rows: int) -> None:
    numbers = [r.row for r in rejections if r.feed == feed]
    assert len(numbers) == len(set(numbers)), "one rejection per row"
    for rejection in rejections:
        assert rejection.feed in ("dji", "iris")
        assert rejection.reason.strip()
        assert rejection.message.startswith(f"{rejection.feed} row {rejection.row}")
        if rejection.feed == feed:
            assert 1 <= rejection.row <= rows


cell_text = st.text(max_size=30)
edits = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 40), cell_text), max_size=12)


def apply(rows: list[Row], header: list[str], changes: list[tuple[int, int, str]]) -> None:
    for row_index, column_index, text in changes:
        rows[row_index % len(rows)][header[column_index % len(header)]] = text


@PROPERTY_SETTINGS
@given(
    dji_count=st.integers(1, 6),
    iris_count=st.integers(0, 6),
    dji_edits=edits,
    iris_edits=edits,
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig"]),
)
def test_random_cell_text_is_accepted_or_rejected_never_raises(
    dji_count: int,
    iris_count: int,
    dji_edits: list[tuple[int, int, str]],
    iris_edits: list[tuple[int, int, str]],
    delimiter: str,
    encoding: str,
) -> None:
    dji_rows = [valid_dji(i) for i in range(dji_count)]
    iris_rows = [valid_iris(i) for i in range(iris_count)]
    apply(dji_rows, DJI_NAMES, dji_edits)
    if iris_rows:
        apply(iris_rows, IRIS_NAMES, iris_edits)
    dji = csv_bytes(dji_rows, delimiter=delimiter, encoding=encoding, header=DJI_NAMES)
    iris = csv_bytes(iris_rows, delimiter=delimiter, encoding=encoding, header=IRIS_NAMES)

    result = parse_feeds(dji, iris)

    dji_data_rows = sum(has_content(row, DJI_NAMES) for row in dji_rows)
    iris_data_rows = sum(has_content(row, IRIS_NAMES) for row in iris_rows)
    dji_rejected = [r for r in result.rejections if r.feed == "dji"]
    iris_rejected = [r for r in result.rejections if r.feed == "iris"]
    assert len(result.inputs) + len(dji_rejected) == dji_data_rows
    matched = int(result.inputs["has_probation_record"].sum())
    orphans = [notice for notice in result.notices if notice.startswith("iris row")]
    assert matched + len(orphans) + len(iris_rejected) == iris_data_rows
    check_rejections(result.rejections, "dji", dji_data_rows)
    check_rejections(result.rejections, "iris", iris_data_rows)


@PROPERTY_SETTINGS
@given(cells=st.dictionaries(st.sampled_from(DJI_NAMES), cell_text, max_size=6))
def test_one_row_of_random_cells_is_accepted_or_rejected_with_its_column(
    cells: dict[str, str],
) -> None:
    row = {**valid_dji(1), **cells}
    result = parse_feeds(csv_bytes([row], header=DJI_NAMES))
    if not has_content(row, DJI_NAMES):
        assert len(result.inputs) == 0 and result.rejections == []
        return
    assert len(result.inputs) + len(result.rejections) == 1
    for rejection in result.rejections:
        assert rejection.row == 1
        assert rejection.column in cells
        assert rejection.message.startswith(f"dji row 1, column {rejection.column}: ")


def parse_or_file_error(dji: bytes, iris: bytes | None = None) -> FeedResult | None:
    try:
        result = parse_feeds(dji, iris)
    except FeedFileError as error:
        assert str(error).strip()
        return None
    assert isinstance(result, FeedResult)
    check_rejections(result.rejections, "dji", 10**9)
    return result


@PROPERTY_SETTINGS
@given(data=st.binary(max_size=400))
def test_random_bytes_as_a_whole_file_give_a_result_or_a_feed_file_error(data: bytes) -> None:
    parse_or_file_error(data)
    parse_or_file_error(b"skn,pi,phase\n1,Vught,remand\n", data)


@PROPERTY_SETTINGS
@given(
    header=st.sampled_from([b"skn,pi,phase\n", b"skn;pi;phase;intake_date\r\n", b"[", b""]),
    data=st.binary(max_size=300),
)
def test_random_bytes_after_a_valid_start_give_a_result_or_a_feed_file_error(
    header: bytes, data: bytes
) -> None:
    parse_or_file_error(header + data)


@PROPERTY_SETTINGS
@given(text=st.text(max_size=300), delimiter=st.sampled_from([",", ";"]))
def test_random_text_after_a_valid_header_give_a_result_or_a_feed_file_error(
    text: str, delimiter: str
) -> None:
    header = delimiter.join(["skn", "pi", "phase", "criminogenic_factors"]) + "\n"
    parse_or_file_error((header + text).encode("utf-8"))


json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=15)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@settings(PROPERTY_SETTINGS, max_examples=60)
@given(
    items=st.lists(
        st.fixed_dictionaries(
            {"skn": json_values, "pi": json_values, "phase": json_values},
            optional={n: json_values for n in DJI_NAMES if n not in ("skn", "pi", "phase")},
        )
        | json_values,
        max_size=6,
    )
)
def test_random_json_rows_are_accepted_or_rejected(items: list[Any]) -> None:
    data = json.dumps(items).encode("utf-8")
    result = parse_or_file_error(data)
    if result is None:
        return
    assert len(result.inputs) + len(result.rejections) == len(items)
