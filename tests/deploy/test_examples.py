"""The example configuration in deploy/ and the guide in docs/deployment.md agree with SOM:
the secrets example names what `dashboard.oidc` needs, the environment example what SOM and
Streamlit read, the backup script is valid shell, and the guide names every example file."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

from dashboard.oidc import REQUIRED_KEYS
from storage.database import DATABASE_URL_VARIABLE

REPOSITORY = Path(__file__).resolve().parents[2]
DEPLOY = REPOSITORY / "deploy"
GUIDE = REPOSITORY / "docs" / "deployment.md"


def test_the_secrets_example_has_every_key_the_provider_sign_in_needs() -> None:
    secrets = tomllib.loads((DEPLOY / "secrets.toml.example").read_text(encoding="utf-8"))
    assert sorted(secrets["auth"]) == sorted(REQUIRED_KEYS)
    assert secrets["auth"]["redirect_uri"].endswith("/oauth2callback")


def test_the_environment_example_names_what_the_replicas_read() -> None:
    lines = (DEPLOY / "som.env.example").read_text(encoding="utf-8").splitlines()
    names = {line.split("=", 1)[0] for line in lines if line and not line.startswith("#")}
    assert {
        DATABASE_URL_VARIABLE,
        "STREAMLIT_SERVER_COOKIE_SECRET",
        "STREAMLIT_SECRETS_FILES",
        "SOM_TRUSTED_PROXY_HEADER",
        "SOM_LISTEN_ADDRESS",
    } <= names


def test_no_example_holds_a_real_secret() -> None:
    for name in ("som.env.example", "secrets.toml.example"):
        text = (DEPLOY / name).read_text(encoding="utf-8")
        for line in text.splitlines():
            if any(word in line.lower() for word in ("secret =", "secret=", "url=postgres")):
                assert "CHANGE-ME" in line, f"{name}: {line}"


def test_the_backup_script_is_valid_shell() -> None:
    subprocess.run(["bash", "-n", str(DEPLOY / "backup" / "som-backup.sh")], check=True)


def test_the_guide_names_every_example_file() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    examples = [path for path in DEPLOY.rglob("*") if path.is_file()]
    assert len(examples) >= 8
    missing = [
        str(path.relative_to(REPOSITORY))
        for path in examples
        if str(path.relative_to(REPOSITORY)) not in guide and path.parent.name != "backup"
    ]
    assert missing == []
    assert "deploy/backup/" in guide
