"""campaign build: every language of the site, each one a fresh MkDocs build.

Stages, each one named function (gather, then write):

1. ``select_languages``: which languages this run builds.
2. ``pipeline.load_inputs``: read every input once and check it (pages, help data, fonts, every
   catalog with the translation guard) before anything is written.
3. per language, in a worker process (``translate_and_build``):
   ``i18n.language.translate_language`` (the translated language, in memory), then
   ``workdir.write_work_folder`` (its MkDocs project), then ``build_language`` (one fresh MkDocs
   build). Workers receive what they need as arguments: they work with "fork" or "spawn".
4. ``assemble.assemble_site``: move each language into place (the source language at the root,
   the others under ``/<code>/``), with the languages an earlier build left in the target when
   only some were asked for (``--locale``), write the combined sitemap (every language version
   of every page, for search engines) and robots.txt naming it, then swap the finished tree in.
   A failed run leaves the previous site as it was. No page links to a language the finished
   site does not hold.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from ..config import CampaignConfig, Language
from ..errors import CampaignError, raise_all
from ..logs import Collect
from ..i18n.language import translate_language
from ..i18n.translate import PageStats
from ..pipeline import Inputs, load_inputs
from ..images.render import ImageFile, gather_images
from ..print.render import PrintFile, gather_print
from ..workers import default_start_method, in_workers, worker_pool
from .assemble import assemble_site, check_target, output_languages
from .templates import compile_templates
from .theme import theme_overlay
from .workdir import LanguagePlan, write_work_folder

log = logging.getLogger("campaign")
SHARED_THEME = "theme"              # one overrides overlay per run, shared by every language
TEMPLATE_CACHE = "template-cache"   # Jinja bytecode shared by the run's builds
BuildResult = tuple[bool, str, list[str]]    # (ok, error, MkDocs' warnings)


@dataclass
class BuildReport:
    site_dir: Path
    languages: list[str]
    pages: int
    stats: dict[str, PageStats] = field(default_factory=dict)
    printed: int = 0          # PDFs published on the downloads pages
    rendered: int = 0         # of which rendered in this run (the rest came from the cache)
    images: int = 0           # posters and cards (PNG and PDF files) on the downloads pages
    images_rendered: int = 0  # images drawn in this run (the rest came from the cache)
    previews: int = 0         # page previews (one per page per language)
    previews_rendered: int = 0  # previews drawn in this run (the rest came from the cache)


def select_languages(config: CampaignConfig, codes: list[str] | None) -> list[Language]:
    """The languages to build: the ones asked for (pseudo-locales included), or every
    published language."""
    if not codes:
        return list(config.published_languages)
    chosen: list[Language] = []
    for code in codes:
        lang = config.language(code)
        if lang not in chosen:
            chosen.append(lang)
    return chosen


def set_build_epoch(epoch: str) -> None:
    """A worker's initializer: MkDocs reads SOURCE_DATE_EPOCH only from the environment, so it
    is set in the worker process, whose environment is its own."""
    os.environ["SOURCE_DATE_EPOCH"] = epoch


def build_language(mkdocs_file: str, strict: bool) -> BuildResult:
    """One fresh MkDocs build (in a worker process). Returns (ok, error, warnings)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import MkDocsException

    collector = Collect()
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


def run_in_build_workers(function, items: list, *, jobs: int | None, epoch: str,
                         start_method: str | None = None) -> list:
    """``function(item)`` for each item in worker processes whose SOURCE_DATE_EPOCH is
    ``epoch`` (MkDocs always runs in a worker, so this process's environment stays as it is)."""
    method = start_method or default_start_method()
    if method == "fork":
        _preload_engine()
    return in_workers(function, items, jobs, start_method=method, inline=False,
                      initializer=set_build_epoch, initargs=(epoch,))


def _preload_engine() -> None:
    """Import MkDocs, Material and the campaign plugin once in this process, so that forked
    workers start with them (a spawned worker imports them itself)."""
    import material.plugins.search.plugin  # noqa: F401
    import mkdocs.commands.build  # noqa: F401

    from . import plugin  # noqa: F401


def _raise_failures(codes: list[str], results: list[BuildResult]) -> None:
    failures = []
    for code, (ok, error, warnings) in zip(codes, results):
        for message in warnings:
            log.warning("[%s] %s", code, message)
        if not ok:
            failures.append(CampaignError(f"the {code} build failed: {error}",
                                          fix="see the message above; rerun with -v for MkDocs' log"))
    raise_all(failures)


def _build_one(job: tuple[str, bool]) -> BuildResult:
    return build_language(*job)


def run_builds(plans: list[LanguagePlan], *, strict: bool = False, jobs: int | None = None,
               epoch: str = "0", start_method: str | None = None) -> None:
    """Build MkDocs projects already written (e.g. by the benchmark) in worker processes; raise
    naming each language that failed."""
    results = run_in_build_workers(_build_one, [(str(p.mkdocs_file), strict) for p in plans],
                                   jobs=jobs, epoch=epoch, start_method=start_method)
    _raise_failures([p.lang.code for p in plans], results)


