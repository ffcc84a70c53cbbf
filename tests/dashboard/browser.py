"""Driving the real dashboard in Debian's Chromium: start `som serve`, wait for Streamlit, and
the few gestures the tests need (Streamlit draws tables on a canvas, so rows are clicked by
position)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPOSITORY = Path(__file__).resolve().parents[2]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
TABLE = "[data-testid='stDataFrame']"
#: The sizes every page is looked at: 1,366 and 1,920 px wide.
SCREEN_SIZES = ((1366, 768), (1920, 1080))
#: Glide data grid geometry in Streamlit: header and row height, width of the selection column.
ROW_HEIGHT = 35
MARKER_COLUMN = 36


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def som_serve(database_url: str, log: Path) -> Iterator[str]:
    """Run `som serve` on a free port against `database_url`; yields the base URL.

    The server runs in its own process group, which is ended (and only it) afterwards.
    """
    port = free_port()
    som = Path(sys.executable).parent / "som"
    environment = {**os.environ, "SOM_DATABASE_URL": database_url}
    with log.open("w") as output:
        server = subprocess.Popen(
            [str(som), "serve", "--port", str(port)],
            cwd=REPOSITORY,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_healthy(base, server, log)
            yield base
        finally:
            _stop(server)


def _wait_until_healthy(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"som serve stopped early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"som serve did not answer within 90 s:\n{log.read_text()}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=15)


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless (no `playwright install`)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def settle(page: Page) -> None:
    """Wait until Streamlit finished the current run and the page stopped loading."""
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)


def click_row(page: Page, row: int) -> None:
    """Tick the selection box in front of a visible row of the (first) table."""
    canvas = page.locator(f"{TABLE} canvas").first
    box = canvas.bounding_box()
    assert box is not None, "the table is not visible"
    page.mouse.click(
        box["x"] + MARKER_COLUMN / 2, box["y"] + ROW_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2
    )


def table_cells(page: Page) -> list[str]:
    """The text of the table's visible cells (from the grid's accessible mirror)."""
    cells = page.locator(f"{TABLE} [role='gridcell']")
    return [cells.nth(i).inner_text() for i in range(cells.count())]


def choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the select box labelled `label`."""
    # Streamlit loads a widget's code when it is first drawn; the box appears after that.
    page.get_by_role("combobox", name=label, exact=True).click(timeout=60_000)
    page.get_by_role("option", name=option, exact=True).click(timeout=60_000)


def sign_in(page: Page, name: str, password: str, labels: tuple[str, str, str]) -> None:
    """Fill the sign-in form (labels: name, password, button) and wait for the page behind it.

    A page load is a new Streamlit session, so every `goto` and `reload` signs in again."""
    page.wait_for_selector(IDLE, timeout=60_000)
    name_label, password_label, button_label = labels
    page.get_by_label(name_label, exact=True).fill(name)
    page.get_by_label(password_label, exact=True).fill(password)
    page.get_by_role("button", name=button_label).click()
    page.get_by_label(password_label, exact=True).wait_for(state="detached", timeout=60_000)
    settle(page)


def screenshots_dir() -> Path:
    """Where screenshots go (made if missing): `SOM_SCREENSHOTS_DIR` (`make screenshots` sets
    docs/screenshots), else `som-screenshots` in the temporary folder."""
    import tempfile

    configured = os.environ.get("SOM_SCREENSHOTS_DIR")
    folder = Path(configured) if configured else Path(tempfile.gettempdir()) / "som-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def dashboard_in_browser(database_url: str, log: Path) -> Iterator[tuple[str, Browser]]:
    """`som serve` on `database_url` and Debian's Chromium: (the dashboard's address, the
    browser); both stopped afterwards."""
    with som_serve(database_url, log) as base, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            yield base, browser
        finally:
            browser.close()


def signed_in_at_each_size(
    browser: Browser, address: str, account: str, password: str, labels: tuple[str, str, str]
) -> Iterator[tuple[Page, int]]:
    """A new page at each of `SCREEN_SIZES` on `address`, signed in as `account`: (the page,
    its width); the page is closed when the caller asks for the next."""
    for width, height in SCREEN_SIZES:
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto(address)
        sign_in(page, account, password, labels)
        yield page, width
        page.close()
