"""The tables of SOM's database, as SQLAlchemy Core metadata.

The Alembic migrations in `storage/migrations/` create exactly these tables (a test compares
them). Rows that are evidence — input versions, policies, assessments, overrides, decisions —
are never changed after they are written; triggers made by the migrations refuse UPDATE and
DELETE on them (and TRUNCATE on PostgreSQL).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ColumnElement,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    cast,
    func,
    type_coerce,
)
from sqlalchemy import Column as _Column
from sqlalchemy.types import NullType, TypeDecorator, TypeEngine

from scoring.result_fields import STORED_RESULT_FIELDS, ResultKind

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator[datetime]):
    """A point in time, stored in UTC and always returned timezone-aware (UTC).

    PostgreSQL stores a `timestamptz`; SQLite, which has no time type, stores the UTC wall clock
    as fixed-width text (`YYYY-MM-DD HH:MM:SS.ffffff`), so text order is time order.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(26))
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: SOM stores times in UTC only")
        utc = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return utc.strftime(SQLITE_TIME_FORMAT)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
        if moment.tzinfo is None:
            return moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)


SQLITE_TIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def document_bytes(column: ColumnElement[str], dialect: str) -> ColumnElement[bytes]:
    """A text column read as its UTF-8 bytes, not decoded into text per row (what
    `storage.codec.frame_from_documents` reads): SQLite casts to a blob, PostgreSQL converts."""
    if dialect == "postgresql":
        return func.convert_to(column, "UTF8", type_=LargeBinary)
    return cast(column, LargeBinary)


def raw_moments(column: ColumnElement[datetime]) -> ColumnElement[Any]:
    """A `UTCDateTime` column read as stored, without the conversion per row: UTC text on
    SQLite, an aware datetime on PostgreSQL (`storage.clock.local_day_numbers` reads both at
    once; reading tens of thousands of times this way is several times faster)."""
    return type_coerce(column, NullType())


def Column(*args: Any, **kwargs: Any) -> _Column[Any]:
    """A column that is NOT NULL unless `nullable=True` is given."""
    kwargs.setdefault("nullable", False)
    return _Column(*args, **kwargs)


def _id() -> _Column[Any]:
    return Column("id", Integer, primary_key=True)


def _chained_id() -> _Column[Any]:
    # Chained tables number their rows themselves (under the write lock), because a record's
    # hash covers its id.
    return Column("id", Integer, primary_key=True, autoincrement=False)


def _hash_columns() -> list[_Column[Any]]:
    return [Column("previous_hash", String(64)), Column("record_hash", String(64), unique=True)]


def _result_columns() -> list[_Column[Any]]:
    # The stored result of one assessment: a column per field of
    # `scoring.result_fields.STORED_RESULT_FIELDS` (lists as JSON text, as `storage.codec`
    # encodes them), then the states and the result's fingerprint.
    return [
        *(
            Column(
                field.storage_column,
                _stored_type(field.kind),
                nullable=field.kind == "optional_text",
            )
            for field in STORED_RESULT_FIELDS
        ),
        Column("states_json", Text),
        Column("result_fingerprint", String(64)),
    ]


def _stored_type(kind: ResultKind) -> TypeEngine[Any]:
    if kind == "count":
        return Integer()
    if kind == "text":  # a band
        return String(16)
    if kind == "optional_text":  # a criterion id
        return String(8)
    return Text()


detainees = Table(
    "detainees",
    metadata,
    _id(),
    Column("skn", String(64), unique=True),
    Column("first_seen_at", UTCDateTime()),
)

imports = Table(
    "imports",
    metadata,
    _id(),
    Column("imported_at", UTCDateTime()),
    Column("as_of", Date),
    Column("dji_file", Text),
    Column("iris_file", Text, nullable=True),
    Column("dji_rows", Integer),
    Column("iris_rows", Integer),
    Column("rejected_rows", Integer),
    Column("new_admissions", Integer),
    Column("changed_admissions", Integer),
    Column("released_admissions", Integer),
    Column("resumed_admissions", Integer, nullable=True),
)


def _release_columns(*, current: bool) -> list[_Column[Any]]:
    # When, by which import and why an admission was released: on `admissions` (empty while the
    # admission is current, so nullable and indexed) and on `resumptions` (the release undone).
    return [
        Column("released_at", UTCDateTime(), nullable=current, index=current),
        Column("released_import_id", ForeignKey("imports.id"), nullable=True),
        Column("release_reason", String(32), nullable=current),
    ]


admissions = Table(
    "admissions",
    metadata,
    _id(),
    Column("detainee_id", ForeignKey("detainees.id"), index=True),
    Column("admitted_at", UTCDateTime()),
    Column("admitted_import_id", ForeignKey("imports.id"), nullable=True),
    *_release_columns(current=True),
    CheckConstraint(
        "release_reason IS NULL OR release_reason IN ('absent_from_feed', 'readmitted')",
        name="release_reason",
    ),
)

