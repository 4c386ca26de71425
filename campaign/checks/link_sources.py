"""Every external (http/https) address the site publishes, with each place it is written.

Three sources: Markdown pages (link and image targets, autolinks, and ``href``/``src`` in raw
HTML), the help data (each service's ``url``) and campaign.yml (the quick-exit page). Translated
pages are not scanned: the translation guard refuses any translation that changes a link target.
Placeholders such as ``{childline.url}`` are not links; the help-data address they stand for is
gathered from the help data itself.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import yaml
from markdown_it.token import Token

from ..config import CampaignConfig
from ..content.help import HelpData, load_help
from ..content.help import PLACEHOLDER
from ..content.markdown import page_parser

# href="..." or src='...' in raw HTML (a block or inline tag); the value is HTML-escaped.
_HTML_URL = re.compile(r"""\b(?:href|src)\s*=\s*(["'])(https?://[^"'\s]+)\1""", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    """Where an address is written: a project-relative file and its 1-based line (if known)."""

    path: str
    line: int | None = None


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) \
        and not PLACEHOLDER.search(unquote(url))


def markdown_links(text: str) -> list[tuple[str, int]]:
    """(address, 1-based line) of every external link target in a Markdown page, in order."""
    lines = text.split("\n")
    found: list[tuple[str, int]] = []
    for token in page_parser().parse(text):
        if not token.map:
            continue
        if token.type == "html_block":
            for offset, line in enumerate(token.content.split("\n")):
                found += [(html.unescape(m.group(2)), token.map[0] + offset + 1)
                          for m in _HTML_URL.finditer(line)]
        elif token.type == "inline":
            found += _inline_links(token, lines)
    return [(url, line) for url, line in found if is_external(url)]


def _inline_links(token: Token, lines: list[str]) -> list[tuple[str, int]]:
    """Links of one block of inline text. The line is where the address is written in the
    source; a reference link (address defined elsewhere) gets the line of its use."""
    first, end = token.map or (0, 0)
    cursor = (first, 0)
    estimate = first   # counts line breaks; blind to a code span broken over two lines
    found = []
    for child in token.children or []:
        targets: list[tuple[str, str]] = []   # (address, as written in the source)
        if child.type in ("softbreak", "hardbreak"):
            estimate += 1
        elif child.type == "link_open":
            targets = [(str(child.attrGet("href") or ""), "")]
        elif child.type == "image":
            targets = [(str(child.attrGet("src") or ""), "")]
        elif child.type == "html_inline":
            targets = [(html.unescape(m.group(2)), m.group(2)) for m in _HTML_URL.finditer(child.content)]
        for url, raw in targets:
            if not is_external(url):
                continue
            where = _locate([raw or url, unquote(url)], lines, cursor, end)
            if where is None:
                found.append((url, estimate + 1))
            else:
                cursor = where
                found.append((url, where[0] + 1))
        if child.type == "html_inline":
            estimate += child.content.count("\n")
    return found


def _locate(candidates: list[str], lines: list[str], cursor: tuple[int, int],
            end: int) -> tuple[int, int] | None:
    """The (line, column after it) of the first candidate written at or after ``cursor``."""
    line, column = cursor
    while line < min(end, len(lines)):
        hits = [(lines[line].find(c, column), c) for c in candidates if c]
        hits = [(start, c) for start, c in hits if start >= 0]
        if hits:
            start, text = min(hits)
            return line, start + len(text)
        line, column = line + 1, 0
    return None


def gather_links(config: CampaignConfig, help_data: HelpData | None = None) -> dict[str, list[Place]]:
    """Every external address, once, with every place it is written (pages first, in file
    order, then the help data, then the quick-exit page)."""
    places: dict[str, list[Place]] = {}

    def add(url: str, place: Place) -> None:
        places.setdefault(url, []).append(place)

    docs = config.root / config.docs_dir
    for page in sorted(docs.rglob("*.md")):
        for url, line in markdown_links(page.read_text(encoding="utf-8")):
            add(url, Place(config.shown(page), line))
    help_path = config.root / config.help_data
    help_data = help_data or load_help(help_path, config.shown(help_path))
    for service in help_data.services:
        if service.url and is_external(service.url):
            add(service.url, Place(config.shown(help_path), service.lines.get("url")))
    if is_external(config.quick_exit_url):
        add(config.quick_exit_url, _quick_exit_place(config))
    return places


def _quick_exit_place(config: CampaignConfig) -> Place:
    """campaign.yml and the line of quick_exit.url (as the config read it)."""
    shown = config.shown(config.config_path) if config.config_path else config.config_file
    return Place(shown, config.lines.get(("quick_exit", "url")))


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value under ``key`` of a YAML mapping node, or None."""
    if isinstance(node, yaml.MappingNode):
        return next((value for name, value in node.value if name.value == key), None)
    return None
