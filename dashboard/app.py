"""SOM dashboard: the entry script. It sets up the page, asks who is working, and routes.

Start it with `som serve` (or `streamlit run dashboard/app.py`). The screens live in
`dashboard/screens/`; a detainee opens at `/detainee?skn=…`.
"""

from pathlib import Path

import streamlit as st

from dashboard.icon import page_icon
from dashboard.identity import ask_in_sidebar
from dashboard.language import current_texts, switch_in_sidebar
from dashboard.panels.triage_panels import keep_filters
from dashboard.render import storage_trouble_explained

SCREENS = Path(__file__).resolve().parent / "screens"

st.set_page_config(page_title="SOM", page_icon=page_icon(), layout="wide")
texts = current_texts()
page = st.navigation(
    [
        st.Page(
            SCREENS / "triage.py",
            title=texts("nav.list"),
            icon=":material/format_list_numbered:",
            default=True,
        ),
        st.Page(
            SCREENS / "detainee.py",
            title=texts("nav.detainee"),
            icon=":material/person:",
            url_path="detainee",
        ),
    ]
)
keep_filters()  # every page, so the list's filters survive a visit to a detainee
switch_in_sidebar()
ask_in_sidebar(current_texts())
with storage_trouble_explained(current_texts()):
    page.run()
