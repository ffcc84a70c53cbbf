"""Every cell of the role × action table (docs/roles.md), tried at the service layer: what a
role may do succeeds, what it may not is refused by storage itself (whatever a page shows)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from storage_feeds import AS_OF, WHY, dji, import_rows, iris, newest

from scoring.policy import Policy
from storage import Database, ValidationFailed, record_decision, record_override
from storage.access_log import access_entries
from storage.accounts import add_account
from storage.actor import ACCOUNT_ROLES, Actor
from storage.capacity import capacity_history, set_capacity
from storage.permissions import ACTIONS, PERMISSIONS, may
from storage.policies import publish_policy
from storage.signals import mark_admission_signals_seen
from storage.views import detainee_view, triage_view

#: Every actor works in Sittard; detainee 2000001 is in Arnhem.
HOME = frozenset({"Sittard"})


def _sittard(database: Database) -> tuple[int, int]:
    return newest(database, "1000001")[:2]


def _names_shown(database: Database, actor: Actor) -> Any:
    frame = triage_view(database, AS_OF, actor).frame
    if frame["name"].isna().all():
        raise ValidationFailed({"role": "names are not shown"})


def _outside(database: Database, actor: Actor) -> Any:
    reason = "Overplaatsing naar Sittard wordt voorbereid."
    return detainee_view(database, "2000001", AS_OF, "nl", actor, outside_reason=reason)


def _override(database: Database, actor: Actor) -> Any:
    admission_id, assessment_id = _sittard(database)
    return record_override(
        database, admission_id, assessment_id, "priority", "cm_concern", WHY, actor
    )


def _decide(database: Database, actor: Actor) -> Any:
    admission_id, assessment_id = _sittard(database)
    return record_decision(database, admission_id, assessment_id, "request_advice", WHY, actor)


def _publish(database: Database, actor: Actor) -> Any:
    return publish_policy(database, Policy(version="matrix"), actor, "Proef van de matrix.")


def _add_account(database: Database, actor: Actor) -> Any:
    return add_account(
        database, "nieuw", "auditor", password="een lange zin van woorden", actor=actor
    )


#: The service call of each action. Actions whose screen or export does not exist yet are
#: checked through `may` alone (capacity page, export, import: the import runs as SOM itself).
SERVICES: dict[str, Callable[[Database, Actor], Any]] = {
    "view_list": lambda database, actor: triage_view(database, AS_OF, actor),
    "view_names": _names_shown,
    "view_detainee": lambda database, actor: detainee_view(database, "1000001", AS_OF, "nl", actor),
    "access_outside_prison": _outside,
    "override": _override,
    "decide": _decide,
    "mark_seen": lambda database, actor: mark_admission_signals_seen(
        database, _sittard(database)[0], actor
    ),
    "edit_policy": _publish,
    "view_capacity": capacity_history,
    "set_capacity": lambda database, actor: set_capacity(database, "Sittard", 5, actor, "Proef."),
    "view_audit": lambda database, actor: access_entries(database, actor=actor),
    "manage_accounts": _add_account,
}


@pytest.fixture
def two_prisons(database: Database) -> Database:
    import_rows(
        database,
        [dji("1000001", pi="Sittard"), dji("2000001", pi="Arnhem")],
        [iris("1000001"), iris("2000001")],
    )
    return database


def test_every_action_and_role_is_in_the_table() -> None:
    assert set(SERVICES) <= set(ACTIONS)
    assert set(PERMISSIONS) >= set(ACCOUNT_ROLES)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ACCOUNT_ROLES)
def test_the_service_layer_allows_exactly_what_the_role_table_says(
    two_prisons: Database, role: str, action: str
) -> None:
    actor = Actor(f"{role} in Sittard", role, prisons=HOME)
    allowed = action in PERMISSIONS[role]
    service = SERVICES.get(action)
    if service is None:
        assert may(actor, action) is allowed
        return
    if allowed:
        service(two_prisons, actor)
    else:
        with pytest.raises(ValidationFailed) as refused:
            service(two_prisons, actor)
        assert {"role", "pi"} & set(refused.value.errors), refused.value.errors


def test_a_refused_action_is_logged_with_outcome_refused(two_prisons: Database) -> None:
    actor = Actor("cm.sittard", "case_manager", prisons=HOME)
    with pytest.raises(ValidationFailed):
        detainee_view(two_prisons, "2000001", AS_OF, "nl", actor)
    log = access_entries(two_prisons)
    entry = log.iloc[0]
    assert (entry["event"], entry["outcome"], entry["skn"]) == (
        "view_detainee",
        "refused",
        "2000001",
    )


def test_a_case_manager_of_sittard_does_not_get_arnhem_in_the_list(two_prisons: Database) -> None:
    actor = Actor("cm.sittard", "case_manager", prisons=HOME)
    assert list(triage_view(two_prisons, AS_OF, actor).frame["skn"]) == ["1000001"]


def test_a_capacity_manager_sees_counts_and_skns_but_no_names(two_prisons: Database) -> None:
    actor = Actor("capaciteit", "capacity_manager")
    frame = triage_view(two_prisons, AS_OF, actor).frame
    assert sorted(frame["skn"]) == ["1000001", "2000001"]
    assert frame[["name", "cm_name", "rw_name"]].isna().all().all()
