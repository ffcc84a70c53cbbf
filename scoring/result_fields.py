"""The result schema: every field of a scoring result, declared once (in `result_fields.toml`).

Each `ResultField` names the column of the engine's result frame (the one name the code uses),
the kind of value, where it stands in the `som score --format json` object (feeds.md), its CSV
header and table heading, and how storage keeps it. The JSON, CSV and table writers
(`scoring.results`, `scoring.result_writers`) and the storage codec derive from this table.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal, get_args

#: `text` a word, `optional_text` a word or null, `ids` a tuple of item ids, `questions` a tuple
#: of (criterion, band) pairs, `count` a whole number, `texts` a tuple of sentences.
ResultKind = Literal["text", "optional_text", "ids", "questions", "count", "texts"]


@dataclass(frozen=True, kw_only=True)
class ResultField:
    """One field of a scoring result."""

    name: str
    kind: ResultKind
    #: The keys leading to the value in the JSON detainee object.
    json_path: tuple[str, ...]
    csv_header: str
    #: Heading in `--format table`; fields sharing a heading share a cell ("3/4").
    table_heading: str | None = None
    #: In the table, left blank when equal to this other field (provisional vs band).
    table_blank_when_equals: str | None = None

    @property
    def is_list(self) -> bool:
        """Whether the value is a tuple (stored as a JSON list)."""
        return self.kind in ("ids", "questions", "texts")

    @property
    def storage_column(self) -> str:
        """The assessments column that keeps the value."""
        return f"{self.name}_json" if self.is_list else self.name

    def json_value(self, value: Any) -> Any:
        """The value as the JSON document writes it."""
        if self.kind == "questions":
            return [{"criterion": criterion, "band": band} for criterion, band in value]
        if self.is_list:
            return list(value)
        if self.kind == "count":
            return int(value)
        if self.kind == "optional_text" and (value is None or value != value):
            return None
        return value

    def csv_cell(self, value: Any) -> str:
        """The value as one CSV cell: lists joined with `|`, open questions as `C01:no_priority`."""
        if self.kind == "questions":
            return "|".join(f"{criterion}:{band}" for criterion, band in value)
        if self.is_list:
            return "|".join(value)
        if value is None or value != value:
            return ""
        return str(int(value)) if self.kind == "count" else str(value)

    def table_cell(self, value: Any) -> str:
        """The value as a table cell: ids spaced, sentences separated by `; `, none as `-`."""
        if self.kind == "texts":
            return "; ".join(value)
        if self.kind == "optional_text" and (value is None or value != value):
            return "-"
        return self.csv_cell(value).replace("|", " ")


_SCHEMA_FILE: Final = Path(__file__).with_name("result_fields.toml")
_KEYS: Final = frozenset({"name", "kind", "json", "csv", "table", "blank_when_equals"})


def _load() -> tuple[ResultField, ...]:
    with _SCHEMA_FILE.open("rb") as handle:
        entries = tomllib.load(handle)["result"]
    fields = []
    for entry in entries:
        unknown = sorted(set(entry) - _KEYS)
        if unknown or entry["kind"] not in get_args(ResultKind):
            problem = f"unknown key {unknown[0]!r}" if unknown else f"kind {entry['kind']!r}"
            raise ValueError(f"result_fields.toml, result {entry.get('name')}: {problem}")
        fields.append(
            ResultField(
                name=entry["name"],
                kind=entry["kind"],
                json_path=tuple(entry["json"]),
                csv_header=entry["csv"],
                table_heading=entry.get("table"),
                table_blank_when_equals=entry.get("blank_when_equals"),
            )
        )
    return tuple(fields)


RESULT_FIELDS: Final[tuple[ResultField, ...]] = _load()
RESULT_FIELD_BY_NAME: Final[dict[str, ResultField]] = {f.name: f for f in RESULT_FIELDS}
#: Result fields that storage keeps on an assessment (all but the detainee number).
STORED_RESULT_FIELDS: Final[tuple[ResultField, ...]] = tuple(
    field for field in RESULT_FIELDS if field.name != "skn"
)


def json_object(values: Sequence[Any]) -> dict[str, Any]:
    """The JSON detainee object of one result, `values` in the order of `RESULT_FIELDS`."""
    document: dict[str, Any] = {}
    for field, value in zip(RESULT_FIELDS, values, strict=True):
        target = document
        for key in field.json_path[:-1]:
            target = target.setdefault(key, {})
        target[field.json_path[-1]] = field.json_value(value)
    return document


def table_headings() -> tuple[str, ...]:
    """The headings of `--format table`, in order, each once."""
    headings: list[str] = []
    for field in RESULT_FIELDS:
        if field.table_heading is not None and field.table_heading not in headings:
            headings.append(field.table_heading)
    return tuple(headings)


def table_row(values: dict[str, Any]) -> tuple[str, ...]:
    """One result as the cells of `--format table` (`values` keyed by field name)."""
    cells: dict[str, list[str]] = {}
    for field in RESULT_FIELDS:
        if field.table_heading is None:
            continue
        value = values[field.name]
        other = field.table_blank_when_equals
        cell = "" if other is not None and value == values[other] else field.table_cell(value)
        cells.setdefault(field.table_heading, []).append(cell)
    return tuple("/".join(parts) for parts in cells.values())
