"""Recent link results in a JSON file, so a second check within a day asks no server again.

Only good news is kept (ok and redirected): a dead link is checked again every time. The file is
written atomically (a temporary file in the same folder, then ``os.replace``), so a crash or a
parallel run never leaves half a file. A file that cannot be read is never fatal: it is reported,
kept beside the new one as ``<name>.corrupt``, and replaced.
"""

from __future__ import annotations

import json
import logging
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from ..output import atomic_write_bytes
from .probe import LinkResult

log = logging.getLogger("campaign")

VERSION = 1
CACHED_STATES = ("ok", "redirected")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class LinkCache:
    """Results by address, each with the time it was checked; fresh means younger than ``ttl``."""

    def __init__(self, path: Path, ttl: timedelta, shown: str | None = None,
                 now: Callable[[], datetime] = utc_now) -> None:
        self.path = Path(path)
        self.ttl = ttl
        self.shown = shown or str(path)
        self.now = now
        self._entries: dict[str, dict[str, Any]] = {}
        self._unreadable = False
        self._changed = False

    def load(self) -> None:
        """Read the file; a missing one is empty, an unreadable one is reported and ignored,
        and an unusable entry is dropped (with one warning saying how many)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._ignore_file(f"cannot be read ({exc})")
            return
        if not isinstance(data, dict) or data.get("version") != VERSION \
                or not isinstance(data.get("links"), dict):
            self._ignore_file(f"is not a version {VERSION} link cache")
            return
        bad = 0
        for url, entry in data["links"].items():
            if self._valid(entry):
                self._entries[url] = entry
            else:
                bad += 1
        if bad:
            self._changed = True
            log.warning("%s: %d unusable entr%s dropped (those links will be checked again)",
                        self.shown, bad, "y" if bad == 1 else "ies")

    def _ignore_file(self, problem: str) -> None:
        self._unreadable = True
        self._changed = True
        log.warning("%s %s; ignoring it (every link will be checked; the file is kept as %s.corrupt "
                    "and replaced)", self.shown, problem, self.path.name)

    @staticmethod
    def _valid(entry: Any) -> bool:
        if not isinstance(entry, dict) or entry.get("state") not in CACHED_STATES:
            return False
        try:
            checked = datetime.fromisoformat(entry["checked_at"])
        except (KeyError, TypeError, ValueError):
            return False
        if checked.tzinfo is None:
            return False
        if entry["state"] == "redirected" and not isinstance(entry.get("final_url"), str):
            return False
        return isinstance(entry.get("history", []), list) \
            and isinstance(entry.get("status"), (int, type(None)))

    def _fresh(self, entry: dict[str, Any]) -> bool:
        age = self.now() - datetime.fromisoformat(entry["checked_at"])
        return timedelta(0) <= age < self.ttl

    def get(self, url: str) -> LinkResult | None:
        """The cached result for ``url`` when it is fresh, else None."""
        entry = self._entries.get(url)
        if entry is None or not self._fresh(entry):
            return None
        return LinkResult(url, entry["state"], status=entry.get("status"),
                          final_url=entry.get("final_url"),
                          history=tuple(int(code) for code in entry.get("history", [])),
                          from_cache=True)

    def put(self, result: LinkResult) -> None:
        """Remember a fresh result; a dead one forgets the address (it is checked every time)."""
        self._changed = True
        if result.state not in CACHED_STATES:
            self._entries.pop(result.url, None)
            return
        self._entries[result.url] = {
            "state": result.state, "status": result.status, "final_url": result.final_url,
            "history": list(result.history), "checked_at": self.now().isoformat(timespec="seconds"),
        }

    def save(self) -> None:
        """Write the fresh entries atomically; a failure to write is reported, never fatal."""
        if not self._changed:
            return
        links = {url: entry for url, entry in sorted(self._entries.items()) if self._fresh(entry)}
        text = json.dumps({"version": VERSION, "links": links}, indent=1, ensure_ascii=False) + "\n"
        try:
            if self._unreadable and self.path.exists():
                os.replace(self.path, self.path.with_name(self.path.name + ".corrupt"))
            atomic_write_bytes(self.path, text.encode("utf-8"))
        except OSError as exc:
            log.warning("%s: cannot write the link cache (%s); results are not kept", self.shown, exc)
        self._changed = False
        self._unreadable = False
