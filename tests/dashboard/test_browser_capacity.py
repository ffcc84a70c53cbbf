"""The capacity page in a real browser, as a capacity manager asks "what happens in Arnhem if we
switch on the violence tier and move screening to day 14, and who moves?" (issue 11).

Saves `capacity-1366.png` and `capacity-1920.png`; `SOM_SCREENSHOTS_DIR=docs/screenshots`
refreshes the pictures docs/capacity.md shows.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
from dashboard_accounts import PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue

pytestmark = pytest.mark.browser
browser_support, playwright_api = browser_or_skip(), pytest.importorskip("playwright.sync_api")

DUTCH = catalogue("nl")
SIZES = ((1366, 768), (1920, 1080))
SCREENSHOTS = Path(os.environ.get("SOM_SCREENSHOTS_DIR") or tempfile.gettempdir()) / (
    "" if os.environ.get("SOM_SCREENSHOTS_DIR") else "som-screenshots"
)


def test_violence_tier_and_screening_day_14_show_arnhem_s_load_and_who_moves(
    demo_database: str, tmp_path: Path
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with (
        browser_support.som_serve(demo_database, tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        try:
            for width, height in SIZES:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(f"{base}/capacity")
                browser_support.sign_in(page, "capaciteit", PASSWORD, SIGN_IN_LABELS)
                page.get_by_role("heading", name=DUTCH("capacity.whatif.heading")).wait_for(
                    timeout=60_000
                )
                page.get_by_text(re.compile(r"^T2 · ")).click()
                browser_support.settle(page)
                day = page.get_by_label(DUTCH("capacity.fields.screening_day"), exact=True)
                day.fill("14")
                day.press("Enter")
                browser_support.settle(page)
                # The prisons tab has a box of the same name: pick the one in view.
                label = DUTCH("capacity.whatif.prison")
                box = page.get_by_role("combobox", name=label, exact=True).filter(visible=True)
                arnhem = page.get_by_role("option", name="Arnhem", exact=True)
                for _ in range(3):  # the first click may only scroll the box into view
                    box.click()
                    page.wait_for_timeout(500)
                    if arnhem.is_visible():
                        break
                arnhem.click(timeout=60_000)
                browser_support.settle(page)
                # Who moves: screening on day 14 brings admissions of days 14-20 out of not-yet.
                page.get_by_text(DUTCH("capacity.whatif.moved_by")).first.wait_for(timeout=60_000)
                assert page.get_by_text(re.compile(r"^T2 .* in Arnhem \(")).count() == 1
                assert page.get_by_text(DUTCH("capacity.whatif.nobody_moves")).count() == 0
                page.wait_for_timeout(2_000)  # plotly redraws the charts after the run ends
                page.screenshot(path=str(SCREENSHOTS / f"capacity-{width}.png"))
                page.close()
        finally:
            browser.close()
