"""Policies: versioned, exactly one published, a published version never changes."""

from __future__ import annotations

import pytest
from storage_feeds import AS_OF, moment

from scoring import Policy
from storage import (
    Actor,
    Database,
    ValidationFailed,
    policy_history,
    publish_policy,
    published_policy,
)

CAPACITY_MANAGER = Actor("Rob Maas", "capacity_manager")


def test_default_policy_is_published_on_first_use(database: Database) -> None:
    current = published_policy(database)
    assert current.policy == Policy()
    assert (current.version, current.author_role) == ("default", "system")


def test_publishing_records_author_time_and_note(database: Database) -> None:
    publish_policy(
        database,
        Policy(version="v2", screening_day=14),
        CAPACITY_MANAGER,
        "Eerder screenen",
        now=moment(AS_OF),
    )
    current = published_policy(database)
    assert (current.version, current.policy.screening_day) == ("v2", 14)
    assert (current.author_name, current.note, current.created_at) == (
        "Rob Maas",
        "Eerder screenen",
        moment(AS_OF),
    )


def test_exactly_one_policy_is_published_and_an_earlier_one_can_return(database: Database) -> None:
    assert published_policy(database).version == "default"
    publish_policy(database, Policy(version="v2", screening_day=14), CAPACITY_MANAGER, "Eerder")
    publish_policy(database, Policy(), CAPACITY_MANAGER, "Terug naar de standaard")
    assert published_policy(database).version == "default"
    assert [p.version for p in policy_history(database)] == ["default", "v2", "default"]


def test_a_published_version_name_cannot_get_other_settings(database: Database) -> None:
    publish_policy(database, Policy(version="v2", screening_day=14), CAPACITY_MANAGER, "Eerder")
    with pytest.raises(ValidationFailed) as refused:
        publish_policy(database, Policy(version="v2", screening_day=10), CAPACITY_MANAGER, "x")
    assert "new version name" in refused.value.errors["version"]
    assert published_policy(database).policy.screening_day == 14


@pytest.mark.parametrize(
    ("actor", "note", "field"),
    [(Actor("Anna de Wit", "case_manager"), "Eerder", "role"), (CAPACITY_MANAGER, " ", "note")],
)
def test_only_a_capacity_manager_publishes_and_says_why(
    database: Database, actor: Actor, note: str, field: str
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        publish_policy(database, Policy(version="v2"), actor, note)
    assert field in refused.value.errors