#: A released admission that came back: the detainee was absent from a feed and returned with
#: the same intake date, so the stay never ended. The release it undid is kept here (the
#: admission's own release columns are cleared), so the history stays complete.
resumptions = Table(
    "resumptions",
    metadata,
    _id(),
    Column("admission_id", ForeignKey("admissions.id"), index=True),
    *_release_columns(current=False),
    Column("resumed_at", UTCDateTime()),
    Column("resumed_import_id", ForeignKey("imports.id")),
)

input_versions = Table(
    "input_versions",
    metadata,
    _id(),
    Column("admission_id", ForeignKey("admissions.id")),
    Column("version", Integer),
    Column("fingerprint", String(64)),
    # Which feeds changed against the previous version: 'new' (first version), 'dji', 'iris',
    # or 'dji,iris'.
    Column("changed_feeds", String(16)),
    Column("inputs_json", Text),
    Column("created_at", UTCDateTime()),
    Column("import_id", ForeignKey("imports.id"), nullable=True),
    UniqueConstraint("admission_id", "version"),
    Index(None, "admission_id", "id"),
)

policies = Table(
    "policies",
    metadata,
    _id(),
    Column("version", String(200), unique=True),
    Column("document_json", Text),
    Column("created_at", UTCDateTime()),
    Column("author_name", String(200)),
    Column("author_role", String(32)),
    Column("note", Text),
)

policy_publications = Table(
    "policy_publications",
    metadata,
    _id(),
    Column("policy_id", ForeignKey("policies.id"), index=True),
    Column("published_at", UTCDateTime()),
    Column("published_by", String(200)),
    Column("published_role", String(32)),
    Column("note", Text),
)

assessments = Table(
    "assessments",
    metadata,
    _id(),
    Column("admission_id", ForeignKey("admissions.id")),
    Column("input_version_id", ForeignKey("input_versions.id"), index=True),
    Column("policy_id", ForeignKey("policies.id"), index=True),
    Column("as_of", Date),
    Column("created_at", UTCDateTime()),
    # The version of the rules that computed the result (`scoring.version.rules_version`);
    # 'unknown' on rows stored before SOM recorded it, so they count as outdated.
    Column("rules_version", String(32)),
    *_result_columns(),
    Index(None, "admission_id", "id"),
)

scoring_runs = Table(
    "scoring_runs",
    metadata,
    _id(),
    Column("ran_at", UTCDateTime()),
    Column("as_of", Date),
    Column("policy_id", ForeignKey("policies.id")),
    Column("rules_version", String(32)),
    Column("scored", Integer),
    Column("assessments_written", Integer),
    Column("signals_created", Integer),
)

overrides = Table(
    "overrides",
    metadata,
    _chained_id(),
    Column("kind", String(16)),
    Column("admission_id", ForeignKey("admissions.id"), index=True),
    Column("assessment_id", ForeignKey("assessments.id")),
    Column("withdraws_id", ForeignKey("overrides.id"), nullable=True, unique=True),
    Column("band", String(16), nullable=True),
    Column("automated_band", String(16)),
    Column("decisive", String(8), nullable=True),
    Column("policy_id", ForeignKey("policies.id")),
    Column("input_version_id", ForeignKey("input_versions.id")),
    Column("input_fingerprint", String(64)),
    Column("reason_category", String(32), nullable=True),
    Column("justification", Text),
    Column("user_name", String(200)),
    Column("user_role", String(32)),
    Column("created_at", UTCDateTime()),
    *_hash_columns(),
    CheckConstraint("kind IN ('override', 'withdrawal')", name="kind"),
)

decisions = Table(
    "decisions",
    metadata,
    _chained_id(),
    Column("admission_id", ForeignKey("admissions.id"), index=True),
    Column("assessment_id", ForeignKey("assessments.id")),
    Column("option", String(48)),
    Column("explanation", Text),
    Column("partner_name", String(200), nullable=True),
    Column("user_name", String(200)),
    Column("user_role", String(32)),
    Column("created_at", UTCDateTime()),
    *_hash_columns(),
)

signals = Table(
    "signals",
    metadata,
    _id(),
    Column("admission_id", ForeignKey("admissions.id"), index=True),
    Column("old_assessment_id", ForeignKey("assessments.id")),
    Column("new_assessment_id", ForeignKey("assessments.id")),
    Column("old_band", String(16)),
    Column("new_band", String(16)),
    Column("changes_json", Text),
    Column("message", Text),
    Column("created_at", UTCDateTime()),
    Column("seen_at", UTCDateTime(), nullable=True),
    Column("seen_by", String(200), nullable=True),
    Column("seen_role", String(32), nullable=True),
)

