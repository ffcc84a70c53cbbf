"""The capacity page in a real browser, as a capacity manager asks "what happens in Arnhem if we
switch on the violence tier and move screening to day 14, and who moves?" (issue 11).

Saves `capacity-1366.png` and `capacity-1920.png`; `SOM_SCREENSHOTS_DIR=docs/screenshots`
refreshes the pictures docs/capacity.md shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dashboard_accounts import PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue

pytestmark = pytest.mark.browser
browser_support = browser_or_skip()

DUTCH = catalogue("nl")


def test_violence_tier_and_screening_day_14_show_arnhem_s_load_and_who_moves(
    demo_database: str, tmp_path: Path
) -> None:
    screenshots = browser_support.screenshots_dir()
    with browser_support.dashboard_in_browser(demo_database, tmp_path / "serve.log") as (
        base,
        browser,
    ):
        pages = browser_support.signed_in_at_each_size(
            browser, f"{base}/capacity", "capaciteit", PASSWORD, SIGN_IN_LABELS
        )
        for page, width in pages:
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
            page.screenshot(path=str(screenshots / f"capacity-{width}.png"))
