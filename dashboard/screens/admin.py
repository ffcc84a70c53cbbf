"""Administration: an administrator manages accounts and imports on the command line and sees
no detainee; this page says so."""

from dashboard import render
from dashboard.language import current_texts

texts = current_texts()
render.title(texts("admin.title"))
render.caption(texts("admin.caption"))
