"""The detainee page in a real browser at the two screen sizes of a meeting table (issue 10,
item 4): the band, its reason and the current decision are in view without scrolling, and an
override's confirmation appears inside the tab where it was recorded.

Saves `detainee-1366.png` and `detainee-1920.png`; `SOM_SCREENSHOTS_DIR=docs/screenshots`
refreshes the pictures docs/dashboard.md shows (like tests/dashboard/test_browser.py).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue
from storage.actor import Actor
from storage.choices import DECISION_SHORT_LABELS
from storage.connect import open_database
from storage.decisions import record_decision
from storage.listing import list_current_admissions

pytestmark = pytest.mark.browser
browser_support, playwright_api = browser_or_skip(), pytest.importorskip("playwright.sync_api")

WORKER = Actor("Bram Reclassering", "probation_worker")
#: The two screens of a meeting table: a laptop and a wall screen.
SIZES = ((1366, 768), (1920, 1080))
#: Opens the prepared detainee in a new page of (width, height), signed in.
OpenPage = Callable[[int, int], Any]
DUTCH = catalogue("nl")
#: Where the pictures go: `docs/screenshots` when refreshing the docs, else a scratch folder.
SCREENSHOTS = Path(os.environ.get("SOM_SCREENSHOTS_DIR") or tempfile.gettempdir()) / (
    "" if os.environ.get("SOM_SCREENSHOTS_DIR") else "som-screenshots"
)


def prepared_detainee(url: str) -> tuple[str, str]:
    """A named weighing detainee with two decisions (the latest: no priority): (skn, name)."""
    database = open_database(url)
    try:
        rows = list_current_admissions(database)
        person = rows[
            (rows["band"] == "weighing")
            & rows["override_id"].isna()
            & rows["decision"].isna()
            & rows["name"].notna()
            & (rows["pi"] == "Sittard")
        ].iloc[0]
        ids = (int(person["admission_id"]), int(person["assessment_id"]))
        for option, why, day in (
            ("request_advice", "Eerst een reclasseringsadvies aanvragen.", 20),
            ("no_priority", "Advies is binnen: samen besloten, geen inzet in de PI.", 27),
        ):
            when = datetime(2026, 11, day, 10, tzinfo=UTC)  # before the demo's pinned date
            record_decision(
                database, *ids, option, why, WORKER, partner_name=DEFAULT_ACCOUNT, now=when
            )
    finally:
        database.dispose()
    return str(person["skn"]), str(person["name"])


@contextmanager
def served_detainee(url: str, log: Path) -> Iterator[OpenPage]:
    """`som serve` on `url` (a copy of the demo data) with a prepared detainee; yields a
    function that opens that detainee from a link in a new page of the given size, signed in."""
    skn, name = prepared_detainee(url)
    with (
        browser_support.som_serve(url, log) as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)

        def opened(width: int, height: int) -> Any:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(f"{base}/detainee?skn={skn}")
            browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
            page.get_by_role("heading", name=name, level=1).wait_for(timeout=60_000)
            browser_support.settle(page)
            return page

        try:
            yield opened
        finally:
            browser.close()


def test_the_top_of_the_detainee_page_is_in_view_at_both_meeting_screen_sizes(
    demo_database: str, tmp_path: Path
) -> None:
    outcome = f"besluit: {DECISION_SHORT_LABELS['no_priority'].nl}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with served_detainee(demo_database, tmp_path / "serve.log") as opened:
        for width, height in SIZES:
            page = opened(width, height)
            for shown in (
                page.get_by_text(outcome),
                page.get_by_text(DUTCH("detainee.why").replace("*", "")).first,
                page.get_by_role("tab", name=DUTCH("detainee_page.tab_override")),
            ):
                box = shown.bounding_box()
                assert box is not None and box["y"] + box["height"] <= height, (
                    f"not in view at {width}×{height} without scrolling"
                )
            page.screenshot(path=str(SCREENSHOTS / f"detainee-{width}.png"))
            page.close()


def test_each_confirmation_shows_in_the_tab_the_user_acted_in(
    demo_database: str, tmp_path: Path
) -> None:
    reason = "Nieuwe informatie van de casemanager: er is huisvesting geregeld na detentie."
    with served_detainee(demo_database, tmp_path / "serve.log") as opened:
        page = opened(1366, 768)
        browser_support.choose(page, DUTCH("override.band"), DUTCH.band("priority"))
        browser_support.choose(page, DUTCH("override.reason"), "zorg van de casemanager")
        page.get_by_label(DUTCH("override.justification", minimum=20)).fill(reason)
        page.get_by_role("button", name=DUTCH("override.submit")).click()
        page.get_by_text(DUTCH("override.saved")).wait_for(state="visible", timeout=60_000)
        browser_support.settle(page)

        # The withdrawal tab (the second): its confirmation must show without another click.
        page.get_by_role("tab", name=DUTCH("detainee_page.tab_withdraw")).click()
        page.get_by_label(DUTCH("withdraw.justification", minimum=20)).fill(reason)
        page.get_by_role("button", name=DUTCH("withdraw.submit")).click()
        page.get_by_text(DUTCH("withdraw.saved")).wait_for(state="visible", timeout=60_000)
