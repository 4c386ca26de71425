"""Rebuild a page in a language from its English source and the language's catalog.

The result is plain Markdown that any MkDocs-compatible engine can build. Untranslated and fuzzy
messages fall back to English, marked ``lang="en" dir="ltr"`` so a screen reader switches voice,
and the page's front matter records what the theme needs for its notices. A language published
with reviewed translations only (``publish: reviewed``) treats its drafts the same way
(``published_catalog``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable

from ..config import Language
from ..content.help import HelpData, Service, TRANSLATED_FIELDS, expand_placeholders
from .catalogs import LanguageCatalog, State
from .markdown import Segment, rebuild_markdown, segment_markdown
from .pseudo import pseudo_plain, pseudo_text

META_KEY = "campaign_i18n"
_WRAPPABLE = ("paragraph", "heading", "cell")


@dataclass
class PageStats:
    messages: int = 0
    reviewed: int = 0
    draft: int = 0
    fallback: int = 0

    def add(self, other: "PageStats") -> None:
        self.messages += other.messages
        self.reviewed += other.reviewed
        self.draft += other.draft
        self.fallback += other.fallback


@dataclass(frozen=True)
class TranslatedPage:
    text: str
    stats: PageStats


Lookup = Callable[[str], tuple[str, State]]


def catalog_lookup(catalog: LanguageCatalog) -> Lookup:
    """Lookup for a real language: the translation and its state, or the source and MISSING."""
    def lookup(msgid: str) -> tuple[str, State]:
        entry = catalog.lookup(msgid)
        if entry is None:
            return msgid, State.MISSING
        return (entry.string, entry.state) if entry.state.usable else (msgid, entry.state)
    return lookup


def published_catalog(catalog: LanguageCatalog, lang: Language) -> LanguageCatalog:
    """The translations ``lang``'s site may show (campaign.yml ``publish:``): every usable one, or
    with ``publish: reviewed`` only those a native speaker has reviewed. A draft left out is looked
    up as untranslated, so it falls back to English, marked, like any other fallback."""
    if lang.publishes_drafts:
        return catalog
    entries = {key: entry for key, entry in catalog.entries.items() if entry.state is not State.DRAFT}
    return dataclasses.replace(catalog, entries=entries)


def source_lookup(msgid: str) -> tuple[str, State]:
    """The source language translates to itself."""
    return msgid, State.REVIEWED


def pseudo_lookup(msgid: str) -> tuple[str, State]:
    return pseudo_text(msgid), State.REVIEWED


def translate_page(text: str, path: str, lang: Language, source: Language, lookup: Lookup,
                   help_data: HelpData) -> TranslatedPage:
    """Rebuild one page for ``lang``; placeholders are filled from the help data."""
    stats = PageStats()
    segments = list(page_segments(text, path))

    def service_name(service: Service) -> str:
        """A service's name in this language (help.yml names are catalog messages too)."""
        name, state = lookup(service.name)
        return name if state.usable else service.name

    def replace(segment: Segment) -> str | None:
        new = segment.text
        translated = False
        if segment.translatable:
            stats.messages += 1
            new, state = lookup(segment.text)
            translated = state.usable and lang.code != source.code
            if state is State.REVIEWED:
                stats.reviewed += 1
            elif state is State.DRAFT:
                stats.draft += 1
            else:
                stats.fallback += 1
                if lang.code != source.code and segment.kind in _WRAPPABLE:
                    new = f'<span lang="{source.code}" dir="{source.dir}">{new}</span>'
        # Names follow their sentence: translated in a translated sentence, English in English.
        filled = expand_placeholders(new, help_data, lambda: (path, segment.lineno),
                                     service_name if translated else None)
        return None if filled == segment.text else filled

    body = rebuild_markdown(text, segments, replace)
    return TranslatedPage(text=_with_meta(body, stats), stats=stats)


@lru_cache(maxsize=4096)
def page_segments(text: str, path: str) -> tuple[Segment, ...]:
    """Parse each source page once per process, whatever the number of languages."""
    return tuple(segment_markdown(text, path))


def _with_meta(text: str, stats: PageStats) -> str:
    meta = (f"{META_KEY}: {{messages: {stats.messages}, reviewed: {stats.reviewed}, "
            f"draft: {stats.draft}, fallback: {stats.fallback}}}")
    if text.startswith("---\n"):
        return f"---\n{meta}\n{text[4:]}"
    return f"---\n{meta}\n---\n\n{text}"


def translate_help(help_data: HelpData, lang: Language, source: Language,
                   lookup: Lookup) -> list[dict]:
    """The help services for one language, ready for the help box (JSON-serialisable)."""
    out = []
    for service in help_data.services:
        item = _service_dict(service)
        for name in TRANSLATED_FIELDS:
            value = getattr(service, name)
            if not value:
                continue
            new, state = lookup(value) if lookup is not pseudo_lookup else (pseudo_plain(value), State.REVIEWED)
            item[name] = new
            item[f"{name}_lang"] = None if state.usable else source.code
        out.append(item)
    return out


def _service_dict(service: Service) -> dict:
    return {"id": service.id, "name": service.name, "phone": service.phone, "tel": service.tel,
            "text": service.text, "sms": service.sms, "url": service.url, "email": service.email,
            "audiences": list(service.audiences), "nations": list(service.nations),
            "accessibility": list(service.accessibility), "online": list(service.online),
            "languages": list(service.languages), "interpreters": service.interpreters,
            "source": service.source, "checked": service.checked}
