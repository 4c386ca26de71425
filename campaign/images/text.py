"""Text in a box: broken into lines, shrunk to fit, laid out in visual order.

``fit_text`` finds the largest size, from the style's max down to its min, at which every
paragraph of a box fits its width and all of them its height, breaking lines only at UAX #14
opportunities. Widths are measured once per word at a reference size and scaled; the chosen
size is then checked with every line shaped exactly, and smaller sizes are tried if a line is
too wide. A text that does not fit at the smallest size is an error naming the text and the fix:
it is never drawn overflowing or clipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layouts import Rect, TextStyle
from .shaping import (REFERENCE_SIZE, ShapedParagraph, Shaper, logical_runs, read_paragraph, run_text,
                      visual_runs)

WIDTH_MARGIN = 0.985      # scaled widths may be off by hinting: keep a little room for the exact check
BULLET_INDENT = 0.9       # the lines box indents its items by this many ems, for the bullet


@dataclass(frozen=True)
class Paragraph:
    """A paragraph to draw: plain text (numbers isolated) and its base direction."""

    text: str
    rtl: bool


@dataclass(frozen=True)
class Piece:
    """A run of a line as drawn: text in one font and direction, at x from the line's origin."""

    text: str
    font: int
    rtl: bool
    x: float
    width: float              # its advance


@dataclass(frozen=True)
class Line:
    pieces: tuple[Piece, ...]
    width: float              # from the leftmost to the rightmost ink or advance
    baseline: float           # from the top of the box
    left: float               # x of the line's origin, from the box's left (ink may start before
                              # it: a Nastaliq swash reaches past its advance)
    paragraph: int            # which paragraph it belongs to
    first: bool               # the paragraph's first line (where a bullet goes)
    text: str                 # the line's logical text


@dataclass(frozen=True)
class TextBlock:
    """A box's text laid out at one size."""

    size: int
    lines: tuple[Line, ...]
    indent: float             # the bullet indent (0 without bullets)


