"""A contact sheet per language: every poster and card small, each labelled with its file name,
route by route, to see a language's whole set at a glance (and review it)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw, ImageFont

from ..errors import CampaignError
from ..print.cache import RenderCache
from .encode import png_bytes, thumbnail

if TYPE_CHECKING:
    from .render import ImageFile

SHEET_FORMAT = 1
GAP = 32                  # pixels between thumbnails and around the sheet
LABEL = 18                # label size, pixels
BACKGROUND = "#ffffff"
INK = "#0b0c0c"


@dataclass(frozen=True)
class SheetJob:
    lang: str
    files: tuple[ImageFile, ...]
    cache_dir: Path
    font: Path                # a Latin font for the labels (file names are ASCII)


def sheet_name(code: str) -> str:
    return f"contact-sheet-{code}.png"


def make_sheet(job: SheetJob) -> ImageFile:
    """In a worker: the language's contact sheet into the cache (from the thumbnails the render
    stored), or the one already there."""
    from .render import derived_key
    pngs = [item for item in job.files if item.type == "png"]
    if not pngs:
        raise CampaignError(f"{job.lang}: no image to put on the contact sheet", fix="render the images first")
    key = hashlib.sha256(" ".join([f"sheet {SHEET_FORMAT}", job.font.name,
                                   *(f"{i.key}:{i.file}" for i in pngs)]).encode()).hexdigest()
    cache = RenderCache(job.cache_dir, ".png")
    found = cache.get(key)
    if found is None:
        pictures = [(item.route, item.file, _thumbnail(job.cache_dir, item, derived_key(item.key, "thumbnail")))
                    for item in pngs]
        image = draw_sheet(job.lang, pictures, ImageFont.truetype(str(job.font), LABEL))
        cache.put(key, png_bytes(image, 72), 1)
        found = cache.get(key)
        assert found is not None
    width, height = Image.open(io.BytesIO(found.data)).size
    return replace(pngs[0], route="", layout="contact-sheet", title="", format_title="",
                   file=sheet_name(job.lang), type="png", width=width, height=height, dpi=72,
                   size=len(found.data), alt="", key=key, boxes=())


def _thumbnail(cache_dir: Path, item: ImageFile, key: str) -> Image.Image:
    """The image's thumbnail, stored when it was drawn; made again from the image itself when
    it is missing or damaged."""
    thumbs = RenderCache(cache_dir, ".thumb.png")
    found = thumbs.get(key)
    if found is not None:
        return Image.open(io.BytesIO(found.data)).convert("RGB")
    image = RenderCache(cache_dir, ".png").get(item.key)
    if image is None:
        raise CampaignError(f"the rendered {item.file} vanished from the cache during the run",
                            fix="run the command again")
    small = thumbnail(Image.open(io.BytesIO(image.data)).convert("RGB"))
    thumbs.put(key, png_bytes(small, 72), 1)
    return small


def draw_sheet(code: str, pictures: list[tuple[str, str, Image.Image]],
               font: ImageFont.FreeTypeFont) -> Image.Image:
    """Thumbnails in rows (one row per route), each with its file name below it."""
    rows: dict[str, list[tuple[str, Image.Image]]] = {}
    for route, name, picture in pictures:
        rows.setdefault(route, []).append((name, picture))
    label_height = LABEL * 2
    cells = {name: max(picture.width, int(font.getlength(name)) + 8) for row in rows.values()
             for name, picture in row}
    row_height = max(p.height for _, _, p in pictures) + label_height
    width = GAP + max(sum(cells[name] + GAP for name, _ in row) for row in rows.values())
    height = GAP * 3 + LABEL + len(rows) * (row_height + GAP)
    sheet = Image.new("RGB", (width, height), BACKGROUND)
    pen = ImageDraw.Draw(sheet)
    pen.text((GAP, GAP), f"{code}: {len(pictures)} posters and cards", font=font, fill=INK)
    y = GAP * 2 + LABEL
    for row in rows.values():
        x = GAP
        for name, picture in row:
            cell = cells[name]
            sheet.paste(picture, (x + (cell - picture.width) // 2, y))
            pen.rectangle((x + (cell - picture.width) // 2 - 1, y - 1,
                           x + (cell + picture.width) // 2, y + picture.height), outline="#b1b4b6")
            pen.text((x + cell // 2, y + row_height - label_height + LABEL // 2), name, font=font,
                     fill=INK, anchor="mt")
            x += cell + GAP
        y += row_height + GAP
    return sheet
