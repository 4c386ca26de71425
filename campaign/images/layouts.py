"""Poster and card layouts as data: one YAML file per format in layouts_dir, schema-checked.

A layout names the image's size in pixels and its dpi, whether it is a poster (PNG and PDF), a
card (PNG) or a page preview (PNG: one per page of the site, its ``og:image``), its background,
plain coloured panels, and boxes. Each box has a kind (headline,
lines, helplines, qr, logo, brand-name), a place (x, y, w, h: whole numbers are pixels, numbers
with a decimal point between 0 and 1 are fractions of the image's width or height) and, for
text, a style (largest and smallest size in pixels, weight, line height, alignment, colour).
Colours are brand names (primary, accent) or white, black, ink, or ``"#rrggbb"``. A preview
shows the page's title in its headline box and names the services whose phone numbers its
helplines box shows (``services:``, ids of the help data); it has no QR code and no lines.

Every problem of every file is reported at once, each naming the file, the line and the fix.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from ..brand import INK, WHITE, Brand, parse_colour
from ..config import Lines, setting_lines
from ..errors import ConfigError, raise_all

KINDS = ("headline", "lines", "helplines", "qr", "logo", "brand-name")
TEXT_KINDS = ("headline", "lines", "helplines", "brand-name")
REQUIRED_KINDS = ("headline", "helplines", "qr", "logo")     # every poster and card has these
PREVIEW_KINDS = ("headline", "helplines", "logo")              # every page preview has these
NOT_IN_PREVIEW = ("qr", "lines")      # a preview shows the page's title, not a poster's lines
FORMATS = ("poster", "card", "preview")   # a poster is also written as a PDF
MAX_SERVICES = 4
WEIGHTS = {"regular": 400, "bold": 700}
ALIGNS = ("start", "center", "end")   # start: left in left-to-right text, right in right-to-left
VALIGNS = ("top", "middle", "bottom")
NAMED_COLOURS = {"white": WHITE, "black": "#000000", "ink": INK}
QR_MIN_MM = 25.0                      # a poster's QR code, to scan from a noticeboard
_LAYOUT_KEYS = ("title", "format", "size", "dpi", "background", "mirror_rtl", "panels", "boxes",
                "services")
_BOX_KEYS = ("kind", "x", "y", "w", "h", "style", "fill")
_PANEL_KEYS = ("x", "y", "w", "h", "fill")
_STYLE_KEYS = ("max", "min", "weight", "line_height", "spacing", "align", "valign", "colour",
               "balance")
_COLOUR_FIX = 'use primary, accent, white, black, ink or a colour written "#rrggbb" (quoted)'


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def overlaps(self, other: Rect) -> bool:
        return (self.x < other.right and other.x < self.right
                and self.y < other.bottom and other.y < self.bottom)

    def mirrored(self, width: int) -> Rect:
        return Rect(width - self.right, self.y, self.w, self.h)


@dataclass(frozen=True)
class TextStyle:
    max_size: int           # pixels: the text is set as large as fits, from max_size down
    min_size: int           # ... to min_size; below it the render fails
    weight: int = 400
    line_height: float = 1.0    # times the typeface's own line box (ascent + descent)
    spacing: float = 0.4        # space between paragraphs (list items, helplines), times the size
    align: str = "start"
    valign: str = "top"
    colour: str = INK           # "primary", "accent" or "#rrggbb"
    balance: bool = False       # lines of even length (headlines), not a long one and a lone word


@dataclass(frozen=True)
class Box:
    kind: str
    rect: Rect
    style: TextStyle | None = None
    fill: str | None = None     # a colour drawn behind the box, or None
    line: int | None = None     # where it is written, for messages


@dataclass(frozen=True)
class Panel:
    rect: Rect
    fill: str


@dataclass(frozen=True)
class Layout:
    name: str                   # the file's stem, e.g. "a4-poster": part of each file name
    title: str                  # e.g. "A4 poster" (a message: translated on the downloads page)
    format: str                 # poster or card
    width: int
    height: int
    dpi: int
    background: str
    panels: tuple[Panel, ...]
    boxes: tuple[Box, ...]
    shown: str                  # the file as messages name it
    mirror_rtl: bool = True     # right-to-left languages: every box mirrored left to right
    services: tuple[str, ...] = ()   # a preview's helplines: ids of the help data's services
    services_line: int | None = None    # where they are written, for messages

    @property
    def is_poster(self) -> bool:
        return self.format == "poster"

    @property
    def is_preview(self) -> bool:
        return self.format == "preview"

    def box(self, kind: str) -> Box | None:
        return next((box for box in self.boxes if box.kind == kind), None)

    def placed(self, rtl: bool) -> Layout:
        """The layout as drawn for a language's direction (mirrored for right to left)."""
        if not (rtl and self.mirror_rtl):
            return self
        return replace(self, panels=tuple(replace(p, rect=p.rect.mirrored(self.width)) for p in self.panels),
                       boxes=tuple(replace(b, rect=b.rect.mirrored(self.width)) for b in self.boxes))

    @cached_property
    def fingerprint(self) -> str:
        """What a render depends on in this layout (for the cache key)."""
        data = asdict(self)
        data.pop("shown")
        data.pop("services_line")
        for box in data["boxes"]:
            box.pop("line")
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def resolve_colour(value: str, brand: Brand) -> str:
    """A layout colour as ``#rrggbb``: a brand colour, a named one, or itself."""
    if value in ("primary", "accent"):
        return brand.colour(value)
    return NAMED_COLOURS.get(value, value)


