"""The campaign's brand as data: name, strapline, logo, colours and typefaces (``brand:`` in
campaign.yml), and the WCAG 2.2 AA contrast check of every colour pairing the brand produces.

The site, the print materials and the images take their look from a :class:`Brand` and from
nowhere else. A council overrides it with its own block. A colour that fails a pairing is refused
naming the setting, the pairing, the ratio and the nearest shade that passes.
"""

from __future__ import annotations

import colorsys
import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

WHITE = "#ffffff"
INK = "#0b0c0c"          # the campaign's text colour
TEXT_RATIO = 4.5         # WCAG 2.2 AA, 1.4.3: normal text
NON_TEXT_RATIO = 3.0     # WCAG 2.2 AA, 1.4.11 / large text: controls, focus, large headings
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Pairing:
    """One use of a brand colour against another colour, and the contrast it needs."""

    setting: str          # the brand setting whose colour is checked: "primary" or "accent"
    use: str              # what the pairing is, in words
    foreground: str       # a setting name, or a fixed colour
    background: str
    minimum: float


# Every pairing the site's theme makes of the brand colours (see brand_css): header and tab text
# on the primary colour, links and headings in the primary colour on white, link hover and focus
# in the accent colour on white, and the accent as a control's border on white.
PAIRINGS = (
    Pairing("primary", "white header text on the primary colour", WHITE, "primary", TEXT_RATIO),
    Pairing("primary", "links in the primary colour on white", "primary", WHITE, TEXT_RATIO),
    Pairing("accent", "links in the accent colour (hover, focus) on white", "accent", WHITE,
            TEXT_RATIO),
    Pairing("accent", "the accent colour as a control's outline on white", "accent", WHITE,
            NON_TEXT_RATIO),
)


@dataclass(frozen=True)
class Brand:
    """What a campaign or a council looks like."""

    name: str
    strapline: str = ""
    logo: str | None = None          # path relative to the config file (SVG or PNG)
    logo_alt: str = ""
    primary: str = "#283593"
    accent: str = "#1d70b8"
    typefaces: dict[str, str] = field(default_factory=dict)   # script -> font folder name

    def colour(self, name: str) -> str:
        """A setting's colour, or the fixed colour ``name`` itself."""
        return getattr(self, name) if name in ("primary", "accent") else name


@dataclass(frozen=True)
class ContrastProblem:
    setting: str
    colour: str
    pairing: Pairing
    ratio: float
    nearest: str

    def message(self) -> str:
        return (f"brand.{self.setting} {self.colour}: {self.pairing.use} has a contrast of "
                f"{self.ratio:.2f}:1, below the {self.pairing.minimum:g}:1 that WCAG 2.2 AA asks")

    def fix(self) -> str:
        return f"use {self.nearest}, the nearest shade that passes, or another colour"


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a ``#rrggbb`` colour.

    >>> relative_luminance("#ffffff"), relative_luminance("#000000")
    (1.0, 0.0)
    """
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(one: str, other: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21.

    >>> round(contrast_ratio("#000000", "#ffffff"), 1)
    21.0
    >>> round(contrast_ratio("#767676", "#ffffff"), 2)
    4.54
    """
    a, b = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _with_lightness(colour: str, lightness: float) -> str:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(h, max(0.0, min(1.0, lightness)), s)
    return "#{:02x}{:02x}{:02x}".format(*(round(v * 255) for v in (r, g, b)))


def nearest_passing(colour: str, against: str, minimum: float) -> str:
    """The shade of ``colour`` (same hue and saturation, lightness moved as little as possible)
    that has at least ``minimum`` contrast with ``against``.

    >>> nearest_passing("#7a86c8", "#ffffff", 4.5)
    '#6371bf'
    >>> contrast_ratio(nearest_passing("#ffdd00", "#ffffff", 4.5), "#ffffff") >= 4.5
    True
    """
    if contrast_ratio(colour, against) >= minimum:
        return colour
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    start = colorsys.rgb_to_hls(r, g, b)[1]
    for step in range(1, 1001):
        for lightness in (start - step / 1000, start + step / 1000):
            if 0 <= lightness <= 1:
                shade = _with_lightness(colour, lightness)
                if contrast_ratio(shade, against) >= minimum:
                    return shade
    return INK if contrast_ratio(INK, against) >= minimum else WHITE


def contrast_problems(brand: Brand) -> list[ContrastProblem]:
    """Every pairing of the brand's colours that fails WCAG 2.2 AA, with the nearest passing
    shade of the setting's colour."""
    problems = []
    for pairing in PAIRINGS:
        fg, bg = brand.colour(pairing.foreground), brand.colour(pairing.background)
        ratio = contrast_ratio(fg, bg)
        if ratio >= pairing.minimum:
            continue
        own = brand.colour(pairing.setting)
        against = bg if pairing.foreground == pairing.setting else fg
        problems.append(ContrastProblem(pairing.setting, own, pairing, ratio,
                                        nearest_passing(own, against, pairing.minimum)))
    return problems


