"""The MkDocs configuration of one language's build.

Each language is one fresh MkDocs build. Its configuration file inherits the project's
``mkdocs.yml`` (MkDocs' ``INHERIT``, so nav, Markdown extensions and theme settings stay in one
place, tags included) and overrides only what differs per language: docs and site folders, the
address, the theme's language and direction, the overlay of overrides, and the plugins.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..config import CampaignConfig, Language
from .theme import material_languages, search_settings


def language_config(config: CampaignConfig, lang: Language, *, docs_dir: Path, site_dir: Path,
                    theme_dir: Path | None, context_file: Path | None, campaign_file: Path | None,
                    with_campaign: bool = True, template_cache: Path | None = None) -> dict:
    """The settings of one language's build (a child of the project's mkdocs.yml)."""
    theme: dict = {"language": lang.code, "direction": lang.dir}
    plugins: list = [{"search": search_settings(lang, config.source)}]
    data: dict = {
        "INHERIT": str((config.root / config.mkdocs_file).resolve()),
        "site_name": config.site_name,
        "site_url": config.site_url + config.url_prefix(lang),
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "theme": theme,
        "plugins": plugins,
    }
    if with_campaign:
        theme["custom_dir"] = str(theme_dir)
        settings = {"language": lang.code, "context": str(context_file),
                    "config_file": str(campaign_file)}
        if template_cache:
            settings["template_cache"] = str(template_cache)
        plugins.append({"campaign": settings})
        data["extra"] = {"alternate": True}
    else:
        # Plain mkdocs-material, for the benchmark: no overrides (an empty custom_dir, since
        # MkDocs rejects null), no campaign code at all.
        theme["custom_dir"] = str(theme_dir)
        if lang.code not in material_languages():
            theme["language"] = config.source_language  # Material alone cannot build it (pa)
    return data


def write_language_config(path: Path, data: dict) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
