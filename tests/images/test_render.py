"""The posters and cards of every language, rendered once for the session and inspected with
real tools: Pillow (sizes, dpi, chunks, colours), poppler's pdfinfo (A4 and A3 pages), zbar's
zbarimg (every QR code leads to the language's own page), fontTools (every character drawn is in
its font). Contrast is measured on the pixels here, independently of the renderer's own check."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from PIL import Image

from campaign.images.posters import route_names, site_path
from campaign.images.render import MANIFEST
from tests.conftest import PUBLISHED, ROOT
from tests.print import poppler

from . import pixels

ROUTES = route_names(p.name for p in (ROOT / "posters").glob("*.md"))
LAYOUTS = {"a4-poster": (2480, 3508, 300), "a3-poster": (3508, 4961, 300), "card-square": (1080, 1080, 72),
           "card-landscape": (1200, 675, 72), "card-story": (1080, 1920, 72)}
PAGE_SIZES = {"a4-poster": "(A4)", "a3-poster": "(A3)"}


def files_of(imaged, code, kind="png"):
    return [item for item in imaged.files if item.lang == code and item.type == kind]


def test_a_poster_for_every_audience_route():
    assert ROUTES == ["boys", "children", "communities", "easy-read", "general", "parents"]


@pytest.mark.parametrize("code", PUBLISHED)
def test_every_route_in_every_format_with_its_pixels_and_dpi(imaged, code):
    made = {(item.route, item.layout) for item in files_of(imaged, code)}
    assert made == {(route, layout) for route in ROUTES for layout in LAYOUTS}
    pdfs = {(item.route, item.layout) for item in files_of(imaged, code, "pdf")}
    assert pdfs == {(route, layout) for route in ROUTES for layout in PAGE_SIZES}
    for item in files_of(imaged, code):
        path = imaged.path(item)
        assert path.stat().st_size == item.size
        with Image.open(path) as image:
            width, height, dpi = LAYOUTS[item.layout]
            assert image.size == (width, height) == (item.width, item.height), item.file
            assert tuple(round(d) for d in image.info["dpi"]) == (dpi, dpi), item.file
            assert image.mode == "RGB"


@pytest.mark.parametrize("code", PUBLISHED)
def test_png_files_carry_no_time(imaged, code):
    """Only the image, its size and its resolution: no tIME chunk, no text chunks (dates)."""
    for item in files_of(imaged, code):
        data = imaged.path(item).read_bytes()
        chunks = set()
        at = 8
        while at < len(data):
            length = int.from_bytes(data[at:at + 4], "big")
            chunks.add(data[at + 4:at + 8])
            at += 12 + length
        assert chunks == {b"IHDR", b"pHYs", b"IDAT", b"IEND"}, (item.file, chunks)


@pytest.mark.parametrize("code", PUBLISHED)
def test_poster_pdfs_are_a4_and_a3_pages(imaged, code):
    for item in files_of(imaged, code, "pdf"):
        meta = poppler.info(imaged.path(item))
        assert PAGE_SIZES[item.layout] in meta["Page size"], (item.file, meta["Page size"])
        assert meta["Pages"] == "1"
        assert meta["Title"] == item.title, item.file
        assert "CreationDate" not in meta or meta["CreationDate"]   # dated only by SOURCE_DATE_EPOCH


@pytest.mark.parametrize("code", ["en", "ur"])
def test_a_poster_pdf_holds_the_png_pixels_unchanged(imaged, code, tmp_path):
    """The PDF to print is the PNG, losslessly: poppler's pdfimages takes out one image, the
    poster's size, with the same pixels (a JPEG page would differ around every letter)."""
    from PIL import ImageChops
    for item in [f for f in files_of(imaged, code, "pdf") if f.layout == "a4-poster"][:2]:
        listed = poppler.run("pdfimages", "-list", str(imaged.path(item))).splitlines()[2:]
        assert len(listed) == 1 and listed[0].split()[8] == "image", (item.file, listed)
        poppler.run("pdfimages", "-png", str(imaged.path(item)), str(tmp_path / "page"))
        png = imaged.path(next(f for f in files_of(imaged, code) if f.file == item.file.replace(".pdf", ".png")))
        with Image.open(tmp_path / "page-000.png") as inside, Image.open(png) as drawn:
            assert inside.size == drawn.size == LAYOUTS["a4-poster"][:2], item.file
            assert ImageChops.difference(inside.convert("RGB"), drawn.convert("RGB")).getbbox() is None, item.file


