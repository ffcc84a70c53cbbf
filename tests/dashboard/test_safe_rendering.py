"""One safe rendering path (issue 8, item 5): only `dashboard/render.py` hands text to a
Streamlit element that reads Markdown, and only the catalogue and `plain` make `Markup`.

The scan reads every dashboard module with `ast`: a call of one of these Streamlit functions on
any object (`st.`, a column, a placeholder) outside the render module fails, and so does an
`unsafe_allow_html` anywhere but there.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"
RENDER = DASHBOARD / "render.py"

#: Streamlit functions that read Markdown in a text, label, option or tab name (Streamlit docs:
#: text elements, alerts, st.table cells, widget labels, radio options, tab and expander labels).
MARKDOWN_READERS = frozenset(
    {
        "markdown", "caption", "write", "write_stream", "title", "header", "subheader",
        "info", "warning", "error", "success", "exception", "toast", "html", "latex", "badge",
        "table", "metric", "tabs", "expander", "popover", "dialog", "button", "form_submit_button",
        "download_button", "link_button", "page_link", "selectbox", "multiselect", "radio",
        "checkbox", "toggle", "text_input", "text_area", "number_input", "slider",
        "select_slider", "date_input", "time_input", "pills", "segmented_control", "feedback",
        "color_picker", "file_uploader", "camera_input", "chat_input", "chat_message",
    }
)  # fmt: skip

#: Who may construct the safe types, and the catalogue's filling function.
MAKERS = {
    "Markup": {DASHBOARD / "markup.py"},
    "filled": {DASHBOARD / "markup.py", DASHBOARD / "i18n" / "__init__.py"},
    "Html": {DASHBOARD / "badges.py"},
}


def markdown_calls(path: Path) -> list[str]:
    """Every call in `path` of a Markdown-reading Streamlit function, or with HTML allowed,
    or of a maker of safe text outside its home, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        name = _called_name(node.func)
        if _streamlit_call(node.func) and name in MARKDOWN_READERS and path != RENDER:
            found.append(f"{node.lineno}: .{name}(")
        if name in MAKERS and path not in MAKERS[name]:
            found.append(f"{node.lineno}: {name}(")
        for keyword in node.keywords:
            if keyword.arg == "unsafe_allow_html" and path != RENDER:
                found.append(f"{node.lineno}: unsafe_allow_html")
            if keyword.arg == "help" and path != RENDER and not _catalogue_text(keyword.value):
                found.append(f"{node.lineno}: help= that is not a catalogue text")
    return found


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _streamlit_call(func: ast.expr) -> bool:
    """A method call on anything but the render module (`render.caption` is the safe path)."""
    return isinstance(func, ast.Attribute) and not (
        isinstance(func.value, ast.Name) and func.value.id == "render"
    )


def _catalogue_text(value: ast.expr) -> bool:
    """A tooltip reads Markdown; outside render.py it must be `texts(...)` written out, or
    `explained(texts(...), …)` (the glossary's lines under it, escaped)."""
    if isinstance(value, ast.Call) and _called_name(value.func) == "explained":
        return bool(value.args) and _catalogue_text(value.args[0])
    return isinstance(value, ast.Call) and _called_name(value.func) == "texts"


DASHBOARD_MODULES = sorted(DASHBOARD.rglob("*.py"))


@pytest.mark.parametrize(
    "path", DASHBOARD_MODULES, ids=[str(p.relative_to(DASHBOARD)) for p in DASHBOARD_MODULES]
)
def test_only_the_render_module_hands_text_to_markdown(path: Path) -> None:
    found = markdown_calls(path)
    assert not found, (
        f"dashboard/{path.relative_to(DASHBOARD)} renders Markdown itself at {found}: "
        "call dashboard.render with Markup (texts(...) or plain(...))"
    )


def test_the_scan_sees_markdown_on_any_container_html_and_home_made_markup(
    tmp_path: Path,
) -> None:
    screen = tmp_path / "screen.py"
    screen.write_text(
        "import streamlit as st\n"
        "st.caption(name)\n"
        "left, right = st.columns(2)\n"
        "left.button(f'{name}')\n"
        "st.dataframe(frame, unsafe_allow_html=True)\n"
        "Markup(name)\n"
        "st.column_config.TextColumn('x', help=name)\n"
        "st.columns(2)\n"
        "render.caption(plain(name))\n"
    )
    assert markdown_calls(screen) == [
        "2: .caption(",
        "4: .button(",
        "5: unsafe_allow_html",
        "6: Markup(",
        "7: help= that is not a catalogue text",
    ]
