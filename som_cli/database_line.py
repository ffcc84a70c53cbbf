"""Which database a command uses, said on standard error before it works (password masked), so
a command run in the wrong folder cannot silently fill a new `data/som.db`."""

from __future__ import annotations

import sys
from pathlib import Path


def shown_database(url: str | None) -> str:
    """`url` (default: the configured one) as an operator may see it: the password replaced by
    `***`, a relative SQLite file made absolute; text that is no URL is shown as given."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from storage.database import database_url

    text = url or database_url()
    try:
        parsed = make_url(text)
    except ArgumentError:
        return text
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            return "sqlite:// (in memory)"
        return f"sqlite:///{Path(parsed.database).absolute()}"
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")  # as storage.database connects
    return parsed.render_as_string(hide_password=True)


def announce_database(url: str | None) -> None:
    """Print `som: database URL` (masked) on standard error."""
    print(f"som: database {shown_database(url)}", file=sys.stderr, flush=True)