@pytest.mark.parametrize("code", PUBLISHED)
def test_every_qr_code_leads_to_the_languages_page(imaged, code, tmp_path):
    """zbarimg reads each QR code (cut out with a margin, for speed; two whole images read too)."""
    config = imaged.config
    prefix = config.url_prefix(config.language(code))
    pages = {route: _front_matter_page(route) for route in ROUTES}
    for item in files_of(imaged, code):
        expected = f"{config.site_url}{prefix}{site_path(pages[item.route])}"
        qr = next(box for box in item.boxes if box["kind"] == "qr")["rect"]
        with Image.open(imaged.path(item)) as image:
            pad = 40
            crop = image.crop((max(0, qr["x"] - pad), max(0, qr["y"] - pad),
                               min(image.width, qr["x"] + qr["w"] + pad), min(image.height, qr["y"] + qr["h"] + pad)))
            crop.save(tmp_path / item.file)
        assert poppler.qr_codes(tmp_path / item.file) == [expected], item.file
        if item.layout in ("a4-poster", "card-square") and item.route == "general":
            assert poppler.qr_codes(imaged.path(item)) == [expected], item.file


def test_the_qr_code_on_a_poster_is_at_least_25_mm(imaged):
    for item in imaged.files:
        if item.type == "png" and item.layout in PAGE_SIZES:
            qr = next(box for box in item.boxes if box["kind"] == "qr")["rect"]
            assert min(qr["w"], qr["h"]) * 25.4 / item.dpi >= 25, item.file


@pytest.mark.parametrize("code", PUBLISHED)
def test_text_contrast_measured_on_the_pixels(imaged, code):
    """Each text box: its two dominant colours (the background and the text's solid colour)
    have at least 4.5:1 contrast (WCAG 2.2 AA), and they are the colours the layout meant."""
    for item in files_of(imaged, code):
        with Image.open(imaged.path(item)) as image:
            pixels.check_text_contrast(image, item.file, item.boxes)


@pytest.mark.parametrize("code", PUBLISHED)
def test_every_character_drawn_is_in_its_font(imaged, code):
    """No missing-glyph box in any image: every character of every run is in the character map
    of the font file it was drawn with (read by fontTools from assets/fonts)."""
    missing: Counter = Counter()
    pieces = 0
    for item in files_of(imaged, code):
        found, checked = pixels.missing_glyphs(item.file, item.boxes, pixels.font_cmaps())
        missing += found
        pieces += checked
    assert pieces > 100
    assert not missing, sorted(missing)[:10]


@pytest.mark.parametrize("code", PUBLISHED)
def test_text_boxes_are_filled_with_the_routes_text(imaged, code):
    """The headline and the helplines of each image are the route's own, in the language: the
    alt text beside it lists what is drawn, line by line."""
    for item in files_of(imaged, code):
        sidecar = (imaged.out / code / f"{item.stem}.txt").read_text(encoding="utf-8")
        drawn = {box["kind"]: " ".join(line["text"] for line in box["lines"]) for box in item.boxes}
        plain = lambda text: re.sub(r"[\s\u2066\u2069]+", " ", text).strip()  # noqa: E731
        assert plain(drawn["headline"]) in plain(sidecar), item.file
        assert plain(drawn["helplines"]).split(" ")[0] in plain(sidecar), item.file
        assert item.alt.splitlines()[1] == plain(drawn["headline"]), item.file


def test_the_manifest_and_the_contact_sheets(imaged):
    manifest = json.loads((imaged.out / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["files"]) == len(imaged.files) == len(PUBLISHED) * len(ROUTES) * (len(LAYOUTS) + len(PAGE_SIZES))
    assert sorted(sheet["lang"] for sheet in manifest["sheets"]) == sorted(PUBLISHED)
    for sheet in imaged.sheets:
        with Image.open(imaged.out / sheet.lang / sheet.file) as image:
            assert image.size == (sheet.width, sheet.height)
            assert image.width > 1500 and image.height > 2000


def _front_matter_page(route: str) -> str:
    text = (ROOT / "posters" / f"{route}.md").read_text(encoding="utf-8")
    return re.search(r"^page:\s*(\S+)", text, re.MULTILINE).group(1)
