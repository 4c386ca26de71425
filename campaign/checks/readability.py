"""Reading level per route: each page's prose scored with a textstat measure against the limits
in campaign.yml (``readability:``), naming the hardest sentences when a page is over its limit.

What is measured: the page's prose only, i.e. headings, paragraphs, list items, table cells and
admonition titles (segments from ``segment_markdown``). Front matter, code, HTML tags, images and
link targets are left out; link text is kept. Placeholders are filled from the help data:
``{x.name}`` with the service's name, ``{x.url}``/``{x.email}`` with the address a reader sees, and
``{x.phone}``/``{x.text}`` with the number written without spaces, so a number is one word.

Sentences (one simple rule): a sentence ends at ``.``, ``?`` or ``!`` (and any closing quote,
bracket or emphasis mark right after it) followed by a space or the end of the block, except after
the abbreviations e.g., i.e., Mr., Mrs., Ms., Dr. and St. Every heading, list item and table cell
ends a sentence even without punctuation.

Scores: textstat runs with ``en_GB``: the campaign writes British English, and the language only
changes how syllables are counted for words missing from CMUdict (pyphen's British hyphenation
patterns, e.g. "organisation", "colour"); the formulas are the same for en_GB and en_US. textstat
does not count a sentence of one or two words as a sentence but does count its words, which would
make a page with short headings ("Privacy", "Get help") look harder; such sentences are therefore
left out of the page score and are never among the "hardest sentences". The page score is the
measure of the page's other sentences joined, each ending in one full stop (so textstat finds the
sentences this module finds); a sentence's score is the measure of that sentence alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Callable

from textstat.textstat import textstatistics

from ..config import CampaignConfig, ReadabilityLimit
from ..content.help import PLACEHOLDER, HelpData, placeholder_markdown
from ..content.markdown import inline_parser
from ..content.pages import Page
from ..errors import CampaignError, ConfigError, ContentError
from ..i18n.markdown import Segment, line_at, segment_markdown

LANGUAGE = "en_GB"
HARDEST = 3                      # sentences named when a page is over its limit
MIN_WORDS = 3                    # textstat does not count shorter sentences as sentences
_PROSE = ("heading", "paragraph", "cell", "admonition-title")
_SENTENCE_END = re.compile(r"[.!?]+[)\]\"'\u2019\u201d*_]*(?=\s|$)")
_ABBREVIATIONS = {"e.g.", "i.e.", "mr.", "mrs.", "ms.", "dr.", "st."}
_TERMINATORS = re.compile(r"[.!?]")

Problems = list[CampaignError]


@dataclass(frozen=True)
class Sentence:
    source: str     # as written in the page (Markdown, {placeholders})
    text: str       # as measured (plain text, placeholders filled)
    line: int       # 1-based line in the page where it starts


@lru_cache(maxsize=1)
def _stats() -> textstatistics:
    stats = textstatistics()
    stats.set_lang(LANGUAGE)
    return stats


def measure(name: str) -> Callable[[str], float]:
    """The textstat function called ``name`` (one of config.READABILITY_MEASURES)."""
    return getattr(_stats(), name)


def word_count(text: str) -> int:
    """Words as textstat counts them (punctuation removed, hyphenated words are one word)."""
    return _stats().lexicon_count(text)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences of one block of text, each with its offset in ``text``.

    >>> split_sentences("Call us. We listen, e.g. at night! **Always.** Really")
    [(0, 'Call us.'), (9, 'We listen, e.g. at night!'), (35, '**Always.**'), (47, 'Really')]
    """
    out: list[tuple[int, str]] = []
    start = 0

    def add(end: int) -> None:
        chunk = text[start:end]
        if chunk.strip():
            out.append((start + len(chunk) - len(chunk.lstrip()), chunk.strip()))

    for match in _SENTENCE_END.finditer(text):
        word = text[:match.start() + 1].split()[-1].lstrip("(*_\"'\u2018\u201c").lower()
        if word in _ABBREVIATIONS:
            continue
        add(match.end())
        start = match.end()
    add(len(text))
    return out


def plain_text(markdown: str, help_data: HelpData | None) -> str:
    """Inline Markdown as a reader reads it: placeholders filled, link text kept, link targets,
    images, inline code and HTML tags left out."""
    def fill(match: re.Match) -> str:
        service = help_data.get(match.group(1)) if help_data else None
        if service is None:
            return ""       # an unknown placeholder is reported by the translation check
        if match.group(2) in ("phone", "text"):
            return (getattr(service, match.group(2)) or "").replace(" ", "")
        return placeholder_markdown(service, match.group(2)) or ""

    filled = PLACEHOLDER.sub(fill, markdown)
    words: list[str] = []
    for token in inline_parser().parseInline(filled):
        for child in token.children or []:
            if child.type == "text":
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return re.sub(r"\s+", " ", "".join(words)).strip()


