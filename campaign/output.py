"""The one writer that owns output: atomic writes, and no path written twice in a run."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

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


TMP_SUFFIX = ".tmp"


def temporary_name(path: Path) -> Path:
    """A hidden name beside ``path`` for writing it: ``.<name>.<pid>-<random>.tmp``."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{TMP_SUFFIX}")


@contextmanager
def atomic_open(path: Path) -> Iterator[BinaryIO]:
    """Write a large file in place of ``path`` in one step: a temporary file beside it (same
    folder, so the rename cannot cross file systems), flushed and fsync'ed, then renamed over
    ``path`` and the folder fsync'ed. On an error the temporary file is removed; after a kill it
    is left under its hidden ``.tmp`` name (``remove_stale_temporaries`` clears it), never at
    ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = temporary_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
        _fsync_folder(path.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return          # a platform without directory handles
    try:
        os.fsync(fd)
    except OSError:
        pass            # some file systems cannot sync a folder; the rename is done all the same
    finally:
        os.close(fd)


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files a killed run left beside ``path`` (their process is gone)."""
    removed = []
    for tmp in Path(path).parent.glob(f".{Path(path).name}.*{TMP_SUFFIX}"):
        pid = tmp.name[len(Path(path).name) + 2:].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (its temporary files may still be in use)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
