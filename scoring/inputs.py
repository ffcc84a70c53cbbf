"""What SOM knows about one detainee: the `dji` part (form part 1) and the `iris` part (part 2).

`DetaineeInputs` describes one detainee; the engine works on a whole population at once, as a
pandas frame with the columns of `INPUT_COLUMNS`. `None` (or `<NA>` / `NaT` in the frame) means
*unknown*; an empty tuple in a list column means *known to be empty*.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, create_model

from scoring.fields import FIELD_BY_NAME, FIELDS, field_names

#: The engine's input frame holds each field by its storage (`scoring.fields`).
TEXT_COLUMNS: Final = field_names(storage="text")
DATE_COLUMNS: Final = field_names(storage="date")
BOOLEAN_COLUMNS: Final = field_names(storage="boolean")
LIST_COLUMNS: Final = field_names(storage="list")
FLAG_COLUMNS: Final = field_names(storage="flag")
INPUT_COLUMNS: Final = (
    *TEXT_COLUMNS,
    *DATE_COLUMNS,
    *BOOLEAN_COLUMNS,
    *LIST_COLUMNS,
    *FLAG_COLUMNS,
)

#: Fields that come from the prison feed (`dji`) and from the probation feed (`iris`).
DJI_FIELDS: Final = field_names(feed="dji")
IRIS_FIELDS: Final = field_names(feed="iris")
#: The part of a record that a re-read of each feed replaces (the derived flag goes with iris).
FEED_PARTS: Final[dict[str, tuple[str, ...]]] = {
    "dji": DJI_FIELDS,
    "iris": (*FLAG_COLUMNS, *IRIS_FIELDS),
}


class _InputsModel(BaseModel):
    """The base of `DetaineeInputs`: its fields are added from the field catalogue."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    if TYPE_CHECKING:
        # The fields are declared in `scoring.fields`; the type checker sees them as Any.
        def __getattr__(self, name: str) -> Any: ...

    def fingerprint(self, part: str = "all") -> str:
        """SHA-256 of the content (`dji`, `iris` or `all` fields), stable across runs."""
        return content_fingerprint(self.model_dump(mode="json"), part)


def _model_fields() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for field in FIELDS:
        if field.required:
            definitions[field.name] = (field.python_type, ...)
        else:
            definitions[field.name] = (field.python_type, field.default)
    return definitions


if TYPE_CHECKING:
    DetaineeInputs = _InputsModel
else:
    DetaineeInputs = create_model(
        "DetaineeInputs",
        __base__=_InputsModel,
        __module__=__name__,
        __doc__="Everything the rules may read about one detainee, already parsed and normalised.",
        **_model_fields(),
    )


def content_fingerprint(record: dict[str, Any], part: str = "all") -> str:
    """Fingerprint of a detainee's input content; `part` selects `dji`, `iris` or `all`."""
    fields: Iterable[str] = (
        (*FEED_PARTS["dji"], *FEED_PARTS["iris"]) if part == "all" else FEED_PARTS[part]
    )
    payload = {field: _jsonable(record.get(field)) for field in fields}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def inputs_frame(records: Iterable[DetaineeInputs | dict[str, Any]]) -> pd.DataFrame:
    """Build the engine's input frame from detainee records (models or `model_dump()` dicts)."""
    rows = [r.model_dump() if isinstance(r, DetaineeInputs) else dict(r) for r in records]
    columns: dict[str, Any] = {}
    for column in TEXT_COLUMNS:
        columns[column] = pd.array([row.get(column) for row in rows], dtype="string")
    for column in DATE_COLUMNS:
        columns[column] = pd.to_datetime(
            pd.Series([row.get(column) for row in rows], dtype="object"), errors="raise"
        ).astype("datetime64[s]")
    for column in BOOLEAN_COLUMNS:
        default = FIELD_BY_NAME[column].default
        values = [row.get(column, default) for row in rows]
        columns[column] = pd.array(values, dtype="boolean")
    for column in LIST_COLUMNS:
        default = FIELD_BY_NAME[column].default
        series = pd.Series([_as_tuple(row.get(column, default)) for row in rows], dtype="object")
        columns[column] = series
    for column in FLAG_COLUMNS:
        columns[column] = np.array([bool(row.get(column, False)) for row in rows], dtype=bool)
    frame = pd.DataFrame({name: _values(value) for name, value in columns.items()})
    return frame[list(INPUT_COLUMNS)]


def _values(value: Any) -> Any:
    return value.to_numpy() if isinstance(value, pd.Series) and value.dtype == object else value


def _as_tuple(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(value)


def records_from_frame(frame: pd.DataFrame) -> list[DetaineeInputs]:
    """Turn an input frame back into detainee records (for storage and the detail page)."""
    return [DetaineeInputs.model_validate(row) for row in frame_rows(frame)]


def frame_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of an input frame as plain Python dicts: dates as `date`, unknowns as `None`."""
    out: list[dict[str, Any]] = []
    as_objects = {column: _column_objects(frame[column], column) for column in INPUT_COLUMNS}
    for i in range(len(frame)):
        out.append({column: values[i] for column, values in as_objects.items()})
    return out


def _column_objects(series: pd.Series, column: str) -> list[Any]:
    if column in DATE_COLUMNS:
        return [None if pd.isna(v) else v.date() for v in series]
    if column in LIST_COLUMNS:
        return [None if v is None or v is pd.NA else tuple(v) for v in series]
    if column in FLAG_COLUMNS:
        return [bool(v) for v in series]
    return [None if v is pd.NA or v is None else v for v in series.astype(object)]
