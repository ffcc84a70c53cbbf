"""SOM's joint triage screen (Streamlit).

`app.py` only routes; the screens in `screens/` describe what is on each page and call plain
functions: `triage` and `detainee` (view logic, no Streamlit), `data` (the one door to
`storage`), `identity` (who is working), `i18n` (the words) and `render` (shared widgets).
"""
