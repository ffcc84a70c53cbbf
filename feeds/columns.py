"""The columns of the two feeds (feeds.md), as the field catalogue (`scoring.fields`) declares them.

This module only adds how a cell of each kind is read; which columns a feed has, whether they
are required and what an empty cell means come from the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from feeds import cells
from feeds.cells import CellValue, Outcome
from scoring.fields import Feed, Field, Kind, feed_columns

PARSERS: Final[dict[Kind, Callable[[str], Outcome]]] = {
    "skn": cells.parse_skn,
    "text": cells.parse_text,
    "date": cells.parse_date,
    "boolean": cells.parse_boolean,
    "phase": cells.parse_phase,
    "level": cells.parse_level,
    "self_reliance": cells.parse_self_reliance,
    "motivation": cells.parse_motivation,
    "factor_list": cells.parse_factor_list,
    "free_list": cells.parse_free_list,
}


@dataclass(frozen=True)
class Column:
    """One column of a feed: a catalogue field and how to read its cells."""

    field: Field

    @property
    def name(self) -> str:
        """The column's header (the field's name)."""
        return self.field.name

    @property
    def kind(self) -> Kind:
        """The kind of value the column holds."""
        return self.field.kind

    @property
    def required(self) -> bool:
        """Whether an empty cell rejects the row."""
        return self.field.required

    @property
    def empty(self) -> CellValue:
        """The value of an empty cell: None (unknown / none), False (unticked) or () (no items)."""
        value: CellValue = self.field.empty
        return value

    def parse(self, raw: str) -> Outcome:
        """Read one cell of this column."""
        if raw.strip() == "":
            if self.required:
                return cells.Invalid("missing required value")
            return cells.Parsed(self.empty)
        outcome = PARSERS[self.kind](raw)
        if self.required and isinstance(outcome, cells.Parsed) and outcome.value is None:
            return cells.Invalid(f"{cells.quote(raw)}: a known value is required")
        return outcome


def columns_of(feed: Feed) -> tuple[Column, ...]:
    """The columns of one feed, in the catalogue's order."""
    return tuple(Column(field) for field in feed_columns(feed))


DJI_COLUMNS: Final[tuple[Column, ...]] = columns_of("dji")
IRIS_COLUMNS: Final[tuple[Column, ...]] = columns_of("iris")
