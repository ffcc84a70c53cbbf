"""The example proxy configuration (deploy/nginx) works in front of SOM: nginx from Debian's
packages, with deploy/nginx/som.conf rendered into a temporary folder (loopback ports, a
self-signed certificate), in front of two `som serve` replicas on one demo SQLite database.

It checks the health check through the proxy, the headers the proxy adds (Streamlit sends none
of them), the redirect to HTTPS, that one browser stays on one replica, and that the dashboard
loads in Chromium through the proxy without a Content-Security-Policy violation while its
websocket works (the page title comes over the websocket).
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from http.client import HTTPResponse
from pathlib import Path
from typing import Any

import pytest

from storage.connect import open_database
from storage.listing import list_current_admissions

REPOSITORY = Path(__file__).resolve().parents[2]
DEPLOY = REPOSITORY / "deploy" / "nginx"
# The browser helpers (free ports, `som serve`, Chromium) live with the dashboard's tests.
pytest.importorskip("playwright.sync_api", reason="playwright is missing")
sys.path.insert(0, str(REPOSITORY / "tests" / "dashboard"))
browser_support = importlib.import_module("browser")

NGINX = shutil.which("nginx") or next(
    (str(path) for path in (Path("/usr/sbin/nginx"),) if path.exists()), None
)
NGINX_MISSING = (
    "nginx is not installed (apt-get install -y nginx-light): the example proxy configuration "
    "in deploy/nginx is not tested"
)
OPENSSL_MISSING = "openssl is not installed: no certificate for the proxy test"
COOKIE_SECRET = "the-same-test-secret-on-every-replica-0123456789"


def _missing(reason: str) -> None:
    if os.environ.get("SOM_REQUIRE_SERVICES") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if NGINX is None:
    _missing(NGINX_MISSING)
if shutil.which("openssl") is None:
    _missing(OPENSSL_MISSING)


@dataclass(frozen=True)
class Proxy:
    https: str
    http: str
    replicas: tuple[str, ...]
    access_log: Path
    skn: str


def render_site(https_port: int, http_port: int, replicas: list[str], folder: Path) -> str:
    """deploy/nginx/som.conf with loopback ports, the test's certificate and includes; every
    replacement must hit, so the example stays the file under test."""
    text = (DEPLOY / "som.conf").read_text(encoding="utf-8")
    replacements = [
        (r"listen 80;", f"listen 127.0.0.1:{http_port};", 1),
        (r"listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;", 1),
        (r"/etc/nginx/tls/som\.example\.nl\.crt", str(folder / "som.crt"), 1),
        (r"/etc/nginx/tls/som\.example\.nl\.key", str(folder / "som.key"), 1),
        (r"(?m)^(\s+)include /etc/nginx/som/", rf"\1include {DEPLOY}/", 3),
    ]
    for pattern, replacement, count in replacements:
        text, made = re.subn(pattern, replacement, text)
        assert made == count, f"deploy/nginx/som.conf no longer has {pattern!r} {count}x"
    servers = iter(replicas)
    text, made = re.subn(r"server 10\.0\.0\.\d+:8501", lambda _: f"server {next(servers)}", text)
    assert made == len(replicas), "the example upstream lists two replicas"
    return text


def main_config(folder: Path, site: Path) -> str:
    """A whole nginx.conf around the site: in the foreground, every path in `folder`."""
    temp = "\n".join(
        f"    {kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} info;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "    log_format upstreams '$remote_addr $upstream_addr \"$request\" $status';\n"
        f"    access_log {folder / 'access.log'} upstreams;\n"
        f"{temp}\n"
        f"    include {site};\n"
        "}\n"
    )


def _certificate(folder: Path) -> None:
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-subj", "/CN=127.0.0.1", "-keyout", str(folder / "som.key"),
            "-out", str(folder / "som.crt"),
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


def _insecure() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body; redirects are not followed."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=_insecure()), _NoRedirect
    )
    try:
        answer: HTTPResponse = opener.open(url, timeout=10)
    except urllib.error.HTTPError as refused:
        return refused.code, {k.lower(): v for k, v in refused.headers.items()}, b""
    with answer:
        return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()


def _start_nginx(folder: Path) -> subprocess.Popen[bytes]:
    command = [str(NGINX), "-p", str(folder), "-e", str(folder / "error.log")]
    command += ["-c", str(folder / "nginx.conf")]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    return subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "nginx.out").open("w"),
        start_new_session=True,
    )


@pytest.fixture(scope="module")
def proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxy]:
    """nginx with the example site in front of two replicas on one demo database."""
    folder = tmp_path_factory.mktemp("proxy")
    url = f"sqlite:///{folder / 'som.db'}"
    subprocess.run(
        [str(Path(sys.executable).parent / "som"), "demo", "--database", url],
        check=True,
        capture_output=True,
        cwd=REPOSITORY,
    )
    database = open_database(url)
    try:
        skn = str(list_current_admissions(database)["skn"].iloc[0])
    finally:
        database.dispose()
    _certificate(folder)
    with ExitStack() as stack, pytest.MonkeyPatch.context() as environment:
        # Every replica signs cookies with the same secret (docs/deployment.md).
        environment.setenv("STREAMLIT_SERVER_COOKIE_SECRET", COOKIE_SECRET)
        # One after the other: each re-scores the database as it starts.
        replicas = tuple(
            stack.enter_context(browser_support.som_serve(url, folder / f"replica{n}.log"))
            for n in (1, 2)
        )
        https_port, http_port = browser_support.free_port(), browser_support.free_port()
        site = folder / "som.conf"
        addresses = [replica.removeprefix("http://") for replica in replicas]
        site.write_text(render_site(https_port, http_port, addresses, folder), encoding="utf-8")
        (folder / "nginx.conf").write_text(main_config(folder, site), encoding="utf-8")
        nginx = _start_nginx(folder)
        stack.callback(browser_support._stop, nginx)
        https = f"https://127.0.0.1:{https_port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if fetch(f"{https}/_stcore/health")[0] == 200:
                    break
            except OSError:
                pass
            if nginx.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not come up:\n{(folder / 'error.log').read_text()}")
            time.sleep(0.2)
        yield Proxy(https, f"http://127.0.0.1:{http_port}", replicas, folder / "access.log", skn)


def test_the_health_check_answers_through_the_proxy(proxy: Proxy) -> None:
    status, _, body = fetch(f"{proxy.https}/_stcore/health")
    assert (status, body) == (200, b"ok")


@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/detainee", "/no-such-file.js"])
def test_every_answer_carries_the_security_headers(proxy: Proxy, path: str) -> None:
    _, headers, _ = fetch(f"{proxy.https}{path}")
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert "'unsafe-eval'" not in policy
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert "server" not in headers or "nginx/" not in headers["server"], "no version shown"


def test_plain_http_is_sent_to_https(proxy: Proxy) -> None:
    status, headers, _ = fetch(f"{proxy.http}/detainee?skn=1")
    assert status == 301
    assert headers["location"].startswith("https://127.0.0.1/detainee?skn=1")


def test_the_replicas_are_not_what_the_proxy_adds(proxy: Proxy) -> None:
    # The proof that the headers come from nginx: a replica asked directly sends none.
    _, headers, _ = fetch(f"{proxy.replicas[0]}/")
    assert "content-security-policy" not in headers
    assert "strict-transport-security" not in headers


#: On a page such as /detainee, Streamlit's frontend first looks for its server under the page's
#: own path (/detainee/_stcore/health) and then at the root: those two 404s are its probe.
BASE_PATH_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")


def _console_problem(message: Any) -> list[str]:
    # A failed request is reported, with its address, by `_failed_answer`.
    if message.type != "error" or message.text.startswith("Failed to load resource"):
        return []
    return [message.text]


def _failed_answer(answer: Any) -> list[str]:
    path = urllib.parse.urlsplit(answer.url).path
    if answer.status < 400 or (answer.status == 404 and BASE_PATH_PROBE.search(path)):
        return []
    return [f"{answer.status} {answer.url}"]


@pytest.mark.browser
def test_the_dashboard_loads_through_the_proxy_without_csp_violations(proxy: Proxy) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is missing")
    if not browser_support.CHROMIUM.exists():
        _missing("Debian's Chromium is missing at /usr/bin/chromium (apt-get install -y chromium)")
    problems: list[str] = []
    sockets: list[str] = []
    log_start = proxy.access_log.stat().st_size
    with playwright_api.sync_playwright() as playwright:
        browser = browser_support.launch(playwright)
        context = browser.new_context(ignore_https_errors=True)
        # A CSP violation is reported as a console error and as this event.
        context.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
        )
        page = context.new_page()
        page.on("console", lambda message: problems.extend(_console_problem(message)))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("response", lambda answer: problems.extend(_failed_answer(answer)))

        def watch(socket: Any) -> None:
            sockets.append(socket.url)
            socket.on("socketerror", lambda error: problems.append(f"websocket: {error}"))

        page.on("websocket", watch)
        for path in ("/", f"/detainee?skn={proxy.skn}"):
            page.goto(f"{proxy.https}{path}")
            # The title is set by the script over the websocket (the HTML says "Streamlit").
            # (`expect` runs outside the page's CSP; a `wait_for_function` string would not.)
            playwright_api.expect(page).to_have_title(re.compile("SOM"), timeout=60_000)
            browser_support.settle(page)
            assert page.locator("[data-testid='stApp']").is_visible()
        shown = page.inner_text("body")
        browser.close()
    assert problems == [], "\n".join(problems)
    assert sockets and all(url.startswith("wss://127.0.0.1:") for url in sockets)
    assert sockets[0].endswith("/_stcore/stream")
    assert "Traceback" not in shown
    with proxy.access_log.open() as log:
        log.seek(log_start)
        upstreams = {line.split()[1] for line in log if line.split()[1] != "-"}
    assert len(upstreams) == 1, f"one browser, one replica (ip_hash), not {upstreams}"
    assert upstreams <= {replica.removeprefix("http://") for replica in proxy.replicas}
