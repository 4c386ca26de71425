"""The typefaces of a language's images, and the font each grapheme cluster is drawn in.

A language's fonts (``lang.fonts`` in the config, then the brand's Latin typeface: the lesson
packs' rule, ``print.html.language_fonts``) name CSS files under assets/fonts; each ``@font-face`` there names a woff2 file (one per weight and Unicode
subset: the Urdu typeface has no digits, the Latin one is split into latin and latin-ext). A
cluster is drawn in the first of those files whose character map holds every character of it,
so a character is never drawn from a font that lacks it (no missing-glyph box).

FreeType reads woff2, but decompresses it each time a font is opened (once per size): each file
is opened as TrueType, converted once into the cache folder (``campaign.truetype``), from memory.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..config import FONTS_DIR, CampaignConfig, Language
from ..errors import CampaignError
from ..print.html import language_fonts
from ..truetype import truetype

_FACE = re.compile(r"@font-face\s*\{(.*?)\}", re.DOTALL)
_FAMILY = re.compile(r"font-family:\s*['\"]([^'\"]+)['\"]")
_WEIGHT = re.compile(r"font-weight:\s*(\d+)")
_SRC = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
# Bidi controls and other format characters that are never drawn (they steer the layout).
_INVISIBLE = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class FontFile:
    """One font file of a language, as its CSS names it, with what the layout needs of it."""

    source: Path                # the woff2 file in assets/fonts
    family: str
    weight: int
    cmap: frozenset[int]        # the code points it has glyphs for
    ascent: float               # hhea ascent and descent, in ems (line boxes)
    descent: float
    truetype: Path              # the same font as TrueType, in the cache folder


@dataclass(frozen=True)
class FontSet:
    """The files of one weight of a language's typefaces, most specific first."""

    files: tuple[FontFile, ...]
    weight: int

    def font_for(self, cluster: str) -> int | None:
        """The index of the first file that has every drawn character of ``cluster``."""
        needed = {ord(char) for char in cluster if char not in _INVISIBLE}
        if not needed:
            return None
        for index, font in enumerate(self.files):
            if needed <= font.cmap:
                return index
        return None


@dataclass
class LanguageFonts:
    """A language's typefaces by weight (picklable: workers receive it)."""

    code: str
    by_weight: dict[int, FontSet] = field(default_factory=dict)

    def weight(self, weight: int) -> FontSet:
        """The files of ``weight``, else of the nearest weight the typefaces have."""
        if weight in self.by_weight:
            return self.by_weight[weight]
        nearest = min(self.by_weight, key=lambda w: abs(w - weight))
        return self.by_weight[nearest]


def is_invisible(char: str) -> bool:
    """Characters that steer the layout and are never drawn."""
    return char in _INVISIBLE


def css_faces(config: CampaignConfig, font: str) -> list[tuple[str, int, Path]]:
    """(family, weight, woff2 file) of each ``@font-face`` in ``assets/fonts/<font>.css``."""
    folder = (config.root / FONTS_DIR).resolve()
    css_path = folder / f"{font}.css"
    try:
        css = css_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CampaignError(f"cannot read the font's CSS: {exc}", path=config.shown(css_path),
                            fix="add the self-hosted font (woff2 + css) or pick one that exists") from exc
    faces = []
    for block in _FACE.findall(css):
        family, weight, src = _FAMILY.search(block), _WEIGHT.search(block), _SRC.search(block)
        if not (family and src):
            continue
        path = (folder / src.group(1)).resolve()
        if not path.is_file():
            raise CampaignError(f"the font file {src.group(1)} does not exist", path=config.shown(css_path),
                                fix="restore the file or correct the url() in the CSS")
        faces.append((family.group(1), int(weight.group(1)) if weight else 400, path))
    return faces


def font_sources(config: CampaignConfig, lang: Language) -> tuple[Path, ...]:
    """Every woff2 file of ``lang``'s image typefaces (what a render's cache key depends on)."""
    return tuple(path for font in language_fonts(config, lang) for _, _, path in css_faces(config, font))


def load_language_fonts(config: CampaignConfig, lang: Language, cache_dir: Path) -> LanguageFonts:
    """Every font file of ``lang``'s image typefaces, by weight, in preference order, each with
    its character map and metrics, converted to TrueType in ``cache_dir`` (once per file)."""
    out = LanguageFonts(code=lang.code)
    files: dict[int, list[FontFile]] = {}
    for font in language_fonts(config, lang):
        for family, weight, path in css_faces(config, font):
            converted = truetype(path, cache_dir)
            files.setdefault(weight, []).append(FontFile(
                source=path, family=family, weight=weight, cmap=converted.cmap, ascent=converted.ascent,
                descent=converted.descent, truetype=converted.path))
    for weight, found in sorted(files.items()):
        out.by_weight[weight] = FontSet(files=tuple(found), weight=weight)
    if not out.by_weight:
        raise CampaignError(f"language {lang.code} has no font files for its images",
                            path=config.config_file, fix="give the language a script whose typeface "
                            "has @font-face rules in assets/fonts/<font>.css")
    return out
