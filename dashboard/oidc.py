"""Sign-in through the organisation's identity provider (OpenID Connect), beside SOM's passwords.

Streamlit does the OpenID Connect part (`st.login`, `st.user`, `st.logout`, Authlib underneath):
it sends the browser to the provider, takes the answer at `/oauth2callback` and keeps the
identity token's claims in a signed cookie. SOM takes only the subject (`sub`) and the e-mail
address from it and maps them to one of its own accounts (`accounts.oidc_subject`, set with
`som user add --oidc-subject …`) through `storage.accounts.sign_in_with_provider`. Roles and
prisons stay in SOM's database: a provider's group claims are never read (they would not fit
in Streamlit's cookie anyway).

The provider is configured in Streamlit's secrets (`.streamlit/secrets.toml`, or the file
named by `STREAMLIT_SECRETS_FILES`), never in the repository (docs/deployment.md)::

    [auth]
    redirect_uri = "https://som.example.nl/oauth2callback"
    cookie_secret = "…the same long random secret on every replica…"
    client_id = "som"
    client_secret = "…"
    server_metadata_url = "https://login.example.nl/.well-known/openid-configuration"

Contract for the sign-in gate (`dashboard/signin.py`), on every run of the script::

    from dashboard import oidc

    if oidc.provider_configured():
        actor = oidc.provider_actor(database, access_point=access_point)
        if actor is None:
            oidc.start_provider_sign_in(texts("oidc.sign_in"), refused=texts("oidc.refused"))
            st.stop()  # or show the password form beside the button

- `provider_configured()` is True when the `[auth]` section names the default provider
  completely (the keys in `REQUIRED_KEYS`); an incomplete section is logged and counts as
  not configured, so `st.login()` never fails on a half-written file.
- `provider_actor(database, access_point=…)` returns None while nobody signed in at the
  provider. Once someone did, it maps them once per Streamlit session (a new tab or a reload
  is a new session and maps again, so a disabled account stops at the next page load) and
  keeps the `Actor` in `st.session_state[PROVIDER_ACTOR_KEY]`; the storage layer logs
  `sign_in`, or `failed_sign_in` for a subject without an enabled account. A refused identity
  is remembered under `PROVIDER_REFUSED_KEY` (refused once, logged once) and gives None.
  `access_point` is the client address the gate trusts (`SOM_TRUSTED_PROXY_HEADER`).
- `start_provider_sign_in(label, refused=…)` draws the refusal message (when this session's
  identity was refused) and the button; pressing it calls `st.login()`, which leaves the page.
- `provider_sign_out(database)` logs `sign_out` for the signed-in actor, forgets it and calls
  `st.logout()` (which also ends the provider's session when it publishes an
  `end_session_endpoint`). The gate does not log the sign-out itself.
- When the gate's `storage.accounts.current_actor` check raises `SessionEnded` for this actor
  (account changed or disabled), it calls `forget_provider_actor()`: the next run maps the
  identity again (a new role is picked up; a disabled account is refused and logged).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Final

import streamlit as st

from dashboard import render
from dashboard.markup import Markup
from storage.access_log import record_access
from storage.accounts import SignInRefused, sign_in_with_provider
from storage.actor import Actor
from storage.database import Database

#: Where this session keeps the `Actor` its provider identity maps to.
PROVIDER_ACTOR_KEY: Final = "oidc_actor"
#: Set (to the refused subject) when this session's provider identity has no enabled account.
PROVIDER_REFUSED_KEY: Final = "oidc_refused"
#: What the `[auth]` section must hold for `st.login()` with Streamlit's default provider.
REQUIRED_KEYS: Final = (
    "redirect_uri",
    "cookie_secret",
    "client_id",
    "client_secret",
    "server_metadata_url",
)

_LOG = logging.getLogger("som.dashboard")


def provider_configured() -> bool:
    """Whether Streamlit's secrets name an identity provider completely (`REQUIRED_KEYS`)."""
    section = _auth_section()
    if section is None:
        return False
    missing = [key for key in REQUIRED_KEYS if not section.get(key)]
    if missing:
        # (`_LOG.error` would read as a Markdown call to the safe-rendering scan.)
        _LOG.log(
            logging.ERROR,
            "the [auth] section of Streamlit's secrets lacks %s: sign-in through the identity "
            "provider is off",
            ", ".join(missing),
        )
        return False
    return True


def provider_actor(database: Database, *, access_point: str | None = None) -> Actor | None:
    """The SOM actor of whoever signed in at the provider in this session, or None (nobody
    signed in there, or SOM has no enabled account for them: see `PROVIDER_REFUSED_KEY`)."""
    if not st.user.get("is_logged_in"):
        forget_provider_actor()
        return None
    kept = st.session_state.get(PROVIDER_ACTOR_KEY)
    if isinstance(kept, Actor):
        return kept
    subject = _claim("sub")
    email = _claim("email")
    if st.session_state.get(PROVIDER_REFUSED_KEY) == (subject or email):
        return None
    try:
        actor = sign_in_with_provider(database, subject, email, access_point=access_point)
    except SignInRefused:
        st.session_state[PROVIDER_REFUSED_KEY] = subject or email
        return None
    st.session_state.pop(PROVIDER_REFUSED_KEY, None)
    st.session_state[PROVIDER_ACTOR_KEY] = actor
    return actor


def provider_refused() -> bool:
    """Whether this session's provider identity was refused (no enabled SOM account)."""
    return bool(st.session_state.get(PROVIDER_REFUSED_KEY))


def start_provider_sign_in(label: Markup, *, refused: Markup | None = None) -> None:
    """The button that sends the browser to the provider (`st.login()`); above it `refused`,
    when SOM refused this session's provider identity."""
    if refused is not None and provider_refused():
        render.error(refused)
    if render.button(label, key="oidc_sign_in", type="primary"):
        # A refused identity may try again as someone else: Streamlit asks the provider to
        # let the user pick an account (`prompt=select_account`) unless configured otherwise.
        st.session_state.pop(PROVIDER_REFUSED_KEY, None)
        st.login()


def provider_sign_out(database: Database | None = None, *, access_point: str | None = None) -> None:
    """Log the sign-out (when `database` is given and someone was signed in), forget the actor
    and end the Streamlit identity cookie (`st.logout()`, which starts a new session)."""
    actor = st.session_state.get(PROVIDER_ACTOR_KEY)
    if database is not None and isinstance(actor, Actor):
        record_access(
            database,
            actor,
            "sign_out",
            detail={"via": "identity provider"},
            access_point=access_point,
        )
    forget_provider_actor()
    st.logout()


def forget_provider_actor() -> None:
    """Drop this session's mapped actor and refusal (the next run maps the identity again)."""
    st.session_state.pop(PROVIDER_ACTOR_KEY, None)
    st.session_state.pop(PROVIDER_REFUSED_KEY, None)


def _auth_section() -> Mapping[str, Any] | None:
    try:
        if not st.secrets.load_if_toml_exists():
            return None
        section = st.secrets.get("auth")
    except FileNotFoundError:  # no secrets file at all
        return None
    return section if isinstance(section, Mapping) else None


def _claim(name: str) -> str:
    value = st.user.get(name)
    return value.strip() if isinstance(value, str) else ""
