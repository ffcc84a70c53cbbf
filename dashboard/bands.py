"""How bands look on the screen: the colour of each band the list can show.

Which band a row is shown under (the effective band, the split weighing band) is storage's
decision (`storage.views`); this module only colours it.
"""

from __future__ import annotations

from typing import Final

#: Sober, colour-blind-friendly colours (Okabe–Ito based); red-ish means "act", grey "not now".
#: One per band of `storage.views.DISPLAY_BANDS`.
BAND_COLOURS: Final[dict[str, str]] = {
    "priority": "#C0392B",
    "weighing": "#E69F00",
    "weighing_first": "#D55E00",
    "weighing_if_time": "#F0C05A",
    "defer": "#0072B2",
    "not_yet": "#8E9AAF",
    "no_priority": "#B8BEC6",
}


def band_colour(band: str) -> str:
    """The colour of a (display) band."""
    return BAND_COLOURS[band]
