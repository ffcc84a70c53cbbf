"""SQLite files as files: building a new database beside its target and moving it into place.

A database that must be complete before anyone uses it (`som demo` filling a new file) is built
in `<name>.partial` beside the target; when it is complete its write-ahead log is folded into the
file and the file replaces the target in one rename, so an interrupted run never leaves a
half-filled database that later runs would take for a finished one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

#: Files SQLite keeps beside a database in WAL mode.
_COMPANION_SUFFIXES = ("-wal", "-shm")


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for other databases and for in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database))


@dataclass(frozen=True)
class DatabaseBuiltAside:
    """A new SQLite database being built beside its target (see the module docstring)."""

    target: Path

    @property
    def partial(self) -> Path:
        """The file being filled."""
        return self.target.with_name(self.target.name + ".partial")

    @property
    def url(self) -> str:
        """The URL to fill: that of the partial file."""
        return f"sqlite:///{self.partial}"

    def complete(self) -> None:
        """Fold the write-ahead log into the partial file and move it into place."""
        engine = create_engine(self.url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
        finally:
            engine.dispose()
        os.replace(self.partial, self.target)


def build_aside(url: str) -> DatabaseBuiltAside | None:
    """For an SQLite file that does not exist yet, a fresh partial file to build it in (left-overs
    of an interrupted earlier run removed); None when `url` names anything else."""
    target = sqlite_file(url)
    if target is None or target.exists():
        return None
    aside = DatabaseBuiltAside(target)
    for leftover in (aside.partial, *_companions(aside.partial)):
        leftover.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    return aside


def _companions(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in _COMPANION_SUFFIXES]
