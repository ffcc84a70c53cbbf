"""Reading a JSON feed (an array of objects) into rows of cell text.

A cell is a string, a number, a boolean, null, or a list of those (for list columns). What
JSON allows but a cell cannot hold rejects the row, naming the column: an object or a list
inside a value, `NaN` / `Infinity` (which Python's JSON reader accepts and JSON does not), and
keys that are the same after trimming and ignoring case (`skn` and `SKN`). Nesting too deep to
read, invalid JSON and anything but an array of objects reject the file.
"""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np

from feeds.encoding import DecodedText
from feeds.raw import BrokenRow, Cells, FeedFileError, RawTable, by_name, objects


class _JsonObject(dict[str, Any]):
    """An object with its keys normalised; `clash` says which keys became the same."""

    clash: str | None = None


class _NotANumber(str):
    """`NaN`, `Infinity`, `-Infinity` or a number too large for a float."""


def _object(pairs: list[tuple[str, Any]]) -> _JsonObject:
    item = _JsonObject()
    original: dict[str, str] = {}
    for key, value in pairs:
        name = key.strip().lower()
        if name in original and item.clash is None:
            first = original[name]
            item.clash = (
                f"key {key!r} appears twice"
                if first == key
                else f"keys {first!r} and {key!r} differ only in case or spaces"
            )
        original.setdefault(name, key)
        item[name] = value
    return item


def _float(text: str) -> str:
    number = float(text)
    if not math.isfinite(number):
        return _NotANumber(text)
    return str(int(number)) if number.is_integer() else text


def read_json(decoded: DecodedText, source: str) -> RawTable:
    """Lay out a JSON feed under the union of its keys; `source` names the file in errors."""
    try:
        document = json.loads(
            decoded.text,
            object_pairs_hook=_object,
            parse_constant=_NotANumber,
            parse_int=str,
            parse_float=_float,
        )
    except json.JSONDecodeError as error:
        raise FeedFileError(
            f"{source}: not valid JSON ({error.msg}, line {error.lineno})"
        ) from None
    except RecursionError:
        raise FeedFileError(
            f"{source}: the JSON is nested too deeply to read (a feed is an array of objects "
            "whose values are text, numbers, booleans or lists of those)"
        ) from None
    except ValueError as error:
        raise FeedFileError(f"{source}: not valid JSON ({error})") from None
    if not isinstance(document, list):
        raise FeedFileError(f"{source}: JSON must be an array of objects")
    objects_only = (item for item in document if isinstance(item, dict))
    names = list(dict.fromkeys(name for item in objects_only for name in item))
    rows: list[list[str]] = []
    numbers: list[int] = []
    broken: list[BrokenRow] = []
    for number, item in enumerate(document, start=1):
        problem = _row_problem(number, item, names)
        if problem is not None:
            broken.append(problem)
            continue
        rows.append([_cell(item.get(name)) for name in names])
        numbers.append(number)
    body: list[Cells] = [objects([row[i] for row in rows]) for i in range(len(names))]
    return RawTable(
        names,
        np.array(numbers, dtype=np.int64),
        by_name(names, body),
        broken=broken,
        windows_1252_lines=list(decoded.windows_1252_lines),
    )


def _row_problem(number: int, item: Any, names: list[str]) -> BrokenRow | None:
    if not isinstance(item, _JsonObject):
        return BrokenRow(number, f"the element is not a JSON object (found {_kind(item)})")
    if item.clash is not None:
        return BrokenRow(number, item.clash)
    for name, value in item.items():
        reason = _value_problem(value)
        if reason is not None:
            return BrokenRow(number, reason, column=name)
    return None


def _value_problem(value: Any, in_list: bool = False) -> str | None:
    if isinstance(value, _NotANumber):
        return f"{value} is not a number JSON allows (leave the key out or use null)"
    if isinstance(value, dict):
        return "a JSON object is not a cell value (nested values are not accepted)"
    if isinstance(value, list):
        if in_list:
            return "a list inside a list is not a cell value (nested values are not accepted)"
        for item in value:
            reason = _value_problem(item, in_list=True)
            if reason is not None:
                return reason
            if item is None:
                return "null is not a list item"
    return None


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a string or number"  # numbers are kept as their text


def _cell(value: Any) -> str:
    """A JSON value as the cell text a CSV would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(_cell(item) for item in value) if value else "none"
    return str(value)
