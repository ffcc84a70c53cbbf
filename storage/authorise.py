"""The one check in front of every action on a detainee: may this actor do this, for the prison
the detainee is in? A refusal is logged (`refused`) before it is raised; what is allowed is
logged by the action itself, in the transaction that stores it."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from storage.access_log import record_access
from storage.actor import Actor
from storage.current import newest_version_id
from storage.database import Database
from storage.errors import NotFound
from storage.permissions import NotPermitted, may
from storage.schema import admissions, detainees, input_versions


def admission_subject(connection: Connection, admission_id: int) -> tuple[str, str | None]:
    """The SKN of an admission's detainee and its prison (`pi` of the newest input version)."""
    row = connection.execute(
        select(detainees.c.skn, input_versions.c.inputs_json)
        .select_from(admissions)
        .join(detainees, detainees.c.id == admissions.c.detainee_id)
        .join(input_versions, input_versions.c.id == newest_version_id(admissions.c.id))
        .where(admissions.c.id == admission_id)
    ).first()
    if row is None:
        raise NotFound(f"admission {admission_id} does not exist")
    return str(row.skn), json.loads(row.inputs_json).get("pi")


def authorise(database: Database, actor: Actor, action: str, event: str, admission_id: int) -> str:
    """Check that `actor` may do `action` on the admission; returns its SKN. A refusal is
    logged as `event` with outcome `refused`, then `NotPermitted` is raised."""
    with database.read() as connection:
        skn, pi = admission_subject(connection, admission_id)
    if not may(actor, action, pi):
        why = f"not permitted: {action}" + ("" if may(actor, action) else " (role)")
        record_access(database, actor, event, outcome="refused", skn=skn, detail=why)
        raise NotPermitted(actor, action, pi if may(actor, action) else None)
    return skn
