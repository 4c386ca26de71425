"""What templates need to know about the current page's language: the switcher's targets, the
hreflang alternates and the x-default."""

from __future__ import annotations

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
    """The same page in each language: relative href (switcher) and absolute URL (hreflang).
    ``page_url`` is the page's URL inside its language ('' for the home page); None for pages
    with no fixed place (404), which link to each language's home page with absolute URLs."""
    here = config.url_prefix(lang) + (page_url or "")
    out = []
    for other in linked_languages(config, lang):
        target = config.url_prefix(other) + (page_url or "")
        absolute = config.site_url + target
        out.append({
            "lang": other.code, "name": other.name, "dir": other.dir,
            "href": relative_href(here, target) if page_url is not None else absolute,
            "absolute": absolute, "current": other.code == lang.code,
            "hreflang": not other.pseudo,
        })
    return out


def x_default(config: CampaignConfig, page_url: str | None) -> str:
    return config.site_url + config.url_prefix(config.source) + (page_url or "")
