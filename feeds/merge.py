"""Joining the two feeds into the engine's input frame (one row per accepted `dji` row)."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from feeds.columns import IRIS_COLUMNS
from feeds.table import FeedTable, ParsedColumn
from scoring.inputs import BOOLEAN_COLUMNS, DATE_COLUMNS, INPUT_COLUMNS, LIST_COLUMNS


def merge_feeds(dji: FeedTable, iris: FeedTable | None) -> tuple[pd.DataFrame, list[str]]:
    """The input frame, plus notices for `iris` rows whose skn is not in the `dji` feed."""
    n = len(dji)
    columns: dict[str, ParsedColumn] = dict(dji.columns)
    notices: list[str] = []
    position = np.full(n, -1, dtype=np.int64)
    if iris is not None and len(iris):
        iris_skn = iris.columns["skn"].values()
        position = pd.Index(iris_skn).get_indexer(pd.Index(dji.columns["skn"].values()))
        matched = np.zeros(len(iris), dtype=bool)
        matched[position[position >= 0]] = True
        for i in np.flatnonzero(~matched).tolist():
            notices.append(
                f"iris row {iris.row_numbers[i]}: skn {iris_skn[i]!r} is not in the dji feed; "
                "skipped"
            )
    has_record = position >= 0
    for column in IRIS_COLUMNS:
        if column.name == "skn":
            continue
        if iris is not None and len(iris):
            source = iris.columns[column.name]
            table = np.empty(len(source.table) + 1, dtype=object)
            table[:-1] = source.table
            table[-1] = column.empty
            codes = np.where(has_record, source.codes[np.where(has_record, position, 0)], -1)
            columns[column.name] = ParsedColumn(np.where(codes < 0, len(table) - 1, codes), table)
        else:
            table = np.empty(1, dtype=object)
            table[0] = column.empty
            columns[column.name] = ParsedColumn(np.zeros(n, dtype=np.int64), table)
    return _frame(columns, has_record), notices


def _frame(columns: dict[str, ParsedColumn], has_record: npt.NDArray[np.bool_]) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for name in INPUT_COLUMNS:
        if name == "has_probation_record":
            data[name] = has_record
            continue
        column = columns[name]
        if name in DATE_COLUMNS:
            data[name] = _dates(column)
        elif name in BOOLEAN_COLUMNS:
            data[name] = _booleans(column)
        elif name in LIST_COLUMNS:
            data[name] = pd.Series(column.values(), dtype=object)
        else:
            data[name] = _strings(column)
    return pd.DataFrame(data)


def _dates(column: ParsedColumn) -> npt.NDArray[np.datetime64]:
    table = np.array(
        [
            np.datetime64(d, "s") if isinstance(d, date) else np.datetime64("NaT", "s")
            for d in column.table
        ],
        dtype="datetime64[s]",
    )
    return table[column.codes]


def _booleans(column: ParsedColumn) -> pd.arrays.BooleanArray:
    truth = np.array([value is True for value in column.table], dtype=bool)
    unknown = np.array([value is None for value in column.table], dtype=bool)
    return pd.arrays.BooleanArray(truth[column.codes], unknown[column.codes])


def _strings(column: ParsedColumn) -> Any:
    """A text column as pandas strings, converting each distinct value once."""
    return pd.array(column.table, dtype="string").take(column.codes)
