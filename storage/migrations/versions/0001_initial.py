"""Initial schema: detainees, admissions, input versions, policies, assessments, overrides,
decisions, signals; append-only triggers on the evidence tables.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.append_only import refuse_changes
from storage.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = (
    "input_versions",
    "policies",
    "policy_publications",
    "assessments",
    "overrides",
    "decisions",
)


def _hash_columns() -> list[sa.Column[str]]:
    return [
        sa.Column("previous_hash", sa.String(64), nullable=False),
        sa.Column("record_hash", sa.String(64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "detainees",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("skn", sa.String(64), nullable=False),
        sa.Column("first_seen_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_detainees"),
        sa.UniqueConstraint("skn", name="uq_detainees_skn"),
    )
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("dji_file", sa.Text, nullable=False),
        sa.Column("iris_file", sa.Text, nullable=True),
        sa.Column("dji_rows", sa.Integer, nullable=False),
        sa.Column("iris_rows", sa.Integer, nullable=False),
        sa.Column("rejected_rows", sa.Integer, nullable=False),
        sa.Column("new_admissions", sa.Integer, nullable=False),
        sa.Column("changed_admissions", sa.Integer, nullable=False),
        sa.Column("released_admissions", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_imports"),
    )
    op.create_table(
        "admissions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("detainee_id", sa.Integer, nullable=False),
        sa.Column("admitted_at", UTCDateTime(), nullable=False),
        sa.Column("admitted_import_id", sa.Integer, nullable=True),
        sa.Column("released_at", UTCDateTime(), nullable=True),
        sa.Column("released_import_id", sa.Integer, nullable=True),
        sa.Column("release_reason", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_admissions"),
        sa.ForeignKeyConstraint(
            ["detainee_id"], ["detainees.id"], name="fk_admissions_detainee_id_detainees"
        ),
        sa.ForeignKeyConstraint(
            ["admitted_import_id"], ["imports.id"], name="fk_admissions_admitted_import_id_imports"
        ),
        sa.ForeignKeyConstraint(
            ["released_import_id"], ["imports.id"], name="fk_admissions_released_import_id_imports"
        ),
        sa.CheckConstraint(
            "release_reason IS NULL OR release_reason IN ('absent_from_feed', 'readmitted')",
            name="ck_admissions_release_reason",
        ),
    )
    op.create_index("ix_admissions_detainee_id", "admissions", ["detainee_id"])
    op.create_index("ix_admissions_released_at", "admissions", ["released_at"])
    op.create_table(
        "input_versions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("admission_id", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("changed_feeds", sa.String(16), nullable=False),
        sa.Column("inputs_json", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("import_id", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_input_versions"),
        sa.ForeignKeyConstraint(
            ["admission_id"], ["admissions.id"], name="fk_input_versions_admission_id_admissions"
        ),
        sa.ForeignKeyConstraint(
            ["import_id"], ["imports.id"], name="fk_input_versions_import_id_imports"
        ),
        sa.UniqueConstraint(
            "admission_id", "version", name="uq_input_versions_admission_id_version"
        ),
    )
    op.create_index("ix_input_versions_admission_id_id", "input_versions", ["admission_id", "id"])
    op.create_table(
        "policies",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("version", sa.String(200), nullable=False),
        sa.Column("document_json", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("author_role", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_policies"),
        sa.UniqueConstraint("version", name="uq_policies_version"),
    )
    op.create_table(
        "policy_publications",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("policy_id", sa.Integer, nullable=False),
        sa.Column("published_at", UTCDateTime(), nullable=False),
        sa.Column("published_by", sa.String(200), nullable=False),
        sa.Column("published_role", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_policy_publications"),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policies.id"], name="fk_policy_publications_policy_id_policies"
        ),
    )
    op.create_index("ix_policy_publications_policy_id", "policy_publications", ["policy_id"])
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("admission_id", sa.Integer, nullable=False),
        sa.Column("input_version_id", sa.Integer, nullable=False),
        sa.Column("policy_id", sa.Integer, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("band", sa.String(16), nullable=False),
        sa.Column("provisional_band", sa.String(16), nullable=False),
        sa.Column("decisive", sa.String(8), nullable=True),
        sa.Column("fired_json", sa.Text, nullable=False),
        sa.Column("unknown_json", sa.Text, nullable=False),
        sa.Column("open_questions_json", sa.Text, nullable=False),
        sa.Column("tiers_json", sa.Text, nullable=False),
        sa.Column("tier_score", sa.Integer, nullable=False),
        sa.Column("profile_signals", sa.Integer, nullable=False),
        sa.Column("profile_known", sa.Integer, nullable=False),
        sa.Column("warnings_json", sa.Text, nullable=False),
        sa.Column("states_json", sa.Text, nullable=False),
        sa.Column("result_fingerprint", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.ForeignKeyConstraint(
            ["admission_id"], ["admissions.id"], name="fk_assessments_admission_id_admissions"
        ),
        sa.ForeignKeyConstraint(
            ["input_version_id"],
            ["input_versions.id"],
            name="fk_assessments_input_version_id_input_versions",
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policies.id"], name="fk_assessments_policy_id_policies"
        ),
    )
    op.create_index("ix_assessments_admission_id_id", "assessments", ["admission_id", "id"])
    op.create_index("ix_assessments_input_version_id", "assessments", ["input_version_id"])
    op.create_index("ix_assessments_policy_id", "assessments", ["policy_id"])
    op.create_table(
        "scoring_runs",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("ran_at", UTCDateTime(), nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("policy_id", sa.Integer, nullable=False),
        sa.Column("scored", sa.Integer, nullable=False),
        sa.Column("assessments_written", sa.Integer, nullable=False),
        sa.Column("signals_created", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_scoring_runs"),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policies.id"], name="fk_scoring_runs_policy_id_policies"
        ),
    )
    op.create_table(
        "overrides",
        sa.Column("id", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("admission_id", sa.Integer, nullable=False),
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("withdraws_id", sa.Integer, nullable=True),
        sa.Column("band", sa.String(16), nullable=True),
        sa.Column("automated_band", sa.String(16), nullable=False),
        sa.Column("decisive", sa.String(8), nullable=True),
        sa.Column("policy_id", sa.Integer, nullable=False),
        sa.Column("input_version_id", sa.Integer, nullable=False),
        sa.Column("input_fingerprint", sa.String(64), nullable=False),
        sa.Column("reason_category", sa.String(32), nullable=True),
        sa.Column("justification", sa.Text, nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("user_role", sa.String(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        *_hash_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_overrides"),
        sa.ForeignKeyConstraint(
            ["admission_id"], ["admissions.id"], name="fk_overrides_admission_id_admissions"
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name="fk_overrides_assessment_id_assessments"
        ),
        sa.ForeignKeyConstraint(
            ["withdraws_id"], ["overrides.id"], name="fk_overrides_withdraws_id_overrides"
        ),
        sa.ForeignKeyConstraint(
            ["policy_id"], ["policies.id"], name="fk_overrides_policy_id_policies"
        ),
        sa.ForeignKeyConstraint(
            ["input_version_id"],
            ["input_versions.id"],
            name="fk_overrides_input_version_id_input_versions",
        ),
        sa.UniqueConstraint("withdraws_id", name="uq_overrides_withdraws_id"),
        sa.UniqueConstraint("record_hash", name="uq_overrides_record_hash"),
        sa.CheckConstraint("kind IN ('override', 'withdrawal')", name="ck_overrides_kind"),
    )
    op.create_index("ix_overrides_admission_id", "overrides", ["admission_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, autoincrement=False, nullable=False),
        sa.Column("admission_id", sa.Integer, nullable=False),
        sa.Column("assessment_id", sa.Integer, nullable=False),
        sa.Column("option", sa.String(48), nullable=False),
        sa.Column("explanation", sa.Text, nullable=False),
        sa.Column("partner_name", sa.String(200), nullable=True),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("user_role", sa.String(32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        *_hash_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
        sa.ForeignKeyConstraint(
            ["admission_id"], ["admissions.id"], name="fk_decisions_admission_id_admissions"
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name="fk_decisions_assessment_id_assessments"
        ),
        sa.UniqueConstraint("record_hash", name="uq_decisions_record_hash"),
    )
    op.create_index("ix_decisions_admission_id", "decisions", ["admission_id"])
    op.create_table(
        "signals",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("admission_id", sa.Integer, nullable=False),
        sa.Column("old_assessment_id", sa.Integer, nullable=False),
        sa.Column("new_assessment_id", sa.Integer, nullable=False),
        sa.Column("old_band", sa.String(16), nullable=False),
        sa.Column("new_band", sa.String(16), nullable=False),
        sa.Column("changes_json", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("seen_at", UTCDateTime(), nullable=True),
        sa.Column("seen_by", sa.String(200), nullable=True),
        sa.Column("seen_role", sa.String(32), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_signals"),
        sa.ForeignKeyConstraint(
            ["admission_id"], ["admissions.id"], name="fk_signals_admission_id_admissions"
        ),
        sa.ForeignKeyConstraint(
            ["old_assessment_id"],
            ["assessments.id"],
            name="fk_signals_old_assessment_id_assessments",
        ),
        sa.ForeignKeyConstraint(
            ["new_assessment_id"],
            ["assessments.id"],
            name="fk_signals_new_assessment_id_assessments",
        ),
    )
    op.create_index("ix_signals_admission_id", "signals", ["admission_id"])
    refuse_changes(APPEND_ONLY, first=True)


def downgrade() -> None:
    for table in (
        "signals",
        "decisions",
        "overrides",
        "scoring_runs",
        "assessments",
        "policy_publications",
        "policies",
        "input_versions",
        "admissions",
        "imports",
        "detainees",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION som_refuse_change()")
