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
from typing import Any, Final

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict

from scoring.vocabulary import Level, Phase

DATE_COLUMNS: Final = (
    "date_of_birth",
    "intake_date",
    "hearing_date",
    "expected_release_date",
    "latest_information_date",
    "risc_date",
)
BOOLEAN_COLUMNS: Final = (
    "scil_lvb_indication",
    "supervision_after_detention",
    "article_43_3_placement",
    "no_residence_status",
    "tbs_imposed",
    "isd_imposed",
    "outflow_care_authorisation",
    "advice_requested",
    "om_isd_tbs_investigation",
    "asr_framework_applied",
)
TEXT_COLUMNS: Final = (
    "skn",
    "name",
    "pi",
    "phase",
    "offence_article",
    "cm_name",
    "cm_notes",
    "rw_name",
    "rw_notes",
    "recidivism_risk",
    "injury_risk",
    "absconding_risk",
    "self_reliance",
    "motivation",
)
LIST_COLUMNS: Final = (
    "criminogenic_factors",
    "protective_factors",
    "special_conditions",
    "care_contacts",
)
INPUT_COLUMNS: Final = (
    *TEXT_COLUMNS,
    *DATE_COLUMNS,
    *BOOLEAN_COLUMNS,
    *LIST_COLUMNS,
    "has_probation_record",
)

#: Fields that come from the prison feed (`dji`) and from the probation feed (`iris`).
DJI_FIELDS: Final = (
    "skn",
    "name",
    "date_of_birth",
    "pi",
    "phase",
    "intake_date",
    "hearing_date",
    "expected_release_date",
    "offence_article",
    "scil_lvb_indication",
    "supervision_after_detention",
    "article_43_3_placement",
    "no_residence_status",
    "tbs_imposed",
    "isd_imposed",
    "outflow_care_authorisation",
    "cm_name",
    "cm_notes",
)
IRIS_FIELDS: Final = (
    "rw_name",
    "latest_information_date",
    "advice_requested",
    "om_isd_tbs_investigation",
    "risc_date",
    "recidivism_risk",
    "injury_risk",
    "absconding_risk",
    "criminogenic_factors",
    "protective_factors",
    "self_reliance",
    "motivation",
    "asr_framework_applied",
    "special_conditions",
    "care_contacts",
    "rw_notes",
)


class DetaineeInputs(BaseModel):
    """Everything the rules may read about one detainee, already parsed and normalised."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    skn: str
    pi: str
    phase: Phase
    name: str | None = None
    date_of_birth: date | None = None
    intake_date: date | None = None
    hearing_date: date | None = None
    expected_release_date: date | None = None
    offence_article: str | None = None
    scil_lvb_indication: bool | None = None
    supervision_after_detention: bool | None = False
    article_43_3_placement: bool | None = False
    no_residence_status: bool | None = False
    tbs_imposed: bool | None = False
    isd_imposed: bool | None = False
    outflow_care_authorisation: bool | None = False
    cm_name: str | None = None
    cm_notes: str | None = None

    has_probation_record: bool = False
    rw_name: str | None = None
    latest_information_date: date | None = None
    advice_requested: bool | None = None
    om_isd_tbs_investigation: bool | None = None
    risc_date: date | None = None
    recidivism_risk: Level | None = None
    injury_risk: Level | None = None
    absconding_risk: Level | None = None
    criminogenic_factors: tuple[str, ...] | None = None
    protective_factors: tuple[str, ...] | None = None
    self_reliance: str | None = None
    motivation: str | None = None
    asr_framework_applied: bool | None = None
    special_conditions: tuple[str, ...] | None = ()
    care_contacts: tuple[str, ...] | None = ()
    rw_notes: str | None = None

    def fingerprint(self, part: str = "all") -> str:
        """SHA-256 of the content (`dji`, `iris` or `all` fields), stable across runs."""
        return content_fingerprint(self.model_dump(mode="json"), part)


def content_fingerprint(record: dict[str, Any], part: str = "all") -> str:
    """Fingerprint of a detainee's input content; `part` selects `dji`, `iris` or `all`."""
    fields: Iterable[str]
    if part == "dji":
        fields = DJI_FIELDS
    elif part == "iris":
        fields = ("has_probation_record", *IRIS_FIELDS)
    else:
        fields = (*DJI_FIELDS, "has_probation_record", *IRIS_FIELDS)
    payload = {field: _jsonable(record.get(field)) for field in fields}
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def empty_inputs_frame() -> pd.DataFrame:
    """A frame with every input column and no rows."""
    return inputs_frame([])


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
        default = DetaineeInputs.model_fields[column].default
        values = [row.get(column, default) for row in rows]
        columns[column] = pd.array(values, dtype="boolean")
    for column in LIST_COLUMNS:
        default = DetaineeInputs.model_fields[column].default
        series = pd.Series([_as_tuple(row.get(column, default)) for row in rows], dtype="object")
        columns[column] = series
    columns["has_probation_record"] = np.array(
        [bool(row.get("has_probation_record", False)) for row in rows], dtype=bool
    )
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
    if column == "has_probation_record":
        return [bool(v) for v in series]
    return [None if v is pd.NA or v is None else v for v in series.astype(object)]
