"""The PostgreSQL server the storage tests use (kept out of conftest.py, whose module name the
other test folders' conftest files share)."""

from __future__ import annotations

import os
from typing import Any

POSTGRES_SERVER = os.environ.get("SOM_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432")


def postgres_admin() -> Any:
    """An autocommit connection to the server's `postgres` database, as the superuser."""
    import psycopg

    return psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True, connect_timeout=3)
