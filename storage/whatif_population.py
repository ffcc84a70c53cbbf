"""The population a what-if scores (work in progress)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection

from scoring.policy import Policy
from storage.database import Database
from storage.policy_versions import ensure_published_policy


def load_population(database: Database, as_of: date) -> Any:
    raise NotImplementedError("what-if population is being written")


def published_policy(connection: Connection) -> Policy:
    """The published policy (the default one when none was published yet)."""
    return ensure_published_policy(connection).policy
