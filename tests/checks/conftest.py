"""A small real project for the content checks: campaign.yml, the real help data and terminology
file, and whatever pages and catalogs a test writes."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from campaign.config import CampaignConfig, load_config
from campaign.content.help import HelpData, load_help
from campaign.content.pages import Page, read_pages
from tests.conftest import ROOT

CONFIG = """\
site_name: Test campaign
site_url: https://example.org/
quick_exit: {url: "https://www.bbc.co.uk/weather"}
languages:
  - {code: en, name: English}
  - {code: cy, name: Cymraeg}
readability:
  - {pages: "children/*", measure: flesch_kincaid_grade, max: 5}
  - {pages: "young-people/*", measure: flesch_kincaid_grade, max: 7}
  - {pages: "easy-read/*", measure: flesch_kincaid_grade, max: 5, max_sentence_words: 15}
"""
PO_HEADER = 'msgid ""\nmsgstr ""\n"Language: {lang}\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


class SmallProject:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "docs").mkdir(parents=True)
        (root / "data").mkdir()
        (root / "assets" / "fonts").mkdir(parents=True)
        (root / "assets" / "fonts" / "noto-sans.css").write_text("", encoding="utf-8")
        (root / "mkdocs.yml").write_text("site_name: Test campaign\n", encoding="utf-8")
        shutil.copy(ROOT / "data" / "help.yml", root / "data" / "help.yml")
        shutil.copy(ROOT / "data" / "terminology.yml", root / "data" / "terminology.yml")
        (root / "campaign.yml").write_text(CONFIG, encoding="utf-8")

    def page(self, rel: str, body: str, audience: str | None = "[everyone]") -> Path:
        """Write docs/<rel> with front matter (no audience line when ``audience`` is None)."""
        path = self.root / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = "title: A page\n" + (f"audience: {audience}\n" if audience is not None else "")
        path.write_text(f"---\n{meta}---\n\n" + textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
        return path

    def catalog(self, lang: str, entries: str, domain: str = "content") -> Path:
        """Write locales/<lang>/LC_MESSAGES/<domain>.po: a header, then ``entries`` as given."""
        path = self.root / "locales" / lang / "LC_MESSAGES" / f"{domain}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PO_HEADER.format(lang=lang) + textwrap.dedent(entries).lstrip("\n"),
                        encoding="utf-8")
        return path

    @property
    def config(self) -> CampaignConfig:
        return load_config(self.root / "campaign.yml")

    def pages(self) -> list[Page]:
        pages, problems = read_pages(self.config)
        assert problems == []
        return pages

    def help(self) -> HelpData:
        return load_help(self.root / "data" / "help.yml", "data/help.yml")


@pytest.fixture
def small(tmp_path) -> SmallProject:
    return SmallProject(tmp_path / "small")


def line_of(path: Path, text: str) -> int:
    """The 1-based line of ``path`` that contains ``text`` (exactly one)."""
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def messages(problems) -> list[str]:
    return [p.format_message() for p in problems]
