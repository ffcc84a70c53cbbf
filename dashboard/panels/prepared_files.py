"""A file the page makes on request and then offers for download: *Prepare* makes it (and, for
an export, logs it), *Download* hands over what was made. The file is kept in the session with
what it was made of, so after a change of filters or options the old file is not offered."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Final

import streamlit as st

from dashboard import render
from dashboard.markup import Markup

#: The media type of each kind of file the page hands over.
MEDIA_TYPES: Final = {"csv": "text/csv", "json": "application/json"}


def prepared_file(
    key: str,
    labels: tuple[Markup, Markup],
    made_of: Hashable,
    make: Callable[[], str | None],
    file_name: str,
    note: Markup | None = None,
) -> None:
    """The *Prepare* button (labels[0]) that calls `make` (None: nothing made; `make` said why)
    and, once made of `made_of`, the *Download* button (labels[1]) for `file_name`."""
    prepare, download = labels
    if render.button(prepare, key=f"{key}_prepare"):
        text = make()
        if text is not None:
            st.session_state[key] = (made_of, text)
            if note is not None:
                render.caption(note)
    made = st.session_state.get(key)
    if made is not None and made[0] == made_of:
        render.download_button(
            download,
            made[1],
            file_name=file_name,
            mime=MEDIA_TYPES[file_name.rsplit(".", 1)[-1]],
            key=f"{key}_download",
        )
