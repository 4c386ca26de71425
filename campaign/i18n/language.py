"""One language, translated, in memory: what every renderer (the site, print and images)
builds from.

``translate_language`` is pure: it reads nothing from disk and writes nothing. Its result holds
the pages as translated plain Markdown with their statistics, the help data in the language, the
interface strings (the published theme catalog) and the language's facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..config import Language
from ..content.help import HelpData
from ..content.pages import Page
from .catalogs import CONTENT_DOMAIN, THEME_DOMAIN, LanguageCatalog
from .translate import (Lookup, PageStats, TranslatedPage, catalog_lookup, pseudo_lookup,
                        published_catalog, source_lookup, translate_help, translate_page)

if TYPE_CHECKING:
    from ..pipeline import Inputs


@dataclass
class LanguageContent:
    """A language ready to render."""

    lang: Language
    source: Language                      # the source language (what fallbacks are written in)
    pages: dict[str, TranslatedPage]      # by path inside docs/, e.g. "children/index.md"
    print_pages: dict[str, TranslatedPage]  # the lesson packs' sources, by path inside packs/
                                            # (empty unless asked for: the site does not need them)
    help: list[dict]                      # help services with translated name/who/hours
    theme: LanguageCatalog | None         # interface strings it may show (None: source, pseudo)
    interface_withheld: bool = False      # some interface strings shown in English (publish: reviewed)
    stats: PageStats = field(default_factory=PageStats)
    poster_pages: dict[str, TranslatedPage] = field(default_factory=dict)  # the posters' and cards'
                                            # sources, by path inside posters/ (empty unless asked for)

    @property
    def is_source(self) -> bool:
        return self.lang.code == self.source.code


def lookup_for(inputs: Inputs, lang: Language) -> Lookup:
    """How ``lang`` translates a message: itself (the source), pseudo-localised, or through its
    published catalog."""
    if lang.pseudo:
        return pseudo_lookup
    if lang.code == inputs.config.source_language:
        return source_lookup
    return catalog_lookup(published_catalog(inputs.catalog(lang.code, CONTENT_DOMAIN), lang))


def translate_pages(inputs: Inputs, lang: Language, help_data: HelpData,
                    pages: tuple[Page, ...] | None = None) -> dict[str, TranslatedPage]:
    """Every source page (or each of ``pages``) rebuilt in ``lang`` (a ContentError names a
    page's unknown placeholder)."""
    lookup = lookup_for(inputs, lang)
    return {page.rel: translate_page(page.text, page.shown, lang, inputs.config.source, lookup,
                                     help_data)
            for page in (inputs.pages if pages is None else pages)}


def translate_language(inputs: Inputs, lang: Language, *, site: bool = True,
                       print_set: bool = False, posters: bool = False) -> LanguageContent:
    """``lang`` translated from the inputs, in memory: the site's pages (``site``), the lesson
    packs' sources (``print_set``), the posters' sources (``posters``), or any of them; the help
    data and interface strings always."""
    if inputs.help is None:
        inputs.raise_problems()
        raise AssertionError("inputs without help data always have a problem")
    source = inputs.config.source
    pages = translate_pages(inputs, lang, inputs.help, None if site else ())
    print_pages = translate_pages(inputs, lang, inputs.help, inputs.print_pages if print_set else ())
    poster_pages = translate_pages(inputs, lang, inputs.help, inputs.poster_pages if posters else ())
    stats = PageStats()
    for page in pages.values():
        stats.add(page.stats)
    theme = None
    withheld = False
    if not lang.pseudo and lang.code != source.code:
        full = inputs.catalog(lang.code, THEME_DOMAIN)
        theme = published_catalog(full, lang)
        withheld = len(theme.entries) < len(full.entries)
    return LanguageContent(lang=lang, source=source, pages=pages, print_pages=print_pages,
                           help=translate_help(inputs.help, lang, source, lookup_for(inputs, lang)),
                           theme=theme, interface_withheld=withheld, stats=stats,
                           poster_pages=poster_pages)
