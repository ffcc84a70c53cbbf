"""The field catalogue: every input field SOM knows about a detainee, declared once.

The declarations are data, in `fields.toml` beside this module; this module reads them into
`Field` and `Group` values and checks them. Each field says which feed delivers it, what kind
of value it holds, whether the feed must fill it, what an empty cell means, its Dutch and
English label and where it stands on the SOM form (part and group, appendix 1 of the report).
Everything else derives from this table: the `DetaineeInputs` model and the engine's input
frame (`scoring.inputs`), the feed column specifications (`feeds.columns`), the detainee page's
form parts, the generated feed reference (`docs/feeds.md`), the reference scorer and the tests'
helpers.

Adding a field is one `[[field]]` table in `fields.toml` plus the rule that reads it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final, Literal, get_args

from scoring.text import Text
from scoring.vocabulary import (
    CRIMINOGENIC_FACTORS,
    LEVEL_WORDS,
    MOTIVATION_WORDS,
    PHASE_WORDS,
    SELF_RELIANCE_WORDS,
    Level,
    Phase,
)

Feed = Literal["dji", "iris"]

#: What kind of value a field holds; each kind has one parser (`feeds.cells`), one frame dtype
#: and one way of being written in words.
Kind = Literal[
    "skn",
    "text",
    "date",
    "boolean",
    "phase",
    "level",
    "self_reliance",
    "motivation",
    "factor_list",
    "free_list",
    "flag",
]

#: What an empty feed cell means: the value is not known, there is none (an empty list for list
#: fields, no value for others), or an unticked checkbox.
EmptyMeans = Literal["unknown", "none", "false"]

#: How each kind is held in the engine's input frame.
Storage = Literal["text", "date", "boolean", "list", "flag"]

_STORAGE: Final[dict[Kind, Storage]] = {
    "skn": "text",
    "text": "text",
    "phase": "text",
    "level": "text",
    "self_reliance": "text",
    "motivation": "text",
    "date": "date",
    "boolean": "boolean",
    "factor_list": "list",
    "free_list": "list",
    "flag": "flag",
}

_PYTHON_TYPES: Final[dict[Kind, Any]] = {
    "skn": str,
    "text": str,
    "phase": Phase,
    "level": Level,
    "self_reliance": str,
    "motivation": str,
    "date": date,
    "boolean": bool,
    "factor_list": tuple[str, ...],
    "free_list": tuple[str, ...],
    "flag": bool,
}

_VOCABULARIES: Final[dict[Kind, dict[str, str]]] = {
    "phase": dict(PHASE_WORDS),
    "level": dict(LEVEL_WORDS),
    "self_reliance": SELF_RELIANCE_WORDS,
    "motivation": MOTIVATION_WORDS,
    "factor_list": {factor: factor for factor in CRIMINOGENIC_FACTORS},
}

#: The words a vocabulary kind accepts in a feed (besides `unknown` / `onbekend`).
KIND_WORDS: Final[dict[Kind, tuple[str, ...]]] = {
    kind: tuple(words) for kind, words in _VOCABULARIES.items()
}

#: The values a vocabulary kind holds once read (each item, for a list kind), in feed order.
KIND_VALUES: Final[dict[Kind, tuple[str, ...]]] = {
    kind: tuple(dict.fromkeys(words.values())) for kind, words in _VOCABULARIES.items()
}


@dataclass(frozen=True)
class Group:
    """A group of fields on the SOM form, as on paper (appendix 1 of the report)."""

    key: str
    part: Literal[1, 2]
    title: Text


@dataclass(frozen=True, kw_only=True)
class Field:
    """One input field of a detainee."""

    name: str
    #: The feed that delivers it; `None` for a value SOM derives itself.
    feed: Feed | None
    kind: Kind
    label: Text
    group: str
    required: bool = False
    #: What an empty cell means (ignored for required fields: an empty cell rejects the row).
    empty_means: EmptyMeans = "unknown"
    #: The longest text cell (in characters) the feed may hold; None for the feeds' default.
    max_length: int | None = None
    #: A note for the feed reference (English, as the feed contract).
    note: str = ""

    @property
    def storage(self) -> Storage:
        """How the engine's input frame holds this field."""
        return _STORAGE[self.kind]

    @property
    def empty(self) -> Any:
        """The value of an empty cell: None (unknown or no value), False or () (no items)."""
        if self.empty_means == "false":
            return False
        if self.empty_means == "none" and self.storage == "list":
            return ()
        return None

    @property
    def python_type(self) -> Any:
        """The type of the field in `DetaineeInputs` (optional unless required or a flag)."""
        base = _PYTHON_TYPES[self.kind]
        return base if self.required or self.kind == "flag" else base | None

    @property
    def default(self) -> Any:
        """The field's value when a record does not name it (required fields have none)."""
        return False if self.kind == "flag" else self.empty


