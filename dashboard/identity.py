"""Who is working: sign-in, the session's account, sign-out and idle expiry.

Every page of the dashboard runs behind `signed_in`: an anonymous visitor sees only the
sign-in form, whatever the address. The password is checked by storage
(`storage.accounts.sign_in`: argon2id, lockout after five failures); where a deployment
configures an identity provider (`[auth]` in `.streamlit/secrets.toml`), sign-in goes through
it instead (`dashboard.oidc`). On every run the session's account is read again, so a disabled or
changed account is refused on its next action, and a session idle for `SOM_SESSION_IDLE_MINUTES`
(default 30) ends, measured on the server. The access point written to the access log is the
client address of the header named by `SOM_TRUSTED_PROXY_HEADER` (when a trusted proxy sets
it), else the address Streamlit sees.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Final

import streamlit as st

from dashboard import data, oidc, render
from dashboard.i18n import Catalogue
from dashboard.language import LANGUAGE_KEY, take_language_next_run
from dashboard.markup import Markup, plain
from storage.actor import ROLES as ALL_ROLES
from storage.actor import Actor

ACTOR_KEY: Final = "signed_in_actor"
LAST_ACTIVE_KEY: Final = "last_active_at"
NOTICE_KEY: Final = "sign_in_notice"
#: Set once the account's stored choices (its language) were taken in this session.
ADOPTED_KEY: Final = "account_choices_taken"
IDLE_MINUTES_VARIABLE: Final = "SOM_SESSION_IDLE_MINUTES"
PROXY_HEADER_VARIABLE: Final = "SOM_TRUSTED_PROXY_HEADER"
DEFAULT_IDLE_MINUTES: Final = 30


def idle_minutes() -> int:
    """How long a session may stay idle before it ends (`SOM_SESSION_IDLE_MINUTES`)."""
    try:
        return max(1, int(os.environ.get(IDLE_MINUTES_VARIABLE, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def access_point() -> str | None:
    """The client address for the access log: from the trusted proxy's header when one is
    configured, else the address of the connection."""
    header = os.environ.get(PROXY_HEADER_VARIABLE, "").strip()
    if header:
        forwarded = st.context.headers.get(header, "")
        return forwarded.split(",")[0].strip()[:64] or None
    address = getattr(st.context, "ip_address", None)
    return None if address is None else str(address)[:64]


def current_actor() -> Actor | None:
    """The signed-in account of this session (checked by `signed_in` on every run)."""
    actor = st.session_state.get(ACTOR_KEY)
    return actor if isinstance(actor, Actor) else None


def page_actor() -> Actor:
    """The signed-in account, for a page script; the entry script signs in before any page
    runs, so a page run without one (on its own) stops here."""
    actor = current_actor()
    if actor is None:
        st.stop()
    return actor


def role_label(texts: Catalogue, role: str) -> str:
    """A role in words (`storage.actor.ROLES`); an unknown role shows as stored."""
    label = ALL_ROLES.get(role)
    return role if label is None else label.get(texts.language)


def signed_in(texts: Catalogue, now: datetime | None = None) -> Actor | None:
    """The session's account, still valid and not idle; otherwise the sign-in form is drawn
    and `None` returned (the caller stops the page)."""
    moment = now or datetime.now(UTC)
    actor = current_actor()
    if actor is not None:
        last = st.session_state.get(LAST_ACTIVE_KEY)
        if isinstance(last, datetime) and moment - last > timedelta(minutes=idle_minutes()):
            data.end_session(actor, "session_expired", access_point())
            _forget(texts("identity.expired", minutes=idle_minutes()))
            actor = None
        else:
            actor = data.still_signed_in(actor)
            if actor is None:
                oidc.forget_provider_actor()
                _forget(texts("identity.ended"))
    if actor is None and oidc.provider_configured():
        actor = oidc.provider_actor(data.database(), access_point=access_point())
        if actor is None:
            render.title(texts("identity.heading"))
            _show_notice()
            oidc.start_provider_sign_in(texts("oidc.sign_in"), refused=texts("oidc.refused"))
            return None
    if actor is None:
        _sign_in_form(texts)
        return None
    st.session_state[ACTOR_KEY] = actor
    st.session_state[LAST_ACTIVE_KEY] = moment
    if not st.session_state.get(ADOPTED_KEY):
        st.session_state[ADOPTED_KEY] = True
        if take_language_next_run(data.preference_of(actor, "language")):
            st.rerun()
    return actor


def remember_language(language: str) -> None:
    """Keep a signed-in person's choice of language with their account."""
    actor = current_actor()
    if actor is not None:
        data.remember_preference(actor, "language", language)


def signed_in_sidebar(actor: Actor, texts: Catalogue) -> None:
    """Who is signed in, their prisons, and the sign-out button."""
    with st.sidebar:
        render.caption(
            texts("identity.signed_in_as", name=actor.name, role=role_label(texts, actor.role))
        )
        prisons = (
            texts("identity.all_prisons")
            if actor.prisons is None
            else plain(", ".join(sorted(actor.prisons)))
        )
        render.caption(texts("identity.prisons", prisons=prisons))
        if render.button(texts("identity.sign_out"), key="sign_out", icon=":material/logout:"):
            if oidc.provider_configured():  # logs the sign-out and ends the provider's cookie
                oidc.provider_sign_out(data.database(), access_point=access_point())
            data.end_session(actor, "sign_out", access_point())
            _forget(texts("identity.signed_out"))
            st.rerun()


def _sign_in_form(texts: Catalogue) -> None:
    render.title(texts("identity.heading"))
    _show_notice()
    render.caption(texts("identity.intro"))
    with st.form("sign_in", clear_on_submit=True):
        name = render.text_input(texts("identity.name"), key="sign_in_name", max_chars=200)
        password = render.text_input(
            texts("identity.password"), key="sign_in_password", type="password", max_chars=500
        )
        pressed = render.form_submit_button(texts("identity.sign_in"), type="primary")
    if pressed:
        actor = data.sign_in(name, password, access_point())
        if actor is None:
            render.error(texts("identity.refused"))
            return
        st.session_state[ACTOR_KEY] = actor
        st.session_state[LAST_ACTIVE_KEY] = datetime.now(UTC)
        st.rerun()


def _show_notice() -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if isinstance(notice, Markup):
        render.info(notice)


def _forget(notice: Markup) -> None:
    """End the session's sign-in (everything the session kept goes with it)."""
    for key in list(st.session_state.keys()):
        if key != LANGUAGE_KEY:  # the language chosen stays for the sign-in form
            del st.session_state[key]
    st.session_state[NOTICE_KEY] = notice
