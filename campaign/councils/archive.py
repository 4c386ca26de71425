"""Reproducible zip files, written atomically.

The same entries give the same bytes whatever the umask, time zone, working folder or file
system order: names sorted, every timestamp the build's SOURCE_DATE_EPOCH in UTC (never before
1980, which zip cannot store), every file ``-rw-r--r--`` from a Unix host, no folder entries, and
a fixed method per kind of file (already-compressed files stored, the rest deflated at level
6). The zip is written beside its final place and renamed into it when complete
(``output.atomic_open``), so a failure or a kill never leaves a partial zip there.
"""

from __future__ import annotations

import hashlib
import posixpath
import time
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import CampaignError
from ..output import atomic_open

ZIP_EPOCH_MIN = 315532800            # 1980-01-01T00:00:00Z: the earliest time a zip can hold
COMPRESS_LEVEL = 6
FILE_MODE = 0o100644                 # a regular file, rw-r--r--
UNIX = 3                             # "made by" Unix: the mode bits above are read
# Formats that are compressed already: deflating them again costs time and saves nothing.
STORED = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".gz",
                    ".zip"})


@dataclass(frozen=True)
class Entry:
    """One file of an archive: its name inside it and its bytes (or the file they are in)."""

    name: str
    data: bytes | None = None
    source: Path | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.source is not None, f"{self.name}: an entry needs data or a source file"
        return Path(self.source).read_bytes()


@dataclass(frozen=True)
class Listed:
    """What the manifest says of one file."""

    path: str
    size: int
    sha256: str


def zip_time(epoch: int) -> tuple[int, int, int, int, int, int]:
    """The zip timestamp of ``epoch``: UTC, not before 1980, even seconds (zip's resolution).

    >>> zip_time(0), zip_time(1767225601)
    ((1980, 1, 1, 0, 0, 0), (2026, 1, 1, 0, 0, 0))
    """
    moment = time.gmtime(max(int(epoch), ZIP_EPOCH_MIN))
    return (moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min,
            moment.tm_sec - moment.tm_sec % 2)


def check_name(name: str) -> str:
    """A safe name inside the archive: relative, forward slashes, no '..'."""
    normal = posixpath.normpath(name)
    if (not name or name.startswith("/") or "\\" in name or normal != name
            or normal.split("/")[0] == ".."):
        raise CampaignError(f"refusing to put {name!r} into an archive", fix="a bug: report it")
    return name


def listing(entries: Iterable[Entry]) -> list[Listed]:
    """Each entry's size and SHA-256, sorted by name."""
    out = []
    for entry in sorted(entries, key=lambda e: e.name):
        data = entry.read()
        out.append(Listed(path=entry.name, size=len(data), sha256=hashlib.sha256(data).hexdigest()))
    return out


def write_zip(target: Path, entries: Iterable[Entry], epoch: int) -> Path:
    """Write ``entries`` as a reproducible zip at ``target``, atomically."""
    ordered = sorted(entries, key=lambda e: e.name)
    names = [check_name(entry.name) for entry in ordered]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise CampaignError(f"two files would be {twice[0]} in {target.name}", fix="a bug: report it")
    stamp = zip_time(epoch)
    with atomic_open(target) as handle, zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
        for entry in ordered:
            info = zipfile.ZipInfo(entry.name, date_time=stamp)
            info.create_system = UNIX
            info.external_attr = FILE_MODE << 16
            stored = posixpath.splitext(entry.name)[1].lower() in STORED
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            archive.writestr(info, entry.read(), compresslevel=None if stored else COMPRESS_LEVEL)
    return target
