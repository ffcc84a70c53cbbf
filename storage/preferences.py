"""What a signed-in person chose last, kept per account: their language and the list's view.

A preference is a small JSON value under a key of `PREFERENCES`; the next choice overwrites it.
Preferences are not evidence and not detainee data: they are neither logged nor chained, and a
session without an account (SOM itself, a test actor) simply has none. A stored value that is no
longer valid (a renamed filter, a hand-edited row) is ignored rather than shown as an error: the
page falls back to its defaults.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import select, update

from storage.actor import Actor
from storage.database import Database
from storage.schema import account_preferences

#: Every preference SOM keeps, with what it holds.
PREFERENCES: Final[dict[str, str]] = {
    "language": "the language of the screens (nl or en)",
    "list_view": "the triage list's filters and meeting view",
}
#: The longest value kept (a list's filters take a few hundred characters).
VALUE_MAX_LENGTH: Final = 4_000


def preference(database: Database, actor: Actor, key: str) -> Any:
    """The value `actor` chose last for `key`, or None (no account, nothing chosen yet)."""
    _known(key)
    if actor.account_id is None:
        return None
    with database.read() as connection:
        value = connection.execute(
            select(account_preferences.c.value).where(
                account_preferences.c.account_id == actor.account_id,
                account_preferences.c.key == key,
            )
        ).scalar()
    if value is None:
        return None
    try:
        return json.loads(value)
    except ValueError:
        return None


def remember(
    database: Database, actor: Actor, key: str, value: Any, *, now: datetime | None = None
) -> bool:
    """Keep `value` (JSON-able) as `actor`'s choice for `key`; False when there is no account
    to keep it for or the value is too long to keep."""
    _known(key)
    if actor.account_id is None:
        return False
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if len(text) > VALUE_MAX_LENGTH:
        return False
    moment = now or datetime.now(UTC)
    owner = (
        account_preferences.c.account_id == actor.account_id,
        account_preferences.c.key == key,
    )
    with database.write() as connection:
        changed = connection.execute(
            update(account_preferences).where(*owner).values(value=text, changed_at=moment)
        ).rowcount
        if not changed:
            connection.execute(
                account_preferences.insert().values(
                    account_id=actor.account_id, key=key, value=text, changed_at=moment
                )
            )
    return True


def _known(key: str) -> None:
    if key not in PREFERENCES:
        raise KeyError(f"unknown preference {key!r} (known: {', '.join(PREFERENCES)})")
