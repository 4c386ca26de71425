"""Translation status per language: messages total / translated / reviewed / draft / fuzzy."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from ..config import CampaignConfig
from .catalogs import (CONTENT_DOMAIN, THEME_DOMAIN, LanguageCatalog, State, catalog_path,
                       load_language_catalog, read_catalog)

DOMAINS = (CONTENT_DOMAIN, THEME_DOMAIN)
# The site's translation-status page, made by the site's plugin when docs/ has none; its title is
# a theme message (the templates name it too, so extraction finds it there).
STATUS_PAGE = "translation-status.md"
STATUS_TITLE = "Translation status"


@dataclass(frozen=True)
class StatusRow:
    code: str
    name: str
    total: int
    translated: int
    reviewed: int
    draft: int
    fuzzy: int

    @property
    def untranslated(self) -> int:
        return self.total - self.translated - self.fuzzy

    def percent(self, count: int) -> int:
        return round(100 * count / self.total) if self.total else 0

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(translated_pct=self.percent(self.translated),
                    reviewed_pct=self.percent(self.reviewed), draft_pct=self.percent(self.draft))
        return data


def template_path(config: CampaignConfig, domain: str) -> Path:
    return config.root / config.locales_dir / f"{domain}.pot"


def template_ids(config: CampaignConfig, domain: str) -> list[MessageKey]:
    path = template_path(config, domain)
    if not path.is_file():
        return []
    return [(m.context, m.id) for m in read_catalog(path) if m.id and isinstance(m.id, str)]


MessageKey = tuple["str | None", str]       # (context, msgid)


def template_messages(config: CampaignConfig,
                      domains: tuple[str, ...] = DOMAINS) -> dict[str, list[MessageKey]]:
    """The messages of each domain's .pot template (what the status counts)."""
    return {domain: template_ids(config, domain) for domain in domains}


def collect_status(config: CampaignConfig, domains: tuple[str, ...] = DOMAINS,
                   loaded: dict[tuple[str, str], LanguageCatalog] | None = None,
                   templates: dict[str, list[MessageKey]] | None = None) -> list[StatusRow]:
    """One row per translated language, counting the messages of the .pot templates.
    ``loaded`` holds catalogs already read, keyed by (language code, domain); ``templates`` the
    templates' messages already read (``template_messages``)."""
    ids = templates if templates is not None else template_messages(config, domains)
    rows = []
    for lang in config.translated_languages:
        counts = dict.fromkeys(("total", "translated", "reviewed", "draft", "fuzzy"), 0)
        for domain in domains:
            catalog = (loaded or {}).get((lang.code, domain))
            if catalog is None:
                path = catalog_path(config.root / config.locales_dir, lang.gettext_code, domain)
                catalog = load_language_catalog(path, lang.code, config.shown(path), domain)
            for key in ids[domain]:
                counts["total"] += 1
                entry = catalog.entries.get(key)
                state = entry.state if entry else State.MISSING
                counts["translated"] += state.usable
                counts["reviewed"] += state is State.REVIEWED
                counts["draft"] += state is State.DRAFT
                counts["fuzzy"] += state is State.FUZZY
        rows.append(StatusRow(code=lang.code, name=lang.name, **counts))
    return rows


def format_status(rows: list[StatusRow]) -> str:
    """A plain table for the terminal."""
    head = f"{'language':<10} {'total':>6} {'translated':>11} {'reviewed':>9} {'draft':>6} {'fuzzy':>6}"
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(f"{r.code:<10} {r.total:>6} {r.translated:>6} ({r.percent(r.translated):>3}%) "
                     f"{r.reviewed:>9} {r.draft:>6} {r.fuzzy:>6}")
    return "\n".join(lines)
