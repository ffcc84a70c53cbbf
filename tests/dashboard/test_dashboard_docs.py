"""docs/dashboard.md documents every dashboard setting and every production option."""

from __future__ import annotations

import tomllib
from pathlib import Path

from dashboard.config import LANGUAGE_VARIABLE

REPOSITORY = Path(__file__).resolve().parents[2]
DOC = (REPOSITORY / "docs" / "dashboard.md").read_text(encoding="utf-8")


def test_the_language_setting_is_documented() -> None:
    assert f"`{LANGUAGE_VARIABLE}`" in DOC


def test_every_production_streamlit_option_is_documented() -> None:
    config = tomllib.loads((REPOSITORY / ".streamlit" / "config.toml").read_text("utf-8"))
    options = [
        f"{section}.{key}"
        for section, values in config.items()
        if section != "theme"
        for key in values
    ]
    missing = [option for option in options if f"`{option}`" not in DOC]
    assert missing == [], f"document {missing} in docs/dashboard.md"


def test_the_screenshots_the_docs_show_exist() -> None:
    for name in ("list.png", "detainee.png"):
        assert f"screenshots/{name}" in DOC
        assert (REPOSITORY / "docs" / "screenshots" / name).stat().st_size > 10_000
