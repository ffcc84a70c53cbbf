"""The what-if of a draft policy (SOM.md section 7): counts, transitions and movers, the cut
line, the weekly load and the tier lifts, on hand-counted populations (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import Policy, inputs_frame, score
from scoring.policy import policy_from_mapping
from scoring.vocabulary import BAND_ORDER
from storage import Actor, Database
from storage.access_log import access_entries
from storage.permissions import NotPermitted
from storage.whatif import SIDES, WhatIf, what_if
from storage.whatif_population import data_key, day_number, shifted_inputs
from tests.storage.storage_feeds import AS_OF, dji, import_rows, iris

PLANNER = Actor("Carla Capaciteit", "capacity_manager")
WORKER = Actor("Joost Hendriks", "probation_worker")

#: Switches C04 off, counts the violence tier, screens after 14 days and splits weighing.
DRAFT = policy_from_mapping(
    {
        "version": "draft-1",
        "screening_day": 14,
        "split_weighing": True,
        "criteria": {"short_stay": False},
        "tiers": {"violence_offence": True},
    }
)


#: Six detainees of Sittard, each with the cells that set them apart.
SIX: dict[str, dict[str, str]] = {
    "1000001": {},
    "1000002": {"offence_article": "300"},
    "1000003": {"expected_release_date": "2026-10-20"},
    "1000004": {},
    "1000005": {"supervision_after_detention": "true"},
    "1000006": {"intake_date": "2026-11-15"},
}


def six_detainees(database: Database) -> None:
    """A weighing, B weighing with a violence offence, C a short stay (C04), D unknown to
    probation (C03), E supervision after detention (priority), F 14 days inside (not yet)."""
    known = [iris(skn) for skn in SIX if skn != "1000004"]
    import_rows(database, [dji(skn, **cells) for skn, cells in SIX.items()], known)


def test_counts_per_band_hold_every_band_under_each_policy(database: Database) -> None:
    six_detainees(database)
    result = what_if(database, PLANNER, DRAFT, AS_OF)
    assert result.counts["published"].bands == {
        "priority": 1,
        "weighing": 2,
        "defer": 0,
        "not_yet": 1,
        "no_priority": 2,
    }
    assert result.counts["draft"].bands == {
        "priority": 1,
        "weighing": 4,
        "defer": 0,
        "not_yet": 0,
        "no_priority": 1,
    }
    assert list(result.counts["draft"].bands) == list(BAND_ORDER)
    assert result.counts["draft"].tier_scores["weighing"] == {0: 3, 1: 1}
    assert result.prison_counts["draft"]["Sittard"] == result.counts["draft"]


def test_transitions_count_each_pair_of_bands(database: Database) -> None:
    six_detainees(database)
    matrix = what_if(database, PLANNER, DRAFT, AS_OF).transitions
    assert matrix["no_priority"]["weighing"] == 1
    assert matrix["not_yet"]["weighing"] == 1
    assert matrix["weighing"]["weighing"] == 2
    assert matrix["no_priority"]["no_priority"] == 1
    assert matrix["priority"]["priority"] == 1
    assert sum(sum(row.values()) for row in matrix.values()) == 6


def test_movers_name_the_criterion_tier_or_screening_day_that_moved_them(
    database: Database,
) -> None:
    six_detainees(database)
    result = what_if(database, PLANNER, DRAFT, AS_OF)
    moved = {m.skn: (m.from_shown, m.to_shown, m.moved_by) for m in result.movers}
    assert moved == {
        "1000003": ("no_priority", "weighing_if_time", ("C04",)),
        "1000006": ("not_yet", "weighing_if_time", ("screening_day",)),
        "1000002": ("weighing", "weighing_first", ("T2",)),
        "1000001": ("weighing", "weighing_if_time", ("split_weighing",)),
    }
    assert {m.skn for m in result.band_movers} == {"1000003", "1000006"}
    short_stay = next(m for m in result.movers if m.skn == "1000003")
    assert (short_stay.from_decisive, short_stay.to_decisive) == ("C04", None)


def test_what_if_needs_view_capacity_and_logs_the_view_of_the_movers(
    database: Database,
) -> None:
    six_detainees(database)
    with pytest.raises(NotPermitted):
        what_if(database, WORKER, DRAFT, AS_OF)
    what_if(database, PLANNER, DRAFT, AS_OF)
    entries = access_entries(database, actor=Actor("Aad Auditor", "auditor"))
    mine = entries[entries["user_name"] == PLANNER.name]
    assert mine["event"].tolist() == ["view_list"]
    assert '"movers": 4' in mine["detail"].iat[0]


def cut(
    result: WhatIf, side: str = "published"
) -> tuple[int, int, str | None, list[str], list[str]]:
    line = result.cut_lines[side]["Sittard"]  # type: ignore[index]
    return (
        line.above,
        line.below,
        None if line.marginal is None else line.marginal.skn,
        [row.skn for row in line.ties_above],
        [row.skn for row in line.ties_below],
    )


def test_cut_line_ties_share_band_tier_score_and_intake_date(database: Database) -> None:
    six_detainees(database)
    result = what_if(database, PLANNER, DRAFT, AS_OF, {"Sittard": 2})
    # Published list awaiting: E (priority), A, B (weighing, tier score 0, same intake).
    assert cut(result) == (2, 1, "1000001", [], ["1000002"])
    # Draft: E, then B (tier score 1), A and C (0, 30 Sep), F (0, 15 Nov).
    assert cut(result, "draft") == (2, 3, "1000002", [], [])


def test_cut_line_exactly_at_the_last_row_leaves_nothing_below(database: Database) -> None:
    six_detainees(database)
    result = what_if(database, PLANNER, DRAFT, AS_OF, {"Sittard": 3})
    assert cut(result) == (3, 0, "1000002", ["1000001"], [])
    assert result.cut_lines["published"]["Sittard"].awaiting == 3


def test_cut_line_at_capacity_zero_has_no_marginal_case(database: Database) -> None:
    six_detainees(database)
    result = what_if(database, PLANNER, DRAFT, AS_OF, {"Sittard": 0})
    assert cut(result) == (0, 3, None, [], [])


def test_cut_line_with_capacity_above_the_population_takes_everyone(database: Database) -> None:
    six_detainees(database)
    result = what_if(database, PLANNER, DRAFT, AS_OF, {"Sittard": 50})
    assert cut(result, "draft") == (5, 0, "1000006", [], [])


def test_cut_line_follows_the_override_and_skips_decided_admissions(database: Database) -> None:
    from storage import record_decision, record_override
    from tests.storage.storage_feeds import CASE_MANAGER, WHY, newest

    six_detainees(database)
    admission, assessment, _ = newest(database, "1000004")
    record_override(database, admission, assessment, "weighing", "cm_concern", WHY, CASE_MANAGER)
    admission, assessment, _ = newest(database, "1000005")
    record_decision(database, admission, assessment, "no_priority", WHY, CASE_MANAGER)
    result = what_if(database, PLANNER, DRAFT, AS_OF, {"Sittard": 10})
    # Published: E is decided; D (no_priority, overridden to weighing) waits beside A and B.
    line = result.cut_lines["published"]["Sittard"]
    assert (line.awaiting, line.marginal and line.marginal.skn) == (3, "1000004")
    assert [row.skn for row in line.ties_above] == ["1000001", "1000002"]
    # The draft keeps the override of D (its automated band stays no_priority).
    assert result.cut_lines["draft"]["Sittard"].awaiting == 5


H1, H2, H3, H4 = "2000001", "2000002", "2000003", "2000004"


def hand_made_history(database: Database) -> None:
    """H1 lands 1 Oct and leaves 10 Oct; H2 lands 6 Oct as weighing and gets supervision on
    10 Oct (after its screening day); H3 arrives 10 Oct with supervision and lands 22 Oct; H4
    leaves on 10 Oct before its screening day of 19 Oct."""
    first, second = date(2026, 10, 1), date(2026, 10, 10)
    import_rows(
        database,
        [
            dji(H1, intake_date="2026-09-10"),
            dji(H2, intake_date="2026-09-15"),
            dji(H4, intake_date="2026-09-28"),
        ],
        [iris(h) for h in (H1, H2, H4)],
        as_of=first,
    )
    later = [
        dji(H2, intake_date="2026-09-15", supervision_after_detention="true"),
        dji(H3, intake_date="2026-10-01", supervision_after_detention="true"),
    ]
    import_rows(database, later, [iris(H2), iris(H3)], as_of=second, allow_mass_release=True)
    import_rows(database, later, [iris(H2), iris(H3)], as_of=AS_OF)


def weeks_with_load(result: WhatIf, side: str) -> dict[str, tuple[float, float, float]]:
    return {
        week.week: (
            week.load[side].priority,  # type: ignore[index]
            week.load[side].weighing_first,  # type: ignore[index]
            week.load[side].weighing,  # type: ignore[index]
        )
        for week in result.weekly_load
        if week.load[side].priority + week.load[side].weighing  # type: ignore[index]
    }


def test_weekly_load_scores_each_admission_as_on_its_screening_day(database: Database) -> None:
    hand_made_history(database)
    result = what_if(database, PLANNER, DRAFT, AS_OF, {"Sittard": 1})
    # Published: 21 days. H1 on 1 Oct (W40), H2 on 6 Oct (W41) as weighing (its supervision
    # came later), H3 on 22 Oct (W43) as priority; H4 left before its day.
    assert weeks_with_load(result, "published") == {
        "2026-W40": (0, 1, 1),
        "2026-W41": (0, 1, 1),
        "2026-W43": (1, 0, 0),
    }
    # Draft: 14 days, split weighing (no tier holds: weighing – first stays 0).
    assert weeks_with_load(result, "draft") == {
        "2026-W39": (0, 0, 1),
        "2026-W40": (0, 0, 1),
        "2026-W42": (1, 0, 0),
    }
    assert {week.capacity for week in result.weekly_load} == {1}
    assert len({week.week for week in result.weekly_load}) == 52


def test_projection_counts_known_screening_days_ahead_and_the_recent_rate(
    database: Database,
) -> None:
    hand_made_history(database)
    import_rows(
        database,
        [
            dji(H2, intake_date="2026-09-15", supervision_after_detention="true"),
            dji(H3, intake_date="2026-10-01", supervision_after_detention="true"),
            dji("2000005", intake_date="2026-11-20"),
        ],
        [iris(H2), iris(H3), iris("2000005")],
        as_of=AS_OF,
    )
    result = what_if(database, PLANNER, Policy(), AS_OF)
    four = next(p for p in result.projections if p.weeks == 4)
    # 2000005 lands 11 Dec, within 4 weeks; in the 8 weeks before this week 3 landed (H1, H2,
    # H3: 2 weighing, 1 priority), and newcomers can land in 28 − 21 = 7 of the 28 days.
    assert four.inside["published"].weighing == 1
    assert four.intake["published"].weighing == pytest.approx(2 / 8 * 1)
    assert four.intake["published"].priority == pytest.approx(1 / 8 * 1)


def test_tier_lift_counts_weighing_cases_only_that_tier_puts_first(database: Database) -> None:
    six_detainees(database)
    draft = DRAFT.model_copy(update={"tiers": DRAFT.tiers.model_copy(update={"lvb": True})})
    result = what_if(database, PLANNER, draft, AS_OF)
    lifts = {(lift.tier, lift.pi): lift for lift in result.tier_lifts}
    assert set(lifts) == {("T1", "Sittard"), ("T2", "Sittard")}
    assert lifts["T2", "Sittard"].current == 1
    assert lifts["T1", "Sittard"].current == 0
    # A, B, C land before this week under 14 days (F on 29 Nov): B alone is lifted by T2.
    assert lifts["T2", "Sittard"].cases == 1
    assert lifts["T2", "Sittard"].per_week == pytest.approx(1 / 52)


# --- the engine as on each screening day -----------------------------------------------------

_DAYS = st.dates(min_value=date(1950, 1, 1), max_value=date(2026, 12, 31))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(
        st.tuples(_DAYS, _DAYS, st.integers(0, 400), st.integers(-30, 800)),
        min_size=1,
        max_size=12,
    ),
)
def test_shifted_rows_score_as_each_row_on_its_own_day(
    people: list[tuple[date, date, int, int]],
) -> None:
    records = []
    days = []
    for index, (born, intake, risc_before, landing_after) in enumerate(people):
        records.append(
            {
                "skn": f"{3000000 + index}",
                "pi": "Sittard",
                "phase": "remand",
                "date_of_birth": born,
                "intake_date": intake,
                "expected_release_date": intake + timedelta(days=30),
                "risc_date": intake - timedelta(days=risc_before),
                "recidivism_risk": "low",
                "latest_information_date": intake - timedelta(days=risc_before // 2),
                "asr_framework_applied": False,
                "has_probation_record": True,
            }
        )
        days.append(intake + timedelta(days=landing_after))
    frame = inputs_frame(records)
    policy = Policy(tiers={"young_adult": True})  # type: ignore[arg-type]
    reference = AS_OF
    together = score(
        shifted_inputs(frame, np.array([day_number(d) for d in days]), reference),
        policy,
        reference,
    ).sort_index()
    for position, day in enumerate(days):
        alone = score(frame.iloc[[position]], policy, day)
        for column in ("band", "provisional_band", "decisive", "tiers", "open_questions"):
            assert together[column].iat[position] == alone[column].iat[0], (column, day)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    flags=st.lists(
        st.tuples(
            st.booleans(), st.booleans(), st.sampled_from(["300", "310"]), st.integers(5, 40)
        ),
        min_size=1,
        max_size=8,
    ),
    screening_day=st.integers(1, 40),
    short_stay=st.booleans(),
)
def test_counts_sum_to_the_population_and_matrix_rows_to_the_published_counts(
    database_url: str,
    flags: list[tuple[bool, bool, str, int]],
    screening_day: int,
    short_stay: bool,
) -> None:
    from storage import open_database

    database = open_database(database_url)
    try:
        with database.read() as connection:
            taken = data_key(connection)[1] or 0
        rows = [
            dji(
                f"{4000000 + 100 * taken + i}",
                supervision_after_detention="true" if supervised else "false",
                expected_release_date="2026-10-20" if short else "2027-06-30",
                offence_article=article,
                intake_date=(AS_OF - timedelta(days=inside)).isoformat(),
            )
            for i, (supervised, short, article, inside) in enumerate(flags)
        ]
        # Each example imports a whole feed of its own: the previous example's rows leave.
        import_rows(database, rows, [iris(row["skn"]) for row in rows], allow_mass_release=True)
        draft = policy_from_mapping(
            {
                "screening_day": screening_day,
                "criteria": {"short_stay": short_stay},
                "tiers": {"violence_offence": True},
            }
        )
        result = what_if(database, PLANNER, draft, AS_OF)
        for side in SIDES:
            assert result.counts[side].total == len(rows)
        for band in BAND_ORDER:
            assert sum(result.transitions[band].values()) == result.counts["published"].bands[band]
            assert (
                sum(result.transitions[source][band] for source in BAND_ORDER)
                == result.counts["draft"].bands[band]
            )
        assert len(result.band_movers) == sum(
            n
            for source, row in result.transitions.items()
            for target, n in row.items()
            if source != target
        )
    finally:
        database.dispose()


def test_a_second_toggle_reuses_the_published_scores(database: Database) -> None:
    from storage.whatif_population import load_population

    six_detainees(database)
    population = load_population(database, AS_OF)
    what_if(database, PLANNER, DRAFT, AS_OF)
    published = population.side(Policy())
    assert load_population(database, AS_OF) is population
    what_if(database, PLANNER, DRAFT.model_copy(update={"screening_day": 10}), AS_OF)
    assert population.side(Policy()) is published
    import_rows(database, [dji("1000009")], [iris("1000009")], allow_mass_release=True)
    assert load_population(database, AS_OF) is not population
