"""The dashboard's own HTML: band badges and the count-per-band bars.

Markdown cannot colour a label or draw a bar, so these few pieces are HTML. They are `Html`,
which only this module makes, and every text inside is HTML-escaped here; `render.show_html`
accepts nothing else (tests/dashboard/test_safe_rendering.py checks nobody else makes `Html`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Final

from dashboard.bands import BAND_COLOURS
from dashboard.formatting import format_count
from dashboard.i18n import Catalogue


class Html(str):
    """A piece of HTML made by this module, every text in it escaped."""

    __slots__ = ()


#: Bands light enough to need dark text on their badge.
_LIGHT: Final = frozenset({"weighing_if_time", "no_priority", "not_yet", "weighing"})


def band_badge(band: str, texts: Catalogue, prefix: str = "") -> Html:
    """A band as a coloured label (the colour never carries meaning alone)."""
    colour = BAND_COLOURS.get(band, "#777777")
    ink = "#1F2328" if band in _LIGHT else "#FFFFFF"
    label = escape(f"{prefix}{texts.band(band)}")
    return Html(
        f'<span class="som-band" style="background:{colour};color:{ink};padding:0.15rem 0.6rem;'
        f'border-radius:0.8rem;font-weight:600;white-space:nowrap">{label}</span>'
    )


def labelled(label: str, badge: Html, *, strong: bool = False) -> Html:
    """A badge after its label: in bold where it heads a box, plain beside other badges."""
    if strong:
        return Html(f"<b>{escape(label)}</b>&nbsp; {badge}")
    return Html(f"<span>{escape(label)}</span> {badge}")


def words(text: str) -> Html:
    """Text among badges, escaped."""
    return Html(escape(text))


def badge_row(parts: Iterable[Html]) -> Html:
    """Badges on one line, a little apart."""
    return Html("&nbsp;&nbsp;".join(parts))


def count_bars(counts: Mapping[str, int], texts: Catalogue, caption: str) -> Html:
    """The count per band as small horizontal bars in the bands' colours.

    Plain HTML rather than a chart library: it draws at once, and the list page stays light
    (a chart library is megabytes of script for five bars). It is a real table, so a screen
    reader reads "prioriteit 24".
    """
    widest = max([*counts.values(), 1])
    rows = []
    for band, count in counts.items():
        width = 100 * count / widest
        rows.append(
            f'<tr><th scope="row" style="{_LABEL_STYLE}">{escape(texts.band(band))}</th>'
            f'<td style="{_CELL_STYLE}"><div style="display:flex;align-items:center;gap:0.4rem">'
            f'<div style="background:{BAND_COLOURS.get(band, "#777777")};width:{width:.1f}%;'
            f'min-width:2px;height:1.1rem;border-radius:2px"></div>'
            f'<span style="font-variant-numeric:tabular-nums">{format_count(count, texts)}</span>'
            f"</div></td></tr>"
        )
    return Html(
        f'<table class="som-counts" style="width:100%;border-collapse:collapse;border:none">'
        f'<caption style="caption-side:top;text-align:left;font-size:0.875rem;'
        f'color:rgba(49,51,63,0.6);padding-bottom:0.3rem">{escape(caption)}</caption>'
        f"{''.join(rows)}</table>"
    )


_LABEL_STYLE: Final = (
    "text-align:right;font-weight:400;font-size:0.85rem;white-space:nowrap;"
    "padding:0.15rem 0.6rem 0.15rem 0;border:none;width:1%"
)
_CELL_STYLE: Final = "width:99%;padding:0.15rem 0;border:none"
