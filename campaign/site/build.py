"""campaign build: every language of the site, each one a fresh MkDocs build.

Stages, each one named function (gather, then write):

1. ``select_languages``: which languages this run builds.
2. ``gather_inputs``: read the source pages, the help data and every catalog, and run the
   translation guard over all of them before anything is written.
3. ``prepare_language``: per language, the translated Markdown (plain Markdown any
   MkDocs-compatible engine can build), the theme overlay, the plugin's context and a
   ``mkdocs.yml`` that inherits the project's.
4. ``run_builds``: one fresh MkDocs build per language, in parallel processes.
5. ``assemble_site``: move each language into place (the source language at the root, the
   others under ``/<code>/``), write the combined sitemap (every language version of every
   page, for search engines) and robots.txt naming it, then swap the finished tree in.
   A failed run leaves the previous site as it was.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CampaignConfig, Language
from ..content.help import HelpData, load_help
from ..content.pages import read_pages
from ..errors import CampaignError, ConfigError, ContentError, GuardError, raise_all
from ..i18n.catalogs import (CONTENT_DOMAIN, THEME_DOMAIN, LanguageCatalog, catalog_path,
                             load_language_catalog, remember_catalog)
from ..i18n.guard import guard_catalog
from ..i18n.status import StatusRow, collect_status
from ..i18n.translate import (Lookup, PageStats, catalog_lookup, pseudo_lookup, published_catalog,
                              source_lookup, translate_help, translate_page)
from ..output import Writer, replace_tree
from .fonts import check_name_fonts
from .mkdocs_config import language_config, write_language_config
from .sitemap import combined_sitemap, gzipped, page_paths, robots_txt
from .theme import OVERRIDES_DIR, theme_overlay

log = logging.getLogger("campaign")
SHARED_THEME = "theme"              # one overrides overlay per run, shared by every language
TEMPLATE_CACHE = "template-cache"   # Jinja bytecode shared by the run's builds


@dataclass(frozen=True)
class SourcePage:
    src_uri: str      # path inside docs/, e.g. "get-help.md"
    text: str


@dataclass
class Inputs:
    pages: list[SourcePage]
    other_files: list[str]                       # images and other non-Markdown files in docs/
    help: HelpData
    catalogs: dict[str, LanguageCatalog]         # content catalog per language code
    status: list[StatusRow]


@dataclass
class LanguagePlan:
    lang: Language
    mkdocs_file: Path
    site_dir: Path
    stats: PageStats


@dataclass
class BuildReport:
    site_dir: Path
    languages: list[str]
    pages: int
    stats: dict[str, PageStats] = field(default_factory=dict)


def select_languages(config: CampaignConfig, codes: list[str] | None) -> list[Language]:
    """The languages to build: the ones asked for (pseudo-locales included), or every
    published language."""
    if not codes:
        return list(config.published_languages)
    chosen = []
    for code in codes:
        lang = config.language(code)
        if lang not in chosen:
            chosen.append(lang)
    return chosen



def gather_inputs(config: CampaignConfig, languages: list[Language]) -> Inputs:
    """Read everything the build needs and check every translation; raise before writing."""
    docs = config.root / config.docs_dir
    read, unreadable = read_pages(config)      # the one rule for which files are pages
    raise_all(unreadable)
    pages = [SourcePage(page.rel, page.text) for page in read]
    others = [path.relative_to(docs).as_posix() for path in sorted(docs.rglob("*"))
              if path.is_file() and path.suffix != ".md"
              and not any(part.startswith(".") for part in path.relative_to(docs).parts)]
    help_path = config.root / config.help_data
    help_data = load_help(help_path, config.shown(help_path))
    check_name_fonts(config, deep=False)  # `campaign check` opens the fonts too

    broken: list[CampaignError] = []
    unsafe: list[CampaignError] = []
    catalogs: dict[str, LanguageCatalog] = {}
    loaded: dict[tuple[str, str], LanguageCatalog] = {}
    jobs = [(config, lang.code, domain) for lang in languages
            if lang.code != config.source_language and not lang.pseudo
            for domain in (CONTENT_DOMAIN, THEME_DOMAIN)]
    # Reading and guarding the catalogs is the serial part of a build: spread it over the cores.
    for code, domain, catalog, errors, unsafe_here in _in_workers(_read_and_guard, jobs, None):
        broken.extend(_rebuilt(e) for e in errors)
        unsafe.extend(_rebuilt(e) for e in unsafe_here)
        if catalog is not None:
            remember_catalog(catalog)     # the workers' plugins load it again: found at once
            loaded[(code, domain)] = catalog
            if domain == CONTENT_DOMAIN:
                catalogs[code] = catalog
    raise_all(broken)
    if unsafe:
        raise GuardError(unsafe)
    return Inputs(pages=pages, other_files=others, help=help_data, catalogs=catalogs,
                  status=collect_status(config, loaded=loaded))


ErrorParts = tuple[str, "str | None", "int | None", "str | None"]


def _read_and_guard(job: tuple[CampaignConfig, str, str]):
    """Read one catalog and run the translation guard on it (in a worker process). Errors come
    back as plain parts, since click's exceptions do not survive pickling."""
    config, code, domain = job
    lang = config.language(code)
    path = catalog_path(config.root / config.locales_dir, lang.gettext_code, domain)
    shown = config.shown(path)
    try:
        catalog = load_language_catalog(path, lang.code, shown)
    except CampaignError as exc:
        return code, domain, None, [_parts(exc)], []
    origins = {}
    if catalog.catalog is not None:
        origins = {m.id: f"{m.locations[0][0]}:{m.locations[0][1]}"
                   for m in catalog.catalog if m.id and m.locations}
    unsafe = [_parts(exc) for exc in guard_catalog(catalog, shown, origins)]
    return code, domain, catalog, [], unsafe


