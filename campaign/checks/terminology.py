"""Terms to avoid (data/terminology.yml, path set by ``terminology:`` in campaign.yml) in every
page, in the help data and in every translation, each hit naming its file, line and the term to use.

Matching ignores case, needs whole words, accepts hyphens, spaces or nothing between the words of a
term ("child-porn") and, for English terms, a plural ending ("child prostitutes"). An entry with
``pages:`` (a glob against the path inside docs_dir) is checked only on those pages and in the
translations of their text (the msgid's ``#:`` locations), never in the help data. Translations
are checked against every English term (a copied phrase appears verbatim) and their own
language's terms (``translations: {cy: [...]}``). Every msgstr is checked, fuzzy ones included:
a fuzzy translation comes back into use as soon as its flag is removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from ..config import CampaignConfig, setting_lines
from ..content.help import HelpData
from ..content.pages import Page
from ..errors import CampaignError, ContentError, raise_all
from ..i18n.catalogs import LanguageCatalog, read_every_catalog
from ..i18n.markdown import line_at, segment_markdown

HELP_FIELDS = ("name", "who", "hours")
_ENTRY_KEYS = ("avoid", "use", "source", "pages")
_BETWEEN_WORDS = r"[\s\-\u00ad\u2010\u2011]*"     # spaces, hyphens (also soft/non-breaking) or none
_ENTRY_EXAMPLE = '- {avoid: [child porn], use: [child sexual abuse material (CSAM)], source: "..."}'

Problems = list[CampaignError]


@dataclass(frozen=True)
class Term:
    avoid: str                    # as written in terminology.yml
    use: tuple[str, ...]
    source: str
    pages: str | None             # glob scope, or None for everywhere
    pattern: re.Pattern

    def applies_to(self, page_paths: list[str] | None) -> bool:
        """Whether the term is checked in text from these pages (None: text from no page)."""
        if self.pages is None:
            return True
        return any(fnmatchcase(path, self.pages) for path in page_paths or [])

    def problem(self, found: str, path: str, line: int | None) -> ContentError:
        scope = f" on pages matching {self.pages!r}" if self.pages else ""
        options = " or ".join(f'"{word}"' for word in self.use)
        return ContentError(f'"{found}" is a term to avoid{scope}', path=path, line=line,
                            fix=f"use {options} (source: {self.source})")


@dataclass(frozen=True)
class Terminology:
    terms: tuple[Term, ...]                           # English: checked everywhere
    translations: dict[str, tuple[Term, ...]]         # language code -> its own terms

    def for_language(self, code: str | None) -> tuple[Term, ...]:
        return self.terms + self.translations.get(code or "", ())


def term_pattern(phrase: str, plural: bool = True) -> re.Pattern:
    """A case-insensitive whole-word pattern for ``phrase``.

    >>> bool(term_pattern("child porn").search("no Child-Porn here"))
    True
    >>> bool(term_pattern("child prostitute").search("child prostitutes"))
    True
    >>> bool(term_pattern("affair").search("affairs of state, unaffairlike"))
    True
    >>> bool(term_pattern("affair").search("unaffairlike"))
    False
    """
    words = [re.escape(word) for word in re.split(r"[\s\-]+", phrase.strip()) if word]
    ending = r"(?:e?s)?" if plural else ""
    return re.compile(rf"(?<!\w){_BETWEEN_WORDS.join(words)}{ending}(?!\w)", re.IGNORECASE)


# --- reading terminology.yml -----------------------------------------------------------------

def load_terminology(path: Path, shown: str, languages: set[str]) -> Terminology:
    """Read and validate the terminology file, reporting every problem with its line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
        lines = setting_lines(yaml.compose(text))
    except (OSError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(f"cannot read the terminology file: {exc}", path=shown,
                           line=mark.line + 1 if mark else None,
                           fix="check indentation and quoting near that line") from exc
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise ContentError("expected a 'terms:' list", path=shown,
                           fix=f"list each entry under terms:, e.g. {_ENTRY_EXAMPLE}")
    problems: list[ContentError] = []
    terms = _entries(data["terms"], ("terms",), lines, shown, problems, plural=True)
    raw = data.get("translations") or {}
    translations: dict[str, tuple[Term, ...]] = {}
    if not isinstance(raw, dict):
        problems.append(ContentError("'translations' must map language codes to lists of entries",
                                     path=shown, line=lines.get(("translations",)),
                                     fix="write e.g. translations: {cy: [...]}, or translations: {}"))
        raw = {}
    for code, entries in raw.items():
        where = ("translations", code)
        if str(code) not in languages:
            problems.append(ContentError(f"unknown language {code!r} under 'translations'",
                                         path=shown, line=lines.get(where),
                                         fix=f"use a language code from campaign.yml: "
                                             f"{', '.join(sorted(languages))}"))
        elif not isinstance(entries, list):
            problems.append(ContentError(f"'translations: {code}' must be a list of entries",
                                         path=shown, line=lines.get(where),
                                         fix=f"write entries like {_ENTRY_EXAMPLE}"))
        else:
            translations[str(code)] = _entries(entries, where, lines, shown, problems, plural=False)
    raise_all(problems)
    return Terminology(terms=terms, translations=translations)


def _entries(raw: list, where: tuple, lines: dict, shown: str, problems: list,
             plural: bool) -> tuple[Term, ...]:
    terms = []
    for index, item in enumerate(raw):
        line = lines.get(where + (index,))

        def problem(message: str, fix: str) -> None:
            label = " ".join(map(str, where))          # "terms" or "translations cy"
            problems.append(ContentError(f"{label} entry {index + 1}: {message}", path=shown,
                                         line=line, fix=fix))
        if not isinstance(item, dict):
            problem("must be a mapping with avoid, use and source", f"write it as {_ENTRY_EXAMPLE}")
            continue
        before = len(problems)
        unknown = [str(key) for key in item if key not in _ENTRY_KEYS]
        avoid, use = _strings(item.get("avoid")), _strings(item.get("use"))
        source, pages = item.get("source"), item.get("pages")
        if unknown:
            problem(f"unknown key(s) {', '.join(unknown)}", f"use only: {', '.join(_ENTRY_KEYS)}")
        if not avoid:
            problem("'avoid' must list the words to avoid", "write avoid: [word, other phrase]")
        if not use:
            problem("'use' must list what to write instead", "write use: [preferred term]")
        if not isinstance(source, str) or not source.strip():
            problem("'source' must name where the advice comes from", "write source: \"...\"")
        if pages is not None and (not isinstance(pages, str) or not pages.strip()):
            problem(f"'pages' must be a glob string such as \"children/*\", not {pages!r}",
                    "write one quoted glob, or leave pages out to check everywhere")
        if len(problems) > before:
            continue
        for phrase in avoid:
            terms.append(Term(avoid=phrase, use=tuple(use), source=str(source).strip(), pages=pages,
                              pattern=term_pattern(phrase, plural)))
    return tuple(terms)


def _strings(value: Any) -> list[str]:
    """A list of non-empty strings (a single string counts as a list of one), else []."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        return []
    return [v.strip() for v in value]


# --- scanning --------------------------------------------------------------------------------

def _hits(text: str, terms: tuple[Term, ...], page_paths: list[str] | None):
    for term in terms:
        if term.applies_to(page_paths):
            for match in term.pattern.finditer(text):
                yield term, match


def scan_page(page: Page, terms: tuple[Term, ...]) -> Problems:
    """Hits in a page's text (prose, front-matter title and description, image alt text)."""
    problems: Problems = []
    for segment in segment_markdown(page.text, page.shown):
        for term, match in _hits(segment.text, terms, [page.rel]):
            problems.append(term.problem(match.group(0), page.shown,
                                         line_at(segment, page.lines, match.start())))
    return problems


def scan_help(help_data: HelpData, shown: str, terms: tuple[Term, ...]) -> Problems:
    """Hits in the help data's text fields (scoped terms do not apply: it is on no one page)."""
    problems: Problems = []
    for service in help_data.services:
        for field_name in HELP_FIELDS:
            value = getattr(service, field_name)
            for term, match in _hits(value or "", terms, None):
                problems.append(term.problem(match.group(0), shown, service.lines.get(field_name)))
    return problems


def scan_catalog(catalog: LanguageCatalog, terms: tuple[Term, ...], docs_prefix: str) -> Problems:
    """Hits in every msgstr of one catalog, at the msgstr's line."""
    problems: Problems = []
    for message in catalog.catalog or ():
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        text = "\n".join(s for s in strings if s)
        if not message.id or not text:
            continue
        page_paths = [location[len(docs_prefix):] for location, _ in message.locations
                      if location.startswith(docs_prefix)]
        for term, match in _hits(text, terms, page_paths):
            problems.append(term.problem(match.group(0), catalog.shown, catalog.msgstr_line(message.lineno or 0)))
    return problems


def check_terminology(config: CampaignConfig, pages: list[Page], help_data: HelpData | None,
                      catalogs: list[LanguageCatalog] | None = None) -> tuple[Problems, list[str]]:
    """Every page, the help data and every catalog against the terminology file. ``catalogs``:
    the catalogs as read by the pipeline (None: every catalog file is read here)."""
    path = config.root / config.terminology
    try:
        terminology = load_terminology(path, config.shown(path),
                                       {lang.code for lang in config.languages})
    except CampaignError as exc:
        return [exc], []
    problems: Problems = []
    for page in pages:
        try:
            problems.extend(scan_page(page, terminology.terms))
        except ContentError as exc:
            problems.append(exc)
    if help_data is not None:
        problems.extend(scan_help(help_data, config.shown(help_data.path), terminology.terms))
    if catalogs is None:
        catalogs, unreadable = read_every_catalog(config)
        problems.extend(unreadable)
    docs_prefix = config.docs_dir.as_posix().rstrip("/") + "/"
    for catalog in catalogs:
        problems.extend(scan_catalog(catalog, terminology.for_language(catalog.code), docs_prefix))
    note = (f"terminology: {len(pages)} pages, the help data and {len(catalogs)} catalogs use "
            f"none of {len(terminology.terms)} terms to avoid")
    return problems, [note]
