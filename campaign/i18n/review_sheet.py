"""The review sheet as one self-contained, printable HTML file: the review (review.py) rendered
through a Jinja template with autoescape, the language's fonts embedded as base64 @font-face
rules, so the file opens and prints anywhere without asking any other host for anything."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..config import FONTS_DIR, CampaignConfig
from ..errors import ConfigError
from .review import ReviewSheet

TEMPLATE = "review-sheet.html"
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_FAMILY = re.compile(r"""font-family\s*:\s*(['"])([^'"]+)\1""")
_SAFE_FAMILY = re.compile(r"[A-Za-z0-9 _-]+")
_FONT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf"}
STATE_HELP = {
    "draft": "written without a native speaker's review: check it",
    "fuzzy": "the English changed after it was translated: check it against the English",
    "untranslated": "no translation yet: the site shows the English",
    "reviewed": "already checked by a native speaker",
}


@dataclass(frozen=True)
class EmbeddedFonts:
    css: str                                 # @font-face rules with data: URLs
    families: dict[str, tuple[str, ...]]     # the families each font (noto-sans) defines

    def stack(self, fonts: tuple[str, ...]) -> str:
        """A CSS font-family value for these fonts, most specific first, then sans-serif."""
        names = dict.fromkeys(family for font in fonts for family in self.families[font])
        return ", ".join([*(f'"{family}"' for family in names), "sans-serif"])


def embed_fonts(config: CampaignConfig, fonts: list[str]) -> EmbeddedFonts:
    """The @font-face rules of ``assets/fonts/<font>.css`` for each font, every file they name
    (in ``assets/fonts/<font>/``) inlined as a base64 data: URL."""
    folder = (config.root / FONTS_DIR).resolve()
    rules: list[str] = []
    families: dict[str, tuple[str, ...]] = {}
    for font in dict.fromkeys(fonts):
        sheet = folder / f"{font}.css"
        css = sheet.read_text(encoding="utf-8")
        names = tuple(dict.fromkeys(family for _, family in _FAMILY.findall(css)))
        if "<" in css or not all(_SAFE_FAMILY.fullmatch(name) for name in names):
            raise ConfigError("the font stylesheet cannot be embedded", path=str(sheet),
                              fix="keep only @font-face rules, with plain family names")
        rules.append(_URL.sub(lambda match: _data_url(folder, sheet, match.group(2)), css))
        families[font] = names
    return EmbeddedFonts(css="\n".join(rules), families=families)


def _data_url(folder: Path, sheet: Path, url: str) -> str:
    path = (folder / url).resolve()
    kind = _FONT_TYPES.get(path.suffix.lower())
    if "://" in url or folder not in path.parents or kind is None or not path.is_file():
        raise ConfigError(f"the font file {url} cannot be embedded", path=str(sheet),
                          fix=f"name a font file (woff2) inside {FONTS_DIR}/, relative to the "
                              "stylesheet, and check that it exists")
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f'url("data:{kind};base64,{data}")'


def _environment() -> Environment:
    return Environment(loader=PackageLoader("campaign", "templates"),
                       autoescape=select_autoescape(["html"], default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                       keep_trailing_newline=True)


def render_review_sheet(config: CampaignConfig, sheet: ReviewSheet) -> str:
    """The sheet's HTML. Page text is escaped as text: a reviewer sees Markdown and
    placeholders exactly as the catalog holds them."""
    fonts = embed_fonts(config, [*sheet.source.fonts, *sheet.lang.fonts])
    return _environment().get_template(TEMPLATE).render(
        sheet=sheet, lang=sheet.lang, source=sheet.source, state_help=STATE_HELP,
        # The project's own font files and family names (checked above), not page text: they
        # go into <style> as they are (escaping would break the CSS).
        font_css=Markup(fonts.css),
        english_fonts=Markup(fonts.stack(sheet.source.fonts)),
        translated_fonts=Markup(fonts.stack(sheet.lang.fonts)))
