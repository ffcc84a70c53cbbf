"""Sign-in through an identity provider (`dashboard.oidc`): the provider's subject maps to a SOM
account, roles and prisons come from SOM's database, and a subject without an enabled account
is refused with one message and logged as `failed_sign_in`.

The AppTest tests seed `st.user` directly. The browser tests run the whole OpenID Connect
round trip: `oidc-provider-mock` on loopback as the provider, the test page
tests/dashboard/oidc_app.py under `streamlit run` (with the project's .streamlit/config.toml and
a secrets file of its own, via `STREAMLIT_SECRETS_FILES`), and Debian's Chromium clicking
through the provider's authorize page.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import catalogue
from dashboard.oidc import PROVIDER_ACTOR_KEY, PROVIDER_REFUSED_KEY
from storage.access_log import access_entries
from storage.accounts import add_account, set_disabled
from storage.connect import open_database
from storage.database import DATABASE_URL_VARIABLE, Database

REPOSITORY = Path(__file__).resolve().parents[2]
TEST_APP = Path(__file__).resolve().parent / "oidc_app.py"
MOCK = Path(sys.executable).parent / "oidc-provider-mock"
#: tests/dashboard/browser.py: free ports, waiting for Streamlit, Chromium, stopping a server
#: (it needs Playwright; without it only the browser tests skip).
BROWSER: Any = (
    importlib.import_module("browser") if importlib.util.find_spec("playwright") else None
)
REFUSED = str(catalogue("nl")("oidc.refused"))
SIGN_IN = str(catalogue("nl")("oidc.sign_in"))
SIGN_OUT = str(catalogue("nl")("oidc.sign_out"))
COOKIE_SECRET = "test-only-cookie-secret-of-enough-length-0123456789"


def auth_section(provider: str, app_base: str) -> dict[str, str]:
    """The `[auth]` secrets for a provider at `provider` and the app at `app_base`."""
    return {
        "redirect_uri": f"{app_base}/oauth2callback",
        "cookie_secret": COOKIE_SECRET,
        "client_id": "som-test",
        "client_secret": "som-test-secret",
        "server_metadata_url": f"{provider}/.well-known/openid-configuration",
    }


@pytest.fixture
def accounts_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A fresh SQLite database with Anna (provider subject `anna-sub`, case manager of PI-A)
    and Piet (subject `piet-sub`, disabled); `SOM_DATABASE_URL` points at it."""
    url = f"sqlite:///{tmp_path / 'som.db'}"
    monkeypatch.setenv(DATABASE_URL_VARIABLE, url)
    database = open_database(url)
    add_account(
        database, "Anna de Vries", "case_manager", oidc_subject="anna-sub", prisons=("PI-A",)
    )
    add_account(
        database, "Piet Jansen", "probation_worker", oidc_subject="piet-sub", prisons=("PI-A",)
    )
    set_disabled(database, "Piet Jansen", True)
    from dashboard import data

    data.close_databases()
    yield database
    data.close_databases()
    database.dispose()


def failed_sign_ins(database: Database) -> list[dict[str, Any]]:
    entries = access_entries(database, event="failed_sign_in")
    return entries[["user_name", "outcome", "detail", "access_point"]].to_dict("records")


# AppTest: `st.user` seeded, no provider needed ---------------------------------------------


def page(user: dict[str, Any] | None, secrets: dict[str, str] | None) -> AppTest:
    app = AppTest.from_file(str(TEST_APP), default_timeout=60)
    if secrets is not None:
        app.secrets["auth"] = secrets
    if user is not None:
        app.user = user
    return app


def test_without_an_auth_section_the_provider_is_not_configured(
    accounts_database: Database,
) -> None:
    app = page(None, None)
    app.run()
    assert [caption.value for caption in app.caption] == ["no identity provider configured"]


def test_an_incomplete_auth_section_counts_as_not_configured(accounts_database: Database) -> None:
    secrets = auth_section("http://127.0.0.1:9", "http://127.0.0.1:8501")
    del secrets["client_secret"]
    app = page(None, secrets)
    app.run()
    assert [caption.value for caption in app.caption] == ["no identity provider configured"]
    assert not app.button


def test_nobody_signed_in_at_the_provider_sees_the_button(accounts_database: Database) -> None:
    app = page(None, auth_section("http://127.0.0.1:9", "http://127.0.0.1:8501"))
    app.run()
    assert [button.label for button in app.button] == [SIGN_IN]
    assert not app.error
    assert PROVIDER_ACTOR_KEY not in app.session_state


