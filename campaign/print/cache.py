"""Rendered files by content hash: unchanged inputs are not rendered again.

The key is a SHA-256 of everything a render depends on: the complete HTML (translated content,
brand, templates and styles are all in it), the bytes of every font and image file it names,
and the versions of the renderer and this toolkit. An entry is ``<key>.pdf`` beside
``<key>.json`` (its size, page count and SHA-256); an entry whose file is missing, truncated or
corrupt is ignored and rendered again (and replaced), never used.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..output import atomic_write_bytes

CACHE_FORMAT = 1
_FILE_URL = re.compile(r"file://[^\s\"')<>]+")


def file_digest(path: Path, memo: dict[Path, str]) -> str:
    if path not in memo:
        memo[path] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
    return memo[path]


def render_key(text: str, versions: str, memo: dict[Path, str] | None = None,
               extra_files: tuple[Path, ...] = ()) -> str:
    """The key of a render of ``text`` (HTML): its bytes, the files it refers to, the versions."""
    memo = {} if memo is None else memo
    digest = hashlib.sha256()
    digest.update(f"format {CACHE_FORMAT}\n{versions}\n".encode())
    digest.update(text.encode("utf-8"))
    files = sorted({Path(unquote(urlparse(url).path)) for url in _FILE_URL.findall(text)} | set(extra_files))
    for path in files:
        digest.update(f"\n{path.name} {file_digest(path, memo)}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class CachedFile:
    data: bytes
    pages: int
    extra: dict | None = None     # what the renderer recorded beside the file (e.g. an image's boxes)


class RenderCache:
    """A folder of rendered files keyed by ``render_key``."""

    def __init__(self, folder: Path, suffix: str = ".pdf") -> None:
        self.folder = Path(folder)
        self.suffix = suffix

    def get(self, key: str) -> CachedFile | None:
        """The cached file, or None when absent, stale or corrupt."""
        data_path = self.folder / f"{key}{self.suffix}"
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            data = data_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("format") != CACHE_FORMAT:
            return None
        if meta.get("sha256") != hashlib.sha256(data).hexdigest() or not isinstance(meta.get("pages"), int):
            return None
        extra = meta.get("extra")
        return CachedFile(data=data, pages=meta["pages"], extra=extra if isinstance(extra, dict) else None)

    def put(self, key: str, data: bytes, pages: int, extra: dict | None = None) -> None:
        """Store a render; the data first, so a reader never finds metadata without its file."""
        atomic_write_bytes(self.folder / f"{key}{self.suffix}", data)
        meta = {"format": CACHE_FORMAT, "sha256": hashlib.sha256(data).hexdigest(), "pages": pages,
                "size": len(data)}
        if extra is not None:
            meta["extra"] = extra
        atomic_write_bytes(self.folder / f"{key}.json", json.dumps(meta).encode())
