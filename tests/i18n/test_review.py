"""`campaign i18n review LANG`: the printable review sheet, read back with an HTML parser from a
small fixture project whose catalogs hold every review state (Urdu: right to left)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from campaign.cli import main
from tests.conftest import ROOT

CAMPAIGN_YML = """\
site_name: "Talk about it"
site_url: "https://campaign.example.org/"
quick_exit: {url: "https://www.bbc.co.uk/weather"}
languages:
  - {code: en, name: English, dir: ltr, fonts: [noto-sans]}
  - {code: cy, name: Cymraeg, dir: ltr, fonts: [noto-sans]}
  - {code: ur, name: اردو, dir: rtl, fonts: [noto-nastaliq-urdu, noto-sans]}
  - {code: en-XA, name: "Pseudo (en-XA)", dir: ltr, fonts: [noto-sans], pseudo: true}
"""
PAGES = {
    "index.md": "---\ntitle: Talk about it\n---\n\n# Talk about it\n\nCall {childline.phone}.\n",
    "young-people/index.md": "---\ntitle: For young people\n---\n\n# For young people\n\n"
                             "It is never your fault.\n\nTalk to someone you trust.\n",
}
HEADER = 'msgid ""\nmsgstr ""\n"Language: ur\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
DRAFT = "# draft: not yet reviewed by a native speaker\n"
CONTENT_PO = HEADER + DRAFT + """\
#. hours
#: data/help.yml:4
msgid "24 hours a day"
msgstr "دن کے 24 گھنٹے"

""" + DRAFT + """\
#. heading
#: docs/young-people/index.md:5
msgid "For young people"
msgstr "نوجوانوں کے لیے"

# reviewed-by: Amina Khan, 2026-11-30
#. paragraph
#: docs/young-people/index.md:7
msgid "It is never your fault."
msgstr "یہ کبھی آپ کی غلطی نہیں ہے۔"

""" + DRAFT + """\
# query: Should "abuse" be زیادتی or استحصال here?
# query: Is this too formal for a 12-year-old?
#. paragraph
#: docs/young-people/index.md:9
#, fuzzy
#| msgid "Talk to someone."
msgid "Talk to someone you trust."
msgstr "کسی سے بات کریں۔"

#. paragraph
#: docs/index.md:7 docs/young-people/index.md:11
msgid "Call {childline.phone}."
msgstr ""

""" + DRAFT + """\
# query: <b>is</b> this & that right?
#. heading
#: docs/index.md:5
msgid "Talk about it"
msgstr "<img src=\\"https://tracker.example.com/x.png\\"> اس کے بارے میں بات کریں"
"""
THEME_PO = HEADER + DRAFT + """\
#: overrides/main.html:20
msgid "Exit this page"
msgstr "یہ صفحہ چھوڑیں"

