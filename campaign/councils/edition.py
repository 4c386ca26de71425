"""One edition of the campaign: the site with its lesson packs, built for one set of council
settings, and kept so that every council with the same settings shares it.

A council's build differs from the campaign's only in what its settings change: the brand (CSS,
logo, the PDFs' look), the address (canonical links, sitemap), the nation (which services the
help box lists), its contacts (the help box, its contacts page, the teacher guides and letters)
and the SAMPLE marks. So:

* an edition is keyed by a SHA-256 of everything it is built from (the sources, the toolkit and
  its renderers' versions, those settings, the languages, SOURCE_DATE_EPOCH): every council
  without a file of its own in one nation has the same key, and the site is built once for all
  of them (``<cache_dir>/councils/editions/<key>/``);
* inside a build, PDFs come from the print cache by content hash: what a council's settings do
  not change is never rendered again.

An edition folder holds ``site/`` (ready to publish) and ``edition.json`` (its PDFs and the
pictures of its pages with their alt text, for the pack's alt-text file). It is written under a
temporary name and renamed when complete; a folder without ``edition.json`` is never used.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import posixpath
import shutil
import socket
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import CampaignConfig
from ..output import atomic_write_bytes, process_alive

EDITIONS = "councils/editions"      # inside the cache folder
META = "edition.json"
FORMAT = 2                          # 2: posters and cards recorded where the site has them
# What an edition is built from, besides its settings: every source folder and file (paths
# relative to the project) and the toolkit itself.
SOURCE_SETTINGS = ("docs_dir", "locales_dir", "packs_dir", "posters_dir", "layouts_dir", "help_data",
                   "mkdocs_file", "terminology")
SOURCE_FOLDERS = ("overrides", "assets")


@dataclass(frozen=True)
class Edition:
    """A rendered edition in the cache."""

    key: str
    folder: Path
    languages: tuple[str, ...]
    pdfs: tuple[dict, ...]          # {"lang", "file", "site_path"}: each lesson-pack PDF
    pictures: tuple[dict, ...]      # {"src", "lang", "alt", "pages"}: each picture of each page
    images: tuple[dict, ...] = ()   # {"path", "lang", "alt", "kind"}: posters, cards, contact
                                    # sheets (see _images)
    built: bool = False             # built by this run (False: found in the cache)
    rendered: int = 0               # PDFs rendered by this run (the others came from the cache)

    @property
    def site(self) -> Path:
        return self.folder / "site"


def _hash_tree(digest: Any, root: Path, folder: Path) -> None:
    paths = [folder] if folder.is_file() else sorted(p for p in folder.rglob("*") if p.is_file())
    for path in paths:
        rel = path.relative_to(root).as_posix()
        if "__pycache__" in rel or any(part.startswith(".") for part in Path(rel).parts):
            continue
        digest.update(f"\n{rel}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def renderer_versions() -> str:
    from importlib.metadata import version
    return " ".join(f"{name}={version(name)}" for name in
                    ("campaign", "mkdocs", "mkdocs-material", "weasyprint", "pydyf", "pillow", "img2pdf"))


def source_digest(config: CampaignConfig) -> str:
    """A SHA-256 of every source a build reads and of the toolkit's own code and versions."""
    digest = hashlib.sha256(f"sources {FORMAT}\n{renderer_versions()}\n".encode())
    root = config.root
    for setting in SOURCE_SETTINGS:
        _hash_tree(digest, root, root / getattr(config, setting))
    for name in SOURCE_FOLDERS:
        if (root / name).exists():
            _hash_tree(digest, root, root / name)
    if config.config_path is not None:
        _hash_tree(digest, config.config_path.parent, config.config_path)
    package = Path(__file__).resolve().parent.parent
    _hash_tree(digest, package.parent, package)
    return digest.hexdigest()


def settings_fingerprint(config: CampaignConfig) -> dict[str, Any]:
    """The settings a council changes, as plain data (the logo by its bytes' SHA-256)."""
    assert config.brand is not None
    brand = dataclasses.asdict(config.brand)
    if config.brand.logo:
        logo = config.root / config.brand.logo
        brand["logo"] = hashlib.sha256(logo.read_bytes()).hexdigest() if logo.is_file() else "missing"
    local = dataclasses.asdict(config.local_contacts) if config.local_contacts else None
    return {"brand": brand, "site_url": config.site_url, "nations": list(config.nations),
            "sample": config.sample, "local": local, "site_name": config.site_name,
            "quick_exit": config.quick_exit_url}


def edition_key(config: CampaignConfig, languages: tuple[str, ...], sources: str, epoch: str) -> str:
    data = {"format": FORMAT, "sources": sources, "settings": settings_fingerprint(config),
            "languages": list(languages), "epoch": epoch,
            "print_epoch": os.environ.get("SOURCE_DATE_EPOCH", "")}
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


def editions_folder(config: CampaignConfig) -> Path:
    return (config.root / config.cache_dir / EDITIONS).resolve()