def test_a_known_subject_maps_to_its_account_once_per_session(accounts_database: Database) -> None:
    app = page(
        {"is_logged_in": True, "sub": "anna-sub", "email": "anna@example.nl", "groups": ["x"]},
        auth_section("http://127.0.0.1:9", "http://127.0.0.1:8501"),
    )
    app.run()
    app.run()
    actor = app.session_state[PROVIDER_ACTOR_KEY]
    assert (actor.name, actor.role, actor.prisons) == (
        "Anna de Vries",
        "case_manager",
        frozenset({"PI-A"}),
    )
    sign_ins = access_entries(accounts_database, event="sign_in")
    assert sign_ins["user_name"].tolist() == ["Anna de Vries"], "mapped and logged once"
    assert json.loads(sign_ins["detail"].iloc[0]) == {"via": "identity provider"}


def test_the_email_address_maps_when_the_subject_is_not_known(accounts_database: Database) -> None:
    add_account(
        accounts_database,
        "Eva Bakker",
        "case_manager",
        oidc_subject="eva@example.nl",
        prisons=("PI-B",),
    )
    app = page(
        {"is_logged_in": True, "sub": "some-opaque-id", "email": "eva@example.nl"},
        auth_section("http://127.0.0.1:9", "http://127.0.0.1:8501"),
    )
    app.run()
    assert app.session_state[PROVIDER_ACTOR_KEY].name == "Eva Bakker"


@pytest.mark.parametrize("subject", ["stranger-sub", "piet-sub"], ids=["unknown", "disabled"])
def test_unknown_and_disabled_subjects_get_the_same_refusal_logged_once(
    accounts_database: Database, subject: str
) -> None:
    app = page(
        {"is_logged_in": True, "sub": subject},
        auth_section("http://127.0.0.1:9", "http://127.0.0.1:8501"),
    )
    app.run()
    app.run()
    assert [error.value for error in app.error] == [REFUSED]
    assert [button.label for button in app.button] == [SIGN_IN]
    assert app.session_state[PROVIDER_REFUSED_KEY] == subject
    assert PROVIDER_ACTOR_KEY not in app.session_state
    who = "stranger-sub" if subject == "stranger-sub" else "Piet Jansen"
    assert failed_sign_ins(accounts_database) == [
        {
            "user_name": who,
            "outcome": "failed",
            "detail": "identity provider: no enabled account",
            "access_point": "test-client",
        }
    ]


# Browser: the whole round trip through oidc-provider-mock ---------------------------------


def _require(present: bool, reason: str) -> None:
    """Skip without `present` (fail instead in CI, where SOM_REQUIRE_SERVICES=1)."""
    if not present:
        if os.environ.get("SOM_REQUIRE_SERVICES") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)


def _wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"oidc-provider-mock did not listen on {port}:\n{log.read_text()}")