_CATALOGUE_FILE: Final = Path(__file__).with_name("fields.toml")
_FIELD_KEYS: Final = frozenset(
    {"name", "feed", "kind", "group", "nl", "en", "required", "empty_means", "max_length", "note"}
)


class FieldCatalogueError(ValueError):
    """A field catalogue that cannot be used; the message names the field and the key."""


def _load() -> tuple[tuple[Group, ...], tuple[Field, ...]]:
    with _CATALOGUE_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    groups = tuple(
        Group(key, value["part"], Text(value["nl"], value["en"]))
        for key, value in data["groups"].items()
    )
    return groups, tuple(_field(entry) for entry in data["field"])


def _field(entry: dict[str, Any]) -> Field:
    name = entry.get("name", "?")
    unknown = sorted(set(entry) - _FIELD_KEYS)
    if unknown:
        raise FieldCatalogueError(f"fields.toml, field {name}: unknown key {unknown[0]!r}")
    checks = (
        ("kind", get_args(Kind)),
        ("feed", (None, *get_args(Feed))),
        ("empty_means", get_args(EmptyMeans)),
    )
    for key, allowed in checks:
        value = entry.get(key, "unknown" if key == "empty_means" else None)
        if value not in allowed:
            raise FieldCatalogueError(f"fields.toml, field {name}: {key} {value!r} is not known")
    return Field(
        name=entry["name"],
        feed=entry.get("feed"),
        kind=entry["kind"],
        label=Text(entry["nl"], entry["en"]),
        group=entry["group"],
        required=entry.get("required", False),
        empty_means=entry.get("empty_means", "unknown"),
        max_length=entry.get("max_length"),
        note=entry.get("note", ""),
    )


GROUPS, FIELDS = _load()
FIELD_BY_NAME: Final[dict[str, Field]] = {field.name: field for field in FIELDS}
GROUP_BY_KEY: Final[dict[str, Group]] = {group.key: group for group in GROUPS}


def field_names(*, feed: Feed | None = None, storage: Storage | None = None) -> tuple[str, ...]:
    """Names of the fields of one feed and/or one frame storage, in catalogue order."""
    return tuple(
        field.name
        for field in FIELDS
        if (feed is None or field.feed == feed) and (storage is None or field.storage == storage)
    )


def feed_columns(feed: Feed) -> tuple[Field, ...]:
    """The columns of a feed file: its fields, with `skn` first in the `iris` feed too."""
    own = tuple(field for field in FIELDS if field.feed == feed)
    return own if feed == "dji" else (FIELD_BY_NAME["skn"], *own)


def group_fields(group: str) -> tuple[Field, ...]:
    """The fields of one form group, in catalogue order."""
    return tuple(field for field in FIELDS if field.group == group)


def catalogue_problems() -> list[str]:
    """Declarations that contradict each other (a test keeps this empty)."""
    problems = []
    names = [field.name for field in FIELDS]
    problems += [
        f"{name}: declared twice" for name in sorted({n for n in names if names.count(n) > 1})
    ]
    for field in FIELDS:
        if field.group not in GROUP_BY_KEY:
            problems.append(f"{field.name}: unknown group {field.group!r}")
        if field.required and field.empty_means != "unknown":
            problems.append(f"{field.name}: a required field has no empty meaning")
        if field.empty_means == "false" and field.kind != "boolean":
            problems.append(f"{field.name}: only a boolean can be empty as false")
        if (field.feed is None) != (field.kind == "flag"):
            problems.append(f"{field.name}: only derived fields are flags")
    return problems
