"""How inputs and results are written down: canonical JSON documents and their fingerprints.

An input version stores the detainee's `DetaineeInputs` as canonical JSON (sorted keys, no
spaces), so its fingerprint is simply the SHA-256 of the stored text — the same value as
`DetaineeInputs.fingerprint("all")`. Assessments store list-valued results as JSON too.

Import and re-scoring handle 100,000 detainees at a time, so the conversions here work column by
column and remember repeated values (most detainees share the same few criterion tuples).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json

from scoring.fields import FIELD_BY_NAME
from scoring.inputs import (
    BOOLEAN_COLUMNS,
    DATE_COLUMNS,
    FEED_PARTS,
    FLAG_COLUMNS,
    INPUT_COLUMNS,
    LIST_COLUMNS,
    TEXT_COLUMNS,
)
from scoring.result_fields import STORED_RESULT_FIELDS, ResultField

#: The part of a record that comes from the probation feed (replaced when `iris` is re-read).
IRIS_PART: Final = FEED_PARTS["iris"]
_SORTED_COLUMNS: Final = tuple(sorted(INPUT_COLUMNS))
_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SORTED_ENCODER: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 kept readable."""
    return _SORTED_ENCODER.encode(value)


def fingerprint(document: str) -> str:
    """SHA-256 (hex) of a stored document."""
    return hashlib.sha256(document.encode("utf-8")).hexdigest()


# --- inputs -------------------------------------------------------------------------------------


