"""Sign-in in a real browser: an anonymous visitor sees only the sign-in form on every address,
and each account gets exactly the pages of its role."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dashboard_accounts import ACCOUNTS, PASSWORD
from screens import SIGN_IN_LABELS, browser_or_skip

from dashboard.i18n import catalogue

pytestmark = pytest.mark.browser

browser_support = browser_or_skip()
playwright_api = pytest.importorskip("playwright.sync_api")

DUTCH = catalogue("nl")
LABELS = SIGN_IN_LABELS
NAV = "[data-testid='stSidebarNav'] a"
#: The pages each role finds in the sidebar.
PAGES: dict[str, set[str]] = {
    "case_manager": {DUTCH("nav.list"), DUTCH("nav.detainee")},
    "probation_worker": {DUTCH("nav.list"), DUTCH("nav.detainee")},
    "capacity_manager": {DUTCH("nav.list")},
    "auditor": {
        DUTCH("nav.list"),
        DUTCH("nav.detainee"),
        DUTCH("nav.access_log"),
        DUTCH("audit.nav"),
    },
    "admin": {DUTCH("nav.admin")},
}
# The printable form goes with opening a detainee; the glossary is every role's.
for _role, _pages in PAGES.items():
    if DUTCH("nav.detainee") in _pages:
        _pages.add(DUTCH("form_print.nav"))
    _pages.add(DUTCH("glossary.nav"))

#: The title of the one page of a role that has a single page.
_LANDING = {"capacity_manager": "list.title", "admin": "admin.title"}


def test_anonymous_visitors_see_only_the_sign_in_form_and_each_role_its_pages(
    demo_template: Path, tmp_path: Path
) -> None:
    database_file = tmp_path / "som.db"
    shutil.copyfile(demo_template, database_file)
    seen: dict[str, set[str]] = {}
    with (
        browser_support.som_serve(f"sqlite:///{database_file}", tmp_path / "serve.log") as base,
        playwright_api.sync_playwright() as playwright,
    ):
        browser = browser_support.launch(playwright)
        anonymous: dict[str, str] = {}
        for address in ("", "/detainee?skn=1000001", "/access-log"):
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(base + address)
            page.wait_for_selector(browser_support.IDLE, timeout=60_000)
            browser_support.settle(page)
            anonymous[address] = page.inner_text("body")
            assert page.locator(browser_support.TABLE).count() == 0
            page.close()
        bodies: dict[str, str] = {}
        for name in ACCOUNTS:
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto(base)
            browser_support.sign_in(page, name, PASSWORD, LABELS)
            seen[name] = {text.strip() for text in page.locator(NAV).all_inner_texts()}
            seen[name] = {line for text in seen[name] for line in text.splitlines() if line}
            bodies[name] = page.inner_text("body")
            page.close()
        browser.close()
    for text in anonymous.values():
        assert DUTCH("identity.heading") in text and DUTCH("nav.list") not in text
    for name, (role, _) in ACCOUNTS.items():
        if len(PAGES[role]) == 1:  # one page: Streamlit shows no navigation, the page itself
            assert not seen[name] and DUTCH(_LANDING[role]) in bodies[name], bodies[name]
            continue
        assert PAGES[role] <= seen[name], (name, seen[name])
        others = set().union(*PAGES.values()) - PAGES[role]
        assert not (others & seen[name]), (name, seen[name])
