"""Reading the source pages: which files are pages, and their front matter with lines."""

from __future__ import annotations

import pytest

from campaign.config import load_config
from campaign.content.pages import Page, read_pages
from campaign.errors import ContentError


def test_real_pages(config):
    pages, problems = read_pages(config)
    assert problems == []
    rels = [p.rel for p in pages]
    assert rels == sorted(rels) and {"index.md", "get-help.md", "children/index.md",
                                     "easy-read/getting-help.md"} <= set(rels)
    assert rels == sorted(p.relative_to(config.root / "docs").as_posix()
                          for p in (config.root / "docs").rglob("*.md"))
    page = pages[rels.index("children/index.md")]
    assert page.shown == "docs/children/index.md"
    meta = page.front_matter
    assert meta.present and meta.data["audience"] == ["children"] and meta.lines["audience"] == 4


def test_hidden_folders_are_skipped_and_unreadable_pages_reported(project_copy):
    docs = project_copy / "docs"
    (docs / ".drafts").mkdir()
    (docs / ".drafts" / "wip.md").write_text("# Draft\n", encoding="utf-8")
    (docs / "children" / "feelings.md").write_text("# Feelings\n", encoding="utf-8")
    (docs / "latin1.md").write_bytes("caf\xe9\n".encode("latin-1"))
    pages, problems = read_pages(load_config(project_copy / "campaign.yml"))
    assert "children/feelings.md" in [p.rel for p in pages]
    assert not any(".drafts" in p.rel or p.rel == "latin1.md" for p in pages)
    assert [(p.path, p.fix) for p in problems] == [("docs/latin1.md", "save the page as UTF-8")]


def test_front_matter_lines_and_errors():
    page = Page("a.md", "docs/a.md", "---\ntitle: A\n\naudience: [children]\n---\n\n# A\n")
    assert page.front_matter.lines == {"title": 2, "audience": 4}
    assert not Page("b.md", "docs/b.md", "# No front matter\n").front_matter.present
    broken = Page("c.md", "docs/c.md", "---\ntitle: A\naudience: [children\n---\n")
    with pytest.raises(ContentError) as caught:
        broken.front_matter
    assert caught.value.path == "docs/c.md" and caught.value.line is not None
