"""The lesson packs as PDFs, every language, inspected with poppler-utils and pypdf: A4, tagged,
titled, in their language, fonts embedded and subset, helpline numbers on every page, bookmarks,
no blank page, nothing outside the page, and a QR code that leads to the language's own page."""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from collections import Counter

import pypdf
import pytest
from fontTools.ttLib import TTFont

from campaign.i18n.language import translate_language
from campaign.pipeline import load_inputs
from campaign.print.html import POSTER_PAGES, document_html, font_faces, language_fonts
from campaign.print.packs import PARTS, WHOLE, all_documents, pack_names
from campaign.config import load_config
from tests.conftest import PUBLISHED, ROOT

from . import poppler

PACKS = pack_names(p.relative_to(ROOT / "packs").as_posix() for p in (ROOT / "packs").rglob("*.md"))
EXPECTED_PARTS = {name for name, _ in PARTS} | {WHOLE}
FOOTER_NUMBERS = ("0800 1111", "0808 800 5000")   # Childline and the NSPCC Helpline (help.yml)


def files_of(printed, code):
    return [item for item in printed.files if item.lang == code]


def test_the_packs_exist():
    """The campaign ships the five packs the schools page promises."""
    assert PACKS == ["ks1", "ks2", "ks3", "ks4", "send"]


@pytest.mark.parametrize("code", PUBLISHED)
def test_every_pack_and_part_in_every_language(printed, code):
    made = {(item.pack, item.part) for item in files_of(printed, code)}
    assert made == {(pack, part) for pack in PACKS for part in EXPECTED_PARTS}
    for item in files_of(printed, code):
        path = printed.path(item)
        assert path.stat().st_size == item.size, item.file
        assert int(poppler.info(path)["Pages"]) == item.pages, item.file


@pytest.mark.parametrize("code", PUBLISHED)
def test_a4_tagged_titled_and_in_its_language(printed, code):
    for item in files_of(printed, code):
        path = printed.path(item)
        meta = poppler.info(path)
        assert "(A4)" in meta["Page size"], item.file
        assert meta["Tagged"] == "yes", item.file
        assert meta["Title"] == item.title, item.file
        root = pypdf.PdfReader(path).trailer["/Root"]
        assert root["/Lang"] == code, item.file
        assert root["/MarkInfo"]["/Marked"] == True, item.file  # noqa: E712 (a pypdf BooleanObject)
        assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True, item.file  # noqa: E712


@pytest.mark.parametrize("code", PUBLISHED)
def test_fonts_are_embedded_subset_and_the_campaigns_own(printed, code):
    """Every font embedded and subset, with a Unicode map (text can be copied and read aloud),
    and only the language's typefaces: a system fallback font would mean a glyph ours lack."""
    config = printed.config
    lang = config.language(code)
    families = font_faces(config, language_fonts(config, lang)).families
    allowed = {family.replace(" ", "-") for family in families}
    for item in files_of(printed, code):
        found = poppler.fonts(printed.path(item))
        assert found, item.file
        for font in found:
            assert font.embedded and font.subset and font.unicode, (item.file, font)
            base = font.name.split("+", 1)[-1]
            assert any(base == a or base.startswith(f"{a}-") for a in allowed), (item.file, font.name, allowed)


@pytest.mark.parametrize("code", PUBLISHED)
def test_every_page_shows_the_helpline_numbers_and_is_not_blank(printed, code):
    """The running footer on every page carries the numbers, and no page holds the footer alone
    (a block pushed onto a page of its own)."""
    for item in files_of(printed, code):
        pages = poppler.text(printed.path(item)).split("\f")[:item.pages]
        assert len(pages) == item.pages
        for number, page in enumerate(pages, 1):
            squeezed = " ".join(page.split())
            for helpline in FOOTER_NUMBERS:
                assert helpline in squeezed, f"{item.file} page {number} lacks {helpline}"
            body = squeezed
            for service in ("Talk about it", *FOOTER_NUMBERS, "999"):
                body = body.replace(service, "")
            assert len(re.sub(r"\W", "", body)) > 40, f"{item.file} page {number} is blank but for its footer"


@pytest.mark.parametrize("code", PUBLISHED)
def test_nothing_is_drawn_outside_the_page(printed, code):
    for item in files_of(printed, code):
        for word in poppler.words(printed.path(item)):
            assert -0.5 <= word.x_min and word.x_max <= word.page_width + 0.5, (item.file, word)
            assert -0.5 <= word.y_min and word.y_max <= word.page_height + 0.5, (item.file, word)


def _outline_titles(outline) -> list[str]:
    titles = []
    for entry in outline:
        if isinstance(entry, list):
            titles += _outline_titles(entry)
        else:
            titles.append(entry.title)
    return titles


def _struct_types(node, seen: Counter, alts: list) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list) or isinstance(node, pypdf.generic.ArrayObject):
        for child in node:
            _struct_types(child, seen, alts)
        return
    if not isinstance(node, dict):
        return
    if "/S" in node:
        seen[str(node["/S"])] += 1
        if node["/S"] == "/Figure":
            alts.append(str(node.get("/Alt", "")))
    if "/K" in node:
        _struct_types(node["/K"], seen, alts)


