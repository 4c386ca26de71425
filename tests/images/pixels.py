"""Measures taken on rendered images with Pillow alone (no numpy), independently of the renderer:
the colours in a region, contrast, where a piece of text lies in a line (template matching), and
characters drawn from a font that lacks them (fontTools)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageStat

from campaign.brand import contrast_ratio
from campaign.config import FONTS_DIR
from tests.conftest import ROOT


@lru_cache(maxsize=1)
def font_cmaps() -> dict[str, frozenset[int]]:
    """The character map of every font file in assets/fonts, by file name (read by fontTools)."""
    return {path.name: frozenset(TTFont(path).getBestCmap()) for path in (ROOT / FONTS_DIR).rglob("*.woff2")}


def missing_glyphs(name: str, boxes: Iterable[dict], cmaps: dict[str, frozenset[int]]) -> tuple[Counter, int]:
    """Characters of the drawn boxes (an ImageFile's ``boxes``) that are not in the character map
    of the font file each run was drawn with, counted as ``U+XXXX in <font> (<name>)``, and how
    many runs were checked."""
    missing: Counter = Counter()
    pieces = 0
    for box in boxes:
        for line in box["lines"]:
            for piece in line["pieces"]:
                pieces += 1
                for char in piece["text"]:
                    if not char.isspace() and ord(char) not in cmaps[piece["font"]]:
                        missing[f"U+{ord(char):04X} in {piece['font']} ({name})"] += 1
    return missing, pieces


def hex_colour(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb[:3])


def dominant_colours(image: Image.Image, box: tuple[int, int, int, int], count: int = 2) -> list[tuple[int, str]]:
    """The ``count`` most frequent colours in ``box`` (left, top, right, bottom), with their pixel
    counts: the background first, then the text's solid colour (anti-aliased edges are spread
    over many colours, each rarer)."""
    region = image.crop(box).convert("RGB")
    found = region.getcolors(maxcolors=region.width * region.height) or []
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [(n, hex_colour(rgb)) for n, rgb in found[:count]]


def measured_contrast(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[float, str, str]:
    """The contrast between the two dominant colours of a text box: (ratio, background, text)."""
    (_, background), (_, text) = dominant_colours(image, box, 2)
    return contrast_ratio(background, text), background, text


def ink(image: Image.Image, background: str) -> Image.Image:
    """How far each pixel is from ``background`` (0: background), as an "L" image."""
    plain = Image.new("RGB", image.size, background)
    return ImageChops.difference(image.convert("RGB"), plain).convert("L")


def text_template(font_path: Path, size: int, text: str, ascent: int, height: int) -> Image.Image:
    """``text`` drawn alone (white on black, "L") with its baseline ``ascent`` pixels from the top."""
    font = ImageFont.truetype(str(font_path), size)
    width = int(font.getlength(text)) + 4
    canvas = Image.new("L", (width, height), 0)
    ImageDraw.Draw(canvas).text((2, ascent), text, font=font, fill=255, anchor="ls")
    box = canvas.getbbox()
    assert box is not None
    return canvas.crop((box[0], 0, box[2], height))


def find_in_strip(strip: Image.Image, template: Image.Image) -> tuple[int, float]:
    """The x where ``template`` best matches ``strip`` (both "L", the same height), and the mean
    difference there (0: identical)."""
    best_x, best = -1, float("inf")
    for x in range(0, strip.width - template.width + 1):
        diff = ImageChops.difference(strip.crop((x, 0, x + template.width, strip.height)), template)
        total = ImageStat.Stat(diff).sum[0]
        if total < best:
            best_x, best = x, total
    return best_x, best / (template.width * template.height)


def group_positions(line_ink: Image.Image, baseline: int, left: int, right: int, groups: list[str],
                    font_path: Path, size: int) -> list[int]:
    """Where each digit group (e.g. "0800", "1111") is drawn in a line: the x of its best match
    along the line's baseline, between ``left`` and ``right``."""
    ascent, descent = int(size * 1.1), int(size * 0.35)
    strip = line_ink.crop((max(0, left - size), baseline - ascent, min(line_ink.width, right + size),
                           baseline + descent))
    xs = []
    for group in groups:
        template = text_template(font_path, size, group, ascent, ascent + descent)
        x, _ = find_in_strip(strip, template)
        xs.append(x)
    return xs


def check_text_contrast(image: Image.Image, file: str, boxes) -> None:
    """Each text box as drawn (``boxes``: the renderer's records): its two dominant colours, the
    background and the text's solid colour, have at least 4.5:1 contrast (WCAG 2.2 AA), and the
    text's is the colour the layout meant."""
    for box in boxes:
        if box["size"] is None:
            continue
        rect = box["rect"]
        ratio, background, text = measured_contrast(
            image, (rect["x"], rect["y"], rect["x"] + rect["w"], rect["y"] + rect["h"]))
        assert ratio >= 4.5, f"{file} {box['kind']}: {text} on {background} is {ratio:.2f}:1"
        assert text == box["colour"], (file, box["kind"], text, box["colour"])
