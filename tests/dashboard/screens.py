"""Helpers that read and drive the dashboard's screens in AppTest, by what a user sees."""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest

from dashboard.i18n import catalogue
from dashboard.panels.triage_panels import TABLE_KEY
from feeds import FeedResult
from scoring.inputs import inputs_frame
from storage import clock
from storage.actor import Actor
from storage.database import Database
from storage.importer import import_feeds
from storage.listing import list_current_admissions
from storage.views import DISPLAY_BANDS, MARKERS, detainee_view


def list_table(at: AppTest) -> pd.DataFrame:
    """The triage table as shown (one row per detainee, in screen order)."""
    tables = [frame for frame in at.dataframe if frame.key == TABLE_KEY]
    assert tables, "the triage table is not on the screen"
    return tables[0].value


def open_list(at: AppTest) -> AppTest:
    """Run the list screen (the app's default page)."""
    at.run()  # AppTest learns the pages of st.navigation from a first run
    return at.switch_page("screens/triage.py").run()


def open_detainee(at: AppTest, skn: str) -> AppTest:
    """Open the detainee page the way a link does: `/detainee?skn=…`."""
    at.run()
    at.query_params["skn"] = skn
    return at.switch_page("screens/detainee.py").run()


def submit(at: AppTest, label: str) -> AppTest:
    """Press the (form) button with this label and run."""
    buttons = [button for button in at.button if button.label == label]
    assert buttons, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return buttons[0].click().run()


def errors(at: AppTest) -> list[str]:
    """Every error message on the screen."""
    return [error.value for error in at.error]


def no_exceptions(at: AppTest) -> None:
    """Fail with the traceback when a screen raised."""
    assert not at.exception, "\n".join(
        f"{e.message}\n" + "\n".join(e.stack_trace) for e in at.exception
    )


def unescaped(text: str) -> str:
    """Markdown-escaped text (see `dashboard.render.plain`) as the reader sees it."""
    return text.replace("\\", "")


def band_of(cell: object) -> str:
    """The band key of a (Dutch) band cell: a one-item list of its label."""
    (label,) = list(cell)  # type: ignore[call-overload]
    return _BAND_BY_LABEL[str(label)]


def markers_of(cell: object) -> list[str]:
    """The marker keys of a (Dutch) markers cell."""
    return [_MARKER_BY_LABEL[str(label)] for label in list(cell)]  # type: ignore[call-overload]


_DUTCH = catalogue("nl")
_BAND_BY_LABEL = {_DUTCH.band(band): band for band in DISPLAY_BANDS}
_MARKER_BY_LABEL = {_DUTCH(f"markers.{marker}"): marker for marker in MARKERS}


def field(at: AppTest, form: str, name: str) -> str:
    """The current key of a form field (it changes each time the form is saved)."""
    generation_key = f"{form}_form_generation"
    generation = at.session_state.get(generation_key, 0)
    return f"{form}_{name}_{generation}"


_COUNT_ROW = re.compile(r'<th scope="row"[^>]*>([^<]*)</th>.*?tabular-nums">([\d.,]+)</span>')


def counts_on_screen(at: AppTest) -> dict[str, int]:
    """The count-per-band bars as {band label: count}, top to bottom."""
    (bars,) = [m.value for m in at.markdown if "som-counts" in m.value]
    return {
        html.unescape(label): int(count.replace(".", "").replace(",", ""))
        for label, count in _COUNT_ROW.findall(bars)
    }


def feed_says(database: Database, skn: str, text: str) -> None:
    """Import a feed in which `skn` has `text` as name and notes (everyone else unchanged)."""
    view = detainee_view(database, skn, clock.today(), "nl", Actor("test", "auditor"), log=False)
    assert view is not None
    changed = view.inputs.model_copy(update={"name": text, "cm_notes": text})
    others = set(list_current_admissions(database)["skn"]) - {skn}
    import_feeds(
        database,
        FeedResult(inputs_frame([changed]), dji_rows=1),
        dji_file="payload/dji.csv",
        iris_file=None,
        as_of=clock.today(),
        kept_skns=others,  # as if their rows were rejected: they stay, unchanged
    )


#: The sign-in form as a browser finds it: the name and password fields, then the button.
SIGN_IN_LABELS = (
    str(catalogue("nl")("identity.name")),
    str(catalogue("nl")("identity.password")),
    str(catalogue("nl")("identity.sign_in")),
)


def browser_or_skip() -> Any:
    """The browser helpers (`tests/dashboard/browser.py`), or a skip without Playwright or
    Debian's Chromium — a failure instead under `SOM_REQUIRE_SERVICES=1` (set by `.ci/run`)."""
    import importlib
    import os

    import pytest

    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    support = importlib.import_module("browser")  # a repository file: missing fails, not skips
    if not support.CHROMIUM.exists():
        missing = "Debian's Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)"
        if os.environ.get("SOM_REQUIRE_SERVICES") == "1":
            pytest.fail(missing, pytrace=False)
        pytest.skip(missing, allow_module_level=True)
    return support