@contextmanager
def _started(command: list[str], log: Path, **options: Any) -> Iterator[subprocess.Popen[bytes]]:
    """Run `command` in its own process group (ended, and only it, when the block ends)."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True, **options
        )
        try:
            yield process
        finally:
            BROWSER._stop(process)


@dataclass(frozen=True)
class RoundTrip:
    base: str
    browser: Any


@pytest.fixture
def round_trip(
    accounts_database: Database, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[RoundTrip]:
    """oidc-provider-mock and the test page (or, with `indirect` parametrisation, the page
    script given) on free loopback ports, and Chromium."""
    script = getattr(request, "param", TEST_APP)
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing")
    _require(
        BROWSER.CHROMIUM.exists(),
        "Debian's Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)",
    )
    _require(
        MOCK.exists(), f"oidc-provider-mock is missing at {MOCK} (pip install oidc-provider-mock)"
    )
    provider_port, app_port = BROWSER.free_port(), BROWSER.free_port()
    base = f"http://127.0.0.1:{app_port}"
    secrets = tmp_path / "secrets.toml"
    entries = auth_section(f"http://127.0.0.1:{provider_port}", base).items()
    secrets.write_text(
        "[auth]\n" + "".join(f'{key} = "{value}"\n' for key, value in entries), encoding="utf-8"
    )
    environment = {
        **os.environ,
        "STREAMLIT_SECRETS_FILES": str(secrets),
        "PYTHONPATH": str(REPOSITORY),
    }
    claims = json.dumps({"sub": "anna-sub", "email": "anna@example.nl", "name": "Anna"})
    provider = [str(MOCK), "--host", "127.0.0.1", "--port", str(provider_port)]
    page = [sys.executable, "-m", "streamlit", "run", str(script)]
    page += ["--server.port", str(app_port), "--server.address", "127.0.0.1"]
    with (
        _started([*provider, "--user-claims", claims], tmp_path / "provider.log") as mock,
        _started(page, tmp_path / "page.log", cwd=REPOSITORY, env=environment) as server,
        playwright_api.sync_playwright() as playwright,
    ):
        _wait_for_port(provider_port, mock, tmp_path / "provider.log")
        BROWSER._wait_until_healthy(base, server, tmp_path / "page.log")
        browser = BROWSER.launch(playwright)
        try:
            yield RoundTrip(base, browser)
        finally:
            browser.close()


def _sign_in_as(trip: RoundTrip, subject: str, page: Any = None) -> Any:
    """Open the page (in a fresh browser context unless given), press the provider button and
    authorize as `subject` at the provider; returns the page, back on SOM's side."""
    page = page or trip.browser.new_page()
    page.goto(trip.base)
    BROWSER.settle(page)
    page.get_by_role("button", name=SIGN_IN).click()
    page.get_by_placeholder("sub").fill(subject, timeout=30_000)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{trip.base}/**", timeout=30_000)
    BROWSER.settle(page)
    page.wait_for_selector("[data-testid='stButton']", timeout=60_000)
    return page


@pytest.mark.browser
def test_signing_in_at_the_provider_lands_back_signed_in_and_out_again(
    accounts_database: Database, round_trip: RoundTrip
) -> None:
    page = _sign_in_as(round_trip, "anna-sub")
    shown = page.inner_text("body")
    assert "signed in as Anna de Vries (case_manager)" in shown
    assert REFUSED not in shown
    # A reload is a new Streamlit session: the cookie still names Anna, SOM maps her again.
    page.reload()
    BROWSER.settle(page)
    page.get_by_text("signed in as Anna de Vries").wait_for(timeout=60_000)
    page.get_by_role("button", name=SIGN_OUT).click()
    # st.logout() ends the provider's session too (its end_session_endpoint), then returns.
    page.get_by_role("button", name="End session", exact=True).click(timeout=30_000)
    page.wait_for_url(f"{round_trip.base}/**", timeout=30_000)
    page.get_by_role("button", name=SIGN_IN).wait_for(timeout=60_000)
    events = access_entries(accounts_database)
    signed = events[events["event"].isin(["sign_in", "sign_out"])]
    assert signed["event"].tolist()[::-1] == ["sign_in", "sign_in", "sign_out"]
    assert set(signed["user_name"]) == {"Anna de Vries"}
    assert set(signed["access_point"]) == {"test-client"}


@pytest.mark.browser
def test_an_unknown_subject_is_refused_with_the_one_message_and_logged(
    accounts_database: Database, round_trip: RoundTrip
) -> None:
    unknown = _sign_in_as(round_trip, "stranger-sub").inner_text("body")
    disabled = _sign_in_as(round_trip, "piet-sub").inner_text("body")
    for shown in (unknown, disabled):
        assert REFUSED in shown
        assert "signed in as" not in shown
        assert "Piet" not in shown, "the refusal never says whose account it was"
    assert failed_sign_ins(accounts_database) == [
        {
            "user_name": name,
            "outcome": "failed",
            "detail": "identity provider: no enabled account",
            "access_point": "test-client",
        }
        for name in ("Piet Jansen", "stranger-sub")
    ]
    assert access_entries(accounts_database, event="sign_in").empty


@pytest.mark.browser
@pytest.mark.parametrize("round_trip", [REPOSITORY / "dashboard" / "app.py"], indirect=True)
def test_the_dashboard_itself_signs_in_through_the_provider_and_shows_the_role_pages(
    accounts_database: Database, round_trip: RoundTrip
) -> None:
    """The real entry script: with `[auth]` configured it shows the provider button instead of
    the password form, and after the provider's round trip the account's pages."""
    page = round_trip.browser.new_page()
    page.goto(round_trip.base)
    BROWSER.settle(page)
    assert page.get_by_label(str(catalogue("nl")("identity.password"))).count() == 0
    _sign_in_as(round_trip, "anna-sub", page)
    page.get_by_text("Anna de Vries").first.wait_for(timeout=60_000)
    shown = page.inner_text("body")
    assert str(catalogue("nl")("nav.list")) in shown and REFUSED not in shown
    assert list(access_entries(accounts_database, event="sign_in")["user_name"]) == [
        "Anna de Vries"
    ]
