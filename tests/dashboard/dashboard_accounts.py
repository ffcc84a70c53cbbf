"""The accounts the dashboard tests sign in with (kept out of conftest.py, whose module name
the storage tests' conftest shares)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from dashboard.identity import ACTOR_KEY
from storage.accounts import sign_in
from storage.connect import open_database

#: The password of every test account.
PASSWORD = "toets-wachtwoord-2026"
#: The test accounts: name → (role, prisons). The tests sign in as `DEFAULT_ACCOUNT` unless
#: they say otherwise (`app_as`).
ACCOUNTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Anna de Vries": ("case_manager", ("Sittard", "Arnhem", "Vught")),
    "cm.sittard": ("case_manager", ("Sittard",)),
    "rw.sittard": ("probation_worker", ("Sittard",)),
    "capaciteit": ("capacity_manager", ()),
    "auditor": ("auditor", ()),
    "beheer": ("admin", ()),
}
DEFAULT_ACCOUNT = "Anna de Vries"


def signed_in_as(app: AppTest, url: str, name: str) -> AppTest:
    """`app` with the test account `name` signed in (as the sign-in form would leave it)."""
    database = open_database(url)
    try:
        app.session_state[ACTOR_KEY] = sign_in(database, name, PASSWORD)
    finally:
        database.dispose()
    return app
