"""The lesson packs as documents: which translated sources make which PDF.

A pack is a folder of packs_dir (``ks1``, ..., ``send``) holding ``pack.md`` (the cover),
``teacher-guide.md``, ``lessons.md``, ``parent-letter.md`` and ``poster.md``. The folder
``common`` holds what every pack shares (``common/teacher-guide.md``, printed after each pack's
own teacher guide). Each part is one PDF; the whole pack (cover and every part) is one more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import ContentError
from ..i18n.language import LanguageContent
from ..i18n.translate import PageStats

COVER = "pack.md"
COMMON = "common"
# (part, its source file in the pack folder): the order of the parts in the whole pack.
PARTS = (("teacher-guide", "teacher-guide.md"), ("lessons", "lessons.md"),
         ("parent-letter", "parent-letter.md"), ("poster", "poster.md"))
WHOLE = "pack"        # the part name of the combined PDF
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n?", re.DOTALL)
_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    """One translated source file inside a document."""

    source: str        # path inside packs_dir, e.g. "ks1/lessons.md"
    part: str          # "cover", "teacher-guide", ...
    title: str         # its translated front-matter title
    markdown: str      # its translated body (front matter removed)


@dataclass(frozen=True)
class PrintDocument:
    """One PDF to render: a part of a pack, or the whole pack."""

    pack: str                     # the pack's folder, e.g. "ks1"
    part: str                     # one of PARTS' names, or WHOLE
    title: str                    # the document's title (translated)
    pack_title: str               # the pack's title (translated)
    sections: tuple[Section, ...]
    stats: PageStats = field(default_factory=PageStats)

    @property
    def has_drafts(self) -> bool:
        return self.stats.draft > 0

    def file_name(self, code: str) -> str:
        """e.g. ``ks1-teacher-guide-cy.pdf``: the language in the name, for a teacher's folder."""
        name = "lesson-pack" if self.part == WHOLE else self.part
        return f"{self.pack}-{name}-{code}.pdf"


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block, body) of a translated page; the block is '' when there is none."""
    match = _FRONT_MATTER.match(text)
    return (match.group(1), text[match.end():]) if match else ("", text)


def front_matter_title(block: str) -> str:
    """The ``title:`` of a translated front-matter block (one line, maybe quoted)."""
    import yaml
    data = yaml.safe_load(block) if block else None
    title = data.get("title") if isinstance(data, dict) else None
    return str(title) if title else ""


def pack_names(sources: Iterable[str]) -> list[str]:
    """The packs among the sources' paths (inside packs_dir): every folder with a cover, in name
    order."""
    return sorted(rel.split("/")[0] for rel in sources
                  if rel.count("/") == 1 and rel.endswith(f"/{COVER}") and not rel.startswith(f"{COMMON}/"))


def _section(content: LanguageContent, rel: str, part: str, stats: PageStats, folder: str) -> Section:
    page = content.print_pages.get(rel)
    if page is None:
        raise ContentError(f"the lesson pack has no {rel.split('/')[-1]}", path=f"{folder}/{rel}",
                           fix=f"add {folder}/{rel} (every pack has {COVER}, "
                               f"{', '.join(src for _, src in PARTS)})")
    stats.add(page.stats)
    block, body = split_front_matter(page.text)
    return Section(source=rel, part=part, title=front_matter_title(block), markdown=body)


def pack_documents(content: LanguageContent, pack: str, folder: str = "packs") -> list[PrintDocument]:
    """The PDFs of one pack in one language: each part, then the whole pack. ``folder`` (the
    packs_dir setting) names a missing file in the error."""
    whole_stats = PageStats()
    cover = _section(content, f"{pack}/{COVER}", "cover", whole_stats, folder)
    documents = []
    whole_sections = [cover]
    for part, source in PARTS:
        stats = PageStats()
        sections = [_section(content, f"{pack}/{source}", part, stats, folder)]
        common = f"{COMMON}/{source}"
        if common in content.print_pages:
            sections.append(_section(content, common, part, stats, folder))
        whole_stats.add(stats)
        whole_sections.extend(sections)
        documents.append(PrintDocument(pack=pack, part=part, title=sections[0].title,
                                       pack_title=cover.title, sections=tuple(sections), stats=stats))
    documents.append(PrintDocument(pack=pack, part=WHOLE, title=cover.title, pack_title=cover.title,
                                   sections=tuple(whole_sections), stats=whole_stats))
    return documents


def all_documents(content: LanguageContent) -> list[PrintDocument]:
    """Every PDF of the language's print set, pack by pack."""
    return [doc for pack in pack_names(content.print_pages) for doc in pack_documents(content, pack)]
