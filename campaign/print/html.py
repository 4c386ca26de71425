"""One print document as HTML: translated Markdown in the brand's look, ready for WeasyPrint.

The template (``templates/print/document.html``) and the style sheet (``print.css``) take
every colour, the logo and the typefaces from the brand and the language; interface strings
(the draft notice, the footer's labels) come from the language's theme catalog, like the site's.
Numbers are isolated left-to-right in every language (a no-op in left-to-right text), so a
right-to-left page prints "0800 1111", never "1111 0800".
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import jinja2
import markdown
import segno
from markdown.extensions.toc import slugify_unicode

from ..config import FONTS_DIR, CampaignConfig, Language
from ..i18n.bidi import isolate_numbers_html
from ..i18n.language import LanguageContent
from ..truetype import fonts_cache, truetype
from .packs import PrintDocument

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "print"
# The services every printed page's footer names (ids in the help data), in this order.
FOOTER_SERVICES = ("childline", "nspcc", "emergency")
# Where a pack's poster QR code leads: the site page for the pack's readers.
POSTER_PAGES = {"ks1": "children/", "ks2": "children/", "send": "easy-read/",
                "ks3": "young-people/", "ks4": "young-people/"}
_FAMILY = re.compile(r"font-family:\s*'([^']+)'")
_FILE_URI = re.compile(r"url\((file://[^)]+)\)")
_NOT_TEXT = re.compile(r"<(style|svg|head)\b.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
_URL = re.compile(r"url\(([^)]+)\)")
_FORMAT = re.compile(r"format\(\s*['\"]?woff2['\"]?\s*\)")
_ID = re.compile(r'\bid="([^"]+)"')
_WRITE_LINES = re.compile(r'<div class="write-lines" data-lines="(\d+)"></div>')


@dataclass(frozen=True)
class FontFaces:
    """A language's typefaces: the @font-face rules (absolute file URLs) and the family list."""

    css: str
    families: tuple[str, ...]


def font_faces(config: CampaignConfig, fonts: tuple[str, ...]) -> FontFaces:
    """The @font-face rules of ``fonts`` (folders of assets/fonts, most specific first).

    A typeface comes in several files by character set (Noto Sans: latin, latin-ext), declared
    under one family name for browsers. WeasyPrint merges faces of one family that declare no
    unicode-range into one embedded font and draws some letters with another file's glyphs
    (Polish "Możesz" printed as "Możesę"), so here each file gets a family name of its own
    ("Noto Sans latin-ext") and the family list names them all, in order. The rules name each
    file's TrueType copy in the cache (``campaign.truetype``): WeasyPrint would decompress the
    woff2 for every document."""
    folder = (config.root / FONTS_DIR).resolve()
    css, families = [], []
    for font in fonts:
        text = (folder / f"{font}.css").read_text(encoding="utf-8")
        for block in _FACE.findall(text):
            family = _FAMILY.search(block)
            url = _URL.search(block)
            if family is None or url is None:
                continue
            file = url.group(1).strip("'\"")
            own = f"{family.group(1)} {_subset(file)}"
            block = _FAMILY.sub(f"font-family: '{own}'", block)
            converted = truetype(folder / file, fonts_cache(config)).path
            block = _FORMAT.sub("format('truetype')", block)
            css.append(_URL.sub(f"url({converted.as_uri()})", block))
            if own not in families:
                families.append(own)
    return FontFaces(css="\n".join(css), families=tuple(families))


def _subset(file: str) -> str:
    """'noto-sans/noto-sans-latin-ext-400-normal.woff2' -> 'latin-ext'."""
    stem = Path(file).name.removesuffix(".woff2")
    stem = re.sub(r"-\d{3}-(normal|italic)$", "", stem)
    return stem.removeprefix(Path(file).parent.name + "-") or stem


@lru_cache(maxsize=64)
def font_characters(path: str) -> frozenset[int]:
    """The code points a font file has glyphs for."""
    from fontTools.ttLib import TTFont
    return frozenset(TTFont(path).getBestCmap())


