"""Capacity planning: policy drafts and capacity per prison (reserved: filled in by that work).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

revision, down_revision, branch_labels, depends_on = "0005", "0004", None, None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
