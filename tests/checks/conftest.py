"""Fixtures for the checks: a counting link server on 127.0.0.1 with project copies whose every
external link points at it, and a small real project for the content checks."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import textwrap
from pathlib import Path
from typing import Callable, Iterator

import pytest

from campaign.checks.link_sources import gather_links
from campaign.commands.i18n import extract
from campaign.config import CampaignConfig, load_config
from campaign.content.help import HelpData, load_help
from campaign.content.pages import Page, read_pages
from tests.checks.link_server import LinkServer
from tests.conftest import ROOT


PAGE = "docs/links.md"
# Every page names its audience (the pages check): the test page gets this front matter, so a line
# n of a test's page text is line n + FRONT_MATTER_LINES of the file.
FRONT_MATTER = "---\naudience: [everyone]\n---\n"
FRONT_MATTER_LINES = FRONT_MATTER.count("\n")


def quick_exit_line(project: Path) -> int:
    """The line of campaign.yml that holds the quick-exit address."""
    text = (project / "campaign.yml").read_text(encoding="utf-8")
    return text[:_QUICK_EXIT_URL.search(text).start()].count("\n") + 1
_SERVICE_ID = re.compile(r"^\s*- id:\s*(\S+)")
_SERVICE_URL = re.compile(r"^(\s+url:\s*).*$")
_QUICK_EXIT_URL = re.compile(r'^(  url:\s*)"https?://[^"]*"', re.MULTILINE)


@pytest.fixture
def link_server() -> Iterator[LinkServer]:
    server = LinkServer()
    yield server
    server.stop()


MakeProject = Callable[..., Path]


@pytest.fixture
def make_link_project(project_copy: Path, link_server: LinkServer) -> MakeProject:
    """make(page, services={id: url}, quick_exit=url) -> the project folder.

    Writes ``page`` as docs/links.md, gives every service in the help data a local address (the
    ones named, else /ok-<id>) and the quick exit too, refreshes the templates so that only the
    links can fail a check, and refuses to go on if any link would leave 127.0.0.1."""
    def make(page: str, services: dict[str, str] | None = None, quick_exit: str | None = None) -> Path:
        root = project_copy
        (root / PAGE).write_text(FRONT_MATTER + page, encoding="utf-8")
        _point_services(root / "data/help.yml", services or {}, link_server)
        config_file = root / "campaign.yml"
        text, count = _QUICK_EXIT_URL.subn(
            lambda m: f'{m.group(1)}"{quick_exit or link_server.url("/ok-exit")}"',
            config_file.read_text(encoding="utf-8"))
        assert count == 1, "campaign.yml: quick_exit.url not found"
        config_file.write_text(text, encoding="utf-8")
        config = load_config(config_file)
        with contextlib.redirect_stdout(io.StringIO()):
            extract(config)
        outside = [url for url in gather_links(config) if not url.startswith("http://127.0.0.1:")]
        assert not outside, f"the test project links outside 127.0.0.1: {outside}"
        return root
    return make


def _point_services(help_file: Path, services: dict[str, str], server: LinkServer) -> None:
    lines = help_file.read_text(encoding="utf-8").split("\n")
    current = None
    for index, line in enumerate(lines):
        found = _SERVICE_ID.match(line)
        if found:
            current = found.group(1).strip("\"'")
        url_line = _SERVICE_URL.match(line)
        if url_line and current:
            url = services.get(current, server.url(f"/ok-{current}"))
            lines[index] = f'{url_line.group(1)}"{url}"'
    help_file.write_text("\n".join(lines), encoding="utf-8")

CONFIG = """\
site_name: Test campaign
site_url: https://example.org/
quick_exit: {url: "https://www.bbc.co.uk/weather"}
brand: {typefaces: {latin: noto-sans}}
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