def load_layouts(folder: Path, shown_folder: str) -> list[Layout]:
    """Every ``*.yml`` layout in ``folder``, in name order; every problem of every file raised
    together."""
    if not folder.is_dir():
        raise ConfigError("the layouts folder does not exist", path=shown_folder,
                          fix="create it with one YAML file per poster or card format, or set "
                              "layouts_dir in campaign.yml")
    layouts: list[Layout] = []
    problems: list[ConfigError] = []
    for path in sorted(folder.glob("*.yml")):
        layout, found = read_layout(path, f"{shown_folder}/{path.name}")
        problems.extend(found)
        if layout is not None:
            layouts.append(layout)
    if not layouts and not problems:
        problems.append(ConfigError("the layouts folder holds no layout", path=shown_folder,
                                    fix="add a YAML file per format, e.g. a4-poster.yml"))
    previews = [layout for layout in layouts if layout.is_preview]
    for extra in previews[1:]:
        problems.append(ConfigError(f"a second preview layout (the first is {previews[0].shown})",
                                    path=extra.shown, line=1,
                                    fix="keep one layout with format: preview: each page has one preview"))
    raise_all(problems)
    return layouts


def read_layout(path: Path, shown: str) -> tuple[Layout | None, list[ConfigError]]:
    """One layout file: the layout (None when it has problems) and its problems."""
    try:
        text = path.read_text(encoding="utf-8")
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)     # LibYAML when PyYAML has it
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except UnicodeDecodeError as exc:
        return None, [ConfigError(f"not UTF-8 text: {exc}", path=shown, fix="save the file as UTF-8")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [ConfigError(f"not valid YAML: {getattr(exc, 'problem', exc)}", path=shown,
                                  line=mark.line + 1 if mark else None,
                                  fix="check indentation and quoting near that line")]
    if not isinstance(data, dict):
        return None, [ConfigError("a layout must be a mapping of settings", path=shown, line=1,
                                  fix="start with title:, format:, size: [width, height], dpi:")]
    checker = _Checker(shown, setting_lines(node))
    layout = checker.layout(path.stem, data)
    return (layout if not checker.problems else None), checker.problems


class _Checker:
    """Checks one layout's data, collecting every problem with its line."""

    def __init__(self, shown: str, lines: Lines) -> None:
        self.shown = shown
        self.lines = lines
        self.problems: list[ConfigError] = []

    def problem(self, where: tuple[str | int, ...], message: str, fix: str) -> None:
        line = None
        for depth in range(len(where), 0, -1):       # the setting's line, else its parent's
            line = self.lines.get(where[:depth])
            if line is not None:
                break
        self.problems.append(ConfigError(message, path=self.shown, line=line or 1, fix=fix))

    def unknown_keys(self, data: dict, allowed: tuple[str, ...], where: tuple[str | int, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.problem(where + (key,), f"unknown setting {key!r}", f"use only: {', '.join(allowed)}")

    def layout(self, name: str, data: dict[str, Any]) -> Layout:
        self.unknown_keys(data, _LAYOUT_KEYS, ())
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            self.problem(("title",), "the layout needs a title",
                         'add title: what the format is called on the downloads page, e.g. "A4 poster"')
        fmt = data.get("format")
        if fmt not in FORMATS:
            self.problem(("format",), f"format must be poster, card or preview, not {fmt!r}",
                         "write format: poster (a PNG and a PDF to print), format: card (a PNG) "
                         "or format: preview (a PNG per page of the site, its link preview)")
        width, height = self.size(data.get("size"))
        dpi = data.get("dpi")
        if isinstance(dpi, bool) or not isinstance(dpi, int) or not 36 <= dpi <= 1200:
            self.problem(("dpi",), f"dpi must be a whole number from 36 to 1200, not {dpi!r}",
                         "write dpi: 300 for print, dpi: 72 for a screen")
            dpi = 72
        background = self.colour(data.get("background", "white"), ("background",))
        mirror = data.get("mirror_rtl", True)
        if not isinstance(mirror, bool):
            self.problem(("mirror_rtl",), f"mirror_rtl must be true or false, not {mirror!r}",
                         "write mirror_rtl: true to mirror the boxes for right-to-left languages")
            mirror = True
        panels = tuple(self.panels(data.get("panels", []), width, height))
        boxes = tuple(self.boxes(data.get("boxes"), width, height, dpi, str(fmt)))
        services = self.services(data.get("services"), fmt == "preview")
        return Layout(name=name, title=str(title or ""), format=str(fmt), width=width, height=height,
                      dpi=dpi, background=background, panels=panels, boxes=boxes, shown=self.shown,
                      mirror_rtl=mirror, services=services, services_line=self.lines.get(("services",)))

    def services(self, value: Any, preview: bool) -> tuple[str, ...]:
        """A preview's helplines: the ids of the help data's services (checked against the help
        data when the previews are drawn)."""
        if not preview:
            if value is not None:
                self.problem(("services",), "only a preview names its services",
                             "remove services: (a poster's or card's helplines are in posters/<route>.md)")
            return ()
        if (isinstance(value, list) and 1 <= len(value) <= MAX_SERVICES
                and all(isinstance(item, str) and item.strip() for item in value)
                and len(set(value)) == len(value)):
            return tuple(value)
        self.problem(("services",), f"services must be a list of 1 to {MAX_SERVICES} different "
                                    f"service ids, not {value!r}",
                     "name the helplines the preview shows by their id in the help data, "
                     "e.g. services: [childline, nspcc]")
        return ()

    def size(self, value: Any) -> tuple[int, int]:
        if (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and 100 <= v <= 20000 for v in value)):
            return value[0], value[1]
        self.problem(("size",), f"size must be [width, height] in pixels, not {value!r}",
                     "e.g. size: [2480, 3508] for A4 at 300 dpi, size: [1080, 1080] for a square card")
        return 1000, 1000

    def colour(self, value: Any, where: tuple[str | int, ...]) -> str:
        if isinstance(value, str) and (value in ("primary", "accent") or value in NAMED_COLOURS):
            return value
        colour = parse_colour(value)
        if colour is None:
            self.problem(where, f"{value!r} is not a colour", _COLOUR_FIX)
            return "white"
        return colour

    def rect(self, data: dict, where: tuple[str | int, ...], width: int, height: int) -> Rect | None:
        values = {}
        for key, full in (("x", width), ("y", height), ("w", width), ("h", height)):
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                self.problem(where + (key,), f"{key} must be a number, not {value!r}",
                             f"write {key} in pixels (a whole number) or as a fraction of the "
                             "image (a number with a decimal point from 0.0 to 1.0)")
                return None
            if isinstance(value, float):
                if not 0.0 <= value <= 1.0:
                    self.problem(where + (key,), f"{key} {value} is a fraction outside 0.0 to 1.0",
                                 "write a fraction from 0.0 to 1.0, or pixels as a whole number")
                    return None
                value = round(value * full)
            values[key] = value
        rect = Rect(**values)
        if rect.w <= 0 or rect.h <= 0 or rect.x < 0 or rect.y < 0 or rect.right > width or rect.bottom > height:
            self.problem(where, f"the box ({rect.x}, {rect.y}, {rect.w} x {rect.h} px) does not lie "
                                f"inside the {width} x {height} px image",
                         "make w and h positive and keep x + w and y + h within the size")
            return None
        return rect

    def panels(self, raw: Any, width: int, height: int) -> list[Panel]:
        if not isinstance(raw, list):
            self.problem(("panels",), "panels must be a list", "write one panel per line, e.g. "
                         "- {x: 0, y: 0, w: 1.0, h: 0.5, fill: primary}")
            return []
        out = []
        for index, item in enumerate(raw):
            where: tuple[str | int, ...] = ("panels", index)
            if not isinstance(item, dict):
                self.problem(where, "a panel must be a mapping of x, y, w, h and fill",
                             "e.g. - {x: 0, y: 0, w: 1.0, h: 0.5, fill: primary}")
                continue
            self.unknown_keys(item, _PANEL_KEYS, where)
            rect = self.rect(item, where, width, height)
            fill = self.colour(item.get("fill"), where + ("fill",))
            if rect is not None:
                out.append(Panel(rect=rect, fill=fill))
        return out

    def boxes(self, raw: Any, width: int, height: int, dpi: int, fmt: str) -> list[Box]:
        if not isinstance(raw, list) or not raw:
            self.problem(("boxes",), "the layout needs a list of boxes",
                         f"add boxes:, one per kind ({', '.join(KINDS)}), each with x, y, w, h")
            return []
        out: list[Box] = []
        for index, item in enumerate(raw):
            where: tuple[str | int, ...] = ("boxes", index)
            if not isinstance(item, dict):
                self.problem(where, "a box must be a mapping", "write kind:, x:, y:, w:, h: (and style: for text)")
                continue
            self.unknown_keys(item, _BOX_KEYS, where)
            kind = item.get("kind")
            if kind not in KINDS:
                self.problem(where + ("kind",), f"unknown box kind {kind!r}", f"use one of: {', '.join(KINDS)}")
                continue
            if any(box.kind == kind for box in out):
                self.problem(where + ("kind",), f"a second {kind} box", "keep one box of each kind")
                continue
            rect = self.rect(item, where, width, height)
            style = self.style(item.get("style"), where + ("style",), kind)
            fill = self.colour(item["fill"], where + ("fill",)) if "fill" in item else None
            if rect is None:
                continue
            if fmt == "preview" and kind in NOT_IN_PREVIEW:
                self.problem(where + ("kind",), f"a preview has no {kind} box",
                             "remove it: a preview shows the logo, the brand's name, the page's "
                             "title and the helplines")
                continue
            if kind == "qr":
                self.qr_box(rect, where, dpi, fmt == "poster")
            for other in out:
                if rect.overlaps(other.rect):
                    self.problem(where, f"the {kind} box overlaps the {other.kind} box (line {other.line})",
                                 "move or shrink one of them: text is measured against what lies behind it")
            out.append(Box(kind=str(kind), rect=rect, style=style, fill=fill, line=self.lines.get(where)))
        required, what = ((PREVIEW_KINDS, "every preview shows the headline (the page's title), the "
                                          "helplines and the logo") if fmt == "preview" else
                          (REQUIRED_KINDS, "every poster and card shows the headline, the helplines, "
                                           "the QR code and the logo"))
        for kind in required:
            if not any(box.kind == kind for box in out) and not any(
                    isinstance(item, dict) and item.get("kind") == kind for item in raw):
                self.problem(("boxes",), f"the layout has no {kind} box", f"add a {kind} box: {what}")
        return out

    def qr_box(self, rect: Rect, where: tuple[str | int, ...], dpi: int, poster: bool) -> None:
        side = min(rect.w, rect.h)
        if poster and side * 25.4 / dpi < QR_MIN_MM:
            need = round(QR_MIN_MM / 25.4 * dpi)
            self.problem(where, f"the QR code would be {side * 25.4 / dpi:.1f} mm wide, too small to "
                                f"scan from a noticeboard (at least {QR_MIN_MM:g} mm)",
                         f"make the qr box at least {need} x {need} px at {dpi} dpi")
        elif side < 150:
            self.problem(where, f"the QR code box is {side} px, too small to scan",
                         "make it at least 150 x 150 px")

    def style(self, raw: Any, where: tuple[str | int, ...], kind: Any) -> TextStyle | None:
        if kind not in TEXT_KINDS:
            if raw is not None:
                self.problem(where, f"a {kind} box has no text style", "remove its style:")
            return None
        if not isinstance(raw, dict):
            self.problem(where, f"the {kind} box needs a style",
                         "add style: {max: 120, min: 60} (sizes in pixels), and weight, colour, align as needed")
            return None
        self.unknown_keys(raw, _STYLE_KEYS, where)
        sizes = {}
        for key in ("max", "min"):
            value = raw.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or not 8 <= value <= 2000:
                self.problem(where + (key,), f"style.{key} must be a size in pixels from 8 to 2000, not {value!r}",
                             f"write {key}: the {'largest' if key == 'max' else 'smallest'} text size, e.g. {key}: 96")
                value = 8
            sizes[key] = value
        if sizes["min"] > sizes["max"]:
            self.problem(where + ("min",), f"style.min {sizes['min']} is larger than style.max {sizes['max']}",
                         "make min the smallest size the text may shrink to, at most max")
        weight = raw.get("weight", "regular")
        if weight not in WEIGHTS:
            self.problem(where + ("weight",), f"unknown weight {weight!r}", "use regular or bold")
            weight = "regular"
        numbers = {}
        for key, default, low, high in (("line_height", 1.0, 0.7, 3.0), ("spacing", 0.4, 0.0, 3.0)):
            value = raw.get(key, default)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
                self.problem(where + (key,), f"style.{key} must be a number from {low} to {high}, not {value!r}",
                             f"e.g. {key}: {default}")
                value = default
            numbers[key] = float(value)
        align, valign = raw.get("align", "start"), raw.get("valign", "top")
        if align not in ALIGNS:
            self.problem(where + ("align",), f"unknown align {align!r}", f"use one of: {', '.join(ALIGNS)}")
            align = "start"
        if valign not in VALIGNS:
            self.problem(where + ("valign",), f"unknown valign {valign!r}", f"use one of: {', '.join(VALIGNS)}")
            valign = "top"
        colour = self.colour(raw.get("colour", "ink"), where + ("colour",))
        balance = raw.get("balance", False)
        if not isinstance(balance, bool):
            self.problem(where + ("balance",), f"style.balance must be true or false, not {balance!r}",
                         "write balance: true for lines of even length (headlines)")
            balance = False
        return TextStyle(max_size=sizes["max"], min_size=sizes["min"], weight=WEIGHTS[weight],
                         line_height=numbers["line_height"], spacing=numbers["spacing"],
                         align=str(align), valign=str(valign), colour=colour, balance=balance)
