"""`som database roles`: the PostgreSQL roles SOM runs as (docs/deployment.md, "PostgreSQL roles").

Run once per database by an administrator, with a superuser's URL (`--database`, else
`SOM_DATABASE_URL`): it migrates the database, creates the owner role (owns the tables, runs the
migrations) and the application role (owns nothing, cannot switch the append-only triggers off)
when missing, and applies ownership and grants. Running it again changes nothing. Passwords come
from `SOM_OWNER_ROLE_PASSWORD` and `SOM_APP_ROLE_PASSWORD` (never the command line, which other
users of the machine can read). Exit statuses: 0 done, 2 a refused name or not PostgreSQL, 1 the
database failed.
"""

from __future__ import annotations

import argparse
import os
import sys

from som_cli.database_line import announce_database
from som_cli.main import EXIT_OK, EXIT_USAGE

EXIT_DATABASE = 1
OWNER_PASSWORD_VARIABLE = "SOM_OWNER_ROLE_PASSWORD"
APP_PASSWORD_VARIABLE = "SOM_APP_ROLE_PASSWORD"
_COMMAND = "som database roles"


def configure(parser: argparse.ArgumentParser) -> None:
    """Options of `som database` and its sub-commands."""
    sub = parser.add_subparsers(dest="database_command", required=True, metavar="ACTION")
    help_text = "create the owner and application roles on PostgreSQL and grant what SOM needs"
    roles = sub.add_parser("roles", help=help_text, description=help_text)
    roles.add_argument(
        "--owner", default="som_owner", help="role that owns the tables and migrates (som_owner)"
    )
    roles.add_argument(
        "--app", default="som_app", help="role the dashboard and commands connect as (som_app)"
    )
    roles.add_argument(
        "--database",
        metavar="URL",
        help="a superuser's URL of the database (default: $SOM_DATABASE_URL)",
    )


def run(args: argparse.Namespace) -> int:
    """Set the roles up and say what to put in the environment."""
    from sqlalchemy.exc import SQLAlchemyError

    from storage.database import database_url
    from storage.postgres_roles import RoleSetupRefused, setup_roles

    url = args.database or database_url()
    announce_database(url)
    try:
        done = setup_roles(
            url,
            args.owner,
            args.app,
            owner_password=os.environ.get(OWNER_PASSWORD_VARIABLE) or None,
            app_password=os.environ.get(APP_PASSWORD_VARIABLE) or None,
        )
    except RoleSetupRefused as error:
        print(f"{_COMMAND}: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (SQLAlchemyError, OSError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        print(f"{_COMMAND}: database error: {first}", file=sys.stderr)
        return EXIT_DATABASE
    created = ", ".join(done.created) or "none (both existed)"
    print(
        f"database {done.database}: {done.tables} tables owned by {done.owner}; "
        f"{done.app} may read and append (roles created: {created})\n"
        f"run SOM with SOM_DATABASE_URL as {done.app} and "
        f"SOM_MIGRATION_DATABASE_URL as {done.owner}"
    )
    return EXIT_OK
