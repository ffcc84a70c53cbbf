"""Two people, two browsers, one detainee: the second one's override, made on a page that was
not refreshed, is refused with the first one's record named (no silent overwrite)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue
from storage.choices import REASON_CATEGORIES
from storage.connect import open_database
from storage.listing import list_current_admissions
from storage.records import detainee_record, find_admission

pytestmark = pytest.mark.browser
browser_support, playwright_api = browser_or_skip(), pytest.importorskip("playwright.sync_api")

DUTCH = catalogue("nl")
FIRST = "Nieuwe informatie van de casemanager: er is huisvesting geregeld na detentie."
SECOND = "De reclassering ziet geen aanleiding voor inzet tijdens deze detentie."


def sittard_detainee(url: str) -> tuple[str, str]:
    """A named weighing detainee in Sittard without an override: (skn, name)."""
    database = open_database(url)
    try:
        rows = list_current_admissions(database)
    finally:
        database.dispose()
    person = rows[
        (rows["band"] == "weighing")
        & rows["override_id"].isna()
        & rows["name"].notna()
        & (rows["pi"] == "Sittard")
    ].iloc[0]
    return str(person["skn"]), str(person["name"])


def opened_as(browser: Any, base: str, skn: str, name: str, account: str) -> Any:
    """A page of its own browser context (its own session), signed in as `account`, on the
    detainee."""
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    page.goto(f"{base}/detainee?skn={skn}")
    browser_support.sign_in(page, account, PASSWORD, SIGN_IN_LABELS)
    page.get_by_role("heading", name=name, level=1).wait_for(timeout=60_000)
    browser_support.settle(page)
    return page


def override(page: Any, band: str, category: str, justification: str) -> None:
    browser_support.choose(page, DUTCH("override.band"), DUTCH.band(band))
    browser_support.choose(page, DUTCH("override.reason"), REASON_CATEGORIES[category].nl)
    page.get_by_label(DUTCH("override.justification", minimum=20)).fill(justification)
    page.get_by_role("button", name=DUTCH("override.submit")).click()


def test_the_second_persons_override_after_the_first_is_refused_with_the_first_named(
    demo_database: str, tmp_path: Path
) -> None:
    skn, name = sittard_detainee(demo_database)
    with (
        browser_support.som_serve(demo_database, tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        try:
            case_manager = opened_as(browser, base, skn, name, DEFAULT_ACCOUNT)
            probation_worker = opened_as(browser, base, skn, name, "rw.sittard")

            override(case_manager, "priority", "cm_concern", FIRST)
            case_manager.get_by_text(DUTCH("override.saved")).wait_for(timeout=60_000)

            override(probation_worker, "no_priority", "professional_weighing", SECOND)
            refusal = probation_worker.get_by_text(re.compile(r"^Niet opgeslagen: intussen heeft"))
            refusal.wait_for(timeout=60_000)
            message = refusal.inner_text()
        finally:
            browser.close()
    assert DEFAULT_ACCOUNT in message
    database = open_database(demo_database)
    try:
        admission = find_admission(database, skn)
        assert admission is not None
        stored = detainee_record(database, admission).overrides
    finally:
        database.dispose()
    assert [(o.band, o.user_name) for o in stored] == [("priority", DEFAULT_ACCOUNT)]
