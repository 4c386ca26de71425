"""What templates need to know about the current page's language: its settings and the
language switcher's targets.

Pages carry no ``<link rel="alternate" hreflang>`` in their head: Material's scripts fetch a
``sitemap.xml`` relative to every such link on every page view (a failed request for each, and a
request to ``site_url``'s host when the site is served from anywhere else). Search engines learn
the language versions from the root sitemap's ``xhtml:link`` alternates instead (sitemap.py).
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..config import CampaignConfig, Language
from ..content.help import HelpData
from ..i18n.catalogs import LanguageCatalog


@dataclass(frozen=True)
class PluginContext:
    """Everything the plugin needs for one language's build, handed to it explicitly (a file
    written by the work-folder writer): it reads no settings file and no catalog itself."""

    config: CampaignConfig
    lang: Language
    linked: tuple[Language, ...]      # the languages the switcher links to (all in the output)
    help_data: HelpData               # the source help data (the help-box rule reads it)
    help: tuple[dict, ...]            # the same services in this language, for templates
    status: tuple[dict, ...]          # the translation-status rows
    theme: LanguageCatalog | None     # interface strings (None: the source or a pseudo-locale)
    interface_withheld: bool = False  # draft interface strings shown in English
    previews: dict[str, dict] = field(default_factory=dict)   # page path -> its preview's record
                                                               # (site.previews.preview_records)
    pages: dict[str, str] = field(default_factory=dict)   # translated pages by path inside docs/,
                                      # handed to MkDocs in memory (empty: the pages are files)

    def to_bytes(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def read(path: str | Path) -> PluginContext:
        """The context a `campaign build` wrote (a file in the run's private work folder)."""
        context = pickle.loads(Path(path).read_bytes())
        if not isinstance(context, PluginContext):
            raise TypeError(f"{path} does not hold a campaign plugin context")
        return context


def language_dict(lang: Language) -> dict:
    return {"code": lang.code, "name": lang.name, "dir": lang.dir, "fonts": list(lang.fonts)}


def linked_languages(current: Language, output: tuple[Language, ...] | list[Language]) -> tuple[Language, ...]:
    """The languages a page's switcher links to: the published ones present in the output, plus
    the current one when it is a pseudo-locale (never linked from any other)."""
    langs = [lang for lang in output if not lang.pseudo]
    if current.pseudo:
        langs.append(current)
    return tuple(langs)


def relative_href(from_path: str, to_path: str) -> str:
    """A relative link between two site paths ('' is the site root; directories end with '/'):
    up to the root from the page's folder, then down to the target."""
    return "../" * from_path.count("/") + to_path or "./"


def alternates(config: CampaignConfig, lang: Language, page_url: str | None,
               linked: tuple[Language, ...] | None = None) -> list[dict]:
    """The same page in each language, for the switcher. Links never name a host, so they work
    wherever the site is served: relative from a page (``page_url`` is its URL inside its
    language, '' for the home page); from a page with no fixed place (``page_url`` None: the
    404 page, served at any address) each language's home page from the site's root path,
    the path of ``site_url``, as MkDocs links that page's assets. ``linked``: the languages to
    link (default: every published language and the current pseudo-locale)."""
    if linked is None:
        linked = linked_languages(lang, config.languages)
    here = config.url_prefix(lang) + (page_url or "")
    root = urlsplit(config.site_url).path or "/"
    out = []
    for other in linked:
        target = config.url_prefix(other) + (page_url or "")
        out.append({
            "lang": other.code, "name": other.name, "dir": other.dir,
            "href": relative_href(here, target) if page_url is not None else root + target,
            "current": other.code == lang.code,
        })
    return out
