"""The audit page in a real browser, as an auditor asks "which criterion do professionals
overrule most — and are all records intact and reproducible?" (issue 12): the list, the
analytics, then the proofs — every chain verified against the operator's copy of a checkpoint
(uploaded), a file that is no checkpoint refused in words, and every assessment replayed.

Saves `audit-records`, `audit-analytics`, `audit-proof` and `audit-replay` at 1,366 and 1,920
px; `SOM_SCREENSHOTS_DIR=docs/screenshots` refreshes the pictures docs/audit.md shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from dashboard_accounts import PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip, unescaped

from dashboard.i18n import catalogue
from storage.connect import open_database
from storage.integrity import database_audit_key, make_checkpoint

pytestmark = pytest.mark.browser
browser_support = browser_or_skip()

DUTCH = catalogue("nl")


def _checkpoint_copy(url: str, folder: Path) -> Path:
    """What the operator did earlier: `som audit checkpoint`, the copy kept elsewhere."""
    database = open_database(url)
    try:
        text = make_checkpoint(database, database_audit_key(database))
    finally:
        database.dispose()
    copy = folder / "controlepunt.json"
    copy.write_text(text, encoding="utf-8")
    return copy


def _section(page: object, name: str) -> None:
    page.get_by_text(DUTCH(f"audit.sections.{name}"), exact=True).click()  # type: ignore[attr-defined]
    browser_support.settle(page)


def _verify_with(page: object, file: Path) -> None:
    """Choose `file` as the checkpoint copy, then *Verify all records*."""
    page.locator("input[type='file']").set_input_files(str(file))  # type: ignore[attr-defined]
    page.get_by_text(file.name, exact=True).wait_for(timeout=60_000)  # type: ignore[attr-defined]
    page.wait_for_timeout(2_000)  # type: ignore[attr-defined]  # the upload, then a rerun
    browser_support.settle(page)
    page.get_by_role("button", name=DUTCH("audit.proof.verify")).click()  # type: ignore[attr-defined]
    browser_support.settle(page)


def test_the_auditor_reviews_analyses_and_proves_the_records(
    demo_database: str, tmp_path: Path
) -> None:
    copy = _checkpoint_copy(demo_database, tmp_path)
    not_a_checkpoint = tmp_path / "notities.json"
    not_a_checkpoint.write_text("{ geen controlepunt", encoding="utf-8")
    screenshots = browser_support.screenshots_dir()
    with browser_support.dashboard_in_browser(demo_database, tmp_path / "serve.log") as (
        base,
        browser,
    ):
        pages = browser_support.signed_in_at_each_size(
            browser, f"{base}/audit", "auditor", PASSWORD, SIGN_IN_LABELS
        )
        for page, width in pages:
            page.get_by_role("heading", name=DUTCH("audit.title")).wait_for(timeout=60_000)
            page.get_by_text(DUTCH("audit.justification")).first.wait_for(timeout=60_000)
            page.locator("[data-testid='stDataFrame'] canvas").first.wait_for(timeout=60_000)
            page.wait_for_timeout(1_000)  # the grid paints its rows after it appears
            page.screenshot(path=str(screenshots / f"audit-records-{width}.png"))

            _section(page, "analytics")
            page.get_by_role("heading", name=DUTCH("audit.most_overruled")).wait_for(timeout=60_000)
            page.wait_for_timeout(2_000)  # plotly draws the charts after the run ends
            page.screenshot(path=str(screenshots / f"audit-analytics-{width}.png"))

            _section(page, "proof")
            _verify_with(page, not_a_checkpoint)
            refusal = DUTCH("audit.proof.checkpoint_unreadable", file="notities.json")
            page.get_by_text(unescaped(refusal)).wait_for(timeout=60_000)

            _verify_with(page, copy)
            with_copy = unescaped(DUTCH("audit.proof.with_file", file=copy.name))
            page.get_by_text(with_copy).wait_for(timeout=60_000)
            assert page.get_by_text(DUTCH("audit.proof.bad"), exact=True).count() == 0
            page.get_by_role("button", name=DUTCH("audit.proof.replay_all")).click()
            browser_support.settle(page)
            replayed = unescaped(DUTCH("audit.proof.replayed_at", moment="")).split(" ")[0]
            page.get_by_text(re.compile(f"^{replayed} ")).wait_for(timeout=60_000)
            page.screenshot(path=str(screenshots / f"audit-replay-{width}.png"))
            heading = page.get_by_role("heading", name=DUTCH("audit.proof.integrity"))
            heading.scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots / f"audit-proof-{width}.png"))
