"""Resumed admissions; accounts, their prisons and the access log.

A detainee released because a feed no longer listed them, who returns with the same intake
date, continues the same admission (with its overrides and decisions): the new append-only
table `resumptions` keeps each release that was undone, and `imports` counts the resumed
admissions of each import (empty for the imports before this migration).

`accounts` and `account_prisons` change when an administrator manages them (each change is
logged); `access_log` is append-only like the overrides.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.migrations.append_only import foreign_key, refuse_changes
from storage.schema import UTCDateTime

revision, down_revision, branch_labels, depends_on = "0003", "0002", None, None


def upgrade() -> None:
    op.create_table(
        "resumptions",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("admission_id", sa.Integer, nullable=False),
        sa.Column("released_at", UTCDateTime(), nullable=False),
        sa.Column("released_import_id", sa.Integer, nullable=True),
        sa.Column("release_reason", sa.String(32), nullable=False),
        sa.Column("resumed_at", UTCDateTime(), nullable=False),
        sa.Column("resumed_import_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_resumptions"),
        foreign_key("resumptions", "admission_id", "admissions"),
        foreign_key("resumptions", "released_import_id", "imports"),
        foreign_key("resumptions", "resumed_import_id", "imports"),
    )
    op.create_index("ix_resumptions_admission_id", "resumptions", ["admission_id"])
    op.add_column("imports", sa.Column("resumed_admissions", sa.Integer, nullable=True))
    refuse_changes(["resumptions"])
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("password_hash", sa.String(200), nullable=True),
        sa.Column("oidc_subject", sa.String(320), nullable=True),
        sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("failed_signins", sa.Integer, nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("generation", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("changed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("name", name="uq_accounts_name"),
        sa.UniqueConstraint("oidc_subject", name="uq_accounts_oidc_subject"),
    )
    op.create_table(
        "account_prisons",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("pi", sa.String(64), nullable=False),
        sa.Column("until", sa.Date, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_account_prisons"),
        foreign_key("account_prisons", "account_id", "accounts"),
        sa.UniqueConstraint("account_id", "pi", name="uq_account_prisons_account_id_pi"),
    )
    op.create_index("ix_account_prisons_account_id", "account_prisons", ["account_id"])
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("account_id", sa.Integer, nullable=True),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("user_role", sa.String(32), nullable=False),
        sa.Column("skn", sa.String(64), nullable=True),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("access_point", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_access_log"),
        foreign_key("access_log", "account_id", "accounts"),
        sa.CheckConstraint("outcome IN ('ok', 'refused', 'failed')", name="ck_access_log_outcome"),
    )
    op.create_index("ix_access_log_at", "access_log", ["at"])
    op.create_index("ix_access_log_skn", "access_log", ["skn"])
    refuse_changes(["access_log"])


def downgrade() -> None:
    for table in ("access_log", "account_prisons", "accounts"):
        op.drop_table(table)
    op.drop_column("imports", "resumed_admissions")
    op.drop_table("resumptions")
