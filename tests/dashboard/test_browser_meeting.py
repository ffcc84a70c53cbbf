"""The list in a real browser as the meeting uses it: the essential columns at 1,366 × 768, a
click on a name opens the detainee, and the language survives a reload.

Screenshots go to SOM_SCREENSHOTS_DIR (docs/screenshots with `make screenshots`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue
from dashboard.panels.triage_panels import column_config
from dashboard.triage import TABLE_COLUMNS
from storage.connect import open_database
from storage.listing import list_current_admissions
from storage.views import DISPLAY_BANDS

pytestmark = pytest.mark.browser

browser_support = browser_or_skip()
playwright_api = pytest.importorskip("playwright.sync_api")

DUTCH, ENGLISH = catalogue("nl"), catalogue("en")
SCREENSHOTS = Path(
    os.environ.get("SOM_SCREENSHOTS_DIR") or Path(tempfile.gettempdir()) / "som-screenshots"
)
#: The columns a meeting needs without scrolling sideways (the first of `TABLE_COLUMNS`).
ESSENTIAL = TABLE_COLUMNS[: TABLE_COLUMNS.index("markers") + 1]


@contextmanager
def signed_in_list(
    demo_template: Path, tmp_path: Path, width: int, height: int
) -> Iterator[tuple[Any, str]]:
    """A browser page on a fresh copy of the demo, signed in, on the list: (page, base URL)."""
    database_file = tmp_path / "som.db"
    shutil.copyfile(demo_template, database_file)
    with (
        browser_support.som_serve(f"sqlite:///{database_file}", tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(base)
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
        page.wait_for_selector(browser_support.TABLE, timeout=60_000)
        browser_support.settle(page)
        try:
            yield page, base
        finally:
            browser.close()


def name_of(database_file: Path, skn: str) -> str:
    database = open_database(f"sqlite:///{database_file}")
    try:
        rows = list_current_admissions(database)
    finally:
        database.dispose()
    return str(rows[rows["skn"] == skn]["name"].iloc[0])


#: The width the list's table gives each column (its column configuration).
WIDTHS = {
    name: int(config["width"]) for name, config in column_config(DISPLAY_BANDS, DUTCH).items()
}


def left_of(column: str) -> int:
    """Where `column` starts in the table (after the selection box and the columns before it)."""
    return browser_support.MARKER_COLUMN + sum(
        WIDTHS[c] for c in ESSENTIAL[: ESSENTIAL.index(column)]
    )


def table_box(page: Any) -> dict[str, float]:
    box = page.locator(f"{browser_support.TABLE} canvas").first.bounding_box()
    assert box is not None, "the table is not drawn"
    return dict(box)


def test_at_1366_by_768_the_essential_columns_fit_without_scrolling_sideways(
    demo_template: Path, tmp_path: Path
) -> None:
    with signed_in_list(demo_template, tmp_path, 1366, 768) as (page, _):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "list-1366.png"))
        table = table_box(page)
        assert table["x"] + table["width"] <= 1366
        last = ESSENTIAL[-1]
        assert left_of(last) + WIDTHS[last] <= table["width"], "the essential columns are cut off"


def test_a_click_on_a_name_opens_the_detainee(demo_template: Path, tmp_path: Path) -> None:
    with signed_in_list(demo_template, tmp_path, 1920, 1080) as (page, _):
        page.screenshot(path=str(SCREENSHOTS / "list-1920.png"))
        table = table_box(page)
        page.mouse.click(
            table["x"] + left_of("name") + WIDTHS["name"] / 2,
            table["y"] + browser_support.ROW_HEIGHT * 1.5,
        )
        page.wait_for_url(re.compile(r"/detainee\?skn=\d+"), timeout=60_000)
        skn = re.search(r"skn=(\d+)", page.url).group(1)  # type: ignore[union-attr]
        page.get_by_role("heading", name=name_of(tmp_path / "som.db", skn), level=1).wait_for(
            timeout=60_000
        )


def test_the_chosen_language_survives_a_reload(demo_template: Path, tmp_path: Path) -> None:
    with signed_in_list(demo_template, tmp_path, 1366, 768) as (page, _):
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name=str(ENGLISH("list.title"))).wait_for(timeout=60_000)
        browser_support.settle(page)
        assert "lang=en" in page.url
        page.reload()
        labels = tuple(str(ENGLISH(f"identity.{key}")) for key in ("name", "password", "sign_in"))
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, labels)  # type: ignore[arg-type]
        page.get_by_role("heading", name=str(ENGLISH("list.title"))).wait_for(timeout=60_000)
