"""The one place that says what day it is: SOM's day is the calendar day in the Netherlands.

The rules never read a clock (`as_of` is always passed in); the commands and the dashboard ask
here, so a score, a publication and the dashboard's daily re-score agree around midnight.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    """Today's date in the Netherlands."""
    return datetime.now(LOCAL_TIME).date()


def local_day(moment: datetime) -> date:
    """The Dutch calendar day of a moment (an aware datetime, e.g. a UTC timestamp)."""
    return moment.astimezone(LOCAL_TIME).date()
