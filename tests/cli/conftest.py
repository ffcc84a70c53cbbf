"""Fixtures of the CLI tests.

The tests that need a database use the storage tests' fixtures (tests/storage/conftest.py),
imported, not copied: `database_url` is a migrated SQLite file or, marked `postgres`, the
session's scratch PostgreSQL database with empty tables. `som_fork` runs `som` in a process
forked from a Python that has SOM loaded (som_process.SomForkServer).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from som_process import SomForkServer

from tests.storage.conftest import (  # noqa: F401
    backend,
    database_url,
    postgres_url,
    sqlite_template,
)


@pytest.fixture(scope="session")
def som_fork(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SomForkServer]:
    """One fork server per test process, ended with the session."""
    server = SomForkServer(tmp_path_factory.mktemp("som-fork"))
    try:
        yield server
    finally:
        server.close()