#: A person who may sign in to SOM. Roles and prisons live here, never in an identity
#: provider's claims. `generation` counts the account's changes: a session made before the
#: latest change (disabled, new password, new role or prisons) is refused on its next action.
accounts = Table(
    "accounts",
    metadata,
    _id(),
    Column("name", String(200), unique=True),
    Column("role", String(32)),
    #: argon2id hash; empty for an account that only signs in through the identity provider.
    Column("password_hash", String(200), nullable=True),
    #: The identity provider's subject (`sub`) or e-mail address this account answers to.
    Column("oidc_subject", String(320), nullable=True, unique=True),
    Column("disabled", Boolean),
    Column("failed_signins", Integer),
    Column("locked_until", UTCDateTime(), nullable=True),
    Column("generation", Integer),
    Column("created_at", UTCDateTime()),
    Column("changed_at", UTCDateTime()),
)

#: The prisons an account may see (`until`: the last day of a temporary grant, or empty).
account_prisons = Table(
    "account_prisons",
    metadata,
    _id(),
    Column("account_id", ForeignKey("accounts.id"), index=True),
    Column("pi", String(64)),
    Column("until", Date, nullable=True),
    UniqueConstraint("account_id", "pi"),
)

#: Every access to detainee data and every sign-in or account change, in the style of NEN 7513.
access_log = Table(
    "access_log",
    metadata,
    _id(),
    Column("at", UTCDateTime(), index=True),
    Column("event", String(32)),
    Column("outcome", String(16)),
    Column("account_id", ForeignKey("accounts.id"), nullable=True),
    Column("user_name", String(200)),
    Column("user_role", String(32)),
    Column("skn", String(64), nullable=True, index=True),
    #: The list and its filters, a search, the reason for access outside one's prisons, …
    Column("detail", Text),
    Column("access_point", String(64), nullable=True),
    CheckConstraint("outcome IN ('ok', 'refused', 'failed')", name="outcome"),
)

#: What a signed-in person chose last and sees again on their next visit (language, list view and
#: filters): one row per account and key, overwritten by the next choice. Not evidence.
account_preferences = Table(
    "account_preferences",
    metadata,
    _id(),
    Column("account_id", ForeignKey("accounts.id"), index=True),
    Column("key", String(64)),
    Column("value", Text),
    Column("changed_at", UTCDateTime()),
    UniqueConstraint("account_id", "key"),
)


def _who_and_when(name: str, role: str, at: str) -> list[_Column[Any]]:
    # Who made a capacity planner's record, in which role, and when.
    return [Column(name, String(200)), Column(role, String(32)), Column(at, UTCDateTime())]


#: Policy drafts of capacity managers: each save is a row; the newest row of a name is the draft
#: (`storage.drafts`). A draft is never scored for the list until it is published.
policy_drafts = Table(
    "policy_drafts",
    metadata,
    _id(),
    Column("name", String(200), index=True),
    #: The published version the draft was started from (empty for an imported file).
    Column("based_on", String(200), nullable=True),
    Column("note", Text),
    Column("document_json", Text),
    *_who_and_when("author_name", "author_role", "created_at"),
)

#: The weekly number of new cases probation can take in a prison; the newest row of a prison is
#: its capacity (`storage.capacity`).
prison_capacities = Table(
    "prison_capacities",
    metadata,
    _id(),
    Column("weekly_cases", Integer),
    Column("pi", String(64), index=True),
    CheckConstraint("weekly_cases >= 0", name="weekly_cases"),
    *_who_and_when("set_by", "set_role", "set_at"),
    Column("note", Text),
)

#: One link of a keyed evidence chain (`storage.seal`): the `position`-th record of chain
#: `table_name` is row `record_id`; `record_hash` is the HMAC-SHA256, under the audit key, of the
#: record's immutable content and `previous_hash` (the link before it; 64 zeros for the first).
chain_links = Table(
    "chain_links",
    metadata,
    _id(),
    Column("table_name", String(32)),
    Column("record_id", Integer),
    Column("position", Integer),
    Column("previous_hash", String(64)),
    Column("record_hash", String(64)),
    UniqueConstraint("table_name", "position"),
    UniqueConstraint("table_name", "record_id"),
)

#: A signed checkpoint (`som audit checkpoint`): the length and head of every chain at a moment,
#: as the JSON document printed for the operator, and its signature (HMAC under the audit key).
checkpoints = Table(
    "checkpoints",
    metadata,
    _id(),
    Column("created_at", UTCDateTime()),
    Column("document_json", Text),
    Column("signature", String(64)),
)

#: The columns of `assessments` that hold the engine's result (as `storage.codec` encodes it).
ASSESSMENT_RESULT_COLUMNS: tuple[str, ...] = tuple(column.name for column in _result_columns())
#: Tables whose rows are never changed or removed once written.
APPEND_ONLY_TABLES: tuple[str, ...] = (
    "input_versions",
    "policies",
    "policy_publications",
    "assessments",
    "overrides",
    "decisions",
    "resumptions",
    "access_log",
    "policy_drafts",
    "prison_capacities",
    "chain_links",
    "checkpoints",
)
#: Tables with the older, unkeyed hash columns (`storage.chain`), in the order `verify_chain`
#: checks them; the keyed chains of `storage.seal` cover these and every other piece of evidence.
CHAINED_TABLES: tuple[str, ...] = ("overrides", "decisions")