@dataclass(frozen=True)
class LanguageJob:
    """One language's share of a run: everything its worker needs (picklable)."""

    inputs: Inputs                    # the run's inputs, with this language's catalogs only
    lang: Language
    work: Path
    output: tuple[Language, ...]      # the languages of the finished site
    strict: bool
    downloads: tuple[PrintFile, ...] = ()   # the language's printed files (its downloads page)
    images: tuple[ImageFile, ...] = ()      # the language's posters and cards (its downloads page)
    previews: tuple[ImageFile, ...] = ()    # the language's page previews (og:image)


def translate_and_build(job: LanguageJob) -> tuple[LanguagePlan | None, BuildResult]:
    """In a worker: translate one language, write its work folder, build it with MkDocs."""
    try:
        content = translate_language(job.inputs, job.lang)
        plan = write_work_folder(job.inputs, content, job.work, theme_dir=job.work / SHARED_THEME,
                                 output=job.output, template_cache=job.work / TEMPLATE_CACHE,
                                 downloads=job.downloads, images=job.images, previews=job.previews)
    except CampaignError as exc:
        return None, (False, exc.format_message(), [])
    return plan, build_language(str(plan.mkdocs_file), job.strict)


def inputs_and_templates(config: CampaignConfig, languages: list[Language], work: Path, *,
                         jobs: int | None, start_method: str | None) -> Inputs:
    """The run's inputs (``load_inputs``) and the run's templates compiled into its bytecode
    cache (``templates.compile_templates``), so that no language build compiles them: a pool of
    ``jobs`` workers compiles the templates and reads and guards the catalogs (the slowest inputs)
    while this process reads the pages and the rest. With one job, nothing runs meanwhile: the
    first build compiles the templates and the next ones reuse them."""
    cores = jobs or os.cpu_count() or 1
    if cores < 2:
        return load_inputs(config, languages, jobs=jobs, start_method=start_method,
                           lookups_only=True)
    if (start_method or default_start_method()) == "fork":
        _preload_engine()
    codes = tuple(lang.code for lang in languages)
    with worker_pool(cores, start_method=start_method) as pool:
        pool.submit(compile_templates, str(work / SHARED_THEME), str(work / TEMPLATE_CACHE), codes)
        return load_inputs(config, languages, pool=pool, lookups_only=True)


def build_site(config: CampaignConfig, locales: list[str] | None = None,
               site_dir: Path | None = None, *, strict: bool = False, jobs: int | None = None,
               start_method: str | None = None, with_print: bool = False,
               with_images: bool = False) -> BuildReport:
    """Build the languages asked for (default: every published one) into ``site_dir``.
    ``start_method``: how worker processes start ("fork" by default where available, or "spawn").
    ``with_print``: render the lesson packs too (through their cache) and publish them on each
    language's downloads page. ``with_images``: the posters and cards likewise, and each page's
    preview (its ``og:image``, named in its head: see ``previews.preview_tags``)."""
    languages = select_languages(config, locales)
    target = Path(site_dir) if site_dir else config.root / config.site_dir
    target = target if target.is_absolute() else Path.cwd() / target
    check_target(config, target)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = target.parent / f".{target.name}.tmp-{os.getpid()}-work"
    staging = target.parent / f".{target.name}.tmp-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)
    codes = [lang.code for lang in languages]
    try:
        theme_overlay(config, languages, work / SHARED_THEME)
        inputs = inputs_and_templates(config, languages, work, jobs=jobs, start_method=start_method)
        print_set = (gather_print(inputs, tuple(languages), jobs=jobs, start_method=start_method)
                     if with_print else None)
        image_set = (gather_images(inputs, tuple(languages), jobs=jobs, start_method=start_method,
                                   sheets=False) if with_images else None)
        # A subset (--locale) joins the languages the target already holds; a full build stands alone.
        kept = output_languages(config, target, languages) if locales else []
        output = tuple(lang for lang in config.languages if lang in languages or lang in kept)
        jobs_list = [LanguageJob(inputs=inputs.for_language(lang), lang=lang, work=work,
                                 output=output, strict=strict,
                                 downloads=tuple(print_set.for_language(lang.code)) if print_set else (),
                                 images=tuple(image_set.for_language(lang.code)) if image_set else (),
                                 previews=tuple(image_set.previews_for(lang.code)) if image_set else ())
                     for lang in languages]
        done = run_in_build_workers(translate_and_build, jobs_list, jobs=jobs,
                                    epoch=source_date_epoch(config), start_method=start_method)
        _raise_failures(codes, [result for _, result in done])
        plans = [plan for plan, _ in done if plan is not None]
        pages = assemble_site(config, plans, staging, target, kept)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(staging, ignore_errors=True)
    return BuildReport(site_dir=target, languages=codes, pages=pages,
                       stats={plan.lang.code: plan.stats for plan in plans},
                       printed=len(print_set.files) if print_set else 0,
                       rendered=print_set.rendered if print_set else 0,
                       images=len(image_set.files) if image_set else 0,
                       images_rendered=image_set.rendered if image_set else 0,
                       previews=len(image_set.previews) if image_set else 0,
                       previews_rendered=image_set.previews_rendered if image_set else 0)