#: campaign/site/material_strings.py:16
msgctxt "material"
msgid "Skip to content"
msgstr ""
"""
# Every row of the fixture: number -> (group, English, translation, state, queries).
EXPECTED = {
    1: ("docs/young-people/index.md", "For young people", "نوجوانوں کے لیے", "draft", []),
    2: ("docs/young-people/index.md", "It is never your fault.", "یہ کبھی آپ کی غلطی نہیں ہے۔",
        "reviewed", []),
    3: ("docs/young-people/index.md", "Talk to someone you trust.", "کسی سے بات کریں۔", "fuzzy",
        ['Should "abuse" be زیادتی or استحصال here?', "Is this too formal for a 12-year-old?"]),
    4: ("docs/index.md", "Call {childline.phone}.", "", "untranslated", []),
    5: ("docs/index.md", "Talk about it",
        '<img src="https://tracker.example.com/x.png"> اس کے بارے میں بات کریں', "draft",
        ["<b>is</b> this & that right?"]),
    6: ("help", "24 hours a day", "دن کے 24 گھنٹے", "draft", []),
    7: ("interface", "Exit this page", "یہ صفحہ چھوڑیں", "draft", []),
    8: ("interface", "Skip to content", "", "untranslated", []),
}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path) -> Path:
    """A tiny project: two pages, the Urdu catalogs above, the real fonts."""
    root = tmp_path / "project"
    write(root / "campaign.yml", CAMPAIGN_YML)
    for rel, text in PAGES.items():
        write(root / "docs" / rel, text)
    for rel in ("data/help.yml", "data/terminology.yml", "mkdocs.yml"):
        write(root / rel, "{}\n")
    write(root / "locales/ur/LC_MESSAGES/content.po", CONTENT_PO)
    write(root / "locales/ur/LC_MESSAGES/theme.po", THEME_PO)
    for font in ("noto-sans", "noto-nastaliq-urdu"):
        shutil.copytree(ROOT / "assets/fonts" / font, root / "assets/fonts" / font)
        shutil.copy(ROOT / "assets/fonts" / f"{font}.css", root / "assets/fonts" / f"{font}.css")
    return root


# --- a small DOM, enough to read the sheet back ----------------------------------------------

VOID = {"meta", "link", "input", "col", "br", "img", "hr", "wbr", "source"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)   # Nodes and strings

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and (cls is None or cls in n.attrs.get("class", "").split())]

    def find(self, tag: str | None = None, cls: str | None = None) -> "Node":
        found = self.find_all(tag, cls)
        assert found, (tag, cls)
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
        raise AssertionError(f"unbalanced </{tag}>")

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert [n.tag for n in builder.stack] == ["#document"], "unclosed elements"
    return builder.root


def review(project: Path, *args: str):
    return CliRunner().invoke(main, ["i18n", "review", *args, "--config",
                                     str(project / "campaign.yml")])


@pytest.fixture
def sheet(project, monkeypatch) -> tuple[str, Node]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")   # 2025-12-01
    result = review(project, "ur")
    assert result.exit_code == 0, result.output
    html = (project / "build" / "review" / "ur.html").read_text(encoding="utf-8")
    return html, parse(html)


# --- tests -----------------------------------------------------------------------------------

def test_each_row_shows_english_translation_state_and_queries(sheet):
    _, dom = sheet
    rows = {}
    for group in dom.find_all("section", "group"):
        for tr in group.find_all("tr", "row"):
            number = int(tr.find("td", "ref").find(cls="number").text())
            queries = [q.find(cls="query-text").text() for q in tr.find_all("li", "query")]
            rows[number] = (group.attrs["data-group"], tr.find("td", "en").find(cls="text").text(),
                            tr.find("td", "tr").find(cls="text").text(),
                            tr.find("td", "state").find(cls="badge").text(), queries)
            assert tr.attrs["data-state"] == rows[number][3]
    assert rows == EXPECTED


def test_rows_are_grouped_by_page_then_help_data_then_interface(sheet):
    _, dom = sheet
    groups = dom.find_all("section", "group")
    assert [g.attrs["data-group"] for g in groups] == [
        "docs/young-people/index.md", "docs/index.md", "help", "interface"]
    titles = [g.find("h2").text() for g in groups]
    assert titles[0].startswith("For young people") and "docs/young-people/index.md" in titles[0]
    assert titles[1].startswith("Talk about it")
    assert titles[2].startswith("Help data") and "data/help.yml" in titles[2]
    assert titles[3].startswith("Interface") and "locales/ur/LC_MESSAGES/theme.po" in titles[3]
    # A message used on two pages is listed once, under its first page, naming the other.
    call = groups[1].find("tr", "row")
    assert "docs/index.md:7" in call.find("td", "en").text()
    assert "also: docs/young-people/index.md:11" in call.find("td", "en").text()


def test_reviewed_and_fuzzy_rows_say_who_reviewed_and_the_old_english(sheet):
    _, dom = sheet
    rows = {int(tr.find(cls="number").text()): tr for tr in dom.find_all("tr", "row")}
    assert rows[2].find(cls="reviewed-by").text() == "reviewed by Amina Khan, 2026-11-30"
    assert rows[3].find(cls="previous-text").text() == "Talk to someone."
    assert "content.po: " in rows[3].find(cls="catalog-line").text()
    assert rows[8].find("td", "en").find(cls="context").text() == "material"


def test_translations_are_right_to_left_and_in_their_language(sheet):
    _, dom = sheet
    cells = dom.find_all("td", "tr")
    assert len(cells) == len(EXPECTED)
    assert all(c.attrs["lang"] == "ur" and c.attrs["dir"] == "rtl" for c in cells)
    assert all(c.attrs["lang"] == "en" and c.attrs["dir"] == "ltr" for c in dom.find_all("td", "en"))
    assert dom.find("html").attrs["lang"] == "en"


def test_header_has_language_date_counts_and_instructions(sheet):
    _, dom = sheet
    header = dom.find("header", "sheet")
    assert "اردو (ur)" in header.find("h1").text()
    assert header.find("time").attrs["datetime"] == "2025-12-01"      # SOURCE_DATE_EPOCH
    counts = {tr.attrs["data-state"]: int(tr.find("td", "count").text())
              for tr in header.find("table", "counts").find_all("tr") if "data-state" in tr.attrs}
    assert counts == {"draft": 4, "fuzzy": 1, "untranslated": 2, "reviewed": 1, "total": 8}
    steps = header.find(cls="instructions").text()
    assert "tick OK" in steps and "write the corrected translation" in steps
    assert "Question" in steps and "{curly braces}" in steps


def test_the_sheet_is_self_contained_and_fetches_nothing(sheet):
    html, dom = sheet
    for node in dom.iter():
        for name in ("src", "href", "srcset", "data", "poster", "action"):
            assert name not in node.attrs, (node.tag, node.attrs)
        assert node.tag not in ("script", "img", "link", "iframe", "object", "embed"), node.tag
    styles = "".join(n.text() for n in dom.find_all("style"))
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", styles)
    assert urls and all(url.startswith("data:font/woff2;base64,") for url in urls)
    assert "@import" not in styles
    # The embedded fonts: Urdu's, and Noto Sans for the English (and latin-ext for Welsh-style
    # letters), each once.
    assert styles.count("font-family: 'Noto Nastaliq Urdu'") == 2
    assert styles.count("font-family: 'Noto Sans'") == 4
    assert '[lang="ur"] { font-family: "Noto Nastaliq Urdu", "Noto Sans", sans-serif; }' in styles
    # Page text is text: the translation's <img> is shown, never loaded.
    assert "&lt;img src=&#34;https://tracker.example.com/x.png&#34;&gt;" in html


def test_same_epoch_same_sheet_and_out_option(project, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    out = tmp_path / "elsewhere" / "urdu.html"
    first = review(project, "ur", "--out", str(out))
    assert first.exit_code == 0, first.output
    assert f"wrote {out}: 8 messages (4 draft, 1 fuzzy, 2 untranslated, 1 reviewed)" in first.output
    again = review(project, "ur")
    assert again.exit_code == 0, again.output
    assert "wrote build/review/ur.html: 8 messages" in again.output
    assert (project / "build/review/ur.html").read_bytes() == out.read_bytes()
    assert not list(out.parent.glob(".*.tmp"))   # written atomically: no temporary file left


def test_a_language_without_catalogs_lists_the_templates_untranslated(project):
    write(project / "locales/content.pot", HEADER.replace('"Language: ur\\n"\n', "") +
          '#: docs/index.md:5\nmsgid "Talk about it"\nmsgstr ""\n')
    result = review(project, "cy")
    assert result.exit_code == 0, result.output
    dom = parse((project / "build/review/cy.html").read_text(encoding="utf-8"))
    (row,) = dom.find_all("tr", "row")
    assert row.find("td", "state").find(cls="badge").text() == "untranslated"
    assert row.find("td", "tr").attrs == {"class": "tr", "lang": "cy", "dir": "ltr"}


@pytest.mark.parametrize("code, message", [
    ("xx", "unknown language 'xx'"),
    ("en", "en is the source language: it has no translations to review"),
    ("en-XA", "en-XA is a pseudo-locale: it has no translations to review"),
])
def test_a_language_with_nothing_to_review_is_refused_naming_the_choices(project, code, message):
    result = review(project, code)
    assert result.exit_code == 1
    assert f"campaign.yml: {message}" in result.output
    assert "fix: use one of: cy, ur" in result.output
    assert not (project / "build").exists()


def test_the_real_catalogs_make_a_sheet_per_language(config, tmp_path):
    """Every shipped language: every message of both catalogs, each with its state."""
    from campaign.commands.review import run
    for lang in config.translated_languages:
        path, built = run(config, lang.code, tmp_path / f"{lang.code}.html")
        dom = parse(path.read_text(encoding="utf-8"))
        rows = dom.find_all("tr", "row")
        assert len(rows) == len(built.rows) > 700
        assert {tr.attrs["data-state"] for tr in rows} <= {"draft", "fuzzy", "untranslated", "reviewed"}
        assert all(c.attrs["dir"] == lang.dir for c in dom.find_all("td", "tr"))


def test_the_language_is_required(project):
    result = CliRunner().invoke(main, ["i18n", "review", "--config", str(project / "campaign.yml")])
    assert result.exit_code == 2 and "Missing argument 'LANG'" in result.output
