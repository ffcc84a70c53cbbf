"""The auditor's lists as files: CSV (UTF-8 with a byte order mark, `,` or `;`) or JSON, plain
or pseudonymised, every export logged in the access log with its filters.

- CSV goes through THE CSV writer, `feeds.writing.write_csv` (formula cells neutralised). Times
  are ISO 8601 in UTC (`2026-11-10T12:00:00Z`), yes/no as `true` / `false`, missing as empty.
- JSON is an array of objects with the list's columns as keys, the same times, null for missing.
- Pseudonymised: the detainee's SKN and name are replaced by a keyed pseudonym — HMAC-SHA256 of
  the SKN with the key in `SOM_PSEUDONYM_KEY` — so the same detainee gets the same pseudonym in
  every export made with that key, and nobody without the key can compute it from an SKN.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import math
import os
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any, Final

import pandas as pd

from feeds.writing import CSV_DELIMITERS, write_csv
from storage.access_log import record_access
from storage.actor import SYSTEM, Actor
from storage.audit_analytics import AuditAnalytics, audit_analytics
from storage.audit_views import (
    AUDIT_KINDS,
    DECISION_COLUMNS,
    OVERRIDE_COLUMNS,
    AuditFilters,
    decision_list,
    override_list,
)
from storage.database import Database
from storage.errors import ValidationFailed
from storage.permissions import require

PSEUDONYM_KEY_VARIABLE: Final = "SOM_PSEUDONYM_KEY"
EXPORT_FORMATS: Final[tuple[str, ...]] = ("csv", "json")
#: The delimiters a CSV export may use: THE CSV writer's.
EXPORT_DELIMITERS: Final[tuple[str, ...]] = CSV_DELIMITERS
#: The columns that identify a detainee, replaced by the pseudonym in a pseudonymised export.
IDENTIFYING_COLUMNS: Final[tuple[str, ...]] = ("skn", "name")
_PSEUDONYM_LENGTH: Final = 16


def pseudonym_key(environment: dict[str, str] | None = None) -> bytes:
    """The key of the pseudonyms, from `SOM_PSEUDONYM_KEY`; `ValidationFailed` when it is
    missing or too short to be a secret."""
    setting = (environment if environment is not None else os.environ).get(
        PSEUDONYM_KEY_VARIABLE, ""
    )
    if not setting.strip():
        raise ValidationFailed(
            {
                PSEUDONYM_KEY_VARIABLE: "is not set: a pseudonymised export needs a secret key "
                f"(e.g. export {PSEUDONYM_KEY_VARIABLE}=$(openssl rand -hex 32)); keep it to "
                "get the same pseudonyms next time"
            }
        )
    if len(setting.strip()) < 16:
        raise ValidationFailed(
            {PSEUDONYM_KEY_VARIABLE: "is shorter than 16 characters: too easy to guess"}
        )
    return setting.strip().encode("utf-8")


def pseudonym(key: bytes, skn: str) -> str:
    """The keyed pseudonym of a detainee: stable per key, different between keys."""
    digest = hmac.new(key, skn.encode("utf-8"), hashlib.sha256).hexdigest()
    return "P-" + digest[:_PSEUDONYM_LENGTH]


def pseudonymised(frame: pd.DataFrame, key: bytes) -> pd.DataFrame:
    """The list with SKN and name replaced by the detainee's pseudonym."""
    copy = frame.copy()
    pseudonyms = [pseudonym(key, str(skn)) for skn in copy["skn"].tolist()]
    for column in IDENTIFYING_COLUMNS:
        copy[column] = pseudonyms
    return copy


@dataclass(frozen=True)
class AuditExport:
    """An export ready to leave SOM: its text, how many rows, and what the access log holds."""

    text: str
    rows: int
    detail: dict[str, Any]


def export_problems(kind: str, form: str, delimiter: str) -> dict[str, str]:
    """Per-option messages for an export that cannot be made (empty when it can)."""
    problems: dict[str, str] = {}
    if kind not in AUDIT_KINDS:
        problems["kind"] = f"must be one of {', '.join(AUDIT_KINDS)} (found {kind!r})"
    if form not in EXPORT_FORMATS:
        problems["format"] = f"must be one of {', '.join(EXPORT_FORMATS)} (found {form!r})"
    if delimiter not in CSV_DELIMITERS:
        problems["delimiter"] = f"must be one of {' '.join(CSV_DELIMITERS)} (found {delimiter!r})"
    return problems


