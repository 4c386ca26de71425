"""Text in a box, with the real typefaces: lines break at UAX #14 opportunities only (never inside
a grapheme cluster or an isolated number), a long text shrinks within its limits or fails naming
the text and the fix, and no ink is ever drawn outside its box."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fontTools.ttLib import TTFont
from PIL import Image
from uniseg.graphemecluster import grapheme_cluster_boundaries

from campaign.errors import CampaignError
from campaign.i18n.bidi import isolate_numbers_text
from campaign.images.draw import ImageContent, Painter, _mask
from campaign.images.fonts import load_language_fonts
from campaign.images.layouts import Box, Layout, Rect, TextStyle
from campaign.images.shaping import Shaper
from campaign.images.text import DoesNotFit, Paragraph, fit_text
from tests.conftest import ROOT

LONG = ("If you are worried about a child, call the NSPCC Helpline on 0808 800 5000. You can stay "
        "anonymous. If a child is in danger right now, call 999. ") * 3
URDU = "اگر آپ کسی بچے کے بارے میں فکرمند ہیں تو 0808 800 5000 پر NSPCC Helpline کو کال کریں۔"
BENGALI = "কোনো শিশুকে নিয়ে চিন্তিত হলে 0808 800 5000 নম্বরে NSPCC Helpline-এ কল করুন। আপনি নিজের নাম-পরিচয় গোপন রাখতে পারেন।"


@pytest.fixture(scope="module")
def fonts(config, tmp_path_factory):
    cache = tmp_path_factory.mktemp("fonts")
    return {code: load_language_fonts(config, config.language(code), cache) for code in ("en", "ur", "bn")}


def test_a_long_text_shrinks_within_its_limits(fonts):
    shaper = Shaper(fonts["en"].weight(700), "en")
    rect = Rect(0, 0, 700, 330)
    style = TextStyle(max_size=60, min_size=18, weight=700)
    short = fit_text(shaper, [Paragraph("Call 999.", False)], rect, style)
    long = fit_text(shaper, [Paragraph(isolate_numbers_text(LONG), False)], rect, style)
    assert short.size == 60
    assert 18 <= long.size < 40
    for line in long.lines:
        assert line.left >= 0 and line.left + line.width <= rect.w
    mask = _mask(shaper, long, rect, long.size * 2, "en", False)
    assert _inside(mask.getbbox(), long.size * 2, rect)


def test_a_text_too_long_for_the_smallest_size_fails_naming_it(config, fonts, tmp_path):
    layout = _layout(Rect(40, 500, 500, 120), TextStyle(max_size=40, min_size=30, weight=700))
    painter = Painter(fonts["en"], config.brand, ROOT / "assets" / "brand" / "logo.svg")
    with pytest.raises(CampaignError) as caught:
        painter.draw(layout, _content(LONG, "en"))
    message = caught.value.format_message()
    assert message.startswith("layouts/test.yml:9: en: the helplines text does not fit its box (500 x 120 px) "
                              "at the smallest size, 30 px")
    assert "NSPCC Helpline on 0808 800 5000" in message          # the text, numbers as written
    assert "fix: shorten the text (posters/test.md, or its translation in locales/en/LC_MESSAGES/content.po)" in message
    assert "smaller style.min in layouts/test.yml" in message


def test_a_word_wider_than_the_box_is_named(fonts):
    shaper = Shaper(fonts["en"].weight(400), "en")
    with pytest.raises(DoesNotFit) as caught:
        fit_text(shaper, [Paragraph("Supercalifragilisticexpialidocious", False)], Rect(0, 0, 200, 400),
                 TextStyle(max_size=60, min_size=30))
    assert "'Supercalifragilisticexpialidocious' is" in caught.value.reason
    assert "wider than the room in the box" in caught.value.reason


@pytest.mark.parametrize("code, text", [("en", LONG), ("ur", URDU), ("bn", BENGALI)])
def test_no_ink_outside_the_box_in_any_script(config, fonts, code, text):
    """Drawn for real: every pixel outside the text boxes, the logo and the QR code is the
    background (a Nastaliq word climbs far above its line; it is still inside)."""
    rect = Rect(60, 400, 640, 460)
    layout = _layout(rect, TextStyle(max_size=80, min_size=16, weight=700))
    painter = Painter(fonts[code], config.brand, ROOT / "assets" / "brand" / "logo.svg")
    drawn = painter.draw(layout, _content(text, code, rtl=code == "ur"))
    image = drawn.image.copy()
    for box in drawn.boxes:                   # blank every box: what is left must be background
        image.paste((255, 255, 255), (box.rect.x, box.rect.y, box.rect.right, box.rect.bottom))
    assert image.getcolors() == [(image.width * image.height, (255, 255, 255))]
    helplines = next(b for b in drawn.boxes if b.kind == "helplines")
    assert helplines.size is not None and helplines.size >= 16


def test_lines_break_only_between_clusters_and_never_inside_a_number(fonts):
    for code, text in (("bn", BENGALI), ("ur", URDU), ("en", LONG)):
        shaper = Shaper(fonts[code].weight(400), code)
        isolated = isolate_numbers_text(text)
        block = fit_text(shaper, [Paragraph(isolated, code == "ur")], Rect(0, 0, 260, 3000),
                         TextStyle(max_size=24, min_size=24), rtl=code == "ur")
        assert len(block.lines) >= 4, code
        clusters = set(grapheme_cluster_boundaries(isolated))
        position = 0
        for line in block.lines:
            for number in ("0808 800 5000",):
                assert not (number.split()[0] in line.text and number not in line.text), (code, line.text)
            start = isolated.index(line.text, position)
            assert start in clusters and start + len(line.text) in clusters, (code, line.text)
            position = start + len(line.text)


def test_every_character_drawn_is_in_its_fonts_character_map(fonts):
    """No missing-glyph box: each run is drawn in a font whose cmap (read by fontTools from the
    woff2 file) has every one of its characters."""
    for code, text in (("bn", BENGALI), ("ur", URDU), ("en", LONG)):
        shaper = Shaper(fonts[code].weight(700), code)
        block = fit_text(shaper, [Paragraph(isolate_numbers_text(text), code == "ur")], Rect(0, 0, 900, 2000),
                         TextStyle(max_size=40, min_size=20, weight=700), rtl=code == "ur")
        cmaps: dict = {}
        for line in block.lines:
            for piece in line.pieces:
                source = shaper.fonts.files[piece.font].source
                cmap = cmaps.setdefault(source, set(TTFont(source).getBestCmap()))
                missing = [c for c in piece.text if not c.isspace() and ord(c) not in cmap]
                assert not missing, (code, source.name, missing)


def _layout(rect: Rect, style: TextStyle) -> Layout:
    boxes = (Box("logo", Rect(40, 40, 100, 100)),
             Box("headline", Rect(160, 40, 600, 100), TextStyle(max_size=40, min_size=20)),
             Box("helplines", rect, style, line=9),
             Box("qr", Rect(780, 200, 200, 200)))
    return Layout(name="test", title="Test", format="card", width=1000, height=1000, dpi=72,
                  background="white", panels=(), boxes=boxes, shown="layouts/test.yml")


def _content(text: str, code: str, rtl: bool = False) -> ImageContent:
    return ImageContent(brand_name=Paragraph("Talk about it", False), headline=Paragraph("Tell someone", False),
                        lines=(), helplines=(Paragraph(isolate_numbers_text(text), rtl),),
                        qr_url="https://campaign.example.org/", language=code, rtl=rtl,
                        source="posters/test.md")


def _inside(ink, margin: int, rect: Rect) -> bool:
    return ink is None or (ink[0] >= margin and ink[1] >= margin and ink[2] <= margin + rect.w
                           and ink[3] <= margin + rect.h)


def test_pieces_of_an_image_are_never_drawn_in_the_wrong_place_for_a_mirrored_layout(config, fonts):
    """Right to left, the layout is mirrored: the logo and the QR code change sides."""
    layout = replace(_layout(Rect(60, 400, 640, 460), TextStyle(max_size=60, min_size=16)))
    painter = Painter(fonts["ur"], config.brand, ROOT / "assets" / "brand" / "logo.svg")
    drawn = painter.draw(layout, _content(URDU, "ur", rtl=True))
    qr = next(b for b in drawn.boxes if b.kind == "qr")
    assert (qr.rect.x, qr.rect.right) == (1000 - 980, 1000 - 780)
    assert isinstance(drawn.image, Image.Image)
