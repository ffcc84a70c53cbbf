"""End to end in a real browser: list → detainee → override → list → reload.

Runs `som serve` on a copy of the demo database and drives Debian's Chromium with Playwright.
Saves screenshots of the list and the detainee page; `make screenshots` runs it with
SOM_SCREENSHOTS_DIR=docs/screenshots to refresh the pictures the README shows (a plain
`make test` writes them to a temporary folder, so a test run leaves the checkout unchanged).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue
from storage.connect import open_database
from storage.listing import list_current_admissions
from storage.records import detainee_record, find_admission

pytestmark = pytest.mark.browser

browser_support = browser_or_skip()
playwright_api = pytest.importorskip("playwright.sync_api")

DUTCH = catalogue("nl")
SCREENSHOTS = Path(
    os.environ.get("SOM_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "som-screenshots"
)
JUSTIFICATION = "Nieuwe informatie van de casemanager: er is huisvesting geregeld na detentie."


def pick_detainee(url: str) -> tuple[str, str]:
    """A named detainee in the priority band without an override: (skn, name)."""
    database = open_database(url)
    try:
        rows = list_current_admissions(database)
    finally:
        database.dispose()
    chosen = rows[(rows["band"] == "priority") & rows["override_id"].isna() & rows["name"].notna()]
    first = chosen.iloc[0]
    return str(first["skn"]), str(first["name"])


def search(page, skn: str) -> None:  # type: ignore[no-untyped-def]
    field = page.get_by_label(DUTCH("filters.search"))
    field.fill(skn)
    field.press("Enter")
    page.wait_for_function(
        """skn => [...document.querySelectorAll("[data-testid='stDataFrame'] [role='gridcell']")]
                  .length > 0 &&
                 [...document.querySelectorAll("[data-testid='stDataFrame'] [role='gridcell']")]
                  .every(cell => cell.getAttribute('aria-colindex') !== '1' ||
                                 cell.textContent === skn)""",
        arg=skn,
        timeout=60_000,
    )
    browser_support.settle(page)


def test_override_survives_list_and_reload(demo_template: Path, tmp_path: Path) -> None:
    database_file = tmp_path / "som.db"
    shutil.copyfile(demo_template, database_file)
    url = f"sqlite:///{database_file}"
    skn, name = pick_detainee(url)

    with (
        browser_support.som_serve(url, tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        page = browser.new_page(viewport={"width": 1600, "height": 1000})

        started = time.monotonic()
        page.goto(base)
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
        page.wait_for_selector(browser_support.TABLE, timeout=60_000)
        page.wait_for_selector(browser_support.IDLE, timeout=60_000)
        print(f"list visible after {time.monotonic() - started:.2f} s")
        browser_support.settle(page)

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "list.png"))

        # Open the detainee from the list: narrow to them, then tick their row.
        search(page, skn)
        browser_support.click_row(page, 0)
        page.wait_for_url(re.compile(rf"/detainee\?skn={skn}(&|$)"), timeout=60_000)
        page.get_by_role("heading", name=name, level=1).wait_for(timeout=60_000)
        browser_support.settle(page)

        # Record an override on the detainee page.
        browser_support.choose(page, DUTCH("override.band"), DUTCH.band("no_priority"))
        browser_support.choose(
            page, DUTCH("override.reason"), "nieuwe informatie, nog niet in de bronsystemen"
        )
        page.get_by_label(DUTCH("override.justification", minimum=20)).fill(JUSTIFICATION)
        page.get_by_role("button", name=DUTCH("override.submit")).click()
        page.get_by_text(DUTCH("override.saved")).wait_for(timeout=60_000)
        browser_support.settle(page)
        page.set_viewport_size({"width": 1600, "height": 1700})
        browser_support.settle(page)
        page.screenshot(path=str(SCREENSHOTS / "detainee.png"))
        page.set_viewport_size({"width": 1600, "height": 1000})

        # Back on the list the row carries the new band, with the automated band beside it.
        page.get_by_text(DUTCH("detainee.back")).click()
        page.wait_for_selector(browser_support.TABLE, timeout=60_000)
        browser_support.settle(page)
        search(page, skn)
        cells = browser_support.table_cells(page)
        assert cells[:3] == [skn, name, DUTCH.band("no_priority")]
        assert cells[4].startswith(f"override door {DEFAULT_ACCOUNT}: {DUTCH.band('no_priority')}")

        # A reload starts a new session; the override is still there.
        page.reload()
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
        page.wait_for_selector(browser_support.TABLE, timeout=60_000)
        browser_support.settle(page)
        search(page, skn)
        assert browser_support.table_cells(page)[:5] == cells[:5]
        browser.close()

    database = open_database(url)
    try:
        admission = find_admission(database, skn)
        assert admission is not None
        (override,) = [o for o in detainee_record(database, admission).overrides]
    finally:
        database.dispose()
    assert (override.band, override.user_name, override.user_role) == (
        "no_priority",
        "Anna de Vries",
        "case_manager",
    )
    assert override.justification == JUSTIFICATION
