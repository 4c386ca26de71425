"""The posters' sources: which translated text goes in which box.

``posters_dir`` holds one Markdown file per audience route (``children.md``, ``parents.md``,
...): front matter with ``title`` (the downloads list and the image's description) and ``page``
(the site page the QR code leads to, a path under docs/), then a ``#`` headline, a short list
(the lines) and one or more paragraphs with the help placeholders (the helplines, one per
paragraph). They are translated through content.po like the site's pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..content.markdown import page_parser
from ..errors import ContentError
from ..i18n.language import LanguageContent
from ..print.packs import split_front_matter

_FALLBACK = re.compile(r'<span lang="[^"]+" dir="(ltr|rtl)">')
MAX_LINES = 5
_SHAPE_FIX = ("write the poster as front matter (title, page), a '# ' headline, a list of 2 or 3 "
              "short lines ('- ...'), then the helplines as paragraphs")


@dataclass(frozen=True)
class Text:
    """One paragraph of a poster, as plain text."""

    text: str
    fallback: bool = False     # shown in the source language (no usable translation)


@dataclass(frozen=True)
class PosterText:
    """One route's poster text in one language."""

    route: str                 # the source's name, e.g. "children" (in every file name)
    source: str                # its path inside posters_dir, e.g. "children.md"
    title: str
    page: str                  # the docs page the QR code leads to, e.g. "children/index.md"
    headline: Text
    lines: tuple[Text, ...]
    helplines: tuple[Text, ...]
    draft: bool                # holds translations no native speaker has checked


def route_names(sources: Iterable[str]) -> list[str]:
    """The routes among the sources' paths inside posters_dir: every top-level Markdown file."""
    return sorted(rel.removesuffix(".md") for rel in sources if "/" not in rel and rel.endswith(".md"))


def site_path(page: str) -> str:
    """A docs page's address inside a language (MkDocs' directory URLs).

    >>> site_path("index.md"), site_path("children/index.md"), site_path("parents/if-a-child-tells-you.md")
    ('', 'children/', 'parents/if-a-child-tells-you/')
    """
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        path = path.removesuffix("index")
        return path
    return f"{path}/"


def front_matter(block: str) -> dict:
    """A translated front-matter block as data (LibYAML's parser when PyYAML has it: every
    job reads one)."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(block, Loader=loader) if block else None
    return data if isinstance(data, dict) else {}


def poster_text(content: LanguageContent, route: str, folder: str = "posters") -> PosterText:
    """A route's poster in ``content``'s language; a ContentError names the source and the fix
    when it does not have the poster's shape."""
    rel = f"{route}.md"
    shown = f"{folder}/{rel}"
    page = content.poster_pages.get(rel)
    if page is None:
        raise ContentError("the poster has no source", path=shown, fix=f"add {shown}")
    block, body = split_front_matter(page.text)
    meta = front_matter(block)
    title, target = str(meta.get("title") or ""), str(meta.get("page") or "")
    if not title or not target:
        raise ContentError("the poster's front matter needs a title and a page", path=shown,
                           fix="add title: (what the poster is called) and page: (the docs page "
                               "its QR code leads to, e.g. children/index.md)")
    headline: list[Text] = []
    lines: list[Text] = []
    helplines: list[Text] = []
    depth = 0
    target_list = None
    for token in page_parser().parse(body):
        if token.type == "heading_open":
            target_list = headline if token.tag == "h1" else None
            if target_list is None or headline:
                raise ContentError(f"the poster may have one '# ' headline, not a {token.tag}", path=shown,
                                   fix=_SHAPE_FIX)
        elif token.type == "bullet_list_open":
            depth += 1
            if depth > 1 or lines or helplines:
                raise ContentError("the poster may have one list, of short lines", path=shown, fix=_SHAPE_FIX)
            target_list = lines
        elif token.type == "bullet_list_close":
            depth -= 1
            target_list = None
        elif token.type == "paragraph_open" and depth == 0:
            target_list = helplines
        elif token.type == "inline" and target_list is not None:
            target_list.append(plain_text(token))
        elif token.type in ("ordered_list_open", "table_open", "blockquote_open", "fence", "code_block",
                            "html_block"):
            raise ContentError(f"the poster cannot show a {token.type.removesuffix('_open')}",
                               path=shown, fix=_SHAPE_FIX)
    if len(headline) != 1 or not helplines or not 1 <= len(lines) <= MAX_LINES:
        raise ContentError(f"the poster has {len(headline)} headline(s), {len(lines)} line(s) and "
                           f"{len(helplines)} helpline paragraph(s)", path=shown, fix=_SHAPE_FIX)
    return PosterText(route=route, source=rel, title=title, page=target, headline=headline[0],
                      lines=tuple(lines), helplines=tuple(helplines), draft=page.stats.draft > 0)


def plain_text(token) -> Text:
    """A paragraph's inline Markdown as the text a reader sees: link labels, no emphasis markers,
    no pictures; a paragraph wrapped as a fallback (``<span lang=...>``) is marked so."""
    parts: list[str] = []
    fallback = False
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline" and _FALLBACK.match(child.content):
            fallback = True
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    text = re.sub(r"\s*\{[#.][^{}]*\}$", "", text)     # a heading's attribute list
    return Text(text=text, fallback=fallback)
