"""Accounts: who may sign in, in which role, for which prisons; sign-in, lockout, and the
check that an open session still belongs to an account as it is now.

Accounts live in SOM's own database (roles and prisons never come from an identity
provider's claims). Every change is logged (`account_change`), every sign-in and failed
sign-in too. Messages for a refused sign-in never say whether the account exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import Connection, RowMapping, delete, or_, select

from storage.access_log import log_access
from storage.actor import ACCOUNT_ROLES, SYSTEM, Actor
from storage.clock import local_day
from storage.database import Database
from storage.errors import NotFound, StorageError, ValidationFailed, database_errors_translated
from storage.passwords import hash_password, password_matches, password_problem
from storage.permissions import PRISON_SCOPED_ROLES, require
from storage.schema import account_prisons, accounts

#: After this many failed sign-ins in a row the account is locked for `LOCK_MINUTES`.
MAX_FAILED_SIGNINS: Final = 5
LOCK_MINUTES: Final = 15
NAME_MAX_LENGTH: Final = 200

#: The one message for every refused sign-in: it never tells whether the account exists.
SIGN_IN_REFUSED: Final = (
    "sign-in refused: the name or password is not right, or the account is locked"
)


_NOT_PRISON_SCOPED: Final = (
    "the role {role} works across every prison; prisons (--pi) are for case_manager and "
    "probation_worker accounts"
)


class SignInRefused(StorageError):
    """A sign-in that did not succeed (wrong name or password, locked or disabled account)."""

    def __init__(self) -> None:
        super().__init__(SIGN_IN_REFUSED)


class SessionEnded(StorageError):
    """The account behind an open session was disabled or changed: sign in again."""


@dataclass(frozen=True)
class AccountSummary:
    """One account as `som user list` shows it."""

    name: str
    role: str
    prisons: tuple[tuple[str, date | None], ...]
    disabled: bool
    locked_until: datetime | None
    signs_in_with: str


def add_account(
    database: Database,
    name: str,
    role: str,
    *,
    password: str | None = None,
    prisons: tuple[str, ...] = (),
    oidc_subject: str | None = None,
    actor: Actor = SYSTEM,
    now: datetime | None = None,
) -> int:
    """Create an account; returns its id. Needs a password or an identity-provider subject."""
    require(actor, "manage_accounts")
    name = " ".join(name.split())
    problems: dict[str, str] = {}
    if not name or len(name) > NAME_MAX_LENGTH:
        problems["name"] = f"is required, at most {NAME_MAX_LENGTH} characters"
    prisons = tuple(dict.fromkeys(pi.strip() for pi in prisons if pi.strip()))
    if role not in ACCOUNT_ROLES:
        problems["role"] = f"must be one of {', '.join(ACCOUNT_ROLES)} (found {role!r})"
    elif role in PRISON_SCOPED_ROLES and not prisons:
        problems["pi"] = f"a {role} needs at least one prison (--pi)"
    elif role not in PRISON_SCOPED_ROLES and prisons:
        problems["pi"] = _NOT_PRISON_SCOPED.format(role=role)
    if password is None and not oidc_subject:
        problems["password"] = "is required (or an identity-provider subject)"
    elif password is not None and (problem := password_problem(password, name)):
        problems["password"] = problem
    if problems:
        raise ValidationFailed(problems)
    moment = now or datetime.now(UTC)
    with database_errors_translated(), database.write() as connection:
        if _account_row(connection, name) is not None:
            raise ValidationFailed({"name": f"an account {name!r} exists already"})
        if (
            oidc_subject
            and connection.execute(
                select(accounts.c.name).where(accounts.c.oidc_subject == oidc_subject)
            ).first()
        ):
            raise ValidationFailed({"oidc_subject": "another account answers to this subject"})
        account_id = int(
            connection.execute(
                accounts.insert().values(
                    name=name,
                    role=role,
                    password_hash=None if password is None else hash_password(password),
                    oidc_subject=oidc_subject or None,
                    disabled=False,
                    failed_signins=0,
                    locked_until=None,
                    generation=1,
                    created_at=moment,
                    changed_at=moment,
                )
            ).inserted_primary_key[0]  # type: ignore[index]
        )
        for pi in prisons:
            connection.execute(account_prisons.insert().values(account_id=account_id, pi=pi))
        detail = {"account": name, "change": "added", "role": role, "prisons": list(prisons)}
        log_access(connection, actor, "account_change", detail=detail, now=moment)
    return account_id


def set_disabled(database: Database, name: str, disabled: bool, *, actor: Actor = SYSTEM) -> None:
    """Disable an account (its open sessions end on their next action) or enable it again."""
    _change(
        database,
        name,
        actor,
        {"disabled": disabled, "failed_signins": 0, "locked_until": None},
        "disabled" if disabled else "enabled",
    )


def reset_password(database: Database, name: str, password: str, *, actor: Actor = SYSTEM) -> None:
    """Give an account a new password (and unlock it)."""
    problem = password_problem(password, name)
    if problem:
        raise ValidationFailed({"password": problem})
    values = {"password_hash": hash_password(password), "failed_signins": 0, "locked_until": None}
    _change(database, name, actor, values, "password reset")


def grant_prison(
    database: Database, name: str, pi: str, *, until: date | None = None, actor: Actor = SYSTEM
) -> None:
    """Let an account see the detainees of prison `pi` (until the end of `until`, if given)."""
    pi = pi.strip()
    if not pi:
        raise ValidationFailed({"pi": "is required"})

    def add(connection: Connection, account: RowMapping) -> None:
        if account["role"] not in PRISON_SCOPED_ROLES:
            raise ValidationFailed({"pi": _NOT_PRISON_SCOPED.format(role=account["role"])})
        connection.execute(
            delete(account_prisons).where(
                account_prisons.c.account_id == account["id"], account_prisons.c.pi == pi
            )
        )
        connection.execute(
            account_prisons.insert().values(account_id=account["id"], pi=pi, until=until)
        )

    _change(
        database,
        name,
        actor,
        {},
        f"granted {pi}" + ("" if until is None else f" until {until}"),
        add,
    )


def list_accounts(database: Database, *, actor: Actor = SYSTEM) -> list[AccountSummary]:
    """Every account, by name."""
    require(actor, "manage_accounts")
    with database_errors_translated(), database.read() as connection:
        rows = connection.execute(select(accounts).order_by(accounts.c.name)).mappings().all()
        grants = connection.execute(select(account_prisons).order_by(account_prisons.c.pi)).all()
    prisons: dict[int, list[tuple[str, date | None]]] = {}
    for grant in grants:
        prisons.setdefault(grant.account_id, []).append((grant.pi, grant.until))
    return [
        AccountSummary(
            name=row["name"],
            role=row["role"],
            prisons=tuple(prisons.get(row["id"], ())),
            disabled=bool(row["disabled"]),
            locked_until=row["locked_until"],
            signs_in_with="password" if row["password_hash"] else "identity provider",
        )
        for row in rows
    ]


def sign_in(
    database: Database,
    name: str,
    password: str,
    *,
    access_point: str | None = None,
    now: datetime | None = None,
) -> Actor:
    """The signed-in actor for a name and password; raises `SignInRefused` otherwise.

    Five failures in a row lock the account for 15 minutes; a locked or disabled account is
    refused even with the right password. Every attempt is logged.
    """
    moment = now or datetime.now(UTC)
    cleaned = " ".join(name.split())[:NAME_MAX_LENGTH]
    with database_errors_translated(), database.write() as connection:
        account = _account_row(connection, cleaned)
        matches = password_matches(None if account is None else account["password_hash"], password)
        if account is None:
            _refuse(connection, Actor(cleaned, "unknown"), "no such account", access_point, moment)
        elif account["disabled"] or _locked(account, moment):
            why = "disabled" if account["disabled"] else "locked"
            _refuse(connection, _actor(connection, account, moment), why, access_point, moment)
        elif not matches:
            failed = int(account["failed_signins"]) + 1
            locked = (
                moment + timedelta(minutes=LOCK_MINUTES) if failed >= MAX_FAILED_SIGNINS else None
            )
            connection.execute(
                accounts.update()
                .where(accounts.c.id == account["id"])
                .values(failed_signins=0 if locked else failed, locked_until=locked)
            )
            why = f"wrong password ({failed} in a row)" + (", account locked" if locked else "")
            _refuse(connection, _actor(connection, account, moment), why, access_point, moment)
        else:
            connection.execute(
                accounts.update()
                .where(accounts.c.id == account["id"])
                .values(failed_signins=0, locked_until=None)
            )
            actor = _actor(connection, account, moment)
            log_access(connection, actor, "sign_in", access_point=access_point, now=moment)
            return actor
    raise SignInRefused


def sign_in_with_provider(
    database: Database,
    subject: str,
    email: str | None = None,
    *,
    access_point: str | None = None,
    now: datetime | None = None,
) -> Actor:
    """The actor of the account mapped to an identity provider's subject (or e-mail address)."""
    moment = now or datetime.now(UTC)
    keys = [key for key in (subject, email) if key]
    with database_errors_translated(), database.write() as connection:
        account = (
            connection.execute(select(accounts).where(accounts.c.oidc_subject.in_(keys)))
            .mappings()
            .first()
        )
        if account is None or account["disabled"]:
            who = (
                Actor(email or subject, "unknown")
                if account is None
                else _actor(connection, account, moment)
            )
            _refuse(connection, who, "identity provider: no enabled account", access_point, moment)
        else:
            actor = _actor(connection, account, moment)
            detail = {"via": "identity provider"}
            log_access(
                connection, actor, "sign_in", detail=detail, access_point=access_point, now=moment
            )
            return actor
    raise SignInRefused