def export_audit_list(
    database: Database,
    kind: str,
    filters: AuditFilters,
    form: str,
    *,
    delimiter: str = ",",
    pseudonymise: bool = False,
    destination: str = "download",
    actor: Actor = SYSTEM,
) -> AuditExport:
    """The `kind` list (`overrides` or `decisions`) under `filters` as CSV or JSON text, logged
    as `export` with the filters before it is returned. `ValidationFailed` for bad options or
    filters, or a pseudonymised export without `SOM_PSEUDONYM_KEY`."""
    require(actor, "export")
    problems = export_problems(kind, form, delimiter)
    if problems:
        raise ValidationFailed(problems)
    key = pseudonym_key() if pseudonymise else None
    if kind == "overrides":
        frame, columns = override_list(database, filters, actor=actor), OVERRIDE_COLUMNS
    else:
        frame, columns = decision_list(database, filters, actor=actor), DECISION_COLUMNS
    if key is not None:
        frame = pseudonymised(frame, key)
    text = audit_text(frame, columns, form, delimiter=delimiter)
    detail = {
        "export": kind,
        "format": form,
        "delimiter": delimiter if form == "csv" else None,
        "pseudonymised": pseudonymise,
        "filters": filters.as_detail(),
        "rows": len(frame),
        "out": destination,
    }
    record_access(database, actor, "export", detail=detail)
    return AuditExport(text=text, rows=len(frame), detail=detail)


#: The tables of the analytics (`AuditAnalytics`'s DataFrame fields), in their order.
ANALYTICS_TABLES: Final[tuple[str, ...]] = tuple(
    f.name for f in fields(AuditAnalytics) if f.type in ("pd.DataFrame", pd.DataFrame)
)
#: The table a CSV of the analytics holds unless another is asked for.
DEFAULT_ANALYTICS_TABLE: Final = "most_overruled"


def export_analytics(
    database: Database,
    form: str,
    *,
    table: str = DEFAULT_ANALYTICS_TABLE,
    delimiter: str = ",",
    destination: str = "download",
    actor: Actor = SYSTEM,
) -> AuditExport:
    """The override analytics as a file, logged as `export` before it is returned: JSON holds
    the headline figures, the review thresholds and every table (`ANALYTICS_TABLES`); CSV holds
    one table (`table`, by default the criteria most overruled). `ValidationFailed` for a bad
    format, delimiter or table."""
    require(actor, "export")
    problems = export_problems("overrides", form, delimiter)
    if table not in ANALYTICS_TABLES:
        problems["table"] = f"must be one of {', '.join(ANALYTICS_TABLES)} (found {table!r})"
    if problems:
        raise ValidationFailed(problems)
    figures = audit_analytics(database, actor=actor)
    if form == "json":
        text = json.dumps(analytics_document(figures), indent=2, ensure_ascii=False) + "\n"
        rows = sum(len(getattr(figures, name)) for name in ANALYTICS_TABLES)
    else:
        frame: pd.DataFrame = getattr(figures, table)
        text = audit_text(frame, tuple(str(c) for c in frame.columns), "csv", delimiter=delimiter)
        rows = len(frame)
    detail = {
        "export": "analytics",
        "format": form,
        "table": table if form == "csv" else "all",
        "delimiter": delimiter if form == "csv" else None,
        "rows": rows,
        "out": destination,
    }
    record_access(database, actor, "export", detail=detail)
    return AuditExport(text=text, rows=rows, detail=detail)


def analytics_document(figures: AuditAnalytics) -> dict[str, Any]:
    """The analytics as JSON-ready data: headline, thresholds, and each table as records."""
    return {
        "assessed": figures.assessed,
        "overridden": figures.overridden,
        "overall_rate": figures.overall_rate,
        "up": figures.up,
        "down": figures.down,
        "thresholds": {"rate": figures.thresholds.rate, "one_way": figures.thresholds.one_way},
        "tables": {
            name: [
                {str(k): plain_value(v) for k, v in row.items()}
                for row in getattr(figures, name).to_dict("records")
            ]
            for name in ANALYTICS_TABLES
        },
    }


def audit_text(
    frame: pd.DataFrame, columns: tuple[str, ...], form: str, *, delimiter: str = ","
) -> str:
    """A list as CSV (BOM, `write_csv`) or as a JSON array of objects keyed by `columns`."""
    rows = [
        tuple(plain_value(value) for value in row)
        for row in frame[list(columns)].itertuples(index=False, name=None)
    ]
    if form == "json":
        objects = [dict(zip(columns, row, strict=True)) for row in rows]
        return json.dumps(objects, indent=2, ensure_ascii=False) + "\n"
    out = io.StringIO()
    cells = [tuple(_csv_cell(value) for value in row) for row in rows]
    write_csv(out, columns, cells, delimiter=delimiter, bom=True)
    return out.getvalue()


def plain_value(value: Any) -> Any:
    """A cell as JSON has it: times ISO 8601 in UTC, numbers as int, missing as None."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):  # a pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if hasattr(value, "item"):  # a numpy number or bool
        return value.item()
    return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
