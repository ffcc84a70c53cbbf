"""Audit: keyed chains over every piece of evidence (reserved: filled in by that work).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

revision, down_revision, branch_labels, depends_on = "0006", "0005", None, None


def upgrade() -> None:
    """Nothing yet."""


def downgrade() -> None:
    """Nothing yet."""
