"""PostgreSQL roles: a migration role that owns SOM's tables, an application role that owns none.

The append-only triggers only hold against a role that cannot switch them off. A table's owner
(and a superuser) can `ALTER TABLE … DISABLE TRIGGER`, `DROP TRIGGER`, `TRUNCATE` or set
`session_replication_role = replica`; so the dashboard and the commands connect as an
*application role* that owns nothing and holds only the privileges SOM's services use:

- `SELECT` and `INSERT` on every table (new tables too, through default privileges);
- `UPDATE` only where SOM changes a row on purpose (`APPLICATION_UPDATES`): an admission's
  release columns, a signal's seen marker, accounts and their prisons and preferences;
- `DELETE` only on an account's prisons (a grant replaced) — never on evidence;
- `USAGE`, `SELECT`, `UPDATE` on the sequences (ids are drawn with `nextval`/`setval`).

The *owner role* owns the schema's tables, sequences and functions and runs the migrations
(`SOM_MIGRATION_DATABASE_URL`, see `storage.connect`). `setup_roles` creates both roles when
missing and (re)applies ownership and grants; running it again changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from storage.connect import open_database
from storage.database import create_database_engine

#: Tables the application changes rows of: table → the columns it may update (None: every
#: column). Each is a row SOM's services update on purpose; none is append-only evidence.
APPLICATION_UPDATES: Final[Mapping[str, tuple[str, ...] | None]] = {
    "admissions": ("released_at", "released_import_id", "release_reason"),
    "signals": ("seen_at", "seen_by", "seen_role"),
    "accounts": None,
    "account_prisons": None,
    "account_preferences": None,
}
#: Tables the application removes rows from (a prison grant is replaced by a new one).
APPLICATION_DELETES: Final = ("account_prisons",)
_ROLE_NAME: Final = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


class RoleSetupRefused(ValueError):
    """The roles cannot be set up as asked (a bad name, not PostgreSQL, the same two names)."""


@dataclass(frozen=True)
class RolesSetup:
    """What `setup_roles` did."""

    database: str
    owner: str
    app: str
    created: tuple[str, ...]
    tables: int


def setup_roles(
    admin_url: str,
    owner: str,
    app: str,
    *,
    owner_password: str | None = None,
    app_password: str | None = None,
) -> RolesSetup:
    """Create (when missing) the owner and application roles for the database at `admin_url`
    (a superuser's URL), migrate the database, make `owner` own every object of the `public`
    schema and give `app` exactly the privileges SOM uses. Idempotent."""
    for name in (owner, app):
        if not _ROLE_NAME.match(name):
            raise RoleSetupRefused(
                f"role name {name!r}: use lower-case letters, digits and _ (at most 63)"
            )
    if owner == app:
        raise RoleSetupRefused("the owner and the application role must be two roles")
    if make_url(admin_url).get_backend_name() != "postgresql":
        raise RoleSetupRefused("roles are set up on PostgreSQL only (SQLite has no roles)")
    open_database(admin_url).dispose()  # the newest schema first, so every table gets its grants
    engine = create_database_engine(admin_url)
    try:
        with engine.begin() as connection:
            created = tuple(
                name
                for name, password in ((owner, owner_password), (app, app_password))
                if _ensure_role(connection, name, password)
            )
            database = str(connection.execute(text("SELECT current_database()")).scalar_one())
            tables = _give_ownership(connection, owner)
            _grant(connection, database, owner, app)
    finally:
        engine.dispose()
    return RolesSetup(database, owner, app, created, tables)


def _ensure_role(connection: Connection, name: str, password: str | None) -> bool:
    """Create role `name` if missing; (re)set it to an ordinary login role. Returns whether it
    was created."""
    exists = connection.execute(
        text(
            "SELECT rolsuper OR rolname = current_user AS privileged "
            "FROM pg_roles WHERE rolname = :name"
        ),
        {"name": name},
    ).first()
    if exists is not None and exists.privileged:
        # Turning a superuser (or the role running this) into an ordinary one would lock the
        # operator out; SOM's two roles are roles of their own.
        raise RoleSetupRefused(f"role {name!r} is a superuser or the role running the setup")
    if exists is None:
        connection.execute(text(f'CREATE ROLE "{name}"'))
    connection.execute(
        text(
            f'ALTER ROLE "{name}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION '
            "NOBYPASSRLS NOINHERIT"
        )
    )
    if password is not None:
        # A bound parameter is not allowed in ALTER ROLE; quote the literal the server's way.
        quoted = connection.execute(text("SELECT quote_literal(:p)"), {"p": password}).scalar_one()
        connection.execute(text(f'ALTER ROLE "{name}" PASSWORD {quoted}'))
    return exists is None


def _give_ownership(connection: Connection, owner: str) -> int:
    """Make `owner` own every table, sequence and function of `public`; returns the tables."""
    tables = connection.execute(
        text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    ).scalars()
    names = list(tables)
    for table in names:
        connection.execute(text(f'ALTER TABLE public."{table}" OWNER TO "{owner}"'))
    # Sequences owned by a table's column follow the table; any other one is moved here.
    sequences = connection.execute(
        text(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relkind = 'S' AND NOT EXISTS ("
            "SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))"
        )
    ).scalars()
    for sequence in list(sequences):
        connection.execute(text(f'ALTER SEQUENCE public."{sequence}" OWNER TO "{owner}"'))
    functions = connection.execute(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'"
        )
    ).scalars()
    for function in list(functions):
        connection.execute(text(f'ALTER FUNCTION {function} OWNER TO "{owner}"'))
    return len(names)


def _grant(connection: Connection, database: str, owner: str, app: str) -> None:
    statements = [
        f'GRANT CONNECT ON DATABASE "{database}" TO "{owner}", "{app}"',
        f'GRANT USAGE, CREATE ON SCHEMA public TO "{owner}"',
        f'REVOKE CREATE ON SCHEMA public FROM PUBLIC, "{app}"',
        f'GRANT USAGE ON SCHEMA public TO "{app}"',
        # Start from nothing, so a privilege granted by hand earlier does not linger.
        f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, "{app}"',
        f'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, "{app}"',
        f'GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO "{app}"',
        f'GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO "{app}"',
        # Tables and sequences a later migration (run as the owner) creates.
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
        f'GRANT SELECT, INSERT ON TABLES TO "{app}"',
        f'ALTER DEFAULT PRIVILEGES FOR ROLE "{owner}" IN SCHEMA public '
        f'GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "{app}"',
    ]
    for table, columns in APPLICATION_UPDATES.items():
        listed = "" if columns is None else " (" + ", ".join(columns) + ")"
        statements.append(f'GRANT UPDATE{listed} ON public."{table}" TO "{app}"')
    for table in APPLICATION_DELETES:
        statements.append(f'GRANT DELETE ON public."{table}" TO "{app}"')
    for statement in statements:
        connection.execute(text(statement))
