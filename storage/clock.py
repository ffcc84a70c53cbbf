"""The one place that says what day it is: SOM's day is the calendar day in the Netherlands.

The rules never read a clock (`as_of` is always passed in); the commands and the dashboard ask
here, so a score, a publication and the dashboard's daily re-score agree around midnight.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import pandas as pd

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def today() -> date:
    """Today's date in the Netherlands."""
    return datetime.now(LOCAL_TIME).date()


def local_day(moment: datetime) -> date:
    """The Dutch calendar day of a moment (an aware datetime, e.g. a UTC timestamp)."""
    return moment.astimezone(LOCAL_TIME).date()


def local_day_numbers(moments: Sequence[datetime | str | None]) -> npt.NDArray[np.int64]:
    """`local_day` of many moments at once, as day numbers (days since 1970-01-01);
    `MISSING_DAY` where a moment is None. A moment is an aware datetime or UTC text as SQLite
    stores it (`storage.schema.raw_moments`)."""
    stamps = pd.to_datetime(pd.Series(list(moments), dtype=object), utc=True)
    days = stamps.dt.tz_convert(LOCAL_TIME).dt.tz_localize(None).to_numpy(dtype="datetime64[D]")
    numbers = days.astype(np.int64)
    return np.where(np.isnat(days), MISSING_DAY, numbers).astype(np.int64)


#: The day number `local_day_numbers` gives a missing moment: later than any real day.
MISSING_DAY: Final = np.iinfo(np.int64).max
