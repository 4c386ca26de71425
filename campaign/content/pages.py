"""The English source pages as the content checks read them: path, text and front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..config import CampaignConfig, setting_lines
from ..errors import CampaignError, ContentError

# MkDocs' own rule for a front-matter block (mkdocs.utils.meta).
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    lines: dict[str, int]     # 1-based line of each top-level key in the page
    present: bool             # False when the page has no front-matter block


@dataclass(frozen=True)
class Page:
    rel: str      # path inside docs_dir, e.g. "children/feelings.md" (what `pages:` globs match)
    shown: str    # as messages show it, e.g. "docs/children/feelings.md"
    text: str

    @cached_property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @cached_property
    def front_matter(self) -> FrontMatter:
        """The page's YAML front matter; a ContentError naming the line when it is not YAML."""
        match = _FRONT_MATTER.match(self.text)
        if not match:
            return FrontMatter({}, {}, present=False)
        return read_front_matter(match.group(1), self.shown, first_line=2)


def _parse_yaml(block: str) -> tuple[Any, Any]:
    """The composed node (for key lines) and the data of ``block`` (as ``yaml.safe_load`` gives
    it), from one parse."""
    loader = yaml.SafeLoader(block)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


@lru_cache(maxsize=4096)
def read_front_matter(block: str, shown: str, first_line: int) -> FrontMatter:
    """The one reader of a page's front matter: ``block`` is the YAML between the ``---`` lines,
    starting on the page's line ``first_line`` (1-based). Cached (a build reads each page's front
    matter twice: the page's own, and its messages): the result is shared, never to be changed."""
    try:
        node, data = _parse_yaml(block)
        data = data or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                           path=shown, line=mark.line + first_line if mark else first_line - 1,
                           fix="check quoting in the --- block") from exc
    if not isinstance(data, dict):
        raise ContentError("front matter must be a mapping of keys", path=shown, line=first_line,
                           fix="write it as key: value lines between the --- lines")
    lines = {str(path[0]): line + first_line - 1 for path, line in setting_lines(node).items()
             if len(path) == 1}
    return FrontMatter(data, lines, present=True)


def read_pages(config: CampaignConfig, folder: Path | None = None) -> tuple[list[Page], list[CampaignError]]:
    """Every Markdown page under docs_dir, or under ``folder`` (the lesson packs' sources; absent:
    none), hidden folders skipped as the build does, and a problem for each page that cannot be
    read."""
    docs = config.root / (config.docs_dir if folder is None else folder)
    if folder is not None and not docs.is_dir():
        return [], []
    pages: list[Page] = []
    problems: list[CampaignError] = []
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        try:
            text = Path(path).read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            problems.append(CampaignError(f"not UTF-8 text: {exc}", path=config.shown(path),
                                          fix="save the page as UTF-8"))
            continue
        pages.append(Page(rel=rel.as_posix(), shown=config.shown(path), text=text))
    return pages, problems
