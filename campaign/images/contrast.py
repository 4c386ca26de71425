"""WCAG contrast measured on the rendered pixels, not assumed from the palette.

Before a box's text is drawn, every pixel that the text will cover (its glyph mask, at full
coverage) is read from the image as it stands: the lowest contrast between the text's colour and
any of those pixels is the box's contrast. A panel edge, a picture or a gradient behind the text
counts, whatever the layout meant.
"""

from __future__ import annotations

from PIL import Image

from ..brand import contrast_ratio

SOLID = 128         # mask coverage from which a pixel counts as covered by the text


def behind_colours(image: Image.Image, mask: Image.Image, origin: tuple[int, int]) -> list[str]:
    """The colours (``#rrggbb``) of the pixels of ``image`` under ``mask`` placed at ``origin``
    (mask pixels of at least SOLID coverage)."""
    box = mask.getbbox()
    if box is None:
        return []
    left, top = origin[0] + box[0], origin[1] + box[1]
    region = image.crop((left, top, left + box[2] - box[0], top + box[3] - box[1])).convert("RGB")
    covered = mask.crop(box).point(lambda v: 255 if v >= SOLID else 0)
    region.putalpha(covered)
    found = region.getcolors(maxcolors=region.width * region.height) or []
    return sorted({"#{:02x}{:02x}{:02x}".format(*rgba[:3]) for _, rgba in found
                   if isinstance(rgba, tuple) and rgba[3] == 255})


def lowest_contrast(colour: str, behind: list[str]) -> tuple[float, str | None]:
    """The lowest contrast of ``colour`` against the colours ``behind`` it, and that colour."""
    if not behind:
        return 21.0, None
    worst = min(behind, key=lambda other: contrast_ratio(colour, other))
    return contrast_ratio(colour, worst), worst
