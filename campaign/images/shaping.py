"""Text as Pillow's raqm layout engine draws it: clusters, fonts, runs and their widths.

A paragraph is read once (``ShapedParagraph``): its bidi levels (FriBidi), its grapheme clusters
(UAX #29, from uniseg) each with the font that has every character of it, and its line-break
opportunities (UAX #14, from uniseg; never inside a cluster, never inside an isolated number).
A stretch of it (a line) is cut into runs of one font and one direction, each shaped by raqm
(HarfBuzz) in its own direction and language.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

from PIL import ImageFont, features
from uniseg.graphemecluster import grapheme_cluster_boundaries
from uniseg.linebreak import line_break_boundaries

from ..errors import CampaignError
from .fonts import FontSet, is_invisible
from .levels import paragraph_levels, visual_order

LRI, PDI = "\u2066", "\u2069"
REFERENCE_SIZE = 128      # widths are measured once at this size and scaled (then checked exactly)


def require_raqm() -> None:
    """Pillow's raqm layout (HarfBuzz shaping, FriBidi) or an error naming what to install."""
    if not features.check("raqm"):
        raise CampaignError(
            "Pillow cannot shape text: its raqm layout engine is not available "
            f"(raqm {features.version('raqm') or 'missing'}, fribidi {features.version('fribidi') or 'missing'}, "
            f"harfbuzz {features.version('harfbuzz') or 'missing'})", path="(system libraries)",
            fix="install Debian's libraqm0, libfribidi0 and libharfbuzz0b (apt-get install libraqm0 "
                "libfribidi0 libharfbuzz0b; Pillow's wheels bundle raqm but load FriBidi at run time)")


@dataclass(frozen=True)
class Run:
    """A stretch of one font and one direction, in logical order."""

    start: int
    end: int
    font: int
    rtl: bool


class Shaper:
    """Shapes and measures text in one FontSet for one language (one per worker job: it keeps
    the fonts it opened and the widths it measured)."""

    def __init__(self, fonts: FontSet, language: str) -> None:
        self.fonts = fonts
        self.language = language
        self._data: dict[int, bytes] = {}
        self._opened: dict[tuple[int, int], ImageFont.FreeTypeFont] = {}
        self._advances: dict[tuple[int, bool, str], float] = {}
        self.memo: dict[tuple[str, bool], object] = {}   # paragraphs already read (text.py's)

    def font(self, index: int, size: int) -> ImageFont.FreeTypeFont:
        key = (index, size)
        if key not in self._opened:
            if index not in self._data:
                self._data[index] = self.fonts.files[index].truetype.read_bytes()
            self._opened[key] = ImageFont.truetype(io.BytesIO(self._data[index]), size,
                                                   layout_engine=ImageFont.Layout.RAQM)
        return self._opened[key]

    def width(self, text: str, font: int, rtl: bool, size: int) -> float:
        """The advance width of ``text`` in one font and direction at ``size``."""
        if not text:
            return 0.0
        return self.font(font, size).getlength(text, direction="rtl" if rtl else "ltr",
                                               language=self.language)

    def advance(self, text: str, font: int, rtl: bool) -> float:
        """The advance width of ``text`` at the reference size (remembered: every format of a
        poster measures the same words)."""
        key = (font, rtl, text)
        if key not in self._advances:
            self._advances[key] = self.width(text, font, rtl, REFERENCE_SIZE)
        return self._advances[key]

    def extent(self, text: str, font: int, rtl: bool) -> tuple[float, float, float, float]:
        """The ink of ``text`` at the reference size, from its origin on the baseline: (left,
        above, right, below), each how far the ink reaches past the advance box (0 when inside).
        Nastaliq's words climb (cursive attachment) well above the font's ascent, and its swashes
        reach past the advance."""
        if not text.strip():
            return 0.0, 0.0, 0.0, 0.0
        box = self.font(font, REFERENCE_SIZE).getbbox(text, anchor="ls", direction="rtl" if rtl else "ltr",
                                                      language=self.language)
        return (max(0.0, -box[0]), max(0.0, -box[1]), max(0.0, box[2] - self.advance(text, font, rtl)),
                max(0.0, box[3]))

    def line_box(self, fonts: set[int]) -> tuple[float, float]:
        """(ascent, descent) in ems of the tallest of ``fonts`` (the paragraph's line box)."""
        used = [self.fonts.files[i] for i in fonts] or list(self.fonts.files[:1])
        return max(f.ascent for f in used), max(f.descent for f in used)


@dataclass
class ShapedParagraph:
    """One paragraph read for layout: levels, the font of each character, break opportunities."""

    text: str
    rtl: bool
    levels: list[int]
    fonts: list[int]          # the font of each character (-1: invisible, never drawn)
    breaks: list[int]         # indices where a line may start (after 0), ending with len(text)

    @property
    def used_fonts(self) -> set[int]:
        return {f for f in self.fonts if f >= 0}


