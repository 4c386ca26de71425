"""The self-hosted woff2 fonts as TrueType, converted once per file into the cache folder.

Browsers get the woff2 files of assets/fonts. The renderers of print and images read the same
typefaces, but both would decompress woff2 each time they open a file: WeasyPrint does it in
pure Python for every document (0.4-0.8 s of each lesson-pack PDF, most of its render time) and
FreeType once per size. So each file is converted here with fontTools, once, into
``<cache_dir>/fonts/<sha256 of the woff2>.ttf`` with a JSON of its character map and line box
beside it; the TrueType font has the same glyphs and tables as the woff2.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .config import CampaignConfig
from .errors import CampaignError
from .output import atomic_write_bytes

SUBDIR = "fonts"        # inside the cache folder


@dataclass(frozen=True)
class TrueType:
    """One font file converted: where it is, and what the layouts need of it."""

    path: Path                  # the TrueType file in the cache folder
    cmap: frozenset[int]        # the code points it has glyphs for
    ascent: float               # hhea ascent and descent, in ems (line boxes)
    descent: float


def fonts_cache(config: CampaignConfig) -> Path:
    """The folder the converted fonts are kept in."""
    return (config.root / config.cache_dir / SUBDIR).resolve()


def truetype(source: Path, cache_dir: Path) -> TrueType:
    """``source`` (a woff2, or any font fontTools reads) as TrueType in ``cache_dir``: converted
    and read once; later calls in a process are free and later runs read the small JSON."""
    found = _truetype(Path(source).resolve(), Path(cache_dir).resolve())
    if not found.path.is_file():                 # the cache folder was cleared meanwhile
        _truetype.cache_clear()
        found = _truetype(Path(source).resolve(), Path(cache_dir).resolve())
    return found


@lru_cache(maxsize=256)
def _truetype(source: Path, cache_dir: Path) -> TrueType:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise CampaignError(f"cannot read the font file: {exc.strerror}", path=str(source),
                            fix="restore the file from the repository (assets/fonts)") from exc
    digest = hashlib.sha256(data).hexdigest()[:32]
    converted, facts = cache_dir / f"{digest}.ttf", cache_dir / f"{digest}.json"
    try:
        known = json.loads(facts.read_text(encoding="utf-8"))
        if converted.is_file():
            return TrueType(converted, frozenset(known["cmap"]), float(known["ascent"]),
                            float(known["descent"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass                                     # absent or damaged: convert again
    from fontTools.ttLib import TTFont
    try:
        font = TTFont(io.BytesIO(data))
        upm = font["head"].unitsPerEm
        cmap = frozenset(font.getBestCmap())
        ascent, descent = font["hhea"].ascent / upm, -font["hhea"].descent / upm
        font.flavor = None
        buffer = io.BytesIO()
        font.save(buffer)
    except Exception as exc:     # fontTools, brotli and struct each raise their own for a bad file
        raise CampaignError(f"the font file cannot be read as a font: {exc}", path=str(source),
                            fix="restore the file from the repository (assets/fonts) or replace "
                                "it with a valid woff2") from exc
    atomic_write_bytes(converted, buffer.getvalue())
    atomic_write_bytes(facts, json.dumps({"cmap": sorted(cmap), "ascent": ascent,
                                          "descent": descent}).encode())
    return TrueType(converted, cmap, ascent, descent)


__all__ = ["TrueType", "fonts_cache", "truetype"]