@pytest.mark.parametrize("code", PUBLISHED)
def test_bookmarks_and_structure_follow_the_headings(printed, code):
    """Bookmarks from the headings; a structure tree of headings, paragraphs, lists and tables;
    every figure (the logo, the pictures, the QR code) with alternative text."""
    for item in files_of(printed, code):
        reader = pypdf.PdfReader(printed.path(item))
        titles = _outline_titles(reader.outline)
        assert titles, f"{item.file} has no bookmarks"
        seen: Counter = Counter()
        alts: list[str] = []
        _struct_types(reader.trailer["/Root"]["/StructTreeRoot"]["/K"], seen, alts)
        assert seen["/H1"] >= 1 and seen["/P"] >= 1, (item.file, seen)
        if item.part in ("lessons", WHOLE):
            assert seen["/Table"] >= 1 and seen["/L"] >= 1, (item.file, seen)
        assert alts and all(alt.strip() for alt in alts), (item.file, alts)


@pytest.mark.parametrize("code", PUBLISHED)
def test_poster_qr_code_leads_to_the_languages_page(printed, code, tmp_path):
    config = printed.config
    prefix = config.url_prefix(config.language(code))
    for item in files_of(printed, code):
        if item.part != "poster":
            continue
        png = poppler.raster(printed.path(item), tmp_path / item.file, 1, dpi=100)
        assert poppler.qr_codes(png) == [f"{config.site_url}{prefix}{POSTER_PAGES[item.pack]}"], item.file


@pytest.mark.parametrize("code", PUBLISHED)
def test_every_character_is_in_the_embedded_fonts(printed, code):
    """No missing-glyph box: every character of every document is in one of the typefaces the
    language's PDFs embed (checked against the font files' own character maps)."""
    config = printed.config
    lang = config.language(code)
    inputs = load_inputs(config, [lang])
    content = translate_language(inputs, lang, site=False, print_set=True)
    faces = font_faces(config, language_fonts(config, lang))
    covered: set[int] = set()
    for woff in re.findall(r"url\(file://([^)]+)\)", faces.css):
        covered |= set(TTFont(woff).getBestCmap())
    missing: Counter = Counter()
    for document in all_documents(content):
        html = document_html(config, content, document, None)
        body = re.sub(r"<(style|svg|title|head)\b.*?</\1>", " ", html, flags=re.DOTALL)
        body = unescape(re.sub(r"<[^>]+>", " ", body))
        for char in set(body):
            if char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
                continue
            if ord(char) not in covered:
                missing[f"U+{ord(char):04X} {char!r} in {document.file_name(code)}"] += 1
    assert not missing, sorted(missing)[:20]


def test_print_css_has_no_nested_flex_or_grid():
    """WeasyPrint's slow path is nested flexbox: the print style sheet uses neither flex nor grid."""
    css = (ROOT / "campaign" / "templates" / "print" / "print.css").read_text()
    assert not re.search(r"display\s*:\s*(inline-)?(flex|grid)", css)


@pytest.mark.parametrize("code", ["en", "ur"])
def test_easy_read_worksheets_are_at_least_14_point(printed, code):
    """Easy Read guidance: at least 14 point. Measured from the words' heights on the SEND pack's
    lesson pages (a Noto line box is about 1.36 em: 14 pt is about 19 pt high, 11.5 pt 15.6)."""
    item = next(f for f in printed.files if f.lang == code and f.pack == "send" and f.part == "lessons")
    heights = sorted(w.y_max - w.y_min for w in poppler.words(printed.path(item))
                     if w.y_max < w.page_height - 30 * 2.83)     # not the footer
    median = heights[len(heights) // 2]
    assert median >= 14 * 1.3, f"median word height {median:.1f} pt"


@pytest.mark.parametrize("code", PUBLISHED)
def test_a_draft_translation_says_so_on_the_cover(printed, code):
    """Every translation is a draft today: each translated pack's cover says so, linking the
    translation status (a link annotation on page 1: text extraction of right-to-left lines
    reorders a URL); the English packs carry no such notice."""
    config = printed.config
    status = f"{config.site_url}{config.url_prefix(config.language(code))}translation-status/"
    for item in files_of(printed, code):
        if item.part != WHOLE:
            continue
        cover = pypdf.PdfReader(printed.path(item)).pages[0]
        links = {annot.get_object()["/A"].get("/URI") for annot in cover.get("/Annots", [])
                 if "/A" in annot.get_object()}
        assert item.draft == (code != "en"), item.file
        assert (status in links) == item.draft, (item.file, links)


@pytest.mark.parametrize("code", PUBLISHED)
def test_each_poster_is_one_page(printed, code):
    """A classroom poster is one sheet in every language (longer scripts included)."""
    posters = [f for f in files_of(printed, code) if f.part == "poster"]
    assert len(posters) == len(PACKS)
    assert all(f.pages == 1 for f in posters), [(f.file, f.pages) for f in posters if f.pages != 1]


LATIN_SCRIPT = [lang.code for lang in load_config(ROOT / "campaign.yml").published_languages
                if lang.fonts[0] == "noto-sans"]


@pytest.mark.parametrize("code", LATIN_SCRIPT)
def test_the_text_in_the_pdf_is_the_translation(printed, code):
    """Every word of each poster's headline comes out of the PDF as written (the glyphs drawn
    are the letters meant: Polish "Możesz" was once printed "Możesę", two font files' glyphs
    mixed up)."""
    config = printed.config
    lang = config.language(code)
    content = translate_language(load_inputs(config, [lang]), lang, site=False, print_set=True)
    for item in files_of(printed, code):
        if item.part != "poster":
            continue
        source = content.print_pages[f"{item.pack}/poster.md"].text
        headline = next(line[2:] for line in source.splitlines() if line.startswith("# "))
        extracted = " ".join(poppler.text(printed.path(item)).split())
        for word in re.findall(r"\w+", headline):
            assert word in extracted, (item.file, word, extracted[:200])