class DoesNotFit(Exception):
    """The text is too long for its box at the smallest size (turned into a CampaignError by
    the caller, who knows the file, the language and the box)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class _Prepared:
    paragraph: ShapedParagraph
    units: list[tuple[int, int, float, float]]   # (start, end, width, width without trailing spaces)
    ink: tuple[float, float, float, float]       # how far ink reaches past the advance boxes, in
                                                 # ems: left, above the baseline, right, below


@dataclass(frozen=True)
class _Frame:
    """A box's measures in ems: the typeface's line box (ascent, descent: the step from one
    baseline to the next), how high and low the ink goes (top, bottom: at least the line box; a
    Nastaliq word climbs higher), and the room kept at each side for ink reaching past the
    advances."""

    ascent: float
    descent: float
    top: float
    bottom: float
    left: float
    right: float
    bullets: bool

    def available(self, rect: Rect, size: int) -> float:
        """The width lines may take at ``size``, in pixels."""
        return rect.w - size * (self.left + self.right + (BULLET_INDENT if self.bullets else 0.0))

    def step(self, style: TextStyle, size: int) -> float:
        return style.line_height * (self.ascent + self.descent) * size

    def leading(self, style: TextStyle, size: int) -> float:
        """Half the space the line height adds to the line box (above the first line, below the last)."""
        return max(0.0, (self.step(style, size) - (self.ascent + self.descent) * size) / 2)

    def height(self, style: TextStyle, size: int, lines: int, paragraphs: int) -> float:
        """The height of ``lines`` lines in ``paragraphs`` paragraphs, from the highest ink to the
        lowest."""
        if not lines:
            return 0.0
        return (2 * self.leading(style, size) + (self.top + self.bottom) * size
                + (lines - 1) * self.step(style, size) + style.spacing * size * max(0, paragraphs - 1))


def fit_text(shaper: Shaper, paragraphs: list[Paragraph], rect: Rect, style: TextStyle, *,
             bullets: bool = False, rtl: bool = False,
             reserve: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)) -> TextBlock:
    """The paragraphs laid out in ``rect`` at the largest size that fits (see the module).
    ``reserve``: more room (in ems: left, top, right, bottom) for ink that a drawing showed
    reaching past what the measures predicted."""
    prepared = [_prepared(shaper, p) for p in paragraphs]
    used = set().union(*(p.paragraph.used_fonts for p in prepared)) if prepared else set()
    ascent, descent = shaper.line_box(used)
    frame = _Frame(ascent=ascent, descent=descent,
                   top=max([ascent, *(p.ink[1] for p in prepared)]) + reserve[1],
                   bottom=max([descent, *(p.ink[3] for p in prepared)]) + reserve[3],
                   left=max([0.0, *(p.ink[0] for p in prepared)]) + reserve[0],
                   right=max([0.0, *(p.ink[2] for p in prepared)]) + reserve[2], bullets=bullets)
    low, high = style.min_size, style.max_size
    if not _fits_estimate(prepared, rect, style, low, frame):
        raise DoesNotFit(_why(prepared, rect, style, low, frame))
    while low < high:                                  # the largest size whose estimate fits
        middle = (low + high + 1) // 2
        if _fits_estimate(prepared, rect, style, middle, frame):
            low = middle
        else:
            high = middle - 1
    for size in range(low, style.min_size - 1, -1):  # then the exact check, smaller if need be
        block = _layout(shaper, prepared, rect, style, size, frame, rtl)
        if block is not None:
            return block
    raise DoesNotFit(_why(prepared, rect, style, style.min_size, frame))


def _prepared(shaper: Shaper, paragraph: Paragraph) -> _Prepared:
    """A paragraph read and measured once per shaper (every format shows the same texts)."""
    key = (paragraph.text, paragraph.rtl)
    found = shaper.memo.get(key)
    if not isinstance(found, _Prepared):
        found = _prepare(shaper, read_paragraph(shaper, paragraph.text, paragraph.rtl))
        shaper.memo[key] = found
    return found


def _prepare(shaper: Shaper, paragraph: ShapedParagraph) -> _Prepared:
    """The paragraph's units (from one break opportunity to the next) with their widths at the
    reference size, and how far its ink reaches past the advance boxes."""
    units = []
    for start, end in zip([0, *paragraph.breaks], paragraph.breaks):
        if start == end:
            continue
        runs = logical_runs(paragraph, start, end)
        full = bare = 0.0
        for number, run in enumerate(runs):
            text = run_text(paragraph, run)
            core = text.rstrip()
            core_width = shaper.advance(core, run.font, run.rtl) if core else 0.0
            tail_width = shaper.advance(text[len(core):], run.font, run.rtl) if len(core) < len(text) else 0.0
            full += core_width + tail_width
            last = number == len(runs) - 1 or all(not run_text(paragraph, r).strip() for r in runs[number + 1:])
            bare += core_width + (0.0 if last else tail_width)
        units.append((start, end, full, bare))
    ink = [0.0, 0.0, 0.0, 0.0]
    for run in logical_runs(paragraph, 0, len(paragraph.text)):
        for side, value in enumerate(shaper.extent(run_text(paragraph, run), run.font, run.rtl)):
            ink[side] = max(ink[side], value / REFERENCE_SIZE)
    return _Prepared(paragraph, units, (ink[0], ink[1], ink[2], ink[3]))


def _wrap(prepared: _Prepared, limit: float) -> list[tuple[int, int]] | None:
    """Greedy line breaking at the reference size: (start, end) of each line, or None when one
    unbreakable stretch is wider than ``limit``."""
    lines: list[tuple[int, int]] = []
    start = None
    width = 0.0
    end = 0
    for unit_start, unit_end, full, bare in prepared.units:
        if bare > limit:
            return None
        if start is None:
            start, width, end = unit_start, full, unit_end
        elif width + bare <= limit:
            width += full
            end = unit_end
        else:
            lines.append((start, end))
            start, width, end = unit_start, full, unit_end
    if start is not None:
        lines.append((start, end))
    return lines


def _balanced(item: _Prepared, limit: float) -> float:
    """The narrowest width that breaks ``item`` into as few lines as ``limit`` does: lines of
    even length, not a long line and a lone word."""
    lines = _wrap(item, limit)
    if lines is None or len(lines) < 2:
        return limit
    low, high = limit / len(lines), limit
    for _ in range(16):
        middle = (low + high) / 2
        found = _wrap(item, middle)
        if found is not None and len(found) <= len(lines):
            high = middle
        else:
            low = middle
    return high


def _fits_estimate(prepared: list[_Prepared], rect: Rect, style: TextStyle, size: int,
                   frame: _Frame) -> bool:
    limit = frame.available(rect, size) * WIDTH_MARGIN * REFERENCE_SIZE / size
    count = 0
    for item in prepared:
        lines = _wrap(item, limit)
        if lines is None:
            return False
        count += len(lines)
    return frame.height(style, size, count, len(prepared)) <= rect.h


def _layout(shaper: Shaper, prepared: list[_Prepared], rect: Rect, style: TextStyle, size: int,
            frame: _Frame, rtl: bool) -> TextBlock | None:
    """The block at ``size`` with exact advances, or None when a line turns out too wide."""
    available = frame.available(rect, size)
    limit = available * WIDTH_MARGIN * REFERENCE_SIZE / size
    step, gap = frame.step(style, size), style.spacing * size
    indent = BULLET_INDENT * size if frame.bullets else 0.0
    lines: list[Line] = []
    y = frame.leading(style, size) + frame.top * size      # the first baseline
    for number, item in enumerate(prepared):
        spans = _wrap(item, _balanced(item, limit) if style.balance else limit)
        if spans is None:
            return None
        for index, (start, end) in enumerate(spans):
            pieces, width = _pieces(shaper, item.paragraph, start, end, size)
            if width > available:
                return None
            left = frame.left * size + (indent if not rtl else 0.0)
            lines.append(Line(pieces=pieces, width=width, baseline=y,
                              left=left + _offset(available, width, style.align, rtl),
                              paragraph=number, first=index == 0,
                              text=item.paragraph.text[start:end].strip()))
            y += step
        y += gap
    height = frame.height(style, size, len(lines), len(prepared))
    if height > rect.h + 0.5:
        return None
    shift = {"top": 0.0, "middle": (rect.h - height) / 2, "bottom": rect.h - height}[style.valign]
    moved = tuple(Line(l.pieces, l.width, l.baseline + shift, l.left, l.paragraph, l.first, l.text)
                  for l in lines)
    return TextBlock(size=size, lines=moved, indent=indent)


def _pieces(shaper: Shaper, paragraph: ShapedParagraph, start: int, end: int,
            size: int) -> tuple[tuple[Piece, ...], float]:
    """A line's pieces from left to right with their exact advances, and the line's width."""
    pieces = []
    x = 0.0
    for run in visual_runs(paragraph, start, end):
        text = run_text(paragraph, run)
        width = shaper.width(text, run.font, run.rtl, size)
        pieces.append(Piece(text=text, font=run.font, rtl=run.rtl, x=x, width=width))
        x += width
    return tuple(pieces), x


def _offset(available: float, width: float, align: str, rtl: bool) -> float:
    """Where a line starts in the room lines may take: ``start`` is the right edge in
    right-to-left languages."""
    if align == "center":
        return (available - width) / 2
    return available - width if (align == "end") != rtl else 0.0


def _why(prepared: list[_Prepared], rect: Rect, style: TextStyle, size: int, frame: _Frame) -> str:
    limit = frame.available(rect, size) * REFERENCE_SIZE / size
    for item in prepared:
        for start, end, _, bare in item.units:
            if bare > limit:
                word = item.paragraph.text[start:end].strip().replace("\u2066", "").replace("\u2069", "")
                return (f"{word!r} is {bare * size / REFERENCE_SIZE:.0f} px wide at {size} px, "
                        f"wider than the room in the box ({limit * size / REFERENCE_SIZE:.0f} px)")
    count = sum(len(_wrap(item, limit * WIDTH_MARGIN) or []) for item in prepared)
    height = frame.height(style, size, count, len(prepared))
    return f"it needs {count} lines, {height:.0f} px high at {size} px, more than the box's {rect.h} px"
