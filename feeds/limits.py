"""Size limits on feeds: the whole file, one cell, one list item (issue 8, item 3).

A cell over its limit rejects the row (never stored, never truncated); a file over its limit
is refused before it is read. The text-cell lengths are declared per field in the field
catalogue (`max_length` in scoring/fields.toml); the other figures live here. They are
generous for what the forms hold and small enough that nobody stores megabytes in a name:

- `skn`: 1–32 characters (feeds.md, issue 8).
- names (`name`, `cm_name`, `rw_name`): 200 characters; the longest Dutch names with
  prefixes and double surnames stay well under 100.
- `pi` and `offence_article`: 100 characters (an establishment, an article code).
- notes (`cm_notes`, `rw_notes`): 10,000 characters, about three pages of text.
- list items (`protective_factors`, `special_conditions`, `care_contacts`, ...): 200
  characters each and at most 50 items per cell.
- any other text column: 1,000 characters; any other cell (dates, booleans, vocabulary
  words): 1,000 characters, far above any valid value.
- a whole feed file: 256 MiB by default (a 100,000-row `dji` feed is about 13 MB), changed
  with the environment variable `SOM_FEED_MAX_BYTES` or the `max_bytes` parameter of
  `feeds.read_feeds` / `feeds.parse_feeds`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

from feeds.raw import FeedFileError
from scoring.fields import FIELDS

#: Text cells: the lengths the field catalogue declares (`max_length` in scoring/fields.toml).
TEXT_MAX_LENGTH: Final[Mapping[str, int]] = {
    field.name: field.max_length for field in FIELDS if field.max_length is not None
}
SKN_MAX_LENGTH: Final = TEXT_MAX_LENGTH["skn"]
NAME_MAX_LENGTH: Final = TEXT_MAX_LENGTH["name"]
SHORT_TEXT_MAX_LENGTH: Final = TEXT_MAX_LENGTH["pi"]
NOTE_MAX_LENGTH: Final = TEXT_MAX_LENGTH["cm_notes"]
LIST_ITEM_MAX_LENGTH: Final = 200
LIST_MAX_ITEMS: Final = 50
OTHER_CELL_MAX_LENGTH: Final = 1_000

#: A list cell as a whole: every item at its longest, with a separator after each.
LIST_CELL_MAX_LENGTH: Final = LIST_MAX_ITEMS * (LIST_ITEM_MAX_LENGTH + 1)

MAX_BYTES_VARIABLE: Final = "SOM_FEED_MAX_BYTES"
DEFAULT_MAX_FEED_BYTES: Final = 256 * 1024 * 1024


class FeedLimitError(FeedFileError):
    """A limit that is set wrongly (e.g. `SOM_FEED_MAX_BYTES=abc`); callers that handle a
    `FeedFileError` handle it too."""


def cell_max_length(name: str, kind: str) -> int:
    """The longest cell (in characters, surrounding spaces not counted) a column accepts."""
    if kind in ("text", "skn"):
        return TEXT_MAX_LENGTH.get(name, OTHER_CELL_MAX_LENGTH)
    if kind.endswith("_list"):
        return LIST_CELL_MAX_LENGTH
    return OTHER_CELL_MAX_LENGTH


def max_feed_bytes(explicit: int | None = None) -> int:
    """The size limit of one feed file: `explicit`, else `SOM_FEED_MAX_BYTES`, else 256 MiB."""
    if explicit is not None:
        if explicit < 1:
            raise FeedLimitError(f"max_bytes: {explicit} is not a positive number of bytes")
        return explicit
    setting = os.environ.get(MAX_BYTES_VARIABLE, "").strip()
    if not setting:
        return DEFAULT_MAX_FEED_BYTES
    try:
        value = int(setting)
    except ValueError:
        value = 0
    if value < 1:
        raise FeedLimitError(
            f"{MAX_BYTES_VARIABLE}: {setting[:40]!r} is not a positive whole number of bytes"
        )
    return value
