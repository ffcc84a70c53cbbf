"""Small questions about the database as a whole: is it empty, and what does it hold now
(`som status`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from storage.codec import records_from_documents
from storage.current import newest_version_id
from storage.database import Database, database_url
from storage.policy_versions import current_policy
from storage.schema import admissions, imports, input_versions


@dataclass(frozen=True)
class PolicyStatus:
    """The policy in force: its version name and when it was published."""

    version: str
    published_at: datetime


@dataclass(frozen=True)
class LastImport:
    """The newest import: when it ran, its reference date, its files and its counts."""

    imported_at: datetime
    as_of: date
    dji_file: str
    iris_file: str | None
    dji_rows: int
    iris_rows: int
    rejected_rows: int
    new_admissions: int
    changed_admissions: int
    released_admissions: int


@dataclass(frozen=True)
class DatabaseStatus:
    """What the database holds now; `policy` and `last_import` are None on a new database."""

    policy: PolicyStatus | None
    current_admissions: dict[str, int]
    last_import: LastImport | None

    @property
    def current_total(self) -> int:
        """Current admissions over all prisons."""
        return sum(self.current_admissions.values())


def is_empty(database: Database) -> bool:
    """Whether no admission was ever stored (`som demo` only fills an empty database)."""
    with database.read() as connection:
        return connection.execute(select(admissions.c.id).limit(1)).first() is None


def database_status(database: Database) -> DatabaseStatus:
    """The published policy, the current admissions per prison (`pi`, sorted by name) and the
    newest import, read in one snapshot. Writes nothing, not even the default policy."""
    with database.read() as connection:
        published = current_policy(connection)
        documents = connection.execute(
            select(input_versions.c.inputs_json)
            .select_from(admissions)
            .join(input_versions, input_versions.c.id == newest_version_id(admissions.c.id))
            .where(admissions.c.released_at.is_(None))
        ).scalars()
        prisons = Counter(
            str(record.get("pi") or "") for record in records_from_documents(list(documents))
        )
        newest = connection.execute(select(imports).order_by(imports.c.id.desc()).limit(1)).first()
    policy = (
        None
        if published is None
        else PolicyStatus(version=published.version, published_at=published.published_at)
    )
    last_import = None
    if newest is not None:
        row = newest._mapping
        last_import = LastImport(
            imported_at=row["imported_at"],
            as_of=row["as_of"],
            dji_file=row["dji_file"],
            iris_file=row["iris_file"],
            dji_rows=row["dji_rows"],
            iris_rows=row["iris_rows"],
            rejected_rows=row["rejected_rows"],
            new_admissions=row["new_admissions"],
            changed_admissions=row["changed_admissions"],
            released_admissions=row["released_admissions"],
        )
    return DatabaseStatus(
        policy=policy, current_admissions=dict(sorted(prisons.items())), last_import=last_import
    )


def shown_database_url(url: str | None) -> str:
    """`url` (default: the configured one) as an operator may see it: the password replaced by
    `***`, a relative SQLite file made absolute; text that is no URL is shown as given."""
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
