"""Text that Streamlit may read as Markdown, and the only ways to make it.

Streamlit reads Markdown in almost every text it shows: headings, captions, alert boxes, table
cells, widget labels, tab labels and tooltips. A name, a justification, a feed value or a URL
parameter read as Markdown could show an image from another host, a link, a coloured "alert"
or raw HTML. So the dashboard's text elements (`dashboard.render`) accept only `Markup`, which
comes from two places:

- the dashboard's own catalogue (`dashboard.i18n`): trusted wording whose `{values}` are
  escaped on the way in, unless a value is `Markup` itself;
- `plain(text)`: any other text, every Markdown character escaped.

The few Markdown shapes the screens compose (bold, a list item, an icon) are built here from
`Markup` parts only. `Markup` is a `str`, so it can serve as any label; any `str` operation on
it (`+`, f-strings, `join`) gives a plain `str` again, which the render functions refuse
(mypy). tests/dashboard/test_safe_rendering.py checks nothing else constructs `Markup`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final


class Markup(str):
    """Text that may go into Markdown as it is (see the module's docstring for its sources)."""

    __slots__ = ()


_MARKDOWN_SPECIAL: Final = frozenset("\\`*_{}[]()#+-.!|<>~$:=")

_AUTOLINK: Final = re.compile(r"(?i)(?:://|www\\?\.|@)")


def plain(text: str | None) -> Markup:
    """Text typed by a person or read from a feed, made safe to put inside Markdown.

    Every Markdown character is escaped, so a justification can never become a link, an image
    or a coloured directive on a colleague's screen. Text that is `Markup` already is kept:
    escaping it again would show its backslashes.
    """
    if isinstance(text, Markup):
        return text
    escaped = "".join(f"\\{c}" if c in _MARKDOWN_SPECIAL else c for c in (text or ""))
    # The Markdown renderer turns a bare address into a link even when escaped; an invisible
    # word joiner inside the address keeps it text (it shows, and copies, the same).
    return Markup(_AUTOLINK.sub(_joined, escaped))


def _joined(found: re.Match[str]) -> str:
    # The joiner goes before the last character, or before its escape (`www\.`): a backslash
    # parted from the character it escapes would show.
    part = found.group(0)
    cut = len(part) - (2 if part.endswith("\\.") else 1)
    return part[:cut] + "\u2060" + part[cut:]


def filled(template: str, values: dict[str, object]) -> Markup:
    """A catalogue text with its `{placeholders}` filled, every value made `plain` first.

    Only `dashboard.i18n` calls this, with its own trusted wording as `template`. Numbers stay
    numbers, so a format such as `{count:,}` keeps working; they are SOM's, not typed text.
    A text without values is kept as written (a literal brace included).
    """
    if not values:
        return Markup(template)
    # `Markup` is kept as it is (escaping it again would show its backslashes): `str(value)`
    # of a `Markup` is a plain `str`, so it is checked for first.
    safe = {
        name: value if isinstance(value, int | float | Markup) else plain(str(value))
        for name, value in values.items()
    }
    return Markup(template.format(**safe))


_NOTHING: Final = Markup("")


def joined(parts: Iterable[Markup], separator: Markup = _NOTHING) -> Markup:
    """The parts one after another, `separator` between them."""
    return Markup(separator.join(parts))


def bold(text: Markup) -> Markup:
    """Text in bold."""
    return Markup(f"**{text}**")


def italic(text: Markup) -> Markup:
    """Text in italics."""
    return Markup(f"*{text}*")


def heading(text: Markup, level: int = 4) -> Markup:
    """A Markdown heading (level 4 is the small heading above a group of fields)."""
    return Markup(f"{'#' * level} {text}")


def bullet(*lines: Markup) -> Markup:
    """A list item; further lines stay inside the item (a hard break and an indent)."""
    return Markup("- " + "  \n  ".join(lines))


_ICON_NAME: Final = re.compile(r"[a-z0-9_]+")


def icon(name: str) -> Markup:
    """A Material icon by its name (`check_circle`), drawn from the font Streamlit serves."""
    if not _ICON_NAME.fullmatch(name):
        raise ValueError(f"not a Material icon name: {name!r}")
    return Markup(f":material/{name}:")


def paragraphs(*parts: Markup) -> Markup:
    """The parts as paragraphs of one text (a tooltip with a glossary line under it)."""
    return Markup("\n\n".join(parts))