def input_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of an engine input frame as JSON-ready dicts: dates as ISO text, lists as lists,
    unknowns as None; keys in sorted order, so `input_document` need not sort them."""
    values = [_json_ready_column(frame[column], column) for column in _SORTED_COLUMNS]
    return [dict(zip(_SORTED_COLUMNS, row, strict=True)) for row in zip(*values, strict=True)]


def input_document(record: dict[str, Any]) -> str:
    """The canonical JSON document of one JSON-ready input record (keys already sorted)."""
    return _ENCODER.encode(record)


def records_from_documents(documents: Sequence[str]) -> list[dict[str, Any]]:
    """Decode stored input documents (one `json.loads` for all of them: twice as fast)."""
    if not documents:
        return []
    records: list[dict[str, Any]] = json.loads("[" + ",".join(documents) + "]")
    return records


#: How `frame_from_documents` reads each input field of a stored document.
_DOCUMENT_SCHEMA: Final = pa.schema(
    [pa.field(column, pa.string()) for column in (*TEXT_COLUMNS, *DATE_COLUMNS)]
    + [pa.field(column, pa.bool_()) for column in (*BOOLEAN_COLUMNS, *FLAG_COLUMNS)]
    + [pa.field(column, pa.list_(pa.string())) for column in LIST_COLUMNS]
)


def frame_from_documents(documents: Sequence[bytes]) -> pd.DataFrame:
    """The engine input frame of stored input documents (UTF-8 bytes, as
    `storage.schema.document_bytes` reads them): the same frame as `frame_from_records` of the
    decoded documents, read column by column by Arrow's JSON reader (several times as fast on a
    year of history).

    A key missing from a document (one stored before the field existed) takes the field's
    default, as in `frame_from_records`; a key present with null stays unknown.
    """
    if not documents:
        return frame_from_records([])
    table = pa_json.read_json(
        io.BytesIO(b"\n".join(documents)),
        read_options=pa_json.ReadOptions(block_size=1 << 24),
        parse_options=pa_json.ParseOptions(
            explicit_schema=_DOCUMENT_SCHEMA, unexpected_field_behavior="ignore"
        ),
    )
    columns: dict[str, Any] = {}
    for column in TEXT_COLUMNS:
        columns[column] = pd.array(table.column(column), dtype="string")
    for column in DATE_COLUMNS:
        parsed = pc.strptime(table.column(column), format="%Y-%m-%d", unit="s")
        columns[column] = parsed.to_numpy(zero_copy_only=False).astype("datetime64[s]")
    for column in BOOLEAN_COLUMNS:
        values = pd.array(table.column(column), dtype="boolean")
        default = FIELD_BY_NAME[column].default
        if default is not None:
            for row in _missing_rows(documents, column, values.isna()):
                values[row] = default
        columns[column] = values
    for column in LIST_COLUMNS:
        default = FIELD_BY_NAME[column].default
        cells = _tuples(table.column(column))
        if default is not None:
            for row in _missing_rows(documents, column, pd.isna(cells)):
                cells[row] = _as_tuple(default)
        columns[column] = cells
    for column in FLAG_COLUMNS:
        flags = table.column(column).fill_null(False)
        columns[column] = flags.to_numpy(zero_copy_only=False).astype(bool)
    return pd.DataFrame(columns)[list(INPUT_COLUMNS)]


def _tuples(lists: pa.ChunkedArray) -> npt.NDArray[Any]:
    """A list column as tuples (None where null), each distinct list built once: a list is
    known by its items joined with a separator that no item holds, and its length (which tells
    an empty list from a list of one empty text)."""
    cells = np.empty(len(lists), dtype=object)
    items = pc.list_flatten(lists)
    if len(items) and pc.any(pc.match_substring(items, _SEPARATOR)).as_py():
        cells[:] = [_as_tuple(value) for value in lists.to_pylist()]
        return cells
    lengths = pc.cast(pc.list_value_length(lists), pa.string())
    keys = pc.binary_join_element_wise(pc.binary_join(lists, _SEPARATOR), lengths, "#")
    codes, distinct = pd.factorize(keys.to_numpy(zero_copy_only=False), use_na_sentinel=True)
    firsts = pd.Series(np.arange(len(codes))).groupby(codes).first()
    built = np.empty(len(distinct) + 1, dtype=object)  # the last one: null (code -1)
    for code, row in zip(firsts.index.tolist(), firsts.tolist(), strict=True):
        if code >= 0:
            built[code] = _as_tuple(lists[row].as_py())
    cells[:] = built[codes]
    return cells


#: A character no list item of a stored document holds (checked; `_tuples` falls back if so).
_SEPARATOR: Final = "\x1f"


def _missing_rows(documents: Sequence[bytes], column: str, unknown: Any) -> list[int]:
    """The rows among `unknown` whose document lacks the key `column` altogether (canonical
    JSON has no spaces, and a quote inside a text value is escaped, so the key text is exact)."""
    key = f'"{column}":'.encode()
    return [int(row) for row in np.flatnonzero(unknown) if key not in documents[int(row)]]


def frame_from_records(records: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """The engine input frame of JSON-ready records, with the dtypes of `inputs_frame`."""
    columns: dict[str, Any] = {}
    for column in TEXT_COLUMNS:
        columns[column] = pd.array([r.get(column) for r in records], dtype="string")
    for column in DATE_COLUMNS:
        texts = pd.Series([r.get(column) for r in records], dtype="object")
        parsed = pd.to_datetime(texts, format="%Y-%m-%d", errors="raise")
        columns[column] = parsed.astype("datetime64[s]").to_numpy()
    for column in BOOLEAN_COLUMNS:
        default = FIELD_BY_NAME[column].default
        columns[column] = pd.array([r.get(column, default) for r in records], dtype="boolean")
    for column in LIST_COLUMNS:
        default = FIELD_BY_NAME[column].default
        cells = np.empty(len(records), dtype=object)
        cells[:] = [_as_tuple(r.get(column, default)) for r in records]
        columns[column] = cells
    for column in FLAG_COLUMNS:
        columns[column] = np.array([bool(r.get(column, False)) for r in records], dtype=bool)
    return pd.DataFrame(columns)[list(INPUT_COLUMNS)]


def changed_feeds(old: dict[str, Any], new: dict[str, Any]) -> str:
    """Which feeds changed between two records: 'dji', 'iris' or 'dji,iris'."""
    return ",".join(
        feed
        for feed, names in FEED_PARTS.items()
        if any(old.get(name) != new.get(name) for name in names)
    )


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, old value, new value) for each input field that differs, in column order."""
    return [
        (name, old.get(name), new.get(name))
        for name in INPUT_COLUMNS
        if old.get(name) != new.get(name)
    ]


def _json_ready_column(series: pd.Series, column: str) -> list[Any]:
    if column in DATE_COLUMNS:
        texts = pd.Series(series).dt.strftime("%Y-%m-%d")
        return [None if pd.isna(v) else v for v in texts.tolist()]
    if column in LIST_COLUMNS:
        return [None if v is None or v is pd.NA else list(v) for v in series.tolist()]
    if column in FLAG_COLUMNS:
        return [bool(v) for v in series.tolist()]
    return [None if v is None or v is pd.NA else v for v in series.astype(object).tolist()]


