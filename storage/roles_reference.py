"""docs/roles.md, generated from the permissions (`som docs`), so the table cannot drift."""

from __future__ import annotations

from storage.actor import ACCOUNT_ROLES, ROLES
from storage.permissions import ACTIONS, PERMISSIONS, PRISON_SCOPED_ROLES


def roles_markdown() -> str:
    """The role × action table, with the prison scope of each role."""
    header = "| action | " + " | ".join(f"`{role}`" for role in ACCOUNT_ROLES) + " |"
    rule = "|---|" + "---|" * len(ACCOUNT_ROLES)
    rows = [
        f"| {ACTIONS[action].en} (`{action}`) | "
        + " | ".join("yes" if action in PERMISSIONS[role] else "—" for role in ACCOUNT_ROLES)
        + " |"
        for action in ACTIONS
    ]
    scopes = [
        f"- `{role}` ({ROLES[role].en}): "
        + ("the prisons of the account" if role in PRISON_SCOPED_ROLES else "every prison")
        for role in ACCOUNT_ROLES
    ]
    return "\n".join(
        [
            "# Roles and what each may do",
            "",
            "Generated from `storage/permissions.py` by `som docs`; a test fails when it drifts.",
            "Every cell is checked in the storage services (a page that shows a button does not",
            "decide): a refused action raises `NotPermitted` and is logged with outcome `refused`.",
            "",
            header,
            rule,
            *rows,
            "",
            "## Whose detainees",
            "",
            *scopes,
            "",
            "A case manager or probation worker opens a detainee of another prison only through",
            'the "access outside my prison" step, with a reason of at least 10 characters; it is',
            "logged as `access_outside_prison` and the page is read-only. Capacity managers see",
            "counts and SKNs: names and case workers are left empty in what storage returns.",
            "",
        ]
    )
