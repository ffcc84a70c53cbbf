"""Filling a record from another: the storage layer's records and views repeat many field
names of the rows and records they come from, and are filled by name instead of by hand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

_Record = TypeVar("_Record", bound="DataclassInstance")


def filled(record: type[_Record], source: Mapping[str, Any] | object, **given: Any) -> _Record:
    """A `record` whose fields are `source`'s values of the same name (keys of a mapping, such
    as a database row, or attributes of an object), except those `given`."""
    take = source.__getitem__ if isinstance(source, Mapping) else source.__getattribute__
    return record(
        **{f.name: given[f.name] if f.name in given else take(f.name) for f in fields(record)}
    )
