"""One poster or card: a layout, its texts in one language, the brand, drawn with Pillow.

Drawn in this order: the background, the panels, each box's fill, the logo and the QR code, then
each text box. A text box's text is fitted (``text.fit_text``), drawn into a mask with room
around it, and refused when its ink reaches outside the box (then a smaller size is tried). The
contrast between the text's colour and the pixels the mask covers is measured on the image as it
stands (``contrast``) and must reach WCAG's 4.5:1; then the text is painted through the mask.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from ..brand import TEXT_RATIO, Brand
from ..errors import CampaignError
from .contrast import behind_colours, lowest_contrast
from .fonts import LanguageFonts
from .layouts import Box, Layout, Rect, TextStyle, resolve_colour
from .marks import logo_image, qr_image
from .shaping import Shaper
from .text import DoesNotFit, Paragraph, TextBlock, fit_text

BULLET_RADIUS = 0.14      # ems
BULLET_RAISE = 0.32       # ems above the baseline
INK_ATTEMPTS = 4          # fits of one box, each keeping more room for ink that spilled
SAMPLE_FILL = "#000000"   # the SAMPLE band of an example council's pictures
SAMPLE_INK = "#ffffff"


@dataclass(frozen=True)
class ImageContent:
    """What one image shows, in its language (plain text, numbers isolated)."""

    brand_name: Paragraph
    headline: Paragraph
    lines: tuple[Paragraph, ...]
    helplines: tuple[Paragraph, ...]
    qr_url: str
    language: str
    rtl: bool
    source: str               # the poster's source, for messages (e.g. "posters/children.md")
    sample: Paragraph | None = None   # an example council's pack: "SAMPLE" across the top


@dataclass(frozen=True)
class DrawnPiece:
    text: str
    font: str                 # the font file's name
    rtl: bool


@dataclass(frozen=True)
class DrawnLine:
    text: str
    baseline: int             # in the image
    left: int
    right: int
    pieces: tuple[DrawnPiece, ...]


@dataclass(frozen=True)
class DrawnBox:
    """A box as drawn: where, and for text the size, colour and measured contrast."""

    kind: str
    rect: Rect
    size: int | None = None
    colour: str | None = None
    contrast: float | None = None
    lines: tuple[DrawnLine, ...] = ()


@dataclass
class Drawn:
    image: Image.Image
    boxes: list[DrawnBox]


class Painter:
    """Draws images for one language (keeps its shapers and logos between images)."""

    def __init__(self, fonts: LanguageFonts, brand: Brand, logo: Path | None) -> None:
        self.fonts = fonts
        self.brand = brand
        self.logo = logo
        self._shapers: dict[int, Shaper] = {}
        self._logos: dict[tuple[int, int], Image.Image] = {}

    def shaper(self, weight: int) -> Shaper:
        if weight not in self._shapers:
            self._shapers[weight] = Shaper(self.fonts.weight(weight), self.fonts.code)
        return self._shapers[weight]

    def draw(self, layout: Layout, content: ImageContent) -> Drawn:
        """The image of ``layout`` showing ``content`` (a CampaignError names the layout, the
        box, the language and the fix when a text does not fit or lacks contrast)."""
        placed = layout.placed(content.rtl)
        colour = lambda name: resolve_colour(name, self.brand)  # noqa: E731
        image = Image.new("RGB", (layout.width, layout.height), colour(layout.background))
        paint = ImageDraw.Draw(image)
        for panel in placed.panels:
            paint.rectangle(_corners(panel.rect), fill=colour(panel.fill))
        for box in placed.boxes:
            if box.fill is not None:
                paint.rectangle(_corners(box.rect), fill=colour(box.fill))
        drawn: list[DrawnBox] = []
        for box in placed.boxes:
            if box.kind == "qr":
                code = qr_image(content.qr_url, min(box.rect.w, box.rect.h))
                image.paste(code, _centred(box.rect, code.size))
                drawn.append(DrawnBox(kind=box.kind, rect=box.rect))
            elif box.kind == "logo" and self.logo is not None:
                mark = self._logo(box.rect)
                image.paste(mark, _centred(box.rect, mark.size), mark)
                drawn.append(DrawnBox(kind=box.kind, rect=box.rect))
        for box in placed.boxes:
            if box.style is not None:
                drawn.append(self._text_box(image, layout, box, box.style, content))
        if content.sample is not None:
            drawn.append(self._sample_band(image, layout, placed, content))
        return Drawn(image=image, boxes=drawn)

    def _sample_band(self, image: Image.Image, layout: Layout, placed: Layout,
                     content: ImageContent) -> DrawnBox:
        """SAMPLE, white on black, in a band over the top margin (above every box: it hides
        nothing), so that no picture of an example council's pack passes for a real one."""
        height = min(box.rect.y for box in placed.boxes)
        band = Rect(0, 0, layout.width, height)
        ImageDraw.Draw(image).rectangle(_corners(band), fill=SAMPLE_FILL)
        pad = max(1, height // 8)
        size = max(1, height - 2 * pad)
        box = Box(kind="sample", rect=Rect(pad * 4, pad, layout.width - pad * 8, height - 2 * pad),
                  style=TextStyle(max_size=size, min_size=max(1, size // 2), weight=700,
                                  colour=SAMPLE_INK, align="start", valign="middle"))
        assert box.style is not None
        drawn = self._text_box(image, layout, box, box.style, content)
        return DrawnBox(kind="sample", rect=band, size=drawn.size, colour=drawn.colour,
                        contrast=drawn.contrast, lines=drawn.lines)

    def _logo(self, rect: Rect) -> Image.Image:
        key = (rect.w, rect.h)
        if key not in self._logos:
            assert self.logo is not None
            self._logos[key] = logo_image(self.logo, rect.w, rect.h)
        return self._logos[key]

    def _text_box(self, image: Image.Image, layout: Layout, box: Box, style: TextStyle,
                  content: ImageContent) -> DrawnBox:
        paragraphs = {"headline": (content.headline,), "lines": content.lines,
                      "helplines": content.helplines, "brand-name": (content.brand_name,),
                      "sample": (content.sample,) if content.sample else ()}[box.kind]
        shaper = self.shaper(style.weight)
        colour = resolve_colour(style.colour, self.brand)
        reserve = (0.0, 0.0, 0.0, 0.0)
        for attempt in range(INK_ATTEMPTS):
            try:
                block = fit_text(shaper, list(paragraphs), box.rect, style, bullets=box.kind == "lines",
                                 rtl=content.rtl, reserve=reserve)
            except DoesNotFit as exc:
                raise self._does_not_fit(layout, box, style, content, paragraphs, exc.reason) from None
            except CampaignError as exc:
                raise CampaignError(f"{content.language}, {box.kind}: {exc.detail}", path=content.source,
                                    fix=exc.fix) from None
            margin = block.size * 2
            mask = _mask(shaper, block, box.rect, margin, content.language, content.rtl)
            spill = _spill(mask.getbbox(), margin, box.rect)
            if not any(spill):
                break
            # Ink reached past the box (a swash, a climbing word): keep that much more room, in
            # ems, and fit again.
            reserve = _more_room(reserve, spill, block.size)
        else:
            raise self._does_not_fit(layout, box, style, content, paragraphs,
                                     f"its ink still reaches outside the box after {INK_ATTEMPTS} tries")
        origin = (box.rect.x - margin, box.rect.y - margin)
        ratio, worst = lowest_contrast(colour, behind_colours(image, mask, origin))
        if ratio < TEXT_RATIO:
            raise CampaignError(
                f"{content.language}: the {box.kind} text ({colour}) has a contrast of {ratio:.2f}:1 "
                f"against {worst} behind it, measured on the image; WCAG 2.2 AA asks 4.5:1",
                path=layout.shown, line=box.line,
                fix="change the box's style colour, or the fill or panel behind it")
        image.paste(colour, origin, mask)
        return DrawnBox(kind=box.kind, rect=box.rect, size=block.size, colour=colour,
                        contrast=round(ratio, 2), lines=_drawn_lines(shaper, block, box.rect))

    def _does_not_fit(self, layout: Layout, box: Box, style: TextStyle, content: ImageContent,
                      paragraphs: tuple[Paragraph, ...], reason: str) -> CampaignError:
        text = " / ".join(p.text for p in paragraphs).replace("\u2066", "").replace("\u2069", "")
        return CampaignError(
            f"{content.language}: the {box.kind} text does not fit its box ({box.rect.w} x "
            f"{box.rect.h} px) at the smallest size, {style.min_size} px: {reason}. The text: {text!r}",
            path=layout.shown, line=box.line,
            fix=f"shorten the text ({content.source}, or its translation in locales/"
                f"{content.language.replace('-', '_')}/LC_MESSAGES/content.po), or give the {box.kind} "
                f"box more room or a smaller style.min in {layout.shown}")


def _spill(ink: tuple[int, int, int, int] | None, margin: int, rect: Rect) -> tuple[int, int, int, int]:
    """How many pixels the ink (a mask's bounding box, drawn with ``margin``) reaches past each
    side of the box: left, top, right, bottom."""
    if ink is None:
        return 0, 0, 0, 0
    return (max(0, margin - ink[0]), max(0, margin - ink[1]), max(0, ink[2] - margin - rect.w),
            max(0, ink[3] - margin - rect.h))


def _more_room(reserve: tuple[float, float, float, float], spill: tuple[int, int, int, int],
               size: int) -> tuple[float, float, float, float]:
    """``reserve`` (ems) grown by the pixels the ink spilled at ``size``, and a little more."""
    left, top, right, bottom = (r + (s / size + 0.01 if s else 0.0) for r, s in zip(reserve, spill))
    return left, top, right, bottom


def _corners(rect: Rect) -> tuple[int, int, int, int]:
    return rect.x, rect.y, rect.right - 1, rect.bottom - 1


def _centred(rect: Rect, size: tuple[int, int]) -> tuple[int, int]:
    return rect.x + (rect.w - size[0]) // 2, rect.y + (rect.h - size[1]) // 2


def _mask(shaper: Shaper, block: TextBlock, rect: Rect, margin: int, language: str, rtl: bool) -> Image.Image:
    """The block's glyphs (and bullets) as coverage, with ``margin`` pixels of room on each side."""
    mask = Image.new("L", (rect.w + 2 * margin, rect.h + 2 * margin), 0)
    pen = ImageDraw.Draw(mask)
    for line in block.lines:
        for piece in line.pieces:
            pen.text((margin + line.left + piece.x, margin + line.baseline), piece.text,
                     font=shaper.font(piece.font, block.size), fill=255, anchor="ls",
                     direction="rtl" if piece.rtl else "ltr", language=language)
        if block.indent and line.first:
            radius = BULLET_RADIUS * block.size
            centre_x = margin + (rect.w - block.indent / 2 if rtl else block.indent / 2)
            centre_y = margin + line.baseline - BULLET_RAISE * block.size
            pen.ellipse((centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius), fill=255)
    return mask


def _drawn_lines(shaper: Shaper, block: TextBlock, rect: Rect) -> tuple[DrawnLine, ...]:
    return tuple(DrawnLine(text=line.text, baseline=round(rect.y + line.baseline),
                           left=round(rect.x + line.left), right=round(rect.x + line.left + line.width),
                           pieces=tuple(DrawnPiece(text=p.text, font=shaper.fonts.files[p.font].source.name,
                                                   rtl=p.rtl) for p in line.pieces))
                 for line in block.lines)
