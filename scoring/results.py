"""Result rows as the JSON objects of `som score` (feeds.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from scoring.engine import RESULT_COLUMNS


def result_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The feeds.md detainee object of one result row."""
    return {
        "skn": row["skn"],
        "band": row["band"],
        "provisional_band": row["provisional_band"],
        "decisive": row["decisive"],
        "fired": list(row["fired"]),
        "unknown": list(row["unknown"]),
        "open_questions": _open_questions(row["open_questions"]),
        "tiers": list(row["tiers"]),
        "tier_score": int(row["tier_score"]),
        "weighing_profile": {
            "signals": int(row["profile_signals"]),
            "known": int(row["profile_known"]),
        },
        "warnings": list(row["warnings"]),
    }


def _open_questions(pairs: Any) -> list[dict[str, str]]:
    return [{"criterion": criterion, "band": band} for criterion, band in pairs]


#: Result columns that feed the JSON object (all but `intake_date`, which only orders).
_RECORD_COLUMNS = tuple(name for name in RESULT_COLUMNS if name != "intake_date")


def result_records(results: pd.DataFrame) -> list[dict[str, Any]]:
    """Every result row as a feeds.md detainee object, in the frame's order.

    The engine shares one tuple between all rows with the same fired/unknown/... set, so each
    distinct tuple is converted once; the JSON objects only read these shared lists.
    """
    memo: dict[tuple[str, int], Any] = {}

    def converted(kind: str, value: Any) -> Any:
        key = (kind, id(value))
        if key not in memo:
            memo[key] = _open_questions(value) if kind == "open_questions" else list(value)
        return memo[key]

    columns = {name: results[name].tolist() for name in _RECORD_COLUMNS}
    records = []
    for i in range(len(results)):
        records.append(
            {
                "skn": columns["skn"][i],
                "band": columns["band"][i],
                "provisional_band": columns["provisional_band"][i],
                "decisive": columns["decisive"][i],
                "fired": converted("fired", columns["fired"][i]),
                "unknown": converted("unknown", columns["unknown"][i]),
                "open_questions": converted("open_questions", columns["open_questions"][i]),
                "tiers": converted("tiers", columns["tiers"][i]),
                "tier_score": int(columns["tier_score"][i]),
                "weighing_profile": {
                    "signals": int(columns["profile_signals"][i]),
                    "known": int(columns["profile_known"][i]),
                },
                "warnings": converted("warnings", columns["warnings"][i]),
            }
        )
    return records


def results_json(results: pd.DataFrame, as_of: str, policy_version: str) -> str:
    """The whole `som score --format json` document as text, fast for large populations.

    Each field's JSON text is made once per distinct value and the rows are concatenated
    column-wise. Equal to `json.dumps` of
    `{"as_of", "policy_version", "detainees": result_records(results)}`.
    """
    skns = results["skn"].astype(str).to_numpy(dtype=object)
    if _PLAIN.fullmatch("".join(skns.tolist())):
        # Plain skns (digits and letters, the usual case) need no JSON escaping.
        first = '{"skn": "' + skns + '"'
    else:
        first = "{" + _field_pieces("skn", skns)
    profiles = np.empty(len(results), dtype=object)
    profiles[:] = list(
        zip(results["profile_signals"].tolist(), results["profile_known"].tolist(), strict=True)
    )
    columns = [
        first.tolist(),
        *(
            _field_pieces(name, results[name].to_numpy(dtype=object)).tolist()
            for name in _OBJECT_FIELDS
        ),
        _field_pieces("weighing_profile", profiles).tolist(),
        _field_pieces("warnings", results["warnings"].to_numpy(dtype=object)).tolist(),
    ]
    rows = ", ".join([", ".join(parts) + "}" for parts in zip(*columns, strict=True)])
    head = json.dumps({"as_of": as_of, "policy_version": policy_version}, ensure_ascii=False)
    return head[:-1] + ', "detainees": [' + rows + "]}"


_PLAIN = re.compile(r"[A-Za-z0-9 ._/-]*")
_OBJECT_FIELDS = (
    "band",
    "provisional_band",
    "decisive",
    "fired",
    "unknown",
    "open_questions",
    "tiers",
    "tier_score",
)


def _field_pieces(name: str, values: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """`"name": <json>` for every value, rendering each distinct value once."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    prefix = json.dumps(name) + ": "
    table = np.empty(len(uniques), dtype=object)
    for i, value in enumerate(uniques):
        table[i] = prefix + json.dumps(_jsonable(name, value), ensure_ascii=False)
    return table[codes]


def _jsonable(name: str, value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if name == "open_questions":
        return _open_questions(value)
    if name == "weighing_profile":
        return {"signals": int(value[0]), "known": int(value[1])}
    if name == "tier_score":
        return int(value)
    if isinstance(value, tuple):
        return list(value)
    return value