def with_passing_colours(brand: Brand) -> tuple[Brand, list[ContrastProblem]]:
    """The brand with every failing colour replaced by the nearest passing shade that
    ``contrast_problems`` finds, and the problems replaced (a council's colours: they are
    substituted with a warning; the campaign's own are refused by ``parse_brand``).

    >>> fixed, problems = with_passing_colours(Brand(name="x", primary="#ffdd00"))
    >>> fixed.primary, [p.setting for p in problems], contrast_problems(fixed)
    ('#897600', ['primary'], [])
    """
    replaced: list[ContrastProblem] = []
    for _ in range(2 * len(PAIRINGS)):      # each pass fixes one setting for one pairing
        problems = contrast_problems(brand)
        if not problems:
            return brand, replaced
        first = problems[0]
        replaced.append(first)
        if first.setting == "primary":
            brand = dataclasses.replace(brand, primary=first.nearest)
        else:
            brand = dataclasses.replace(brand, accent=first.nearest)
    raise AssertionError(f"no passing shade found for {brand}")


def parse_colour(value: Any) -> str | None:
    """A ``#rrggbb`` colour in lower case, or None when ``value`` is not one.

    >>> parse_colour("#1D70B8"), parse_colour("blue"), parse_colour("#fff")
    ('#1d70b8', None, None)
    """
    return value.lower() if isinstance(value, str) and _HEX.match(value) else None


def brand_css(brand: Brand) -> str:
    """CSS custom properties that give Material's theme and the campaign's styles the brand's
    colours (mkdocs.yml's palette is ``custom``: these are its only colours)."""
    primary, accent = brand.primary, brand.accent
    dark = _with_lightness(primary, max(0.0, _lightness(primary) - 0.08))
    light = _with_lightness(primary, min(1.0, _lightness(primary) + 0.08))
    return (":root,[data-md-color-scheme=default]{"
            f"--md-primary-fg-color:{primary};--md-primary-fg-color--light:{light};"
            f"--md-primary-fg-color--dark:{dark};--md-primary-bg-color:{WHITE};"
            f"--md-accent-fg-color:{accent};--md-typeset-a-color:{primary};"
            f"--campaign-primary:{primary};--campaign-accent:{accent}}}")


def _lightness(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hls(r, g, b)[1]


_BRAND_KEYS = ("name", "strapline", "logo", "logo_alt", "primary", "accent", "typefaces")
LOGO_SUFFIXES = (".svg", ".png")


def parse_brand(raw: Any, root: Path, fonts_dir: str, default_name: str,
                where: Callable[[tuple[str, ...]], int | None]) -> tuple[Brand, list[tuple[str, int | None, str]]]:
    """The ``brand:`` block, checked: the brand and its problems as (message, line, fix).
    ``where(("brand", key))`` gives a setting's line in the config file."""
    problems: list[tuple[str, int | None, str]] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        return Brand(name=default_name), [("'brand' must be a mapping of settings", where(("brand",)),
                                           "write brand: with name, strapline, logo, primary, accent")]
    for key in raw:
        if key not in _BRAND_KEYS:
            problems.append((f"unknown brand setting {key!r}", where(("brand", key)),
                             f"use only: {', '.join(_BRAND_KEYS)}"))
    colours = {}
    for key, default in (("primary", Brand.primary), ("accent", Brand.accent)):
        value = raw.get(key, default)
        colour = parse_colour(value)
        if colour is None:
            problems.append((f"brand.{key} must be a colour written #rrggbb, not {value!r}",
                             where(("brand", key)), f'write it like {key}: "{default}" (quoted)'))
            colour = default
        colours[key] = colour
    logo = raw.get("logo")
    logo_alt = str(raw.get("logo_alt") or "")
    if logo is not None:
        path = root / str(logo)
        if Path(str(logo)).suffix.lower() not in LOGO_SUFFIXES:
            problems.append((f"brand.logo {logo!r} must be an SVG or PNG file", where(("brand", "logo")),
                             "convert the logo to SVG (preferred) or PNG"))
        elif not path.is_file():
            problems.append((f"brand.logo {logo!r} does not exist", where(("brand", "logo")),
                             "give the logo's path relative to this file"))
        if not logo_alt.strip():
            problems.append(("brand.logo has no alt text", where(("brand", "logo")),
                             "add logo_alt: what the logo says or shows, e.g. the campaign's name"))
    typefaces = raw.get("typefaces") or {}
    if not isinstance(typefaces, dict):
        problems.append(("brand.typefaces must map a script to a font", where(("brand", "typefaces")),
                         "e.g. typefaces: {latin: noto-sans, arabic: noto-naskh-arabic}"))
        typefaces = {}
    for script, font in typefaces.items():
        if not (root / fonts_dir / f"{font}.css").is_file():
            problems.append((f"brand.typefaces.{script}: font {font!r} has no {fonts_dir}/{font}.css",
                             where(("brand", "typefaces", script)),
                             "add the self-hosted font (woff2 + css) or pick one that exists"))
    brand = Brand(name=str(raw.get("name") or default_name), strapline=str(raw.get("strapline") or ""),
                  logo=str(logo) if logo is not None else None, logo_alt=logo_alt,
                  primary=colours["primary"], accent=colours["accent"],
                  typefaces={str(k): str(v) for k, v in typefaces.items()})
    for problem in contrast_problems(brand):
        problems.append((problem.message(), where(("brand", problem.setting)), problem.fix()))
    return brand, problems
