"""`som serve` brings the bands up to date before the dashboard starts, and again each day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from storage_feeds import AS_OF, dji, import_rows, iris

from scoring.version import rules_version
from som_cli.serve import refresh_bands, seconds_until_next_day
from storage import Database, needs_rescore


def test_serving_starts_by_rescoring_the_day(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import_rows(database, [dji("1000001", intake_date="2026-11-20")], [iris("1000001")])
    screening_day = AS_OF + timedelta(days=12)
    assert needs_rescore(database, screening_day)
    assert refresh_bands(database_url, screening_day) == 0
    assert not needs_rescore(database, screening_day)
    out = capsys.readouterr().out
    assert f"som serve: re-scored 1 admissions as of {screening_day}" in out
    assert f"rules {rules_version()}" in out and "1 band changes signalled" in out


def test_the_check_while_serving_rescores_only_when_the_bands_are_outdated(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import_rows(database, [dji("1000001")], [iris("1000001")])
    assert refresh_bands(database_url, AS_OF, only_when_needed=True) == 0
    assert capsys.readouterr().out == ""
    next_day = AS_OF + timedelta(days=1)
    assert refresh_bands(database_url, next_day, only_when_needed=True) == 0
    assert f"as of {next_day}" in capsys.readouterr().out


def test_serving_without_a_database_says_so_and_does_not_start(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert refresh_bands("postgresql://nobody@127.0.0.1:1/none", AS_OF) == 1
    err = capsys.readouterr().err
    assert "\nsom serve: cannot open the database" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("moment", "seconds"),
    [
        # 23:30 in Amsterdam (winter time, UTC+1): half an hour to go.
        (datetime(2026, 12, 1, 22, 30, tzinfo=UTC), 1_800),
        # Just after midnight in Amsterdam, still the previous day in UTC: a whole day to go.
        (datetime(2026, 12, 1, 23, 0, 1, tzinfo=UTC), 86_399),
        # Midnight starting 29 March 2026: clocks go forward, that day has 23 hours.
        (datetime(2026, 3, 28, 23, 0, tzinfo=UTC), 23 * 3_600),
        # Midnight starting 25 October 2026: clocks go back, that day has 25 hours.
        (datetime(2026, 10, 24, 22, 0, tzinfo=UTC), 25 * 3_600),
    ],
)
def test_the_next_rescore_is_due_at_the_next_midnight_in_the_netherlands(
    moment: datetime, seconds: int
) -> None:
    assert seconds_until_next_day(moment) == seconds
