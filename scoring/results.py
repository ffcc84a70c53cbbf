"""Result rows as the JSON objects of `som score` (feeds.md)."""

from __future__ import annotations

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
        "open_questions": [{"criterion": c, "band": b} for c, b in row["open_questions"]],
        "tiers": list(row["tiers"]),
        "tier_score": int(row["tier_score"]),
        "weighing_profile": {
            "signals": int(row["profile_signals"]),
            "known": int(row["profile_known"]),
        },
        "warnings": list(row["warnings"]),
    }


def result_records(results: pd.DataFrame) -> list[dict[str, Any]]:
    """Every result row as a feeds.md detainee object, in the frame's order."""
    columns = [
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
    ]
    as_lists = {column: results[column].tolist() for column in columns}
    return [
        result_record({column: as_lists[column][i] for column in columns})
        for i in range(len(results))
    ]
