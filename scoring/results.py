"""Result rows as the JSON objects of `som score` (feeds.md), derived from the result schema."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from itertools import groupby
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.result_fields import RESULT_FIELDS, ResultField, json_object


def result_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The feeds.md detainee object of one result row."""
    return json_object([row[field.name] for field in RESULT_FIELDS])


def result_records(results: pd.DataFrame) -> list[dict[str, Any]]:
    """Every result row as a feeds.md detainee object, in the frame's order.

    The engine shares one tuple between all rows with the same fired/unknown/... set, so each
    distinct value is converted once; the JSON objects only read these shared conversions.
    """
    memo: dict[tuple[str, int], Any] = {}

    def converted(field: ResultField, value: Any) -> Any:
        if not field.is_list:
            return field.json_value(value)
        key = (field.name, id(value))
        if key not in memo:
            memo[key] = field.json_value(value)
        return memo[key]

    columns = [(field, results[field.name].tolist()) for field in RESULT_FIELDS]
    records = []
    for i in range(len(results)):
        record: dict[str, Any] = {}
        for field, values in columns:
            target = record
            for key in field.json_path[:-1]:
                target = target.setdefault(key, {})
            target[field.json_path[-1]] = converted(field, values[i])
        records.append(record)
    return records


def results_json(
    results: pd.DataFrame,
    as_of: str,
    policy_version: str,
    rules_version: str | None = None,
) -> str:
    """The whole `som score --format json` document as text, fast for large populations.

    Each field's JSON text is made once per distinct value and the rows are concatenated
    column-wise. Equal to `json.dumps` of
    `{"as_of", "policy_version", ["rules_version",] "detainees": result_records(results)}`.
    """
    columns = [_key_pieces(key, list(fields), results) for key, fields in _TOP_LEVEL]
    rows = ", ".join(["{" + ", ".join(parts) + "}" for parts in zip(*columns, strict=True)])
    head_values = {"as_of": as_of, "policy_version": policy_version}
    if rules_version is not None:
        head_values["rules_version"] = rules_version
    head = json.dumps(head_values, ensure_ascii=False)
    return head[:-1] + ', "detainees": [' + rows + "]}"


#: The result fields grouped by their top-level key in the JSON object, in order.
_TOP_LEVEL: Final = [
    (key, tuple(fields)) for key, fields in groupby(RESULT_FIELDS, key=lambda f: f.json_path[0])
]
_PLAIN = re.compile(r"[A-Za-z0-9 ._/-]*")


def _key_pieces(key: str, fields: list[ResultField], results: pd.DataFrame) -> list[str]:
    """`"key": <json>` for every row."""
    if len(fields) == 1 and len(fields[0].json_path) == 1:
        field = fields[0]
        values = results[field.name].to_numpy(dtype=object)
        if field.kind == "text":
            texts = np.array([str(value) for value in values.tolist()], dtype=object)
            if _PLAIN.fullmatch("".join(texts.tolist())):
                # Plain words (digits and letters, the usual case) need no JSON escaping.
                pieces: list[str] = (json.dumps(key) + ': "' + texts + '"').tolist()
                return pieces
        return _field_pieces(key, values, field.json_value)
    combined = np.empty(len(results), dtype=object)
    combined[:] = list(zip(*(results[f.name].tolist() for f in fields), strict=True))

    def nested(values: tuple[Any, ...]) -> dict[str, Any]:
        return {f.json_path[1]: f.json_value(v) for f, v in zip(fields, values, strict=True)}

    return _field_pieces(key, combined, nested)


def _field_pieces(
    name: str, values: npt.NDArray[np.object_], convert: Callable[[Any], Any]
) -> list[str]:
    """`"name": <json>` for every value, rendering each distinct value once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    prefix = json.dumps(name) + ": "
    table = np.empty(len(uniques), dtype=object)
    for i, value in enumerate(uniques):
        table[i] = prefix + json.dumps(convert(value), ensure_ascii=False)
    pieces: list[str] = table[codes].tolist()
    return pieces