def _as_tuple(value: Any) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EncodedResult:
    """One engine result row, ready to be stored as an assessment."""

    #: The result columns of the assessment (`scoring.result_fields`), lists as JSON text.
    values: tuple[Any, ...]
    states_json: str
    result_fingerprint: str

    @property
    def band(self) -> str:
        """The automated band."""
        band: str = self.values[_BAND_POSITION]
        return band

    def columns(self) -> dict[str, Any]:
        """The assessment columns of this result."""
        names = (field.storage_column for field in STORED_RESULT_FIELDS)
        return {
            **dict(zip(names, self.values, strict=True)),
            "states_json": self.states_json,
            "result_fingerprint": self.result_fingerprint,
        }


_BAND_POSITION: Final = [field.name for field in STORED_RESULT_FIELDS].index("band")


def encode_results(results: pd.DataFrame) -> list[EncodedResult]:
    """Encode every row of `scoring.score`'s output, in the frame's row order."""
    # Sorted like `dumps` sorts keys, so the template below writes the canonical document.
    state_columns = sorted(c for c in results.columns if c.startswith("state_"))
    state_keys = tuple(c.removeprefix("state_") for c in state_columns)
    states = zip(*(results[c].astype(str).tolist() for c in state_columns), strict=True)
    rows = zip(
        *(results[field.name].tolist() for field in STORED_RESULT_FIELDS), states, strict=True
    )
    # Results repeat a lot (a third of 100,000 detainees are distinct): encode each one once.
    encoder = _ResultEncoder(state_keys)
    return [encoder(row) for row in rows]


class _ResultEncoder:
    """Encodes result rows, remembering each distinct row and each distinct list."""

    def __init__(self, state_keys: tuple[str, ...]) -> None:
        self._lists = _Memo(
            lambda items: dumps([list(i) if isinstance(i, tuple) else i for i in items])
        )
        self._states = _StateDocuments(state_keys)
        self._seen: dict[tuple[Any, ...], EncodedResult] = {}

    def __call__(self, row: tuple[Any, ...]) -> EncodedResult:
        try:
            found = self._seen.get(row)
        except TypeError:  # a list somewhere in the row: not hashable, encode it anyway
            return self._encode(row)
        if found is None:
            found = self._seen[row] = self._encode(row)
        return found

    def _encode(self, row: tuple[Any, ...]) -> EncodedResult:
        *results, state_values = row
        values = tuple(
            _stored_value(field, value, self._lists)
            for field, value in zip(STORED_RESULT_FIELDS, results, strict=True)
        )
        states = self._states(tuple(state_values))
        digest = fingerprint("\x1f".join(f"{f}" for f in (*values, states)))
        return EncodedResult(values, states, digest)


def _stored_value(field: ResultField, value: Any, lists: _Memo) -> Any:
    if field.is_list:
        return lists(value)
    if field.kind == "count":
        return int(value)
    if field.kind == "optional_text":
        return _optional_text(value)
    return str(value)


def _optional_text(value: Any) -> str | None:
    return None if value is None or value is pd.NA or value != value else str(value)


class _StateDocuments:
    """Writes `{"C01":"false",...}` by template: states are plain words from a vocabulary."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        self._keys = keys
        self._template = "{" + ",".join(f'"{key}":"%s"' for key in keys) + "}"
        self._seen: dict[tuple[str, ...], str] = {}

    def __call__(self, values: tuple[str, ...]) -> str:
        found = self._seen.get(values)
        if found is None:
            if any('"' in v or "\\" in v for v in values):
                found = dumps(dict(zip(self._keys, values, strict=True)))
            else:
                found = self._template % values
            self._seen[values] = found
        return found


class _Memo:
    """Remembers the encoding of each distinct (hashable) value."""

    def __init__(self, encode: Callable[[Any], str]) -> None:
        self._encode = encode
        self._seen: dict[Any, str] = {}

    def __call__(self, value: Any) -> str:
        key = tuple(value)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._encode(key)
        return found


def decode_list(document: str) -> tuple[Any, ...]:
    """A stored JSON list as a tuple (open questions as tuples of pairs)."""
    return tuple(tuple(item) if isinstance(item, list) else item for item in json.loads(document))


def decode_states(document: str) -> dict[str, str]:
    """The stored criterion/tier/profile states, keyed 'C01'…, 'T1'…, 'P1'…."""
    states: dict[str, str] = json.loads(document)
    return states
