"""SOM's page icon, drawn here so that no page fetches an icon from outside the server.

A Material icon or an emoji as `page_icon` makes the browser load it from an outside font or
image service; a picture made on the server is served by the server itself.
"""

from __future__ import annotations

from functools import cache

from PIL import Image, ImageDraw

#: The primary colour of the theme (.streamlit/config.toml).
_BLUE = (31, 78, 121, 255)
_WHITE = (255, 255, 255, 255)


@cache
def page_icon() -> Image.Image:
    """A 64×64 icon: a balance in white on the theme's blue."""
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 63, 63), radius=12, fill=_BLUE)
    draw.rectangle((30, 12, 33, 50), fill=_WHITE)  # the post
    draw.rectangle((14, 16, 49, 19), fill=_WHITE)  # the beam
    draw.rectangle((22, 49, 41, 52), fill=_WHITE)  # the foot
    for centre in (17, 46):  # the two pans
        draw.pieslice((centre - 9, 22, centre + 9, 40), 0, 180, fill=_WHITE)
    return image
