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
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
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


def _browser_support() -> Any:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing")
    support = importlib.import_module("browser")
    if not support.CHROMIUM.exists():
        missing = "Debian's Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)"
        if os.environ.get("SOM_REQUIRE_SERVICES") == "1":
            pytest.fail(missing, pytrace=False)
        pytest.skip(missing)
    if not MOCK.exists():
        pytest.skip(
            f"oidc-provider-mock is not installed at {MOCK} (pip install oidc-provider-mock)"
        )
    return playwright_api, support


def _wait_for(url: str, process: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args} stopped early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s:\n{log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


@contextmanager
def _running(command: list[str], log: Path, ready: str, **options: Any) -> Iterator[None]:
    """Run `command` in its own process group until the block ends; wait for `ready` first."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True, **options
        )
        try:
            _wait_for(ready, process, log)
            yield
        finally:
            _stop(process)


@contextmanager
def provider_and_page(support: Any, database_url: str, tmp_path: Path) -> Iterator[str]:
    """oidc-provider-mock and the test page, both on free loopback ports; yields the page's URL."""
    provider_port, app_port = support.free_port(), support.free_port()
    provider = f"http://127.0.0.1:{provider_port}"
    base = f"http://127.0.0.1:{app_port}"
    secrets = tmp_path / "secrets.toml"
    lines = [f'{key} = "{value}"' for key, value in auth_section(provider, base).items()]
    secrets.write_text("[auth]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    environment = {
        **os.environ,
        DATABASE_URL_VARIABLE: database_url,
        "STREAMLIT_SECRETS_FILES": str(secrets),
        "PYTHONPATH": str(REPOSITORY),
    }
    claims = json.dumps({"sub": "anna-sub", "email": "anna@example.nl", "name": "Anna"})
    streamlit = [
        sys.executable, "-m", "streamlit", "run", str(TEST_APP),
        "--server.port", str(app_port), "--server.address", "127.0.0.1",
    ]  # fmt: skip
    with (
        _running(
            [
                str(MOCK),
                "--host",
                "127.0.0.1",
                "--port",
                str(provider_port),
                "--user-claims",
                claims,
            ],
            tmp_path / "provider.log",
            f"{provider}/.well-known/openid-configuration",
        ),
        _running(
            streamlit,
            tmp_path / "streamlit.log",
            f"{base}/_stcore/health",
            cwd=REPOSITORY,
            env=environment,
        ),
    ):
        yield base


def _sign_in_as(page: Any, support: Any, base: str, subject: str) -> str:
    """Open the page, press the provider button, authorize as `subject`; the page's text after."""
    page.goto(base)
    support.settle(page)
    page.get_by_role("button", name=SIGN_IN).click()
    page.get_by_placeholder("sub").fill(subject, timeout=30_000)
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{base}/**", timeout=30_000)
    support.settle(page)
    page.wait_for_selector("[data-testid='stButton']", timeout=60_000)
    return str(page.inner_text("body"))


@pytest.mark.browser
def test_signing_in_at_the_provider_lands_back_signed_in_and_out_again(
    accounts_database: Database, tmp_path: Path
) -> None:
    playwright_api, support = _browser_support()
    url = os.environ[DATABASE_URL_VARIABLE]
    with provider_and_page(support, url, tmp_path) as base, playwright_api.sync_playwright() as p:
        browser = support.launch(p)
        page = browser.new_page()
        shown = _sign_in_as(page, support, base, "anna-sub")
        assert "signed in as Anna de Vries (case_manager)" in shown
        assert REFUSED not in shown
        # A reload is a new Streamlit session: the cookie still names Anna, SOM maps her again.
        page.reload()
        support.settle(page)
        page.get_by_text("signed in as Anna de Vries").wait_for(timeout=60_000)
        page.get_by_role("button", name=SIGN_OUT).click()
        # st.logout() ends the provider's session too (its end_session_endpoint), then returns.
        page.get_by_role("button", name="End session", exact=True).click(timeout=30_000)
        page.wait_for_url(f"{base}/**", timeout=30_000)
        page.get_by_role("button", name=SIGN_IN).wait_for(timeout=60_000)
        browser.close()
    events = access_entries(accounts_database)
    signed = events[events["event"].isin(["sign_in", "sign_out"])]
    assert signed["event"].tolist()[::-1] == ["sign_in", "sign_in", "sign_out"]
    assert set(signed["user_name"]) == {"Anna de Vries"}
    assert set(signed["access_point"]) == {"test-client"}


@pytest.mark.browser
def test_an_unknown_subject_is_refused_with_the_one_message_and_logged(
    accounts_database: Database, tmp_path: Path
) -> None:
    playwright_api, support = _browser_support()
    url = os.environ[DATABASE_URL_VARIABLE]
    with provider_and_page(support, url, tmp_path) as base, playwright_api.sync_playwright() as p:
        browser = support.launch(p)
        unknown = _sign_in_as(browser.new_page(), support, base, "stranger-sub")
        disabled = _sign_in_as(browser.new_page(), support, base, "piet-sub")
        browser.close()
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
