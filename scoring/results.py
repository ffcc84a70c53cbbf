"""Result rows as the JSON objects of `som score` (feeds.md)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd


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

    columns = {
        name: results[name].tolist()
        for name in (
            "skn",
            "band",
            "provisional_band",
            "decisive",
            "fired",
            "unknown",
            "open_questions",
            "tiers",
            "tier_score",
            "profile_signals",
            "profile_known",
            "warnings",
        )
    }
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

    Rows that share every field but `skn` (most do) share one rendered JSON tail, so the text is
    built once per distinct result rather than once per detainee. Equal to `json.dumps` of
    `{"as_of", "policy_version", "detainees": result_records(results)}`.
    """
    rendered: dict[tuple[Any, ...], str] = {}
    names = (
        "band",
        "provisional_band",
        "decisive",
        "fired",
        "unknown",
        "open_questions",
        "tiers",
        "tier_score",
        "profile_signals",
        "profile_known",
        "warnings",
    )
    columns = [results[name].tolist() for name in names]
    skns = results["skn"].tolist()
    parts = []
    for skn, *fields in zip(skns, *columns, strict=True):
        key = (
            tuple(fields[:3])
            + tuple(id(v) for v in fields[3:7])
            + tuple(fields[7:10])
            + (id(fields[10]),)
        )
        tail = rendered.get(key)
        if tail is None:
            record = result_record(dict(zip(("skn", *names), ("", *fields), strict=True)))
            del record["skn"]
            tail = json.dumps(record, ensure_ascii=False)[1:]
            rendered[key] = tail
        parts.append('{"skn": ' + json.dumps(skn, ensure_ascii=False) + ", " + tail)
    head = json.dumps({"as_of": as_of, "policy_version": policy_version}, ensure_ascii=False)
    return head[:-1] + ', "detainees": [' + ", ".join(parts) + "]}"
