"""In a real browser: the printable SOM form renders as a form, prints without the dashboard
around it, and the glossary is in the navigation. Saves docs' screenshot `form_print.png`
(1,366 px wide; with SOM_SCREENSHOTS_DIR=docs/screenshots it refreshes the docs' picture)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue
from storage.connect import open_database
from storage.listing import list_current_admissions

pytestmark = pytest.mark.browser
browser_support = browser_or_skip()
playwright_api = pytest.importorskip("playwright.sync_api")
DUTCH = catalogue("nl")
SIDEBAR = "[data-testid='stSidebar']"


def screenshots() -> Path:
    """Where screenshots go: SOM_SCREENSHOTS_DIR (docs/screenshots for `make screenshots`)."""
    folder = (
        os.environ.get("SOM_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "som-screenshots"
    )
    return Path(folder)


def named_detainee(url: str) -> str:
    database = open_database(url)
    try:
        rows = list_current_admissions(database)
    finally:
        database.dispose()
    return str(rows[rows["name"].notna() & rows["decision"].notna()].iloc[0]["skn"])


def test_the_print_view_renders_as_a_form_and_prints_only_the_form(
    demo_template: Path, tmp_path: Path
) -> None:
    database_file = tmp_path / "som.db"
    shutil.copyfile(demo_template, database_file)
    url = f"sqlite:///{database_file}"
    skn = named_detainee(url)
    with (
        browser_support.som_serve(url, tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{base}/form?skn={skn}")
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
        page.get_by_role("heading", name=DUTCH("form_print.title"), level=1).wait_for(
            timeout=60_000
        )
        for part in ("form_print.part_1", "form_print.part_2", "form_print.part_3"):
            page.get_by_role("heading", name=DUTCH(part)).wait_for(timeout=60_000)
        browser_support.settle(page)
        # The glossary is one click away from every page.
        assert page.locator(SIDEBAR).get_by_text(DUTCH("glossary.nav")).is_visible()

        # Streamlit scrolls inside the page: a tall window shows the form down to part 3.
        page.set_viewport_size({"width": 1366, "height": 3000})
        browser_support.settle(page)
        screenshots().mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshots() / "form_print.png"))

        page.emulate_media(media="print")
        assert not page.locator(SIDEBAR).is_visible()
        assert page.get_by_role("heading", name=DUTCH("form_print.part_3")).is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