def current_actor(database: Database, actor: Actor, *, now: datetime | None = None) -> Actor:
    """`actor` as its account is now; raises `SessionEnded` when the account was disabled or
    changed since the session began (a new password, role or prisons: sign in again)."""
    moment = now or datetime.now(UTC)
    with database_errors_translated(), database.read() as connection:
        account = (
            connection.execute(select(accounts).where(accounts.c.id == actor.account_id))
            .mappings()
            .first()
        )
        if account is None or account["disabled"] or account["generation"] != actor.generation:
            raise SessionEnded("your account was changed or disabled: sign in again")
        fresh = _actor(connection, account, moment)
    if fresh.prisons != actor.prisons:  # a temporary grant ended
        raise SessionEnded("your access to a prison ended: sign in again")
    return fresh


def find_account(database: Database, name: str) -> int:
    """The id of the account called `name`; raises `NotFound`."""
    with database_errors_translated(), database.read() as connection:
        row = _account_row(connection, name)
    if row is None:
        raise NotFound(f"no account {name!r}")
    return int(row["id"])


def colleagues(database: Database, role: str, pi: str) -> list[str]:
    """The names of the enabled accounts of `role` that may see prison `pi` (for the partner of
    a joint decision)."""
    today = local_day(datetime.now(UTC))
    with database_errors_translated(), database.read() as connection:
        query = (
            select(accounts.c.name)
            .join(account_prisons, account_prisons.c.account_id == accounts.c.id)
            .where(accounts.c.role == role, ~accounts.c.disabled, account_prisons.c.pi == pi)
            .where(or_(account_prisons.c.until.is_(None), account_prisons.c.until >= today))
            .order_by(accounts.c.name)
        )
        return [str(name) for name in connection.execute(query).scalars()]