def read_paragraph(shaper: Shaper, text: str, rtl: bool) -> ShapedParagraph:
    """Levels, fonts and break opportunities of ``text``; a CampaignError names any character
    that no font of the language has."""
    clusters = list(_pairs([0, *grapheme_cluster_boundaries(text)]))
    fonts = [-1] * len(text)
    previous = -1
    missing = []
    for start, end in clusters:
        cluster = text[start:end]
        if all(is_invisible(c) for c in cluster):
            continue
        chosen = None
        if previous >= 0 and _neutral(cluster) and shaper.fonts.font_for(cluster) is not None:
            if {ord(c) for c in cluster if not is_invisible(c)} <= shaper.fonts.files[previous].cmap:
                chosen = previous            # a space or a comma stays in the run's font
        if chosen is None:
            chosen = shaper.fonts.font_for(cluster)
        if chosen is None:
            missing.append(cluster)
            continue
        for index in range(start, end):
            fonts[index] = -1 if is_invisible(text[index]) else chosen
        previous = chosen
    if missing:
        names = ", ".join(f"{c!r} ({' '.join(f'U+{ord(ch):04X}' for ch in c)})" for c in dict.fromkeys(missing))
        raise CampaignError(f"no typeface of the language has {names}",
                            fix="add a font that has these characters to the language's fonts in "
                                "campaign.yml, or correct the translation")
    boundaries = set(grapheme_cluster_boundaries(text))
    inside = _isolated(text)
    levels = paragraph_levels(text, rtl)
    breaks = [b for b in line_break_boundaries(text)
              if b in boundaries and not (0 < b < len(text) and (inside[b] or _within_embedded(text, levels, b, rtl)))]
    if not breaks or breaks[-1] != len(text):
        breaks.append(len(text))
    return ShapedParagraph(text=text, rtl=rtl, levels=levels, fonts=fonts, breaks=breaks)


def _within_embedded(text: str, levels: list[int], at: int, rtl: bool) -> bool:
    """Whether a break at ``at`` would split a left-to-right phrase inside right-to-left text
    ("NSPCC Helpline", "(British Sign Language)"): its halves would land in the wrong order."""
    if not rtl:
        return False
    before = next((i for i in range(at - 1, -1, -1) if not (text[i].isspace() or is_invisible(text[i]))), None)
    after = next((i for i in range(at, len(text)) if not (text[i].isspace() or is_invisible(text[i]))), None)
    return before is not None and after is not None and levels[before] % 2 == 0 and levels[after] % 2 == 0


def _pairs(points: list[int]):
    return zip(points, points[1:])


def _neutral(cluster: str) -> bool:
    return all(unicodedata.category(c)[0] in "ZP" or is_invisible(c) for c in cluster)


def _isolated(text: str) -> list[bool]:
    """Whether each position lies inside an isolate (LRI ... PDI): no line break there, so that
    a phone number is never split."""
    depth, out = 0, []
    for char in text:
        if char == PDI:
            depth = max(0, depth - 1)
        out.append(depth > 0)
        if char == LRI:
            depth += 1
    return out


def logical_runs(paragraph: ShapedParagraph, start: int, end: int) -> list[Run]:
    """The runs of ``text[start:end]`` in logical order: one font, one direction each."""
    runs: list[Run] = []
    for index in range(start, end):
        font = paragraph.fonts[index]
        if font < 0:
            continue
        rtl = paragraph.levels[index] % 2 == 1
        last = runs[-1] if runs else None
        if last is not None and last.font == font and last.rtl == rtl and last.end == index:
            runs[-1] = Run(last.start, index + 1, font, rtl)
        elif last is not None and last.font == font and last.rtl == rtl and all(
                paragraph.fonts[i] < 0 for i in range(last.end, index)):
            runs[-1] = Run(last.start, index + 1, font, rtl)    # across an invisible control
        else:
            runs.append(Run(index, index + 1, font, rtl))
    return runs


def run_text(paragraph: ShapedParagraph, run: Run) -> str:
    return "".join(c for c in paragraph.text[run.start:run.end] if not is_invisible(c))


def visual_runs(paragraph: ShapedParagraph, start: int, end: int) -> list[Run]:
    """The runs of the line ``text[start:end]`` (trailing spaces dropped) from left to right."""
    while end > start and paragraph.text[end - 1].isspace():
        end -= 1
    text = paragraph.text[start:end]
    order, levels = visual_order(text, paragraph.levels[start:end], 1 if paragraph.rtl else 0)
    runs: list[Run] = []
    for position in order:
        index = start + position
        font = paragraph.fonts[index]
        if font < 0:
            continue
        rtl = levels[position] % 2 == 1
        last = runs[-1] if runs else None
        if last is not None and last.font == font and last.rtl == rtl and (
                (not rtl and _joined(paragraph, last.end, index)) or (rtl and _joined(paragraph, index + 1, last.start))):
            runs[-1] = Run(min(last.start, index), max(last.end, index + 1), font, rtl)
        else:
            runs.append(Run(index, index + 1, font, rtl))
    return runs


def _joined(paragraph: ShapedParagraph, left_end: int, right_start: int) -> bool:
    """Whether logical positions ``left_end`` and ``right_start`` meet (only invisible controls
    between them)."""
    if right_start < left_end:
        return False
    return all(paragraph.fonts[i] < 0 for i in range(left_end, right_start))
