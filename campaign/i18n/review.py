"""What a native speaker reviews: every message of one language, with its English, its state and
the questions left for the reviewer, grouped by where it appears (a page, the help data, the
interface). ``campaign i18n review`` renders it as a printable sheet (see review_sheet.py).

Translators and reviewers leave questions as translator comments, one question each, which
Poedit and Weblate keep and show:

    # query: is "cam-drin" the word a child would use here?
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Message

from ..config import CampaignConfig, Language
from ..content.pages import read_pages
from ..errors import CampaignError, ConfigError
from .catalogs import (CONTENT_DOMAIN, DRAFT_MARK, QUERY_MARK, REVIEWED_MARK, THEME_DOMAIN,
                       State, catalog_path, message_queries, message_state, previous_msgid,
                       read_catalog)
from .status import template_path

STATE_ORDER = (State.DRAFT, State.FUZZY, State.MISSING, State.REVIEWED)
HELP_GROUP = "help"
INTERFACE_GROUP = "interface"
OTHER_GROUP = "other"


@dataclass(frozen=True)
class ReviewRow:
    """One message as the reviewer sees it."""

    number: int                 # running number on the sheet: how a reviewer names a row
    english: str                # the msgid (plural forms one per line)
    translation: str            # the msgstr ('' when untranslated)
    state: State
    queries: tuple[str, ...]    # questions from `# query:` comments
    kind: str                   # what the text is, from the extractor: heading, paragraph, who...
    context: str | None         # msgctxt, e.g. "material"
    where: str                  # first place it is used, e.g. docs/get-help.md:14
    also: tuple[str, ...]       # every other place
    catalog_line: str           # e.g. content.po:345, where the editor applies the answer
    reviewed_by: str = ""       # who reviewed it (reviewed rows)
    previous: str = ""          # the English it was translated from (fuzzy rows)
    notes: tuple[str, ...] = ()  # other translator comments


@dataclass(frozen=True)
class ReviewGroup:
    """The messages of one page, of the help data or of the interface."""

    key: str                    # a page's path (docs/get-help.md), or help / interface / other
    title: str                  # the page's English title, or the group's name
    where: str                  # the file(s) the group comes from
    rows: tuple[ReviewRow, ...]


@dataclass(frozen=True)
class ReviewSheet:
    lang: Language
    source: Language
    site_name: str
    date: str                            # YYYY-MM-DD (SOURCE_DATE_EPOCH when set)
    catalogs: tuple[str, ...]            # the catalog files, as the editor finds them
    groups: tuple[ReviewGroup, ...]

    @property
    def rows(self) -> list[ReviewRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def counts(self) -> list[tuple[State, int]]:
        """Messages per state, in STATE_ORDER."""
        rows = self.rows
        return [(state, sum(row.state is state for row in rows)) for state in STATE_ORDER]


def reviewable_language(config: CampaignConfig, code: str) -> Language:
    """The translated language ``code``, or an error naming the languages there are to review."""
    choices = ", ".join(lang.code for lang in config.translated_languages)
    fix = f"use one of: {choices}"
    for lang in config.languages:
        if lang.code != code:
            continue
        if lang.code == config.source_language:
            raise ConfigError(f"{code} is the source language: it has no translations to review",
                              path=config.config_file, fix=fix)
        if lang.pseudo:
            raise ConfigError(f"{code} is a pseudo-locale: it has no translations to review",
                              path=config.config_file, fix=fix)
        return lang
    raise ConfigError(f"unknown language {code!r}", path=config.config_file,
                      fix=f"{fix}; or add it under 'languages' and run 'campaign i18n update'")


def sheet_date() -> str:
    """Today (UTC), or the day of SOURCE_DATE_EPOCH when it is set, so sheets are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.now(timezone.utc).date().isoformat()
    try:
        return datetime.fromtimestamp(int(epoch), timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError) as exc:
        raise CampaignError(f"SOURCE_DATE_EPOCH is {epoch!r}, not a time", path="SOURCE_DATE_EPOCH",
                            fix="set it to a whole number of seconds since 1970, or unset it") from exc


