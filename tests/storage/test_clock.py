"""SOM's day is the Dutch calendar day: one moment at a time and many at once agree."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import clock

#: Moments around the switches to and from summer time, and around midnight in both seasons.
EDGES = [
    datetime(2026, 3, 29, 0, 59, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 0, tzinfo=UTC),
    datetime(2026, 10, 24, 21, 59, tzinfo=UTC),
    datetime(2026, 10, 24, 22, 0, tzinfo=UTC),
    datetime(2026, 1, 15, 22, 59, tzinfo=UTC),
    datetime(2026, 1, 15, 23, 0, tzinfo=UTC),
]


def _day_number(moment: datetime) -> int:
    return int(np.datetime64(clock.local_day(moment), "D").astype(np.int64))


def test_local_day_numbers_agree_with_local_day_across_midnight_and_summer_time() -> None:
    assert clock.local_day_numbers(EDGES).tolist() == [_day_number(m) for m in EDGES]
    # 23:00 UTC in January is midnight in Amsterdam: the next Dutch day.
    assert _day_number(EDGES[5]) == _day_number(EDGES[4]) + 1


def test_a_missing_moment_is_the_missing_day() -> None:
    assert clock.local_day_numbers([None, EDGES[0]]).tolist()[0] == clock.MISSING_DAY


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 20 * 365 * 24 * 60), min_size=1, max_size=20))
def test_many_moments_at_once_give_each_moment_s_dutch_day(minutes: list[int]) -> None:
    moments = [datetime(2015, 1, 1, tzinfo=UTC) + timedelta(minutes=m) for m in minutes]
    assert clock.local_day_numbers(moments).tolist() == [_day_number(m) for m in moments]
