"""Numbers in right-to-left images read "0800 1111", never "1111 0800": measured on the pixels.
Each digit group is drawn alone in the same font and size and found in the rendered line by
template matching; "0800" must lie left of "1111". A negative control renders the same Urdu
sentence without the isolates and shows that the measurement then reports the reversed order."""

from __future__ import annotations

import json
import re

import pytest
from PIL import Image

from campaign.i18n.bidi import isolate_numbers_text
from campaign.images.draw import _mask
from campaign.images.fonts import css_faces, load_language_fonts
from campaign.images.layouts import Rect, TextStyle, load_layouts
from campaign.images.levels import paragraph_levels, visual_order
from campaign.images.render import MANIFEST
from campaign.images.shaping import Shaper
from campaign.images.text import Paragraph, fit_text

from . import pixels

SENTENCE = "چائلڈ لائن کو 0800 1111 پر کال کریں۔"
NUMBER = re.compile(r"\d+(?: \d+)+")
RTL = ("ur", "ar")


def latin_font(config, weight: int):
    """The brand's Latin typeface at ``weight``: the digits' font, found from the config (not
    from what the renderer reports)."""
    faces = [path for _, w, path in css_faces(config, config.brand.typefaces["latin"]) if w == weight]
    return faces[0]


def test_levels_and_visual_order():
    levels = paragraph_levels("\u0627 0800 1111 \u0628", rtl=True)
    assert levels == [1, 1, 2, 2, 2, 2, 1, 2, 2, 2, 2, 1, 1]          # without isolates
    order, _ = visual_order("ab cd", [1, 1, 1, 1, 1], 1)
    assert order == [4, 3, 2, 1, 0]


def _drawn_sentence(config, tmp_path, isolate: bool) -> tuple[Image.Image, int, int, int, int]:
    fonts = load_language_fonts(config, config.language("ur"), tmp_path / "fonts")
    shaper = Shaper(fonts.weight(400), "ur")
    text = isolate_numbers_text(SENTENCE) if isolate else SENTENCE
    rect = Rect(0, 0, 1400, 400)
    block = fit_text(shaper, [Paragraph(text, True)], rect, TextStyle(max_size=64, min_size=64), rtl=True)
    assert len(block.lines) == 1
    margin = block.size * 2
    mask = _mask(shaper, block, rect, margin, "ur", True)
    line = block.lines[0]
    return (mask, margin + round(line.baseline), margin + round(line.left),
            margin + round(line.left + line.width), block.size)


def test_the_measurement_catches_a_reversed_number(config, tmp_path):
    """Negative control: without the isolates the same sentence draws "1111 0800", and the
    template matching says so; with them it draws "0800 1111"."""
    font = latin_font(config, 400)
    for isolate, in_order in ((False, False), (True, True)):
        mask, baseline, left, right, size = _drawn_sentence(config, tmp_path, isolate)
        xs = pixels.group_positions(mask, baseline, left, right, ["0800", "1111"], font, size)
        assert (xs[0] < xs[1]) == in_order, (isolate, xs)


@pytest.mark.parametrize("code", RTL)
def test_numbers_read_left_to_right_in_rtl_images(imaged, code):
    """Every grouped number on every right-to-left poster and card (A3 posters aside: the same
    drawing as A4, larger), found on the pixels."""
    config = imaged.config
    manifest = json.loads((imaged.out / MANIFEST).read_text(encoding="utf-8"))
    styles = {layout.name: layout for layout in load_layouts(config.root / config.layouts_dir, "layouts")}
    checked = 0
    for item in manifest["files"]:
        if item["lang"] != code or item["type"] != "png" or item["layout"] == "a3-poster":
            continue
        image = Image.open(imaged.out / code / item["file"]).convert("RGB")
        for box in item["boxes"]:
            if box["kind"] != "helplines":
                continue
            weight = styles[item["layout"]].box("helplines").style.weight
            background = pixels.dominant_colours(image, _corners(box["rect"]), 1)[0][1]
            line_ink = pixels.ink(image, background)
            for line in box["lines"]:
                for number in NUMBER.findall(line["text"].replace("\u2066", "").replace("\u2069", "")):
                    xs = pixels.group_positions(line_ink, line["baseline"], line["left"], line["right"],
                                                number.split(), latin_font(config, weight), box["size"])
                    assert xs == sorted(xs), f"{item['file']}: {number} drawn as {xs}"
                    checked += 1
    assert checked >= 24, f"only {checked} numbers checked in {code}"


def _corners(rect: dict) -> tuple[int, int, int, int]:
    return rect["x"], rect["y"], rect["x"] + rect["w"], rect["y"] + rect["h"]
