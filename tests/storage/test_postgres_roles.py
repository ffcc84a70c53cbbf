"""PostgreSQL roles (`som database roles`): SOM connects as an application role that owns no
table and cannot switch the append-only guards off; a migration role owns the tables. Run on the
real server, in a scratch database with roles of its own (dropped afterwards)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError
from storage_feeds import AS_OF, CASE_MANAGER, WHY, dji, import_rows, iris, moment, newest

from scoring.policy import policy_from_mapping
from som_cli.main import main as som
from storage import (
    Database,
    mark_admission_signals_seen,
    publish_policy,
    record_decision,
    record_override,
    rescore,
    verify_chain,
    withdraw_override,
)
from storage.accounts import add_account, grant_prison, sign_in
from storage.actor import Actor
from storage.capacity import set_capacity
from storage.connect import open_database
from storage.migrate import current_revision, downgrade_to, head_revision
from storage.postgres_roles import APPLICATION_UPDATES
from storage.preferences import remember
from storage.schema import APPEND_ONLY_TABLES
from tests.storage.postgres_server import POSTGRES_SERVER, postgres_admin

pytestmark = pytest.mark.postgres


class Deployment:
    """A scratch database set up with `som database roles`: the URLs of its three roles."""

    def __init__(self, name: str, owner: str, app: str) -> None:
        self.admin_url = f"{POSTGRES_SERVER}/{name}"
        self.owner_url = f"postgresql://{owner}@{_host()}/{name}"
        self.app_url = f"postgresql://{app}@{_host()}/{name}"
        self.owner, self.app = owner, app

    def open_as_app(self) -> Database:
        return open_database(self.app_url, migration_url=self.owner_url)


def _host() -> str:
    return POSTGRES_SERVER.split("@", 1)[-1]


@pytest.fixture(scope="module")
def deployment() -> Iterator[Deployment]:
    try:
        admin = postgres_admin()
    except Exception as error:
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_SERVER}: {error}")
    suffix = uuid.uuid4().hex[:8]
    name, owner, app = f"som_roles_{suffix}", f"som_owner_{suffix}", f"som_app_{suffix}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    setup = Deployment(name, owner, app)
    try:
        assert (
            som(
                ["database", "roles", "--owner", owner, "--app", app, "--database", setup.admin_url]
            )
            == 0
        )
        yield setup
    finally:
        with postgres_admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            for role in (app, owner):
                admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def _as_app(deployment: Deployment, statement: str) -> None:
    engine = create_engine(deployment.app_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "statement",
    [
        "ALTER TABLE overrides DISABLE TRIGGER ALL",
        "ALTER TABLE overrides DISABLE TRIGGER overrides_refuse_change",
        "SET session_replication_role = replica",
        "SET LOCAL session_replication_role = replica",
        "DROP TRIGGER overrides_refuse_change ON overrides",
        "TRUNCATE overrides",
        "TRUNCATE decisions CASCADE",
        "UPDATE overrides SET justification = 'gewijzigd'",
        "UPDATE assessments SET band = 'priority'",
        "UPDATE input_versions SET inputs_json = '{}'",
        "DELETE FROM decisions",
        "DELETE FROM overrides",
        "DELETE FROM access_log",
        "ALTER TABLE overrides OWNER TO CURRENT_USER",
        "DROP FUNCTION som_refuse_change() CASCADE",
        "CREATE TABLE public.shadow (id integer)",
        "INSERT INTO overrides SELECT * FROM overrides ON CONFLICT (id) DO UPDATE SET band = 'x'",
    ],
)
def test_the_application_role_cannot_switch_the_guards_off_or_rewrite_evidence(
    deployment: Deployment, statement: str
) -> None:
    with pytest.raises(DBAPIError, match=r"permission denied|must be owner|append-only"):
        _as_app(deployment, statement)


def test_the_normal_flows_work_as_the_application_role(deployment: Deployment) -> None:
    database = deployment.open_as_app()
    try:
        import_rows(database, [dji("1000001"), dji("1000002")], [iris("1000001")])
        admission_id, assessment_id, _ = newest(database, "1000001")
        override_id = record_override(
            database, admission_id, assessment_id, "priority", "cm_concern", WHY, CASE_MANAGER
        )
        withdraw_override(database, override_id, "Na overleg toch niet nodig.", CASE_MANAGER)
        record_decision(
            database, admission_id, assessment_id, "request_advice", "Samen besloten.", CASE_MANAGER
        )
        changed = dji("1000001", phase="sentenced")
        import_rows(database, [changed, dji("1000002")], [iris("1000001", advice_requested="true")])
        mark_admission_signals_seen(database, admission_id, CASE_MANAGER)
        rescore(database, AS_OF + timedelta(days=1), now=moment(AS_OF + timedelta(days=1)))
        planner = Actor("Rob Maas", "capacity_manager")
        publish_policy(
            database,
            policy_from_mapping({"version": "rollen", "short_stay_days": 14}),
            planner,
            "Kortere verblijfsduur.",
            as_of=AS_OF,
        )
        set_capacity(database, "Sittard", 4, planner, "Nieuwe reclasseringswerker.")
        add_account(
            database,
            "Ingrid Smeets",
            "case_manager",
            password="rollen-test-2026-x",
            prisons=("Sittard",),
        )
        grant_prison(database, "Ingrid Smeets", "Arnhem")
        grant_prison(database, "Ingrid Smeets", "Arnhem")  # replaced: DELETE + INSERT
        actor = sign_in(database, "Ingrid Smeets", "rollen-test-2026-x")
        assert remember(database, actor, "language", "en")
        assert remember(database, actor, "language", "nl")  # overwritten: UPDATE
        # 1000001 released: an admissions UPDATE
        import_rows(database, [dji("1000002")], [], allow_mass_release=True)
        assert verify_chain(database).ok
    finally:
        database.dispose()


def test_the_owner_role_owns_every_table_and_the_application_role_none(
    deployment: Deployment,
) -> None:
    with postgres_admin() as admin:
        admin.execute(f"SELECT 1")  # noqa: F541
    engine = create_engine(deployment.admin_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            owners = dict(
                connection.execute(
                    text("SELECT tablename, tableowner FROM pg_tables WHERE schemaname = 'public'")
                ).all()
            )
            app = connection.execute(
                text(
                    "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication "
                    "FROM pg_roles WHERE rolname = :name"
                ),
                {"name": deployment.app},
            ).one()
    finally:
        engine.dispose()
    assert set(APPEND_ONLY_TABLES) <= set(owners)
    assert set(owners.values()) == {deployment.owner}
    assert tuple(app) == (False, False, False, False, False)


def test_migrations_run_as_the_owner_while_the_application_connects_as_its_role(
    deployment: Deployment,
) -> None:
    owner = Database(
        create_engine(deployment.owner_url.replace("postgresql://", "postgresql+psycopg://"))
    )
    try:
        downgrade_to(owner, "0006")
    finally:
        owner.dispose()
    with pytest.raises(DBAPIError, match=r"permission denied|must be owner"):
        open_database(deployment.app_url).dispose()  # the application role may not migrate
    database = deployment.open_as_app()
    try:
        with database.read() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        database.dispose()


def test_setting_the_roles_up_again_changes_nothing(
    deployment: Deployment, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["database", "roles", "--owner", deployment.owner, "--app", deployment.app]
    assert som([*arguments, "--database", deployment.admin_url]) == 0
    assert "roles created: none (both existed)" in capsys.readouterr().out
    _as_app(deployment, "SELECT count(*) FROM overrides")
    with pytest.raises(DBAPIError, match="permission denied"):
        _as_app(deployment, "DELETE FROM decisions")


def test_the_updates_granted_touch_no_append_only_table() -> None:
    assert not set(APPLICATION_UPDATES) & set(APPEND_ONLY_TABLES)


@pytest.mark.parametrize(
    ("owner", "app", "message"),
    [
        ("postgres", "som_app_x", "is a superuser"),
        ("som_same", "som_same", "must be two roles"),
        ("Robert'); DROP", "som_app_x", "role name"),
    ],
)
def test_a_role_setup_that_would_do_harm_is_refused_with_exit_2(
    deployment: Deployment, owner: str, app: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = [
        "database",
        "roles",
        "--owner",
        owner,
        "--app",
        app,
        "--database",
        deployment.admin_url,
    ]
    assert som(arguments) == 2
    assert message in capsys.readouterr().err


def test_roles_on_sqlite_are_refused_with_exit_2(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert som(["database", "roles", "--database", f"sqlite:///{tmp_path}/som.db"]) == 2
    assert "PostgreSQL only" in capsys.readouterr().err