def _parts(exc: CampaignError) -> ErrorParts:
    return exc.detail, exc.path, exc.line, exc.fix


def _rebuilt(parts: ErrorParts) -> ContentError:
    detail, path, line, fix = parts
    return ContentError(detail, path=path, line=line, fix=fix)


def lookup_for(config: CampaignConfig, lang: Language, inputs: Inputs) -> Lookup:
    if lang.pseudo:
        return pseudo_lookup
    if lang.code == config.source_language:
        return source_lookup
    return catalog_lookup(published_catalog(inputs.catalogs[lang.code], lang))


def page_templates(config: CampaignConfig) -> list[str]:
    """The page templates of the project's overrides (e.g. easy-read.html), which pages may name
    in their front matter."""
    folder = config.root / OVERRIDES_DIR
    return sorted(p.name for p in folder.glob("*.html") if p.name != "main.html")


def prepare_language(config: CampaignConfig, lang: Language, inputs: Inputs, work_dir: Path,
                     with_campaign: bool = True, theme_dir: Path | None = None) -> LanguagePlan:
    """Write one language's translated pages and build settings under ``work_dir/<code>/``.
    ``theme_dir`` is an overlay shared by the run (see theme_overlay); one is made if absent."""
    base = Path(work_dir) / lang.code
    docs = base / "docs"
    writer = Writer(atomic=False)  # the run's private work folder
    lookup = lookup_for(config, lang, inputs)
    totals = PageStats()
    for page in inputs.pages:
        shown = f"{config.docs_dir.as_posix()}/{page.src_uri}"
        result = translate_page(page.text, shown, lang, config.source, lookup, inputs.help)
        totals.add(result.stats)
        writer.write_text(docs / page.src_uri, result.text)
    for rel in inputs.other_files:
        writer.write_bytes(docs / rel, (config.root / config.docs_dir / rel).read_bytes())
    context_file = campaign_file = None
    if not with_campaign:
        theme_dir = base / "no-overrides"   # plain Material: no overrides, except that the
        theme_dir.mkdir(parents=True, exist_ok=True)  # page templates named in front matter
        for name in page_templates(config):           # fall back to Material's own page
            writer.write_text(theme_dir / name, '{% extends "main.html" %}\n')
    else:
        theme_dir = theme_dir or theme_overlay(config, [lang], base / "theme")
        context = {"help": translate_help(inputs.help, lang, config.source, lookup),
                   "status": [row.as_dict() for row in inputs.status]}
        context_file = writer.write_text(base / "context.json",
                                         json.dumps(context, ensure_ascii=False, indent=1))
        campaign_file = writer.write_text(base / "campaign.yml", config.to_yaml())
    site_dir = base / "site"
    data = language_config(config, lang, docs_dir=docs, site_dir=site_dir, theme_dir=theme_dir,
                           context_file=context_file, campaign_file=campaign_file,
                           with_campaign=with_campaign,
                           template_cache=Path(work_dir) / TEMPLATE_CACHE if with_campaign else None)
    mkdocs_file = write_language_config(base / "mkdocs.yml", data)
    return LanguagePlan(lang=lang, mkdocs_file=mkdocs_file, site_dir=site_dir, stats=totals)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_language(mkdocs_file: str, strict: bool, epoch: str) -> tuple[bool, str, list[str]]:
    """One fresh MkDocs build (runs in a worker process). Returns (ok, error, warnings)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import MkDocsException

    os.environ["SOURCE_DATE_EPOCH"] = epoch
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        build(mkdocs_config(config_file=mkdocs_file, strict=strict))
    except CampaignError as exc:
        return False, exc.format_message(), collector.messages
    except MkDocsException as exc:
        return False, str(exc), collector.messages
    except Exception as exc:  # a bug or a broken template: keep the details
        return False, f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}", collector.messages
    finally:
        logger.removeHandler(collector)
    return True, "", collector.messages


def source_date_epoch(config: CampaignConfig) -> str:
    """SOURCE_DATE_EPOCH from the environment, else the last commit's time, else 0."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=config.root,
                             capture_output=True, text=True, timeout=30, check=True).stdout.strip()
        return out or "0"
    except (OSError, subprocess.SubprocessError):
        return "0"