def missing_characters(html: str, faces: FontFaces) -> list[str]:
    """The characters of ``html``'s text that none of ``faces``' files can draw: WeasyPrint would
    take them from a system font, or draw an empty box."""
    covered: set[int] = set()
    for url in _FILE_URI.findall(faces.css):
        covered |= font_characters(unquote(urlparse(url).path))
    text = unescape(_TAG.sub(" ", _NOT_TEXT.sub(" ", html)))
    return sorted(c for c in set(text)
                  if ord(c) not in covered and not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc"))


def language_fonts(config: CampaignConfig, lang: Language) -> tuple[str, ...]:
    """The typefaces for a language's print: its own script's first, then the brand's Latin one
    (for names and numbers), never a system font."""
    fonts = list(lang.fonts)
    latin = config.brand.typefaces.get("latin") if config.brand else None
    if latin and latin not in fonts:
        fonts.append(latin)
    return tuple(fonts)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    env.filters["timestamp"] = lambda epoch: datetime.fromtimestamp(int(epoch), timezone.utc).isoformat()
    return env


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One converter per process (building one costs more than converting a section)."""
    return markdown.Markdown(extensions=["toc", "attr_list", "tables", "admonition"],
                             extension_configs={"toc": {"permalink": False, "slugify": slugify_unicode}})


@lru_cache(maxsize=256)
def markdown_html(text: str, scope: str = "") -> str:
    """A section's Markdown as HTML, with the same extensions as the site (mkdocs.yml). Every id
    is prefixed with ``scope`` (the section's source), so that sections that share a heading
    (each pack's teacher guide and the common one) keep unique anchors in the whole pack;
    headings in any script get one. Cached: the whole pack repeats its parts' sections."""
    html = _markdown().reset().convert(text)
    if scope:
        html = _ID.sub(lambda m: f'id="{scope}-{m.group(1)}"', html)
    return _WRITE_LINES.sub(lambda m: '<div class="write-lines">' + '<span></span>' * int(m.group(1))
                            + "</div>", html)


def section_scope(source: str) -> str:
    """An id prefix from a section's source path: 'ks1/lessons.md' -> 'ks1-lessons'."""
    return re.sub(r"[^a-z0-9]+", "-", source.lower().removesuffix(".md")).strip("-")


def translations(content: LanguageContent) -> gettext.NullTranslations:
    return content.theme.gettext_translations() if content.theme is not None else gettext.NullTranslations()


@lru_cache(maxsize=64)
def qr_svg(url: str) -> str:
    """A QR code for ``url`` as inline SVG (dark modules in black: the best contrast)."""
    return segno.make(url, error="m").svg_inline(scale=4, border=2, dark="#000000", light="#ffffff",
                                                 omitsize=True, title=url)


def footer_services(content: LanguageContent) -> list[dict[str, Any]]:
    by_id = {service["id"]: service for service in content.help}
    return [by_id[sid] for sid in FOOTER_SERVICES if sid in by_id]


def local_block(config: CampaignConfig, content: LanguageContent) -> dict[str, Any] | None:
    """A council's contacts for the print templates (its services in the language, in the
    order its file gives them), or None outside a council's build."""
    local = config.local_contacts
    if local is None:
        return None
    by_id = {service["id"]: service for service in content.help}
    return {"council": local.council, "services": [by_id[sid] for sid in local.shown if sid in by_id],
            "pages": [{"title": page.title, "url": page.url} for page in local.pages]}


def page_url(config: CampaignConfig, content: LanguageContent, path: str) -> str:
    return f"{config.site_url}{config.url_prefix(content.lang)}{path}"


def language_faces(config: CampaignConfig, content: LanguageContent) -> FontFaces:
    return font_faces(config, language_fonts(config, content.lang))


def document_html(config: CampaignConfig, content: LanguageContent, document: PrintDocument,
                  epoch: int | None, poster_scale: float = 1.0) -> str:
    """The whole HTML document WeasyPrint renders for ``document``; ``poster_scale`` sizes a
    poster's type (1.0: full size)."""
    env = _environment()
    strings = translations(content)
    env.install_gettext_translations(strings, newstyle=True)  # type: ignore[attr-defined]
    faces = language_faces(config, content)
    brand = config.brand
    assert brand is not None, "the config always has a brand (the campaign's default)"
    logo = (config.root / brand.logo).resolve().as_uri() if brand.logo else None
    strapline = strings.gettext(brand.strapline) if brand.strapline else ""
    logo_alt = strings.gettext(brand.logo_alt) if brand.logo_alt else ""
    sections = [{"part": s.part, "source": s.source, "title": s.title, "html": markdown_html(s.markdown, section_scope(s.source))}
                for s in document.sections]
    qr_target = page_url(config, content, POSTER_PAGES.get(document.pack, ""))
    local = local_block(config, content)
    css = env.get_template("print.css").render(brand=brand, families=faces.families,
                                               lang=content.lang, scale=poster_scale, local=local,
                                               sample=config.sample)
    html = env.get_template("document.html").render(
        lang=content.lang, document=document, sections=sections, brand=brand, logo=logo,
        logo_alt=logo_alt, strapline=strapline, font_css=faces.css, css=css,
        footer=footer_services(content), qr_target=qr_target,
        qr=qr_svg(qr_target) if any(s.part == "poster" for s in document.sections) else "",
        status_url=page_url(config, content, "translation-status/"), epoch=epoch,
        local=local, sample=config.sample)
    return isolate_numbers_html(html)