def account_names(database: Database, names: Iterable[str]) -> frozenset[str]:
    """Which of `names` are the names of accounts."""
    wanted = sorted({name for name in names if name})
    if not wanted:
        return frozenset()
    with database_errors_translated(), database.read() as connection:
        query = select(accounts.c.name).where(accounts.c.name.in_(wanted))
        return frozenset(str(name) for name in connection.execute(query).scalars())


def _account_row(connection: Connection, name: str) -> RowMapping | None:
    return connection.execute(select(accounts).where(accounts.c.name == name)).mappings().first()


def _locked(account: RowMapping, moment: datetime) -> bool:
    return account["locked_until"] is not None and account["locked_until"] > moment


def _actor(connection: Connection, account: RowMapping, moment: datetime) -> Actor:
    role = str(account["role"])
    prisons = None
    if role in PRISON_SCOPED_ROLES:
        today = local_day(moment)
        rows = connection.execute(
            select(account_prisons.c.pi, account_prisons.c.until).where(
                account_prisons.c.account_id == account["id"]
            )
        ).all()
        prisons = frozenset(pi for pi, until in rows if until is None or until >= today)
    return Actor(
        str(account["name"]),
        role,
        prisons=prisons,
        account_id=int(account["id"]),
        generation=int(account["generation"]),
    )


def _refuse(
    connection: Connection, actor: Actor, why: str, access_point: str | None, moment: datetime
) -> None:
    log_access(
        connection,
        actor,
        "failed_sign_in",
        outcome="failed",
        detail=why,
        access_point=access_point,
        now=moment,
    )


def _change(
    database: Database,
    name: str,
    actor: Actor,
    values: dict[str, Any],
    change: str,
    also: Any = None,
) -> None:
    # Every change counts up the account's generation, which ends its open sessions.
    require(actor, "manage_accounts")
    moment = datetime.now(UTC)
    name = " ".join(name.split())
    with database_errors_translated(), database.write() as connection:
        account = _account_row(connection, name)
        if account is None:
            raise NotFound(f"no account {name!r}")
        if also is not None:
            also(connection, account)
        connection.execute(
            accounts.update()
            .where(accounts.c.id == account["id"])
            .values(**values, generation=account["generation"] + 1, changed_at=moment)
        )
        detail = {"account": name, "change": change}
        log_access(connection, actor, "account_change", detail=detail, now=moment)