def _in_workers(function, items: list, jobs: int | None) -> list:
    """Run ``function(item)`` for each item: inline for one job, else in forked processes (one
    per core by default). Forked workers inherit the gathered inputs without pickling them."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(items)))
    if jobs == 1:
        saved = os.environ.get("SOURCE_DATE_EPOCH")
        try:
            return [function(item) for item in items]
        finally:
            if saved is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = saved
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(function, items))


def _raise_failures(codes: list[str], results: list[tuple[bool, str, list[str]]]) -> None:
    failures = []
    for code, (ok, error, warnings) in zip(codes, results):
        for message in warnings:
            log.warning("[%s] %s", code, message)
        if not ok:
            failures.append(CampaignError(f"the {code} build failed: {error}",
                                          fix="see the message above; rerun with -v for MkDocs' log"))
    raise_all(failures)


def run_builds(plans: list[LanguagePlan], *, strict: bool = False, jobs: int | None = None,
               epoch: str = "0") -> None:
    """Build already prepared languages in parallel; raise naming each failed language."""
    results = _in_workers(_build_plan, [(str(p.mkdocs_file), strict, epoch) for p in plans], jobs)
    _raise_failures([p.lang.code for p in plans], results)


def _build_plan(args: tuple[str, bool, str]) -> tuple[bool, str, list[str]]:
    return build_language(*args)


# What every worker of one run shares (set before the pool forks).
_RUN: dict = {}


def _prepare_and_build(code: str) -> tuple[LanguagePlan | None, tuple[bool, str, list[str]]]:
    """In a worker: translate one language's pages, then build them with MkDocs."""
    config, inputs, work, strict, epoch = (_RUN[k] for k in ("config", "inputs", "work", "strict", "epoch"))
    try:
        plan = prepare_language(config, config.language(code), inputs, work,
                                theme_dir=work / SHARED_THEME)
    except CampaignError as exc:
        return None, (False, exc.format_message(), [])
    return plan, build_language(str(plan.mkdocs_file), strict, epoch)


