"""SOM's memory: admissions, input versions, policies, assessments, overrides, decisions, signals.

Pages and the CLI call these functions; they never write SQL. Every function takes the
`Database` returned by `open_database` (which also runs pending migrations). Identity is a plain
`Actor(name, role)` supplied by the caller. Invalid input raises `ValidationFailed`, whose
`errors` dict maps each field to its message. Screens read finished views (`triage_view`,
`detainee_view`, from `storage.views`) and see storage's errors only (`StorageError`).
"""

from storage.actor import Actor
from storage.chain import ChainReport, verify_chain
from storage.choices import (
    DECISION_OPTIONS,
    MIN_JUSTIFICATION_LENGTH,
    OVERRIDE_BANDS,
    REASON_CATEGORIES,
)
from storage.connect import open_database
from storage.database import DATABASE_URL_VARIABLE, Database, database_url
from storage.decisions import record_decision
from storage.errors import (
    DatabaseUnavailable,
    MassReleaseRefused,
    NotFound,
    StaleAssessment,
    StorageError,
    ValidationFailed,
)
from storage.importer import ImportSummary, import_feeds
from storage.listing import LIST_COLUMNS, list_current_admissions
from storage.overrides import record_override, withdraw_override
from storage.policies import PublishedPolicy, policy_history, publish_policy, published_policy
from storage.records import DetaineeRecord, detainee_record, find_admission
from storage.rescoring import RescoreSummary, needs_rescore, rescore
from storage.signals import mark_admission_signals_seen, mark_signal_seen
from storage.status import DatabaseStatus, database_status, is_empty
from storage.views import DetaineeView, TriageList, detainee_view, triage_view

__all__ = [
    "DATABASE_URL_VARIABLE",
    "DECISION_OPTIONS",
    "LIST_COLUMNS",
    "MIN_JUSTIFICATION_LENGTH",
    "OVERRIDE_BANDS",
    "REASON_CATEGORIES",
    "Actor",
    "ChainReport",
    "Database",
    "DatabaseStatus",
    "DatabaseUnavailable",
    "DetaineeRecord",
    "DetaineeView",
    "ImportSummary",
    "MassReleaseRefused",
    "NotFound",
    "PublishedPolicy",
    "RescoreSummary",
    "StaleAssessment",
    "StorageError",
    "TriageList",
    "ValidationFailed",
    "database_status",
    "database_url",
    "detainee_record",
    "detainee_view",
    "find_admission",
    "import_feeds",
    "is_empty",
    "list_current_admissions",
    "mark_admission_signals_seen",
    "mark_signal_seen",
    "needs_rescore",
    "open_database",
    "policy_history",
    "publish_policy",
    "published_policy",
    "record_decision",
    "record_override",
    "rescore",
    "triage_view",
    "verify_chain",
    "withdraw_override",
]
