"""Nothing SOM shows loads anything from outside the server (issue 8, outputs that cannot
hurt): no icon or font from a font service, and a URL parameter written as Markdown stays text.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from dashboard_accounts import DEFAULT_ACCOUNT, PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip, feed_says

from dashboard.i18n import catalogue
from storage.connect import open_database
from storage.listing import list_current_admissions

pytestmark = pytest.mark.browser

browser_support = browser_or_skip()
playwright_api = pytest.importorskip("playwright.sync_api")

#: A `?skn=` value that, rendered as Markdown, would load an image from another host.
IMAGE_PAYLOAD = "![seen](http://outside.invalid/who-opened.png)"
#: A detainee name from the feed that, rendered as Markdown or HTML, would load or link out.
NAME_PAYLOAD = (
    "![x](http://outside.invalid/x.png) <img src=http://outside.invalid/y.png> "
    "[here](http://outside.invalid) www.outside.invalid"
)
#: Links that leave the page; a heading's own anchor (`#x-http-outside-…`) stays on it.
OUTSIDE_LINKS = "a[href*='outside']:not([href^='#'])"
LOCAL_SCHEMES = ("data:", "blob:", "about:")


DUTCH = catalogue("nl")


def test_no_page_requests_anything_from_another_origin(demo_template: Path, tmp_path: Path) -> None:
    database_file = tmp_path / "som.db"
    shutil.copyfile(demo_template, database_file)
    database = open_database(f"sqlite:///{database_file}")
    try:
        skn = str(list_current_admissions(database)["skn"].iloc[0])
        feed_says(database, skn, NAME_PAYLOAD)
    finally:
        database.dispose()
    requested: list[str] = []
    with (
        browser_support.som_serve(f"sqlite:///{database_file}", tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base)
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
        page.wait_for_selector(browser_support.TABLE, timeout=60_000)
        browser_support.settle(page)
        page.goto(f"{base}/detainee?skn={skn}")
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
        browser_support.settle(page)
        shown_name = page.inner_text("body")
        name_links = page.eval_on_selector_all(OUTSIDE_LINKS, "links => links.length")
        page.goto(f"{base}/detainee?skn={quote(IMAGE_PAYLOAD)}")
        browser_support.sign_in(page, DEFAULT_ACCOUNT, PASSWORD, SIGN_IN_LABELS)
        browser_support.settle(page)
        shown = page.inner_text("body")
        links = page.eval_on_selector_all(OUTSIDE_LINKS, "links => links.length")
        browser.close()
    outside = [url for url in requested if not url.startswith((base, *LOCAL_SCHEMES))]
    assert outside == []
    assert "outside.invalid" in shown, "the payload is shown as text, not rendered"
    assert "<img src=http" in shown_name, "the feed's name shows as text"
    assert name_links == 0, "a link in the feed's name stays text"
    assert links == 0, "an address in feed or URL text never becomes a link"
