"""Put the built languages together into one site and swap it into place.

The source language lives at the root, every other language under ``/<code>/``. A build of only
some languages (``campaign build --locale cy``) into a folder that already holds a built site
keeps that site's other languages: the finished site holds both, every new page's switcher links
to all of them, and the combined sitemap lists them. Into a fresh folder it holds only the
languages asked for, and nothing links to any other. The finished tree replaces the old one in
one rename, so readers never see half of it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..config import CampaignConfig, Language
from ..errors import ConfigError
from ..output import Writer, replace_tree
from .sitemap import combined_sitemap, gzipped, page_paths, robots_txt
from .workdir import LanguagePlan

SITE_FILES = ("sitemap.xml", "sitemap.xml.gz", "robots.txt")   # written for the whole site


def check_target(config: CampaignConfig, target: Path) -> None:
    """Refuse to build into a folder holding sources, or into one that is not a built site."""
    resolved = target.resolve()
    protected = {config.root.resolve(), (config.root / config.docs_dir).resolve(), Path.home().resolve()}
    if resolved in protected or resolved in config.root.resolve().parents:
        raise ConfigError(f"refusing to build into {target}: it holds sources",
                          fix="choose an empty folder or the default site/")
    if target.exists() and any(target.iterdir()) and not (target / "sitemap.xml").exists() \
            and not any(target.glob("*/sitemap.xml")):
        raise ConfigError(f"refusing to replace {target}: it is not empty and is not a built site",
                          fix="choose an empty folder, or remove it yourself first")


def language_folder(config: CampaignConfig, site: Path, lang: Language) -> Path:
    return site / config.url_prefix(lang).rstrip("/") if lang.code != config.source_language else site


def output_languages(config: CampaignConfig, target: Path, building: list[Language]) -> list[Language]:
    """The languages a built site in ``target`` holds that this run does not rebuild (kept)."""
    if not target.is_dir():
        return []
    return [lang for lang in config.languages if lang not in building
            and (language_folder(config, target, lang) / "index.html").is_file()]


def _copy_source_root(config: CampaignConfig, target: Path, staging: Path) -> None:
    """The kept source language: every file at the root but the other languages and the files
    written for the whole site (written again)."""
    others = {config.url_prefix(lang).rstrip("/") for lang in config.languages
              if lang.code != config.source_language}
    own_robots = (config.root / config.docs_dir / "robots.txt").is_file()
    for entry in target.iterdir():
        if entry.name in others or (entry.name in SITE_FILES and not
                                    (entry.name == "robots.txt" and own_robots)):
            continue
        if entry.is_dir():
            shutil.copytree(entry, staging / entry.name)
        else:
            shutil.copy2(entry, staging / entry.name)


def _source_paths(config: CampaignConfig, sitemap: Path) -> list[str]:
    """The source language's page paths in an earlier build's combined sitemap."""
    others = tuple(config.url_prefix(lang) for lang in config.languages
                   if lang.code != config.source_language)
    return [path for path in page_paths(sitemap, config.site_url)
            if not path.startswith(others) and "://" not in path]


def assemble_site(config: CampaignConfig, plans: list[LanguagePlan], staging: Path,
                  target: Path, kept: list[Language] | None = None) -> int:
    """Move each language's output into ``staging`` beside the ``kept`` languages of ``target``,
    add the combined sitemap and robots.txt, swap it into ``target``. Returns the number of
    pages built (all languages of this run)."""
    kept = kept or []
    by_code = {plan.lang.code: plan for plan in plans}
    source = by_code.get(config.source_language)
    source_kept = any(lang.code == config.source_language for lang in kept)
    paths: list[str] = []
    if source is not None:
        os.replace(source.site_dir, staging)
        paths = page_paths(staging / "sitemap.xml", config.site_url)
    elif source_kept:
        staging.mkdir()
        _copy_source_root(config, target, staging)
        paths = _source_paths(config, target / "sitemap.xml")
    else:
        staging.mkdir()
    pages = len(paths) if source is not None else 0
    for plan in plans:
        if plan is source:
            continue
        prefix = config.url_prefix(plan.lang)
        dest = staging / prefix.rstrip("/")
        if dest.exists():
            raise ConfigError(f"the {config.source_language} site already has {prefix}",
                              fix=f"rename the page or folder {prefix} in the docs")
        os.replace(plan.site_dir, dest)
        pages += len(page_paths(dest / "sitemap.xml", config.site_url + prefix))
    for lang in kept:
        if lang.code != config.source_language:
            shutil.copytree(language_folder(config, target, lang), language_folder(config, staging, lang))
    if source is not None or source_kept:
        _write_site_files(config, staging, [plan.lang for plan in plans] + kept, paths)
    replace_tree(staging, target)
    return pages


def _write_site_files(config: CampaignConfig, staging: Path, present: list[Language],
                      paths: list[str]) -> None:
    """The combined sitemap (the published languages in the site, nothing else) and
    robots.txt (unless docs/ has its own)."""
    codes = {lang.code for lang in present}
    languages = [lang for lang in config.published_languages if lang.code in codes]
    text = combined_sitemap(config, languages, paths)
    writer = Writer()
    writer.write_text(staging / "sitemap.xml", text)
    writer.write_bytes(staging / "sitemap.xml.gz", gzipped(text))
    if not (staging / "robots.txt").exists():  # a robots.txt in docs/ is the project's own
        pseudo = [lang for lang in config.languages if lang.pseudo and lang.code in codes]
        writer.write_text(staging / "robots.txt", robots_txt(config, pseudo))
