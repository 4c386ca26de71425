"""Write the example councils' logos (councils/examples/logos/): coloured initials drawn as
strokes, so no font is needed. Four are SVG (the safe subset the pack accepts), two PNG (drawn
with Pillow), so both kinds are exercised by the examples.

    .venv/bin/python tools/make_example_logos.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "councils" / "examples" / "logos"
# Initials as stroked paths in a 40 x 60 box.
LETTERS = {
    "B": "M4 0 L4 60 L22 60 Q38 60 38 45 Q38 30 22 30 L4 30 M4 0 L20 0 Q34 0 34 15 Q34 30 20 30",
    "F": "M36 0 L4 0 L4 60 M4 30 L28 30",
    "D": "M4 0 L4 60 L18 60 Q40 60 40 30 Q40 0 18 0 Z",
    "S": "M38 8 Q30 0 20 0 Q4 0 4 15 Q4 28 20 30 Q36 32 36 45 Q36 60 20 60 Q8 60 2 52",
    "Y": "M0 0 L20 28 L40 0 M20 28 L20 60",
}
SVG_LOGOS = {"bracknell-forest": ("BF", "#00703c"), "derby": ("D", "#7a1f5c"),
             "shropshire": ("S", "#005ea5"), "york": ("Y", "#8b1538")}
PNG_LOGOS = {"cornwall": ("#1a1a1a", "arc"), "islington": ("#4b2e83", "bar")}


def svg_logo(initials: str, colour: str) -> str:
    width = 40 + 60 * len(initials)
    paths = "".join(
        f'<path transform="translate({30 + 60 * i} 20)" d="{LETTERS[letter]}"/>'
        for i, letter in enumerate(initials))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 100" width="{width}" '
            f'height="100"><title>{initials}</title>'
            f'<rect width="{width}" height="100" rx="14" fill="{colour}"/>'
            f'<g fill="none" stroke="#ffffff" stroke-width="9" stroke-linecap="round" '
            f'stroke-linejoin="round">{paths}</g></svg>\n')


def png_logo(path: Path, colour: str, shape: str) -> None:
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (200, 200), colour)
    draw = ImageDraw.Draw(image)
    if shape == "arc":          # a C
        draw.arc((40, 40, 160, 160), start=45, end=315, fill="#ffffff", width=22)
    else:                       # an I
        draw.rectangle((88, 40, 112, 160), fill="#ffffff")
        draw.rectangle((64, 40, 136, 60), fill="#ffffff")
        draw.rectangle((64, 140, 136, 160), fill="#ffffff")
    image.save(path, format="PNG", optimize=True)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for slug, (initials, colour) in SVG_LOGOS.items():
        (OUT / f"{slug}.svg").write_text(svg_logo(initials, colour), encoding="utf-8")
    for slug, (colour, shape) in PNG_LOGOS.items():
        png_logo(OUT / f"{slug}.png", colour, shape)
    print(f"wrote {len(SVG_LOGOS) + len(PNG_LOGOS)} logos into {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
