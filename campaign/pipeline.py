"""Read and check every input once: the one object that build, check and compile start from.

    campaign.yml (CampaignConfig, read by the CLI) + docs/ + data/help.yml + locales/*.po + fonts
        -> read_inputs()  -> Inputs   (every page, the help data, every catalog with the guard)
        -> i18n.language.translate_language(inputs, lang) -> LanguageContent (in memory)
        -> site (MkDocs), print (lesson packs) and images (posters and cards)

Nothing here writes a file or knows about MkDocs. Problems are collected, not raised, so that
``campaign check`` reports every one together; ``Inputs.raise_problems`` is the build's gate.
Each file is read and parsed once: a page with broken front matter is reported here (once) and
left out of ``pages``, so no later stage reports it again.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from pathlib import Path

from .config import CampaignConfig, Language
from .content.help import HelpData, load_help
from .content.local import PAGE as LOCAL_PAGE
from .content.local import with_local_services
from .content.pages import Page, read_pages
from .errors import CampaignError, ContentError, GuardError, raise_all
from .i18n.catalogs import (CONTENT_DOMAIN, THEME_DOMAIN, LanguageCatalog, catalog_path,
                            load_language_catalog)
from .i18n.guard import guard_catalog
from .i18n.status import MessageKey, StatusRow, collect_status, template_messages
from .i18n.translate import page_segments
from .site.fonts import check_name_fonts
from .workers import Pool, in_workers

DOMAINS = (CONTENT_DOMAIN, THEME_DOMAIN)


@dataclass
class Inputs:
    """Everything read from the project, checked, in memory (picklable: workers receive it)."""

    config: CampaignConfig
    languages: tuple[Language, ...]              # the languages this run is about
    pages: tuple[Page, ...]                      # readable source pages, in path order
    print_pages: tuple[Page, ...]                # the lesson packs' sources (packs_dir), in path order
    poster_pages: tuple[Page, ...]               # the posters' and cards' sources (posters_dir)
    other_files: tuple[str, ...]                 # images and other non-Markdown files in docs/
    help: HelpData | None                        # None when the help data cannot be read
    catalogs: dict[tuple[str, str], LanguageCatalog] = field(default_factory=dict)  # (code, domain)
    status: tuple[StatusRow, ...] = ()
    problems: list[CampaignError] = field(default_factory=list)   # unreadable or invalid inputs
    unsafe: list[CampaignError] = field(default_factory=list)     # translations the guard refuses

    def catalog(self, code: str, domain: str = CONTENT_DOMAIN) -> LanguageCatalog:
        """One language's catalog of one domain (an empty one when the language has none)."""
        found = self.catalogs.get((code, domain))
        return found if found is not None else LanguageCatalog(code=code, path=None, domain=domain)

    def all_problems(self) -> list[CampaignError]:
        """Every problem found, the guard's as one error listing each refused translation."""
        return self.problems + ([GuardError(self.unsafe)] if self.unsafe else [])

    def raise_problems(self) -> None:
        """The build's gate: raise every unreadable input together, else the guard's refusals."""
        raise_all(self.problems)
        if self.unsafe:
            raise GuardError(self.unsafe)

    def for_language(self, lang: Language) -> Inputs:
        """What one language's worker needs: its own catalogs' lookup tables, no problems."""
        catalogs = {key: catalog.lookups_only() for key, catalog in self.catalogs.items()
                    if key[0] == lang.code}
        return dataclasses.replace(self, languages=(lang,), catalogs=catalogs, problems=[], unsafe=[])


def read_inputs(config: CampaignConfig, languages: list[Language] | tuple[Language, ...] | None = None,
                *, jobs: int | None = None, deep_fonts: bool = False,
                start_method: str | None = None, pool: Pool | None = None,
                lookups_only: bool = False) -> Inputs:
    """Read every page, the help data, the switcher fonts and the catalogs of ``languages``
    (default: every published one), and guard every translation. Never raises for content: the
    problems are in the result. ``deep_fonts`` also opens each switcher font (``campaign check``).
    The catalogs, the slowest input, are read by ``pool``'s workers while this process reads the
    rest (else over ``jobs`` workers afterwards). ``lookups_only``: the catalogs keep their lookup
    tables only (``LanguageCatalog.lookups_only``: what a build needs, and far less to send back
    from a worker)."""
    chosen = tuple(languages if languages is not None else config.published_languages)
    work = _catalog_jobs(config, chosen)
    read = functools.partial(read_and_guard, lookups_only=lookups_only)
    pending = ({job: pool.submit(read, job) for job in _largest_first(work)}
               if pool is not None else None)
    problems: list[CampaignError] = []
    pages = _read_pages(config, problems)
    print_pages = _read_pages(config, problems, config.packs_dir)
    poster_pages = _read_pages(config, problems, config.posters_dir)
    help_data = _read_help(config, problems)
    try:
        check_name_fonts(config, deep=deep_fonts)
    except CampaignError as exc:
        problems.append(exc)
    try:
        templates: dict[str, list[MessageKey]] | None = template_messages(config, DOMAINS)
    except CampaignError:
        templates = None     # collect_status reads them again below and reports the problem
    results = ([pending[job].result() for job in work] if pending is not None
               else in_workers(read, work, jobs, start_method=start_method))
    catalogs, unsafe = _gather_catalogs(work, results, problems)
    status: tuple[StatusRow, ...] = ()
    try:
        status = tuple(collect_status(config, loaded=catalogs, templates=templates))
    except CampaignError as exc:
        if not any(exc.path == p.path for p in problems):   # a broken catalog: reported once
            problems.append(exc)
    return Inputs(config=config, languages=chosen, pages=tuple(pages), print_pages=tuple(print_pages),
                  poster_pages=tuple(poster_pages),
                  other_files=tuple(_other_files(config)), help=help_data, catalogs=catalogs,
                  status=status, problems=problems, unsafe=unsafe)


