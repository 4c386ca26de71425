"""The one writer that owns output: atomic writes, and no path written twice in a run."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import CampaignError


class Writer:
    """Writes files atomically (temporary file, then rename) and refuses duplicates.

    ``atomic=False`` is for a run's private work folder, which nobody reads while it is written
    and which is never published: plain writes, still no duplicates."""

    def __init__(self, atomic: bool = True) -> None:
        self._written: set[Path] = set()
        self._atomic = atomic

    def write_bytes(self, path: Path, data: bytes) -> Path:
        path = Path(path)
        key = path.resolve()
        if key in self._written:
            raise CampaignError("this run tried to write the same file twice", path=str(path),
                                fix="two sources map to one output; rename one of them")
        self._written.add(key)
        if self._atomic:
            atomic_write_bytes(path, data)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return path

    def write_text(self, path: Path, text: str) -> Path:
        return self.write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a web server must read it
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
