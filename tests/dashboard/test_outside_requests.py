"""Nothing SOM shows loads anything from outside the server (issue 8, outputs that cannot
hurt): no icon or font from a font service, and a URL parameter written as Markdown stays text.
"""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
browser_support = importlib.import_module("browser")
if not browser_support.CHROMIUM.exists():
    MISSING = "Debian's Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)"
    if os.environ.get("SOM_REQUIRE_SERVICES") == "1":
        pytest.fail(MISSING, pytrace=False)
    pytest.skip(MISSING, allow_module_level=True)

#: A `?skn=` value that, rendered as Markdown, would load an image from another host.
IMAGE_PAYLOAD = "![seen](http://outside.invalid/who-opened.png)"
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def test_no_page_requests_anything_from_another_origin(demo_template: Path, tmp_path: Path) -> None:
    database_file = tmp_path / "som.db"
    shutil.copyfile(demo_template, database_file)
    requested: list[str] = []
    with (
        browser_support.som_serve(f"sqlite:///{database_file}", tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.on("request", lambda request: requested.append(request.url))
        page.goto(base)
        page.wait_for_selector(browser_support.TABLE, timeout=60_000)
        browser_support.settle(page)
        page.goto(f"{base}/detainee?skn={quote(IMAGE_PAYLOAD)}")
        browser_support.settle(page)
        shown = page.inner_text("body")
        links = page.eval_on_selector_all("a[href*='outside']", "links => links.length")
        browser.close()
    outside = [url for url in requested if not url.startswith((base, *LOCAL_SCHEMES))]
    assert outside == []
    assert "outside.invalid" in shown, "the payload is shown as text, not rendered"
    assert links == 0, "an address in feed or URL text never becomes a link"
