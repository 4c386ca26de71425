"""Split a Markdown page into translatable messages, and rebuild it from translations.

One message per block, as Sphinx's gettext builder does: headings, paragraphs, list items, table
cells, admonition titles, the alt text of an image standing alone, and the front-matter title and
description. Inline markup (emphasis, links, inline code) stays inside the message. Code, HTML
blocks and comments, and front-matter keys are never messages.

The page is parsed with markdown-it-py, which reports source lines. Each message remembers the
exact character spans it came from, so a rebuild replaces only those spans and leaves every other
byte of the page (indentation, list markers, code, attribute lists) as it was.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Callable


from ..content.help import PLACEHOLDER
from ..content.markdown import page_parser
from ..content.pages import read_front_matter
from ..errors import ContentError

FRONT_MATTER_MESSAGES = ("title", "description")
_INLINE_PARENTS = {"paragraph_open", "heading_open", "th_open", "td_open", "admonition_title_open"}
# Python-Markdown attribute list at the end of a heading or paragraph: "Title {#id .class}".
_ATTR_LIST_TAIL = re.compile(r"\s*\{:?\s*[#.][^{}]*\}\s*$")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Span:
    """A run of characters in one source line (0-based line, [start, end) columns)."""

    line: int
    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """One piece of inline text in a page, with where it came from."""

    text: str                 # the text, soft line breaks joined with spaces
    lineno: int               # 1-based line where it starts
    kind: str                 # heading, paragraph, cell, admonition-title, image-alt, front-matter
    spans: tuple[Span, ...]   # source spans: the first receives the replacement, the rest are cut
    translatable: bool        # False for text with no letters (a lone number or placeholder)
    encoding: str = "inline"  # inline | yaml | quoted (how a replacement is written back)


def segment_markdown(text: str, path: str = "<page>") -> list[Segment]:
    """Return every inline segment of ``text`` in document order."""
    lines = text.split("\n")
    tokens = page_parser().parse(text)
    cursors: dict[int, int] = {}
    segments: list[Segment] = []
    parent = None
    for token in tokens:
        if token.type == "front_matter":
            segments.extend(_front_matter_segments(token, lines, path))
        elif token.type in _INLINE_PARENTS:
            parent = token
        elif token.type == "inline" and parent is not None and token.map:
            segment = _inline_segment(token, parent, lines, cursors, path)
            if segment is not None:
                segments.append(segment)
            parent = None
    return segments


def _kind(parent_type: str) -> str:
    return {"heading_open": "heading", "th_open": "cell", "td_open": "cell",
            "admonition_title_open": "admonition-title"}.get(parent_type, "paragraph")


def _inline_segment(token, parent, lines, cursors, path) -> Segment | None:
    content_lines = token.content.split("\n")
    first_line = token.map[0]
    spans: list[Span] = []
    for offset, piece in enumerate(content_lines):
        index = first_line + offset
        piece = piece.rstrip()
        if not piece:
            continue
        start = lines[index].find(piece, cursors.get(index, 0))
        if start < 0:
            raise ContentError("cannot locate this text in its source line; the Markdown "
                               "construct is not supported for translation", path=path,
                               line=index + 1, fix="simplify the markup on that line")
        cursors[index] = start + len(piece)
        spans.append(Span(index, start, start + len(piece)))
    if not spans:
        return None
    kind = _kind(parent.type)
    message = " ".join(piece.strip() for piece in content_lines if piece.strip())
    if kind in ("heading", "paragraph"):
        tail = _ATTR_LIST_TAIL.search(message)
        if tail and tail.start() > 0:
            cut = len(message) - tail.start()
            last = spans[-1]
            spans[-1] = Span(last.line, last.start, last.end - cut)
            message = message[:tail.start()]
    encoding = "quoted" if kind == "admonition-title" else "inline"
    image_alt = _lone_image_alt(token)
    if image_alt is not None:
        line = spans[0].line
        start = lines[line].find(f"![{image_alt}]", spans[0].start) + 2
        spans = [Span(line, start, start + len(image_alt))]
        kind, message = "image-alt", image_alt
    return Segment(text=message, lineno=spans[0].line + 1, kind=kind, spans=tuple(spans),
                   translatable=bool(_LETTER.search(_strip_placeholders(message))),
                   encoding=encoding)


def _lone_image_alt(token) -> str | None:
    """The alt text when a paragraph holds one image and nothing else."""
    children = [c for c in (token.children or []) if not (c.type == "text" and not c.content.strip())]
    if len(children) == 1 and children[0].type == "image" and "\n" not in token.content:
        alt = children[0].content
        return alt if f"![{alt}]" in token.content else None
    return None


def _front_matter_segments(token, lines, path) -> list[Segment]:
    meta = read_front_matter(token.content, path, first_line=token.map[0] + 2).data
    out = []
    for index in range(token.map[0] + 1, token.map[1] - 1):
        line = lines[index]
        for key in FRONT_MATTER_MESSAGES:
            if line.startswith(f"{key}:") and isinstance(meta.get(key), str):
                value_start = len(key) + 1 + (len(line) - len(key) - 1 - len(line[len(key) + 1:].lstrip()))
                if value_start >= len(line.rstrip()):
                    raise ContentError(f"front-matter '{key}' must be written on one line",
                                       path=path, line=index + 1,
                                       fix=f"write {key}: \"...\" on a single line")
                out.append(Segment(text=meta[key], lineno=index + 1, kind="front-matter",
                                   spans=(Span(index, value_start, len(line.rstrip())),),
                                   translatable=bool(_LETTER.search(meta[key])), encoding="yaml"))
    return out


def line_at(segment: Segment, source_lines: list[str], offset: int) -> int:
    """The 1-based source line of character ``offset`` in ``segment.text`` (a paragraph's soft
    line breaks are joined with spaces: count the pieces back to their lines)."""
    position = 0
    for span in segment.spans:
        piece = source_lines[span.line][span.start:span.end].strip()
        position += len(piece) + 1          # the piece and the space that joined it
        if offset < position:
            return span.line + 1
    return segment.spans[-1].line + 1


def _strip_placeholders(text: str) -> str:
    return PLACEHOLDER.sub("", text)


def encode(segment: Segment, replacement: str) -> str:
    """Write a replacement back in the form its source position needs."""
    if segment.encoding == "yaml":
        return json.dumps(replacement, ensure_ascii=False)
    if segment.encoding == "quoted":
        return replacement.replace('"', "\u201d")
    return replacement


def rebuild_markdown(text: str, segments: list[Segment],
                     replace: Callable[[Segment], str | None]) -> str:
    """Rebuild ``text`` with each segment's spans replaced by ``replace(segment)``.

    ``replace`` returns the new text, or None to keep the segment exactly as it is.
    """
    lines = text.split("\n")
    edits: dict[int, list[tuple[int, int, str]]] = {}
    cut_lines: set[int] = set()
    for segment in segments:
        new = replace(segment)
        if new is None:
            continue
        first, *rest = segment.spans
        edits.setdefault(first.line, []).append((first.start, first.end, encode(segment, new)))
        for span in rest:
            edits.setdefault(span.line, []).append((span.start, span.end, ""))
            cut_lines.add(span.line)
    for index, line_edits in edits.items():
        line = lines[index]
        for start, end, new in sorted(line_edits, reverse=True):
            line = line[:start] + new + line[end:]
        lines[index] = line
    # A continuation line whose text moved up leaves only its prefix (indent, '>'): drop it.
    kept = [line for index, line in enumerate(lines)
            if not (index in cut_lines and not line.strip(" \t>"))]
    return "\n".join(kept)
