"""The one writer that owns output: atomic writes, and no path written twice in a run."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from .errors import CampaignError


class Writer:
    """Writes files atomically (temporary file, then rename) and refuses duplicates.

    ``atomic=False`` is for a run's private work folder, which nobody reads while it is written
    and which is never published: plain writes, still no duplicates."""

    def __init__(self, atomic: bool = True) -> None:
        self._written: set[Path] = set()
        self._atomic = atomic

    def _claim(self, path: Path) -> None:
        key = path.resolve()
        if key in self._written:
            raise CampaignError("this run tried to write the same file twice", path=str(path),
                                fix="two sources map to one output; rename one of them")
        self._written.add(key)

    def write_bytes(self, path: Path, data: bytes) -> Path:
        path = Path(path)
        self._claim(path)
        if self._atomic:
            atomic_write_bytes(path, data)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return path

    def write_text(self, path: Path, text: str) -> Path:
        return self.write_bytes(path, text.encode("utf-8"))

    def copy_file(self, path: Path, source: Path) -> Path:
        """``source``'s bytes at ``path``. In a work folder (``atomic=False``), whose files are
        only read, a hard link where the file system allows one: no bytes copied and no new file
        to allocate (a build links every image of docs/ into each language's folder). A file
        already at ``path`` is replaced, never written through."""
        path = Path(path)
        if self._atomic:
            return self.write_bytes(path, Path(source).read_bytes())
        self._claim(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        try:
            os.link(source, path)
        except OSError:   # another file system, or one without hard links
            shutil.copyfile(source, path)
        return path


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one. The file
    gets the permissions of any new file (0666 less the umask: a web server can read it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    # O_EXCL: a fresh file of our own; mode 0o666 is reduced by the umask, as open() would.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_tree(new_tree: Path, target: Path) -> None:
    """Swap a finished directory into place; the old tree is removed only after the swap."""
    target = Path(target)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(new_tree, target)
    if old is not None:
        shutil.rmtree(old)
