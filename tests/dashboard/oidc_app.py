"""A test-only page that signs in through `dashboard.oidc` alone (not the dashboard's gate):
started with `streamlit run` by tests/dashboard/test_oidc_sign_in.py, or run by `AppTest`."""

from __future__ import annotations

import streamlit as st

from dashboard import data, oidc, render
from dashboard.language import current_texts
from dashboard.markup import plain

st.set_page_config(page_title="SOM sign-in test")
texts = current_texts()
render.title(plain("SOM sign-in test"))
if not oidc.provider_configured():
    render.caption(plain("no identity provider configured"))
    st.stop()
actor = oidc.provider_actor(data.database(), access_point="test-client")
if actor is None:
    oidc.start_provider_sign_in(texts("oidc.sign_in"), refused=texts("oidc.refused"))
    st.stop()
render.markdown(plain(f"signed in as {actor.name} ({actor.role})"))
if render.button(texts("oidc.sign_out")):
    oidc.provider_sign_out(data.database(), access_point="test-client")
