"""Which database a command uses, said on standard error before it works (password masked), so
a command run in the wrong folder cannot silently fill a new `data/som.db`."""

from __future__ import annotations

import sys


def shown_database(url: str | None) -> str:
    """`url` (default: the configured one) masked (`shown_database_url`)."""
    from storage.status import shown_database_url

    return shown_database_url(url)


def announce_database(url: str | None) -> None:
    """Print `som: database URL` (masked) on standard error."""
    print(f"som: database {shown_database(url)}", file=sys.stderr, flush=True)