def _check_target(config: CampaignConfig, target: Path) -> None:
    resolved = target.resolve()
    protected = {config.root.resolve(), (config.root / config.docs_dir).resolve(), Path.home().resolve()}
    if resolved in protected or resolved in config.root.resolve().parents:
        raise ConfigError(f"refusing to build into {target}: it holds sources",
                          fix="choose an empty folder or the default site/")
    if target.exists() and any(target.iterdir()) and not (target / "sitemap.xml").exists() \
            and not any(target.glob("*/sitemap.xml")):
        raise ConfigError(f"refusing to replace {target}: it is not empty and is not a built site",
                          fix="choose an empty folder, or remove it yourself first")


def assemble_site(config: CampaignConfig, plans: list[LanguagePlan], staging: Path,
                  target: Path) -> int:
    """Move each language's output into ``staging``, add the combined sitemap and robots.txt,
    swap it into ``target``. Returns the number of pages (all languages)."""
    by_code = {plan.lang.code: plan for plan in plans}
    source = by_code.get(config.source_language)
    if source is not None:
        os.replace(source.site_dir, staging)
    else:
        staging.mkdir()
    pages = 0
    paths: list[str] = []
    for plan in plans:
        prefix = config.url_prefix(plan.lang)
        if plan is not source:
            dest = staging / prefix.rstrip("/")
            if dest.exists():
                raise ConfigError(f"the {config.source_language} site already has {prefix}",
                                  fix=f"rename the page or folder {prefix} in the docs")
            os.replace(plan.site_dir, dest)
        found = page_paths(staging / prefix / "sitemap.xml", config.site_url + prefix)
        pages += len(found)
        if plan is source:
            paths = found
    if source is not None:
        # Only the published languages this run built: the sitemap lists pages that exist.
        languages = [lang for lang in config.published_languages if lang.code in by_code]
        text = combined_sitemap(config, languages, paths)
        writer = Writer()
        writer.write_text(staging / "sitemap.xml", text)
        writer.write_bytes(staging / "sitemap.xml.gz", gzipped(text))
        if not (staging / "robots.txt").exists():  # a robots.txt in docs/ is the project's own
            pseudo = [plan.lang for plan in plans if plan.lang.pseudo]
            writer.write_text(staging / "robots.txt", robots_txt(config, pseudo))
    replace_tree(staging, target)
    return pages


def build_site(config: CampaignConfig, locales: list[str] | None = None,
               site_dir: Path | None = None, *, strict: bool = False,
               jobs: int | None = None) -> BuildReport:
    """Build the languages asked for (default: every published one) into ``site_dir``."""
    languages = select_languages(config, locales)
    target = Path(site_dir) if site_dir else config.root / config.site_dir
    target = target if target.is_absolute() else Path.cwd() / target
    _check_target(config, target)
    inputs = gather_inputs(config, languages)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.parent / f".{target.name}.tmp-{os.getpid()}-work"
    staging = target.parent / f".{target.name}.tmp-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    codes = [lang.code for lang in languages]
    _RUN.update(config=config, inputs=inputs, work=work, strict=strict,
                epoch=source_date_epoch(config))
    try:
        theme_overlay(config, languages, work / SHARED_THEME)
        done = _in_workers(_prepare_and_build, codes, jobs)
        _raise_failures(codes, [result for _, result in done])
        plans = [plan for plan, _ in done]
        pages = assemble_site(config, plans, staging, target)
    finally:
        _RUN.clear()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(site_dir=target, languages=[lang.code for lang in languages], pages=pages,
                       stats={plan.lang.code: plan.stats for plan in plans})
