"""The councils a pack can be made for (``data/councils.csv``) and the councils' own files.

``campaign pack --all`` packs every council of the registry: one with a file in ``councils/``
(matched by ``ons_code``) gets its own brand and contacts; one without gets the campaign's brand
and the national services only (no number is ever made up for it).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..config import CampaignConfig
from ..errors import ConfigError, raise_all


@dataclass(frozen=True)
class RegistryEntry:
    name: str
    ons_code: str
    nation: str         # england or wales
    slug: str


@dataclass(frozen=True)
class Registry:
    entries: tuple[RegistryEntry, ...]
    shown: str

    def get(self, code: str) -> RegistryEntry | None:
        return next((entry for entry in self.entries if entry.ons_code == code), None)

    def count(self, nation: str) -> int:
        return sum(entry.nation == nation for entry in self.entries)


def load_registry(config: CampaignConfig) -> Registry:
    """Read data/councils.csv (its '#' lines are comments)."""
    path = config.root / config.councils_file
    shown = config.shown(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read the council registry: {exc.strerror}", path=shown,
                          fix="run tools/make_councils.py") from exc
    rows = [line for line in lines if not line.startswith("#")]
    entries, problems = [], []
    for number, row in enumerate(csv.DictReader(rows), 2):
        try:
            entries.append(RegistryEntry(name=row["name"], ons_code=row["ons_code"],
                                         nation=row["nation"], slug=row["slug"]))
        except KeyError as exc:
            problems.append(ConfigError(f"row {number} has no {exc.args[0]}", path=shown,
                                        fix="run tools/make_councils.py"))
    raise_all(problems)
    return Registry(entries=tuple(entries), shown=shown)


def council_files(config: CampaignConfig) -> tuple[dict[str, Path], list[ConfigError]]:
    """ons_code -> the council's own file, for each ``councils/*.yml`` (the examples folder is
    not searched: examples are samples, not councils), and the files that match no council
    (unreadable, or a second file for one code): reported, never guessed."""
    folder = config.root / config.councils_dir
    found: dict[str, Path] = {}
    problems = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            data = None         # unreadable: matched by nothing; `campaign pack FILE` says why
        code = str(data.get("ons_code")) if isinstance(data, dict) else ""
        if not code:
            problems.append(ConfigError("a council file without a readable ons_code",
                                        path=config.shown(path),
                                        fix=f"check it with: campaign pack {config.shown(path)}"))
        elif code in found:
            problems.append(ConfigError(f"a second file for {code} (the first is "
                                        f"{config.shown(found[code])})", path=config.shown(path),
                                        fix="keep one file per council"))
        else:
            found[code] = path
    return found, problems
