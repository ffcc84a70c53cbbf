"""SOM dashboard: the entry script. It sets up the page, signs the user in, and routes.

Start it with `som serve` (or `streamlit run dashboard/app.py`). The screens live in
`dashboard/screens/`; a detainee opens at `/detainee?skn=…`. Nothing is reachable without
signing in, and each role gets the pages it is for (`storage.permissions`; every page's
service calls check again).
"""

from pathlib import Path

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from dashboard.icon import page_icon
from dashboard.identity import signed_in, signed_in_sidebar
from dashboard.language import current_texts, switch_in_sidebar
from dashboard.panels.triage_panels import keep_filters
from dashboard.render import storage_trouble_explained
from storage.actor import Actor
from storage.permissions import may

SCREENS = Path(__file__).resolve().parent / "screens"

st.set_page_config(page_title="SOM", page_icon=page_icon(), layout="wide")
switch_in_sidebar()
texts = current_texts()


def screens_for(actor: Actor | None) -> list[StreamlitPage]:
    """The pages of a role (every page while nobody is signed in: the address then stays as
    typed, and opens once the user has signed in)."""

    def allowed(action: str) -> bool:
        return actor is None or may(actor, action)

    pages = []
    if allowed("view_list"):
        pages.append(
            st.Page(
                SCREENS / "triage.py",
                title=texts("nav.list"),
                icon=":material/format_list_numbered:",
                default=True,
            )
        )
    if allowed("view_detainee"):
        pages.append(
            st.Page(
                SCREENS / "detainee.py",
                title=texts("nav.detainee"),
                icon=":material/person:",
                url_path="detainee",
            )
        )
    if allowed("view_audit"):
        pages.append(
            st.Page(
                SCREENS / "access_log.py",
                title=texts("nav.access_log"),
                icon=":material/policy:",
                url_path="access-log",
                default=not pages,
            )
        )
    if not pages:  # an administrator: accounts and imports are managed on the command line
        pages.append(
            st.Page(SCREENS / "admin.py", title=texts("nav.admin"), icon=":material/settings:")
        )
    return pages


actor = None
with storage_trouble_explained(texts):
    actor = signed_in(texts)
if actor is None:
    st.navigation(screens_for(None), position="hidden")
    st.stop()
signed_in_sidebar(actor, texts)
page = st.navigation(screens_for(actor))
keep_filters()  # every page, so the list's filters survive a visit to a detainee
with storage_trouble_explained(texts):
    page.run()