def page_sentences(page: Page, help_data: HelpData | None) -> list[Sentence]:
    """The prose sentences of a page, in order, with their lines."""
    out = []
    for segment in segment_markdown(page.text, page.shown):
        if segment.kind in _PROSE:
            out.extend(_segment_sentences(segment, page, help_data))
    return out


def _segment_sentences(segment: Segment, page: Page, help_data: HelpData | None) -> list[Sentence]:
    out = []
    for offset, source in split_sentences(segment.text):
        text = plain_text(source, help_data)
        if word_count(text):
            out.append(Sentence(source, text, line_at(segment, page.lines, offset)))
    return out


def _as_measured(sentence: Sentence) -> str:
    """The sentence as textstat should see it: exactly one full stop, at its end."""
    return _TERMINATORS.sub("", sentence.text).strip() + "."


def _scored(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences textstat counts as sentences (three words or more)."""
    return [s for s in sentences if word_count(s.text) >= MIN_WORDS]


def page_score(sentences: list[Sentence], name: str) -> float | None:
    """The page's score, or None when it has no sentence of three words or more."""
    scored = _scored(sentences)
    return measure(name)(" ".join(_as_measured(s) for s in scored)) if scored else None


def hardest(sentences: list[Sentence], name: str, count: int = HARDEST) -> list[tuple[float, Sentence]]:
    """The ``count`` sentences with the highest score, highest first."""
    scored = [(measure(name)(_as_measured(s)), index, s) for index, s in enumerate(_scored(sentences))]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(score, s) for score, _, s in scored[:count]]


def check_readability(config: CampaignConfig, pages: list[Page],
                      help_data: HelpData | None) -> tuple[Problems, list[str]]:
    """Every page against every limit whose glob matches it; problems and notes."""
    problems: Problems = []
    notes: list[str] = []
    checked: set[str] = set()
    failed: set[str] = set()
    sentences: dict[str, list[Sentence]] = {}
    for limit in config.readability:
        if not hasattr(_stats(), limit.measure):
            problems.append(ConfigError(f"textstat has no measure {limit.measure!r}",
                                        path=limit.where, fix="install textstat 0.7.8"))
            continue
        matched = [page for page in pages if fnmatchcase(page.rel, limit.pages)]
        if not matched:
            notes.append(f"readability: no page matches {limit.pages!r} yet ({limit.where})")
        for page in matched:
            if page.rel not in sentences:
                try:
                    sentences[page.rel] = page_sentences(page, help_data)
                except ContentError as exc:     # e.g. broken front matter: report, go on
                    problems.append(exc)
                    sentences[page.rel] = []
                    failed.add(page.rel)
            found = _check_page(page, sentences[page.rel], limit)
            checked.add(page.rel)
            if found:
                failed.add(page.rel)
                problems.extend(found)
    if not config.readability:
        notes.append("readability: no limits set (readability: in campaign.yml)")
    elif checked:
        notes.append(f"readability: {len(checked - failed)} of {len(checked)} pages within "
                     "their limits")
    return problems, notes


def _check_page(page: Page, sentences: list[Sentence], limit: ReadabilityLimit) -> Problems:
    problems: Problems = []
    score = page_score(sentences, limit.measure)
    if score is not None and score > limit.max:
        named = "".join(f'\n    {page.shown}:{s.line}: ({value:.1f}) "{s.source}"'
                        for value, s in hardest(sentences, limit.measure))
        problems.append(ContentError(
            f"reading level {score:.1f} ({limit.measure}) is above the limit of {limit.max} for "
            f"pages matching {limit.pages!r} ({limit.where}); the hardest sentences:{named}",
            path=page.shown,
            fix="simplify these sentences first: shorter sentences, one idea each, and short "
                "everyday words; then run 'campaign check' again"))
    if limit.max_sentence_words:
        for sentence in sentences:
            words = word_count(sentence.text)
            if words > limit.max_sentence_words:
                problems.append(ContentError(
                    f"this sentence has {words} words; pages matching {limit.pages!r} allow at "
                    f"most {limit.max_sentence_words} ({limit.where}): \"{sentence.source}\"",
                    path=page.shown, line=sentence.line,
                    fix="split it into shorter sentences, one idea and one verb each"))
    return problems
