"""Policy drafts: saved with name, author and note, kept as history, compared, and only put in
force by publishing (SOM.md section 7; issue 11, items 1 and 4)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from storage_feeds import AS_OF, dji, import_rows, iris, moment, newest

from scoring.policy import RANGES, Policy, TierSwitches
from storage import Actor, Database, NotFound, ValidationFailed, detainee_record, triage_view
from storage.access_log import access_entries
from storage.drafts import (
    PUBLISHED,
    compare_policies,
    draft_history,
    list_drafts,
    load_draft,
    named_policy,
    policy_problems,
    publish_draft,
    published_versions,
    save_draft,
    version_policy,
)
from storage.policies import policy_history, publish_policy, published_policy

PLANNER = Actor("Rob Maas", "capacity_manager")
WITHOUT_C04 = Policy(version="zonder-c04", criteria={"short_stay": False})  # type: ignore[arg-type]


def _short_stay(database: Database) -> None:
    """Detainee 1000001 stays three weeks: C04 (short stay) puts them in no_priority."""
    import_rows(
        database,
        [dji("1000001", intake_date="2026-09-30", expected_release_date="2026-10-14")],
        [iris("1000001")],
    )


def _list_band(database: Database, skn: str = "1000001") -> str:
    frame = triage_view(database, AS_OF, PLANNER).frame
    return str(frame.loc[frame["skn"] == skn, "band"].iloc[0])


def test_saving_again_under_a_name_keeps_the_history_and_the_newest_is_the_draft(
    database: Database,
) -> None:
    save_draft(database, "v2", Policy(screening_day=14), PLANNER, "Eerder", now=moment(AS_OF))
    later = moment(AS_OF + timedelta(days=1))
    save_draft(database, "v2", Policy(screening_day=10), PLANNER, "Nog eerder", now=later)
    assert load_draft(database, "v2", PLANNER).policy.screening_day == 10
    history = draft_history(database, "v2", PLANNER)
    assert [(d.policy.screening_day, d.note) for d in history] == [
        (10, "Nog eerder"),
        (14, "Eerder"),
    ]
    assert (history[0].author_name, history[0].created_at) == ("Rob Maas", later)


def test_several_drafts_are_listed_most_recently_saved_first(database: Database) -> None:
    for name in ("geweld", "lvb", "geweld-2"):
        save_draft(database, name, Policy(), PLANNER, f"concept {name}")
    save_draft(database, "lvb", Policy(split_weighing=True), PLANNER, "lvb opnieuw")
    assert [d.name for d in list_drafts(database, PLANNER)] == ["lvb", "geweld-2", "geweld"]
    assert load_draft(database, None, PLANNER).name == "lvb"


def test_the_draft_name_is_the_version_it_is_published_under(database: Database) -> None:
    draft = save_draft(database, "  v2   geweld ", Policy(version="other"), PLANNER, "x")
    assert draft.name == draft.policy.version == "v2 geweld"


@pytest.mark.parametrize("key", ["screening_day", "short_stay_days", "multi_problem_min_factors"])
def test_a_value_outside_its_range_is_refused_naming_the_key_and_the_range(
    database: Database, key: str
) -> None:
    low, high = RANGES[key]
    with pytest.raises(ValidationFailed) as refused:
        save_draft(database, "te-ver", {key: high + 1}, PLANNER, "te ver")
    assert set(refused.value.errors) == {key}
    assert f"'{key}'" in refused.value.errors[key]
    assert f"from {low} to {high}" in refused.value.errors[key]
    assert list_drafts(database, PLANNER) == []


def test_an_unknown_key_and_a_reversed_young_adult_range_are_each_named(database: Database) -> None:
    problems = policy_problems({"screening_dag": 14, "young_adult_age": [23, 18], "short_stay": 1})
    assert set(problems) == {"screening_dag", "young_adult_age", "short_stay"}
    assert "unknown key" in problems["screening_dag"]
    assert "low < high" in problems["young_adult_age"]


@given(st.integers(min_value=-1000, max_value=5000))
def test_a_screening_day_is_accepted_exactly_within_its_range(day: int) -> None:
    low, high = RANGES["screening_day"]
    assert ("screening_day" in policy_problems({"screening_day": day})) is not (low <= day <= high)


def test_a_draft_needs_a_note_and_a_role_that_edits_policy(database: Database) -> None:
    with pytest.raises(ValidationFailed) as refused:
        save_draft(database, "v2", Policy(), PLANNER, "  ")
    assert "note" in refused.value.errors
    with pytest.raises(ValidationFailed) as refused:
        save_draft(database, "v2", Policy(), Actor("Anna", "case_manager"), "waarom")
    assert "role" in refused.value.errors
    with pytest.raises(ValidationFailed):
        list_drafts(database, Actor("Anna", "auditor"))


def test_a_name_published_with_other_settings_is_refused_and_with_the_same_allowed(
    database: Database,
) -> None:
    published_policy(database)
    with pytest.raises(ValidationFailed) as refused:
        save_draft(database, "default", Policy(screening_day=14), PLANNER, "anders")
    assert "new name" in refused.value.errors["name"]
    save_draft(database, "default", Policy(), PLANNER, "terug naar de standaard")


def test_saving_a_draft_is_logged_with_its_name_and_note(database: Database) -> None:
    save_draft(database, "v2", Policy(), PLANNER, "Eerder screenen", based_on="default")
    entry = access_entries(database).iloc[0]
    assert (entry["event"], entry["user_name"]) == ("save_draft", "Rob Maas")
    assert '"draft": "v2"' in entry["detail"] and "Eerder screenen" in entry["detail"]


def test_a_draft_is_not_used_for_the_list_until_it_is_published(database: Database) -> None:
    _short_stay(database)
    assert _list_band(database) == "no_priority"
    save_draft(database, WITHOUT_C04.version, WITHOUT_C04, PLANNER, "C04 uit")
    assert _list_band(database) == "no_priority"
    assert published_policy(database).version == "default"
    publish_draft(database, "zonder-c04", PLANNER, "C04 staat ter discussie", as_of=AS_OF)
    assert _list_band(database) == "weighing"


def test_publishing_a_draft_signals_each_detainee_whose_band_moved(database: Database) -> None:
    import_rows(
        database,
        [
            dji("1000001", intake_date="2026-09-30", expected_release_date="2026-10-14"),
            dji("1000002"),
        ],
        [iris("1000001"), iris("1000002")],
    )
    save_draft(database, WITHOUT_C04.version, WITHOUT_C04, PLANNER, "C04 uit")
    publish_draft(database, None, PLANNER, "C04 uit", as_of=AS_OF)
    moved = detainee_record(database, newest(database, "1000001")[0]).signals
    stayed = detainee_record(database, newest(database, "1000002")[0]).signals
    assert [(s.old_band, s.new_band) for s in moved] == [("no_priority", "weighing")]
    assert stayed == []


def test_publish_needs_a_note_and_makes_a_new_version_in_the_history(database: Database) -> None:
    save_draft(database, "v2", Policy(screening_day=14), PLANNER, "Eerder")
    with pytest.raises(ValidationFailed) as refused:
        publish_draft(database, "v2", PLANNER, " ")
    assert "note" in refused.value.errors
    assert published_policy(database).version == "default"
    publish_draft(database, "v2", PLANNER, "Eerder screenen", as_of=AS_OF)
    assert [p.version for p in policy_history(database)] == ["v2", "default"]
    assert access_entries(database).iloc[0]["event"] == "publish"


def test_rolling_back_publishes_an_earlier_version_again_from_a_draft(database: Database) -> None:
    published_policy(database)
    publish_policy(database, Policy(version="v2", screening_day=14), PLANNER, "Eerder")
    earlier = version_policy(database, "default", PLANNER)
    save_draft(database, "default", earlier, PLANNER, "terug", based_on="default")
    publish_draft(database, "default", PLANNER, "Terug naar de standaard", as_of=AS_OF)
    assert published_policy(database).policy == Policy()
    assert [p.version for p in policy_history(database)] == ["default", "v2", "default"]
    assert published_versions(database, PLANNER) == ["default", "v2"]


def test_publishing_without_any_draft_says_so(database: Database) -> None:
    with pytest.raises(NotFound, match="no policy draft"):
        publish_draft(database, None, PLANNER, "waarom")


def test_names_resolve_to_drafts_published_versions_and_the_policy_in_force(
    database: Database,
) -> None:
    publish_policy(database, Policy(version="v2", screening_day=14), PLANNER, "Eerder")
    save_draft(database, "v3", Policy(screening_day=7), PLANNER, "Nog eerder")
    assert named_policy(database, "v3", PLANNER).screening_day == 7
    assert named_policy(database, "v2", PLANNER).screening_day == 14
    assert named_policy(database, PUBLISHED, PLANNER).version == "v2"
    with pytest.raises(NotFound, match="neither a policy draft nor a published version"):
        named_policy(database, "v9", PLANNER)


def test_the_comparison_lists_each_changed_key_with_old_and_new_value() -> None:
    draft = Policy(
        version="v2",
        screening_day=14,
        tiers=TierSwitches(violence_offence=True),
        violence_articles=(141, 300),
    )
    changes = compare_policies(Policy(), draft)
    assert [(c.key, c.old, c.new) for c in changes] == [
        ("screening_day", 21, 14),
        ("violence_articles", list(Policy().violence_articles), [141, 300]),
        ("tiers.violence_offence", False, True),
    ]
    assert compare_policies(draft, draft) == []
