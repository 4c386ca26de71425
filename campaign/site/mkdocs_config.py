"""The MkDocs configuration of one language's build.

Each language is one fresh MkDocs build. Its configuration file inherits the project's
``mkdocs.yml`` (MkDocs' ``INHERIT``, so nav, Markdown extensions and theme settings stay in one
place, tags included) and overrides only what differs per language: docs and site folders, the
address, the theme's language and direction, the overlay of overrides, and the plugins (the
campaign plugin is handed its context file: it reads no settings of its own).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..config import CampaignConfig, Language
from .theme import search_settings


def language_config(config: CampaignConfig, lang: Language, *, docs_dir: Path, site_dir: Path,
                    theme_dir: Path, context_file: Path,
                    template_cache: Path | None = None) -> dict[str, Any]:
    """The settings of one language's build (a child of the project's mkdocs.yml)."""
    settings = {"language": lang.code, "context": str(context_file)}
    if template_cache:
        settings["template_cache"] = str(template_cache)
    return {
        "INHERIT": str((config.root / config.mkdocs_file).resolve()),
        "site_name": config.site_name,
        "site_url": config.site_url + config.url_prefix(lang),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": {"language": lang.code, "direction": lang.dir, "custom_dir": str(theme_dir)},
        "plugins": [{"search": search_settings(lang, config.source)}, {"campaign": settings}],
        "extra": {"alternate": True},
    }


def yaml_text(data: dict[str, Any]) -> str:
    """A MkDocs configuration as YAML text."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