def cached_edition(folder: Path) -> Edition | None:
    """The edition in ``folder``, or None when it is absent or incomplete."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("format") != FORMAT or not (folder / "site").is_dir():
        return None
    return Edition(key=folder.name, folder=folder, languages=tuple(meta["languages"]),
                   pdfs=tuple(meta["pdfs"]), pictures=tuple(meta["pictures"]),
                   images=tuple(meta.get("images", ())))


def render_edition(config: CampaignConfig, languages: tuple[str, ...], key: str, *,
                   jobs: int | None = None, start_method: str | None = None) -> Edition:
    """The edition ``key`` of ``config`` in ``languages``: from the cache, or built now."""
    from ..site.build import build_site
    folder = editions_folder(config) / key
    found = cached_edition(folder)
    if found is not None:
        return found
    # A run killed on this machine leaves its folder (the cache may be shared by machines:
    # another host's folders are theirs to clear).
    host = socket.gethostname()
    for stale in folder.parent.glob(f".{key}.tmp-{host}-*"):
        pid = stale.name.rsplit("-", 1)[1]
        if pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    work = folder.with_name(f".{key}.tmp-{host}-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    try:
        report = build_site(config, list(languages), work / "site", with_print=True, with_images=True,
                            jobs=jobs, start_method=start_method)
        images = _images(config, languages, work, jobs=jobs, start_method=start_method)
        drawn = {record["path"] for record in images if record["path"].startswith("site/")}
        meta = {"format": FORMAT, "languages": list(languages),
                "pdfs": _pdfs(config, work / "site", languages, drawn),
                "pictures": _pictures(config, work / "site", languages), "images": images}
        atomic_write_bytes(work / META, json.dumps(meta, indent=1, sort_keys=True).encode())
        if cached_edition(folder) is None:          # another run may have finished it first
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(work, folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    edition = cached_edition(folder)
    assert edition is not None
    return dataclasses.replace(edition, built=True, rendered=report.rendered)


def _images(config: CampaignConfig, languages: tuple[str, ...], work: Path, *,
            jobs: int | None, start_method: str | None) -> list[dict]:
    """The edition's posters and cards (already in the site's downloads folders: the build drew
    them, so gathering them again only reads the cache) and each language's contact sheet,
    written under ``work/images/<lang>/``: one record per file, ``{"path", "lang", "alt",
    "kind"}``, the path being the file's in the edition and in the pack (a poster's or card's:
    ``site/<lang>/downloads/<file>``, where the site links it; a contact sheet's:
    ``images/<lang>/<file>``)."""
    from ..images.render import cached_image, gather_images
    from ..pipeline import load_inputs
    from ..site.downloads import FOLDER as DOWNLOADS_FOLDER
    chosen = [config.language(code) for code in languages]
    inputs = load_inputs(config, chosen, jobs=jobs, start_method=start_method)
    image_set = gather_images(inputs, tuple(chosen), jobs=jobs, start_method=start_method)
    records = []
    for item in image_set.files:
        site_path = f"site/{language_prefix(config, item.lang)}{DOWNLOADS_FOLDER}/{item.file}"
        if not (work / site_path).is_file():
            raise AssertionError(f"the build published no {site_path}")
        records.append({"path": site_path, "lang": item.lang, "alt": item.alt, "kind": item.layout})
    for sheet in image_set.sheets:
        path = f"images/{sheet.lang}/{sheet.file}"
        atomic_write_bytes(work / path, cached_image(config, sheet))
        records.append({"path": path, "lang": sheet.lang, "alt": sheet.alt, "kind": "contact-sheet"})
    return records


def language_prefix(config: CampaignConfig, code: str) -> str:
    return "" if code == config.source_language else f"{code}/"


def _pdfs(config: CampaignConfig, site: Path, languages: tuple[str, ...], drawn: set[str]) -> list[dict]:
    """The lesson packs' PDFs on each language's downloads page (``drawn``: the posters' files,
    as ``site/...`` paths: their PDFs are images, not lesson packs)."""
    out = []
    for code in languages:
        folder = site / language_prefix(config, code) / "downloads"
        for pdf in sorted(folder.glob("*.pdf")):
            if f"site/{pdf.relative_to(site).as_posix()}" in drawn:
                continue
            out.append({"lang": code, "file": pdf.name, "site_path": pdf.relative_to(site).as_posix()})
    return out


class _Pictures(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.found.append((values.get("src") or "", values.get("alt")))


def _pictures(config: CampaignConfig, site: Path, languages: tuple[str, ...]) -> list[dict]:
    """Each picture every page of each language shows, with its alt text there."""
    others = {f"{code}/" for code in languages if code != config.source_language}
    root = urlsplit(config.site_url).path or "/"
    seen: dict[tuple[str, str, str], set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        lang = next((p[:-1] for p in others if rel.startswith(p)), config.source_language)
        parser = _Pictures()
        parser.feed(page.read_text(encoding="utf-8"))
        for src, alt in parser.found:
            if not src or "://" in src or src.startswith("data:"):
                continue
            if src.startswith("/"):         # the 404 page links from the site's root path
                src = src[len(root):] if src.startswith(root) else src.lstrip("/")
                target = posixpath.normpath(src)
            else:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), src))
            seen.setdefault((target, lang, alt or ""), set()).add(rel)
    return [{"src": src, "lang": lang, "alt": alt, "pages": sorted(pages)}
            for (src, lang, alt), pages in sorted(seen.items())]


__all__ = ["Edition", "edition_key", "render_edition", "source_digest"]
