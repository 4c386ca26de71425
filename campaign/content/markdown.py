"""The one Markdown parser every reader of the pages uses (translation, checks, link gathering),
so that they all cut a page the same way MkDocs' Markdown sees it: CommonMark with tables,
front matter and admonitions."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.front_matter import front_matter_plugin


@lru_cache(maxsize=1)
def page_parser() -> MarkdownIt:
    """A whole page: CommonMark, tables, front matter, admonitions."""
    return MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(admon_plugin)


@lru_cache(maxsize=1)
def inline_parser() -> MarkdownIt:
    """One message's inline Markdown (links, images, emphasis)."""
    return MarkdownIt("commonmark")
