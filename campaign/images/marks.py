"""The marks every poster and card carries besides text: the QR code and the brand's logo.

The QR code (segno) is drawn module by module, scaled by a whole number so that every module is
a crisp square, with its four-module quiet zone in white. The logo is the brand's SVG rasterised
by CairoSVG (which needs Debian's libcairo2) or its PNG, scaled to fit its box.
"""

from __future__ import annotations

import io
from pathlib import Path

import segno
from PIL import Image

from ..errors import CampaignError

QUIET_ZONE = 4          # modules of white around the code (ISO/IEC 18004)


def qr_image(url: str, side: int) -> Image.Image:
    """A QR code for ``url`` as a square "L" image at most ``side`` pixels wide (black on white,
    quiet zone included)."""
    code = segno.make(url, error="m")
    matrix = code.matrix
    modules = len(matrix) + 2 * QUIET_ZONE
    scale = side // modules
    if scale < 1:
        raise CampaignError(f"a QR code of {modules} modules does not fit in {side} px",
                            fix="make the layout's qr box larger")
    small = Image.new("L", (modules, modules), 255)
    small.putdata([0 if (QUIET_ZONE <= y < modules - QUIET_ZONE and QUIET_ZONE <= x < modules - QUIET_ZONE
                         and matrix[y - QUIET_ZONE][x - QUIET_ZONE]) else 255
                   for y in range(modules) for x in range(modules)])
    return small.resize((modules * scale, modules * scale), Image.Resampling.NEAREST)


def cairosvg_module():
    """CairoSVG, or an error naming the Debian package it needs (it loads cairo at import)."""
    try:
        import cairosvg
    except OSError as exc:
        raise CampaignError(f"CairoSVG cannot load cairo: {exc}", path="(system libraries)",
                            fix="install cairo: apt-get install libcairo2 (make site does this when apt works)") from exc
    return cairosvg


def logo_image(path: Path, width: int, height: int) -> Image.Image:
    """The logo as RGBA, as large as fits in ``width`` x ``height`` with its proportions."""
    try:
        if path.suffix.lower() == ".svg":
            svg = path.read_bytes()
            # CairoSVG keeps the proportions when given one side: the width, or the height when
            # the logo is taller than the box allows.
            drawn = Image.open(io.BytesIO(cairosvg_module().svg2png(bytestring=svg, output_width=width)))
            if drawn.height > height:
                drawn = Image.open(io.BytesIO(cairosvg_module().svg2png(bytestring=svg, output_height=height)))
            return drawn.convert("RGBA")
        image = Image.open(path).convert("RGBA")
    except (OSError, ValueError) as exc:
        raise CampaignError(f"cannot read the logo: {exc}", path=str(path),
                            fix="give brand.logo an SVG or PNG file that opens in a browser") from exc
    scale = min(width / image.width, height / image.height)
    return image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                        Image.Resampling.LANCZOS)
