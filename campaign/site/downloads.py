"""The downloads page of a language: its front matter gets the list of files the print run made,
and the files go beside it (``<language>/downloads/<file>``). Nothing on it is written by hand:
titles, page counts and sizes are those of the rendered files."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from ..config import CampaignConfig
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


def with_downloads(text: str, files: Sequence[PrintFile]) -> str:
    """The translated downloads page with its file list added to the front matter."""
    meta = yaml.safe_dump({"downloads": downloads_meta(files)}, allow_unicode=True, sort_keys=False)
    if text.startswith("---\n"):
        return f"---\n{meta}{text[4:]}"
    return f"---\n{meta}---\n\n{text}"


def write_downloads(config: CampaignConfig, files: Sequence[PrintFile], docs: Path, writer: Writer) -> None:
    """Put the language's PDFs into its docs folder, where MkDocs copies them into the site."""
    for item in files:
        writer.write_bytes(docs / FOLDER / item.file, cached_pdf(config, item))
