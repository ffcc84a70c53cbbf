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
from dashboard.identity import remember_language, signed_in, signed_in_sidebar
from dashboard.language import current_texts, switch_in_sidebar
from dashboard.panels.triage_panels import keep_filters
from dashboard.render import storage_trouble_explained
from storage.actor import Actor
from storage.permissions import may

SCREENS = Path(__file__).resolve().parent / "screens"

st.set_page_config(page_title="SOM", page_icon=page_icon(), layout="wide")
switch_in_sidebar(on_change=remember_language)
texts = current_texts()


#: The pages, each with the action that lets a role see it: (action, script, title, icon, path).
SCREEN_PAGES = (
    ("view_list", "triage.py", "nav.list", ":material/format_list_numbered:", None),
    ("view_detainee", "detainee.py", "nav.detainee", ":material/person:", "detainee"),
    ("view_audit", "access_log.py", "nav.access_log", ":material/policy:", "access-log"),
    ("view_audit", "audit.py", "audit.nav", ":material/fact_check:", "audit"),
    ("view_detainee", "form_print.py", "form_print.nav", ":material/print:", "form"),
    ("view_capacity", "capacity.py", "capacity.nav", ":material/tune:", "capacity"),
    # Every signed-in role (no action needed): the words of SOM explained.
    (None, "glossary.py", "glossary.nav", ":material/menu_book:", "glossary"),
)


def screens_for(actor: Actor | None) -> list[StreamlitPage]:
    """The pages of a role (every page while nobody is signed in: the address then stays as
    typed, and opens once the user has signed in). The first page is the default one."""
    entries = [
        entry[1:]
        for entry in SCREEN_PAGES
        if actor is None or entry[0] is None or may(actor, entry[0])
    ]
    if len(entries) == sum(entry[0] is None for entry in SCREEN_PAGES):
        # An administrator: accounts and imports are managed on the command line.
        entries.insert(0, ("admin.py", "nav.admin", ":material/settings:", None))
    pages = [
        st.Page(SCREENS / script, title=texts(title), icon=icon, url_path=path, default=not index)
        for index, (script, title, icon, path) in enumerate(entries)
    ]
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