def collect_review(config: CampaignConfig, lang: Language) -> ReviewSheet:
    """Every message of ``lang``'s catalogs (content, then theme), grouped for review. A catalog
    not created yet is read from its template: every message untranslated."""
    builder = _Groups(config)
    catalogs = []
    for domain in (CONTENT_DOMAIN, THEME_DOMAIN):
        path = catalog_path(config.root / config.locales_dir, lang.gettext_code, domain)
        if not path.is_file():
            path = template_path(config, domain)
            if not path.is_file():
                continue
        shown = config.shown(path)
        catalogs.append(shown)
        for message in read_catalog(path, shown):
            if message.id:
                builder.add(domain, message, shown)
    return ReviewSheet(lang=lang, source=config.source, site_name=config.site_name,
                       date=sheet_date(), catalogs=tuple(catalogs), groups=builder.groups())


class _Groups:
    """Rows gathered into groups: pages in catalog order, then help data, interface, other."""

    def __init__(self, config: CampaignConfig) -> None:
        self.docs = config.docs_dir.as_posix().rstrip("/") + "/"
        self.help = config.help_data.as_posix()
        self.titles = _page_titles(config)
        self.messages: dict[str, list[tuple[Message, list[str], str]]] = {}
        self.theme = "theme.po"

    def add(self, domain: str, message: Message, catalog: str) -> None:
        places = [f"{path}:{line}" if line else path for path, line in message.locations]
        first = message.locations[0][0] if message.locations else ""
        if domain == THEME_DOMAIN:
            key = INTERFACE_GROUP
            self.theme = catalog
        elif first.startswith(self.docs):
            key = first
        elif first == self.help:
            key = HELP_GROUP
        else:
            key = OTHER_GROUP
        self.messages.setdefault(key, []).append((message, places, Path(catalog).name))

    def groups(self) -> tuple[ReviewGroup, ...]:
        """The groups in sheet order, their rows numbered down the sheet."""
        fixed = {HELP_GROUP: ("Help data: services, who they are for, opening hours", self.help),
                 INTERFACE_GROUP: ("Interface: buttons, notices, help box, menus", self.theme),
                 OTHER_GROUP: ("Other messages", "")}
        order = [k for k in self.messages if k not in fixed] + [k for k in fixed if k in self.messages]
        out = []
        number = 0
        for key in order:
            title, where = fixed.get(key) or (self.titles.get(key) or key, key)
            rows = []
            for message, places, catalog in self.messages[key]:
                number += 1
                rows.append(_row(number, message, places, catalog))
            out.append(ReviewGroup(key=key, title=title, where=where, rows=tuple(rows)))
        return tuple(out)


def _row(number: int, message: Message, places: list[str], catalog_name: str) -> ReviewRow:
    notes, reviewed_by = [], ""
    for comment in message.user_comments:
        text = comment.strip()
        lowered = text.lower()
        if text.startswith("|") or lowered.startswith(QUERY_MARK):
            continue                # the previous English and the queries: read below
        if lowered.startswith(REVIEWED_MARK):
            reviewed_by = text[len(REVIEWED_MARK):].strip()
        elif not lowered.startswith(DRAFT_MARK) and text:
            notes.append(text)
    state = message_state(message)
    return ReviewRow(
        number=number, english=_forms(message.id), translation=_forms(message.string),
        state=state, queries=tuple(message_queries(message)), kind=", ".join(message.auto_comments),
        context=message.context, where=places[0] if places else "", also=tuple(places[1:]),
        catalog_line=f"{catalog_name}:{message.lineno}",
        reviewed_by=reviewed_by if state is State.REVIEWED else "",
        previous=previous_msgid(message) if state is State.FUZZY else "", notes=tuple(notes))


def _forms(value: str | tuple | list | None) -> str:
    """A message text; plural forms one per line."""
    if not value:
        return ""
    if isinstance(value, (tuple, list)):
        return "\n".join(str(form) for form in value)
    return str(value)


def _page_titles(config: CampaignConfig) -> dict[str, str]:
    """Each page's English title (front matter), keyed by its shown path (docs/get-help.md)."""
    pages, _ = read_pages(config)   # an unreadable page keeps its path as its title
    titles = {}
    for page in pages:
        try:
            title = page.front_matter.data.get("title")
        except CampaignError:
            continue
        if title:
            titles[f"{config.docs_dir.as_posix()}/{page.rel}"] = str(title)
    return titles
