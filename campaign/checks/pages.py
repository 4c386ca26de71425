"""Page rules: every image has alt text (in every page and every translation), every page says in
its front matter whom it is for (``audience:``, values from content.help.AUDIENCES), and pages
only for children and young people state no figures (statistics frighten and do not help them).
On an Easy Read page (``template: easy-read.html``) each picture shows one idea: the same picture
is never used beside two points (list items) that say different things.

Images are Markdown images (``![alt](src)``, reference images too) and HTML ``<img>`` tags, inline
or in HTML blocks. An image's alt text must not be empty or blank. A translation must keep the alt
text: when the English message has an image with alt text (or is the alt text of an image standing
alone, marked ``#. image-alt`` by the extractor), no image in the msgstr may lack it. Like the
translation guard, this looks at translations in use (fuzzy and untranslated ones show English).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..config import CampaignConfig
from ..content.help import AUDIENCES, HelpData, page_nations
from ..content.markdown import page_parser
from ..content.pages import Page
from ..errors import CampaignError, ContentError
from ..i18n.catalogs import LanguageCatalog, message_state, read_every_catalog, singular

Problems = list[CampaignError]
_MARKDOWN_FIX = "describe what the image shows between the brackets: ![what it shows]({src})"
_HTML_FIX = 'describe what the image shows in its alt attribute: <img src="{src}" alt="what it shows">'


@dataclass(frozen=True)
class Image:
    src: str
    alt: str | None      # None: no alt attribute at all
    html: bool           # an <img> tag rather than Markdown
    line: int = 0        # 0-based line offset inside the text it was found in

    @property
    def described(self) -> bool:
        return bool(self.alt and self.alt.strip())

    def fix(self) -> str:
        return (_HTML_FIX if self.html else _MARKDOWN_FIX).format(src=self.src)


class _ImgTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Image] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.found.append(Image(src=values.get("src") or "", alt=values.get("alt"), html=True,
                                    line=self.getpos()[0] - 1))


def html_images(html: str) -> list[Image]:
    """The ``<img>`` tags in a piece of HTML, each with its line offset."""
    parser = _ImgTags()
    parser.feed(html)
    parser.close()
    return parser.found


def inline_images(markdown: str) -> list[Image]:
    """Markdown images and inline <img> tags of one message (no line information)."""
    images: list[Image] = []
    for token in page_parser().parseInline(markdown):
        for child in token.children or []:
            if child.type == "image":
                images.append(Image(src=str(child.attrGet("src") or ""), alt=child.content, html=False))
            elif child.type == "html_inline":
                images.extend(html_images(child.content))
    return images


def page_images(text: str) -> list[Image]:
    """Every image of a page, each with the 0-based line it is on."""
    lines = text.split("\n")
    images: list[Image] = []
    for token in page_parser().parse(text):
        if token.type == "html_block" and token.map:
            images.extend(Image(i.src, i.alt, True, token.map[0] + i.line) for i in html_images(token.content))
        elif token.type == "inline" and token.map:
            cursor = token.map[0]
            for image in inline_images(token.content):
                cursor = _line_of(lines, image.src, cursor, token.map[1])
                images.append(Image(image.src, image.alt, image.html, cursor))
    return images


def _line_of(lines: list[str], src: str, first: int, end: int) -> int:
    """The first line from ``first`` (before ``end``) that mentions ``src``, else ``first``."""
    for index in range(first, min(end, len(lines))):
        if src and src in lines[index]:
            return index
    return first


def check_page_images(page: Page) -> Problems:
    return [ContentError("this image has no alt text", path=page.shown, line=image.line + 1,
                         fix=image.fix())
            for image in page_images(page.text) if not image.described]


EASY_READ_TEMPLATE = "easy-read.html"
_ONE_PICTURE_FIX = "give each idea its own picture (Easy Read: one picture per idea)"


def _point_text(markdown: str) -> str:
    """What a point says without its pictures: the text of an inline token's children (link text
    kept, images and inline HTML left out), with its spaces collapsed."""
    words: list[str] = []
    for token in page_parser().parseInline(markdown):
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                words.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                words.append(" ")
    return " ".join("".join(words).split())


def check_one_picture_per_idea(page: Page) -> Problems:
    """On an Easy Read page (front matter ``template: easy-read.html``) each picture stands beside
    one idea: no image src is used beside two points (list items) that say different things.
    A point is the first paragraph of a list item; the same picture beside the same words is
    fine."""
    if page.front_matter.data.get("template") != EASY_READ_TEMPLATE:
        return []
    lines = page.text.split("\n")
    tokens = page_parser().parse(page.text)
    first_use: dict[str, tuple[str, int]] = {}     # picture -> (the point's text, its 1-based line)
    problems: Problems = []
    for index, token in enumerate(tokens):
        if (token.type != "inline" or not token.map or index < 2
                or tokens[index - 1].type != "paragraph_open"
                or tokens[index - 2].type != "list_item_open"):
            continue
        text = _point_text(token.content)
        for image in inline_images(token.content):
            if not image.src:
                continue
            picture = posixpath.normpath(image.src)
            line = _line_of(lines, image.src, token.map[0], token.map[1]) + 1
            if picture not in first_use:
                first_use[picture] = (text, line)
                continue
            earlier, earlier_line = first_use[picture]
            if text.casefold() != earlier.casefold():
                problems.append(ContentError(
                    f'the picture {image.src} is already used for "{earlier}" (line {earlier_line})',
                    path=page.shown, line=line, fix=_ONE_PICTURE_FIX))
    return problems


def check_audience(page: Page) -> Problems:
    """The page declares ``audience: [...]`` with known values only (at least one)."""
    allowed = ", ".join(AUDIENCES)
    fix = f"add 'audience: [everyone]' (or other audiences) to the front matter; allowed: {allowed}"
    meta = page.front_matter
    value = meta.data.get("audience")
    line = meta.lines.get("audience", 1)
    if value is None or value == []:
        return [ContentError("the page does not say whom it is for (no 'audience' in its front "
                             "matter)", path=page.shown, line=line, fix=fix)]
    if not isinstance(value, list):     # a bare string would be read letter by letter
        example = value if isinstance(value, str) else "everyone"
        return [ContentError(f"'audience' must be a list of audiences, not {value!r}",
                             path=page.shown, line=line,
                             fix=f"write it in brackets, e.g. audience: [{example}]; allowed: {allowed}")]
    unknown = [v for v in value if v not in AUDIENCES]
    if unknown:
        return [ContentError(f"unknown audience(s) {', '.join(map(str, unknown))}", path=page.shown,
                             line=line, fix=f"use only: {allowed}")]
    return []


# Pages whose every audience is one of these are for children and young people: no statistics.
CHILD_AUDIENCES = frozenset({"children", "young-people", "boys", "disabled", "deaf"})
_FIGURE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|per ?cent\b)"                      # 15%, 3.6 per cent
    r"|\b\d+ in (?:every )?\d[\d,]*\b"                           # 1 in 13
    r"|\b\d[\d,.]*\s*(?:times|million|thousand|hundred thousand)\b"  # 2.9 times, 3.1 million
    r"|\b\d{1,3}(?:,\d{3})+\b"                                     # 709,000
    r"|\b(?:half|two[- ]thirds|a third|one in \w+)\b", re.I)
_PLACEHOLDER_OR_LINK = re.compile(r"\{[a-z_]+\.[a-z]+\}|\]\([^)]*\)")


def check_no_figures(page: Page) -> Problems:
    """A page only for children and young people states no statistic; names the line and the
    words found."""
    audiences = page.front_matter.data.get("audience")
    if not isinstance(audiences, list) or not audiences or not set(audiences) <= CHILD_AUDIENCES:
        return []
    problems: Problems = []
    body_start = page.text.find("\n---", 3) + 4 if page.front_matter.present else 0
    first_line = page.text[:body_start].count("\n") + 1
    for number, line in enumerate(page.text[body_start:].split("\n"), first_line):
        found = _FIGURE.search(_PLACEHOLDER_OR_LINK.sub(" ", line))
        if found:
            problems.append(ContentError(
                f'a page for children states a figure ("{found.group(0)}")', path=page.shown,
                line=number, fix="leave statistics to the pages for adults and professionals; "
                                 "tell children what they can do and who can help"))
    return problems


def check_help_box(page: Page, help_data: HelpData, nations: tuple[str, ...]) -> Problems:
    """The page's help box will not be empty: some service serves one of its audiences in one
    of the site's nations (narrowed by the page's own ``nations:``)."""
    meta = page.front_matter.data
    audiences = meta.get("audience")
    if not isinstance(audiences, list) or not audiences:
        return []      # check_audience reports it
    if help_data.help_box(meta, nations):
        return []
    nations = page_nations(nations, meta.get("nations"))
    return [ContentError(
        f"no service in {help_data.path.name} serves this page's audience "
        f"({', '.join(map(str, audiences))}) in {', '.join(nations)}: its help box would be empty",
        path=page.shown, line=page.front_matter.lines.get("audience", 1),
        fix="add an audience that a service serves (e.g. everyone), or add the audience to a "
            "service's 'audiences' in the help data")]


def check_translation_images(catalog: LanguageCatalog) -> Problems:
    """Translations in use that lose the alt text of an image in their English message."""
    problems: Problems = []
    shown = catalog.shown

    def lost(message, english: str, fix: str) -> None:
        problems.append(ContentError(
            f'the translation leaves an image without alt text (the English alt text is "{english}")',
            path=shown, line=catalog.msgstr_line(message.lineno or 0), fix=fix))

    for message in catalog.catalog or ():
        if not message.id or not isinstance(message.id, str) or not message_state(message).usable:
            continue
        string = singular(message.string)
        if "image-alt" in message.auto_comments:     # the msgid is the alt text itself
            if not string.strip():
                lost(message, message.id, "write the alt text's translation in the msgstr; "
                                          "it must not be blank")
            continue
        described = [i for i in inline_images(message.id) if i.described]
        missing = [i for i in inline_images(string) if not i.described] if described else []
        if missing:
            lost(message, described[0].alt or "", "translate the alt text too: " + missing[0].fix())
    return problems


def check_pages(config: CampaignConfig, pages: list[Page], help_data: HelpData | None = None,
                catalogs: list[LanguageCatalog] | None = None) -> tuple[Problems, list[str]]:
    """Alt text in every page and translation; an audience on every page, with a help box that
    is not empty; no figures on pages for children; one picture per idea on Easy Read pages.
    ``catalogs``: the catalogs as read by the pipeline (None: every catalog file is read here)."""
    problems: Problems = []
    for page in pages:
        try:
            problems.extend(check_page_images(page))
            problems.extend(check_audience(page))
            problems.extend(check_no_figures(page))
            problems.extend(check_one_picture_per_idea(page))
            if help_data is not None:
                problems.extend(check_help_box(page, help_data, config.nations))
        except ContentError as exc:
            problems.append(exc)
    if catalogs is None:
        catalogs, unreadable = read_every_catalog(config)
        problems.extend(unreadable)
    for catalog in catalogs:
        problems.extend(check_translation_images(catalog))
    return problems, [f"pages: {len(pages)} pages and {len(catalogs)} catalogs: every image has "
                      "alt text, every page names its audience and has help for it, no figures on "
                      "children's pages, one picture per idea on Easy Read pages"]
