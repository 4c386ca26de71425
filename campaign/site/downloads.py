"""The downloads page of a language: its front matter gets the list of files the print run made
(lesson packs) and the images run made (posters and cards), and the files go beside it
(``<language>/downloads/<file>``, an image's description beside it as ``<name>.txt``). Nothing on
it is written by hand: titles, page counts, pixels, sizes and descriptions are those of the
rendered files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from ..config import CampaignConfig
from ..images.render import ImageFile, cached_image, description
from ..output import Writer
from ..print.packs import WHOLE
from ..print.render import PrintFile, cached_pdf

PAGE = "downloads.md"
FOLDER = "downloads"


def downloads_meta(files: Sequence[PrintFile]) -> list[dict]:
    """The page's ``downloads`` front matter: pack by pack, the whole pack first, then its parts."""
    packs: dict[str, dict] = {}
    for item in files:
        pack = packs.setdefault(item.pack, {"id": item.pack, "title": item.pack_title, "files": []})
        pack["files"].append({"title": item.title, "href": item.file, "pages": item.pages,
                              "size_kb": max(1, round(item.size / 1024)),
                              "whole": item.part == WHOLE, "draft": item.draft})
    for pack in packs.values():
        pack["files"].sort(key=lambda f: not f["whole"])
    return list(packs.values())


def images_meta(files: Sequence[ImageFile]) -> list[dict]:
    """The page's ``images`` front matter: route by route, each format's PNG (and a poster's PDF)
    with its pixels, size and description."""
    routes: dict[str, dict] = {}
    for item in files:
        route = routes.setdefault(item.route, {"id": f"images-{item.route}", "title": item.title, "files": []})
        route["files"].append({"title": item.format_title, "href": item.file, "type": item.type.upper(),
                               "mime": "application/pdf" if item.type == "pdf" else "image/png",
                               "width": item.width, "height": item.height, "dpi": item.dpi,
                               "size_kb": max(1, round(item.size / 1024)), "draft": item.draft,
                               "alt": item.alt.split("\n") if item.type == "png" else [],
                               "alt_href": f"{item.stem}.txt" if item.type == "png" else None})
    return list(routes.values())


def with_downloads(text: str, files: Sequence[PrintFile], images: Sequence[ImageFile] = ()) -> str:
    """The translated downloads page with its file lists added to the front matter."""
    meta = yaml.safe_dump({"downloads": downloads_meta(files), "images": images_meta(images)},
                          allow_unicode=True, sort_keys=False)
    if text.startswith("---\n"):
        return f"---\n{meta}{text[4:]}"
    return f"---\n{meta}---\n\n{text}"


def write_downloads(config: CampaignConfig, files: Sequence[PrintFile], docs: Path, writer: Writer,
                    images: Sequence[ImageFile] = ()) -> None:
    """Put the language's PDFs, images and descriptions into its docs folder, where MkDocs copies
    them into the site."""
    for item in files:
        writer.write_bytes(docs / FOLDER / item.file, cached_pdf(config, item))
    for image in images:
        writer.write_bytes(docs / FOLDER / image.file, cached_image(config, image))
        if image.type == "png":
            writer.write_text(docs / FOLDER / f"{image.stem}.txt", description(config, image))
