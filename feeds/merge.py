"""Joining the two feeds into the engine's input frame (one row per accepted `dji` row)."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from feeds.columns import IRIS_COLUMNS
from feeds.table import FeedTable, dates_to_datetime64
from scoring.inputs import BOOLEAN_COLUMNS, DATE_COLUMNS, INPUT_COLUMNS, LIST_COLUMNS


def merge_feeds(dji: FeedTable, iris: FeedTable | None) -> tuple[pd.DataFrame, list[str]]:
    """The input frame, plus notices for `iris` rows whose skn is not in the `dji` feed."""
    n = len(dji)
    columns: dict[str, npt.NDArray[Any]] = dict(dji.values)
    notices: list[str] = []
    if iris is not None and len(iris):
        position = pd.Index(iris.values["skn"]).get_indexer(pd.Index(dji.values["skn"]))
        matched = set(position[position >= 0].tolist())
        for i, skn in enumerate(iris.values["skn"]):
            if i not in matched:
                notices.append(
                    f"iris row {iris.row_numbers[i]}: skn {skn!r} is not in the dji feed; skipped"
                )
    else:
        position = np.full(n, -1, dtype=np.int64)
    has_record = position >= 0
    for column in IRIS_COLUMNS:
        if column.name == "skn":
            continue
        absent = np.empty(n, dtype=object)
        absent[:] = [column.empty] * n
        if iris is not None and len(iris):
            taken = iris.values[column.name][np.where(has_record, position, 0)]
            columns[column.name] = np.where(has_record, taken, absent)
        else:
            columns[column.name] = absent
    columns["has_probation_record"] = has_record
    return _frame(columns), notices


def _frame(columns: dict[str, npt.NDArray[Any]]) -> pd.DataFrame:
    data: dict[str, Any] = {}
    for name in INPUT_COLUMNS:
        values = columns[name]
        if name in DATE_COLUMNS:
            data[name] = dates_to_datetime64(values)
        elif name in BOOLEAN_COLUMNS:
            data[name] = _booleans(values)
        elif name in LIST_COLUMNS:
            data[name] = pd.Series(values, dtype=object)
        elif name == "has_probation_record":
            data[name] = values.astype(bool)
        else:
            data[name] = pd.array(values, dtype="string")
    return pd.DataFrame(data)


def _booleans(values: npt.NDArray[Any]) -> pd.arrays.BooleanArray:
    unknown = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    truth = np.fromiter((v is True for v in values), dtype=bool, count=len(values))
    return pd.arrays.BooleanArray(truth, unknown)
