"""What templates need to know about the current page's language: its settings and the
language switcher's targets.

Pages carry no ``<link rel="alternate" hreflang>`` in their head: Material's scripts fetch a
``sitemap.xml`` relative to every such link on every page view (a failed request for each, and a
request to ``site_url``'s host when the site is served from anywhere else). Search engines learn
the language versions from the root sitemap's ``xhtml:link`` alternates instead (sitemap.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..config import CampaignConfig, Language


def language_dict(lang: Language) -> dict:
    return {"code": lang.code, "name": lang.name, "dir": lang.dir, "fonts": list(lang.fonts)}


def linked_languages(config: CampaignConfig, current: Language) -> list[Language]:
    """Published languages, plus the current one when it is a pseudo-locale."""
    langs = list(config.published_languages)
    if current.pseudo:
        langs.append(current)
    return langs


def relative_href(from_path: str, to_path: str) -> str:
    """A relative link between two site paths ('' is the site root; directories end with '/'):
    up to the root from the page's folder, then down to the target."""
    return "../" * from_path.count("/") + to_path or "./"


def alternates(config: CampaignConfig, lang: Language, page_url: str | None) -> list[dict]:
    """The same page in each language, for the switcher. Links never name a host, so they work
    wherever the site is served: relative from a page (``page_url`` is its URL inside its
    language, '' for the home page); from a page with no fixed place (``page_url`` None: the
    404 page, served at any address) each language's home page from the site's root path,
    the path of ``site_url``, as MkDocs links that page's assets."""
    here = config.url_prefix(lang) + (page_url or "")
    root = urlsplit(config.site_url).path or "/"
    out = []
    for other in linked_languages(config, lang):
        target = config.url_prefix(other) + (page_url or "")
        out.append({
            "lang": other.code, "name": other.name, "dir": other.dir,
            "href": relative_href(here, target) if page_url is not None else root + target,
            "current": other.code == lang.code,
        })
    return out