def load_inputs(config: CampaignConfig, languages: list[Language] | tuple[Language, ...] | None = None,
                **options) -> Inputs:
    """``read_inputs``, raising every problem (the build and ``campaign i18n compile``)."""
    inputs = read_inputs(config, languages, **options)
    inputs.raise_problems()
    return inputs


def _read_pages(config: CampaignConfig, problems: list[CampaignError],
                folder: Path | None = None) -> list[Page]:
    """The readable source pages (of docs_dir, or of ``folder``): front matter and Markdown
    parsed once, here."""
    read, unreadable = read_pages(config, folder)
    problems.extend(unreadable)
    local = config.local_contacts
    if folder is None and local is not None:    # a council's build: its contacts page too
        if any(page.rel == LOCAL_PAGE for page in read):
            problems.append(ContentError(f"{LOCAL_PAGE} is written by a council's build",
                                         path=config.shown(config.root / config.docs_dir / LOCAL_PAGE),
                                         fix="rename the page"))
        read = sorted(read + [Page(rel=LOCAL_PAGE, shown=f"{local.source} (local contacts page)",
                                   text=local.page)], key=lambda page: page.rel)
    good = []
    for page in read:
        try:
            page.front_matter                        # cached on the page
            page_segments(page.text, page.shown)     # cached: forked workers find it parsed
        except ContentError as exc:
            problems.append(exc)
            continue
        good.append(page)
    return good


def _read_help(config: CampaignConfig, problems: list[CampaignError]) -> HelpData | None:
    """The help data, with a council's own services first in a council's build."""
    path = config.root / config.help_data
    try:
        return with_local_services(load_help(path, config.shown(path)), config.local_contacts)
    except CampaignError as exc:
        problems.append(exc)
        return None


def _other_files(config: CampaignConfig) -> list[str]:
    """Images and other files of docs/ that are not pages (hidden folders skipped)."""
    docs = config.root / config.docs_dir
    return [path.relative_to(docs).as_posix() for path in sorted(docs.rglob("*"))
            if path.is_file() and path.suffix != ".md"
            and not any(part.startswith(".") for part in path.relative_to(docs).parts)]


ErrorParts = tuple[str, "str | None", "int | None", "str | None"]
CatalogJob = tuple[Path, str, str, str]     # (file, language code, shown path, domain)
# (the catalog, None when it cannot be read; why it cannot; the translations the guard refuses)
CatalogResult = tuple["LanguageCatalog | None", list[ErrorParts], list[ErrorParts]]


def _catalog_jobs(config: CampaignConfig, languages: tuple[Language, ...]) -> list[CatalogJob]:
    """Every catalog of the translated ``languages``."""
    locales = config.root / config.locales_dir
    work: list[CatalogJob] = []
    for lang in languages:
        if lang.code == config.source_language or lang.pseudo:
            continue
        for domain in DOMAINS:
            path = catalog_path(locales, lang.gettext_code, domain)
            work.append((path, lang.code, config.shown(path), domain))
    return work


def _largest_first(work: list[CatalogJob]) -> list[CatalogJob]:
    """The catalogs, largest file first: workers sharing them out finish together."""
    return sorted(work, key=lambda job: -_file_size(job[0]))


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:      # missing: nothing translated yet
        return 0


def _gather_catalogs(work: list[CatalogJob], results: list[CatalogResult],
                     problems: list[CampaignError],
                     ) -> tuple[dict[tuple[str, str], LanguageCatalog], list[CampaignError]]:
    """The catalogs read (by language code and domain), in the order of ``work``; their problems
    added to ``problems``; the translations the guard refuses."""
    catalogs: dict[tuple[str, str], LanguageCatalog] = {}
    unsafe: list[CampaignError] = []
    for (_, code, _, domain), (catalog, broken, refused) in zip(work, results):
        problems.extend(_rebuilt(parts) for parts in broken)
        unsafe.extend(_rebuilt(parts) for parts in refused)
        if catalog is not None:
            catalogs[(code, domain)] = catalog
    return catalogs, unsafe


def read_and_guard(job: CatalogJob, lookups_only: bool = False) -> CatalogResult:
    """Read one catalog and run the translation guard on it (in a worker process). Errors come
    back as plain parts, since click's exceptions do not survive pickling. ``lookups_only``:
    return the lookup table alone (``LanguageCatalog.lookups_only``)."""
    path, code, shown, domain = job
    try:
        catalog = load_language_catalog(path, code, shown, domain)
    except CampaignError as exc:
        return None, [_parts(exc)], []
    refused = [_parts(exc) for exc in guard_catalog(catalog, shown, _origins(catalog))]
    return (catalog.lookups_only() if lookups_only else catalog), [], refused


def _origins(catalog: LanguageCatalog) -> dict[str, str]:
    """Where each message comes from (its first source location), for the guard's messages."""
    if catalog.catalog is None:
        return {}
    return {m.id: f"{m.locations[0][0]}:{m.locations[0][1]}"
            for m in catalog.catalog if m.id and isinstance(m.id, str) and m.locations}


def _parts(exc: CampaignError) -> ErrorParts:
    return exc.detail, exc.path, exc.line, exc.fix


def _rebuilt(parts: ErrorParts) -> ContentError:
    detail, path, line, fix = parts
    return ContentError(detail, path=path, line=line, fix=fix)
