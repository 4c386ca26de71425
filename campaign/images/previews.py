"""Page previews: one image per page of the site in each language, its ``og:image`` and
``twitter:image`` (the picture a link shows when it is shared).

The preview layout (``format: preview`` in layouts_dir, one at most) shows the brand's logo and
name, the page's title in the page's language and script (in the language's typefaces, like the
posters: never a missing-glyph box), and the phone numbers of the services it names
(``services:``, ids of the help data). A page whose title is the brand's name (the home page)
shows its ``#`` headline instead, so the name is not drawn twice.

Previews are drawn by the images stage's painter, in its worker pool and through its cache
(``render.gather_images``): jobs are (language, a share of its pages), so one language alone
still uses every core. Each page has its own file, ``previews/<page>.png`` (``index.md`` gives
``previews/index.png``, ``parents/if-a-child-tells-you.md`` gives
``previews/parents/if-a-child-tells-you.png``), inside the language's folder.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from ..config import CampaignConfig, Language
from ..content.help import HelpData
from ..content.markdown import page_parser
from ..errors import CampaignError, ConfigError
from ..i18n.bidi import isolate_numbers_text
from ..i18n.language import LanguageContent, lookup_for, translate_language
from ..i18n.pseudo import pseudo_plain
from ..i18n.status import STATUS_PAGE, STATUS_TITLE
from ..pipeline import Inputs
from ..print.cache import RenderCache
from ..print.packs import split_front_matter
from .draw import ImageContent
from .encode import png_bytes
from .fonts import font_sources
from .layouts import Layout
from .posters import front_matter, plain_text
from .render import (KEY_FORMAT, SAMPLE, ImageFile, Renderer, alt_text, brand_name, image_key,
                     interface_text)
from .text import Paragraph

PREVIEWS_DIR = "previews"
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")    # a Markdown backslash escape


@dataclass(frozen=True)
class PreviewJob:
    """A share of one language's pages (picklable): its inputs hold those pages only."""

    inputs: Inputs
    lang: Language
    status_page: bool        # the translation-status page too (the site's plugin makes it)
    layout: Layout
    cache_dir: Path
    versions: str


@dataclass(frozen=True)
class PageTitle:
    """What a page's preview shows as its headline."""

    page: str                # its path inside docs/ ("children/index.md")
    title: str               # the page's title, as MkDocs shows it (og:title)
    headline: Paragraph      # the text drawn: the title, or the page's own headline
    shown: str               # its source, for messages
    draft: bool


def preview_file(page: str) -> str:
    """Where a page's preview goes inside its language's folder.

    >>> preview_file("index.md"), preview_file("parents/if-a-child-tells-you.md")
    ('previews/index.png', 'previews/parents/if-a-child-tells-you.png')
    """
    return f"{PREVIEWS_DIR}/{page.removesuffix('.md')}.png"


def check_services(layout: Layout, help_data: HelpData | None) -> None:
    """Every service the preview names is in the help data and has a phone number."""
    known = {service.id: service for service in (help_data.services if help_data else ())}
    problems = []
    for service_id in layout.services:
        service = known.get(service_id)
        if service is None:
            problems.append(f"unknown service {service_id!r}")
        elif not service.phone:
            problems.append(f"the service {service_id!r} has no phone number")
    if problems:
        with_phone = ", ".join(sid for sid, service in known.items() if service.phone)
        raise ConfigError("; ".join(problems), path=layout.shown, line=layout.services_line,
                          fix=f"name services with a phone number in the help data: {with_phone}")


def preview_jobs(inputs: Inputs, languages: tuple[Language, ...], layout: Layout, cache_dir: Path,
                 version_text: str, shares: int) -> list[PreviewJob]:
    """The jobs of every language's previews: its pages in ``shares`` interleaved shares."""
    check_services(layout, inputs.help)
    pages = inputs.pages
    with_status = all(page.rel != STATUS_PAGE for page in pages)
    shares = max(1, min(shares, len(pages)))
    jobs = []
    for lang in languages:
        base = inputs.for_language(lang)
        for share in range(shares):
            mine = replace(base, pages=pages[share::shares], print_pages=(), poster_pages=(),
                           other_files=(), status=())
            jobs.append(PreviewJob(inputs=mine, lang=lang, status_page=with_status and share == 0,
                                   layout=layout, cache_dir=cache_dir, versions=version_text))
    return jobs


def page_titles(config: CampaignConfig, content: LanguageContent, inputs: Inputs,
                status_page: bool) -> list[PageTitle]:
    """The title of each translated page (and of the translation-status page), and the headline
    its preview shows, each in the language's direction unless it fell back to the source."""
    lang = content.lang
    assert config.brand is not None
    brand = brand_name(content, config.brand.name).text
    sources = {page.rel: page for page in inputs.pages}
    out = []
    for rel, page in content.pages.items():
        block, body = split_front_matter(page.text)
        title = str(front_matter(block).get("title") or "")
        drawn = plain_title(title)
        source_title = str(sources[rel].front_matter.data.get("title") or "")
        headline = Paragraph(drawn, lang.is_rtl and title != source_title)
        if not title or drawn == brand:
            own = _first_headline(body)
            if own is None and not title:
                continue            # MkDocs would name it after its file: no preview to make
            if own is not None:
                headline = Paragraph(own.text, lang.is_rtl and not own.fallback)
                title = title or own.text
        out.append(PageTitle(page=rel, title=title, shown=sources[rel].shown, draft=page.stats.draft > 0,
                             headline=Paragraph(isolate_numbers_text(headline.text), headline.rtl)))
    if status_page:
        title, translated = status_title(content)
        out.append(PageTitle(page=STATUS_PAGE, title=title, shown=f"{STATUS_PAGE} (the plugin's page)",
                             draft=False, headline=Paragraph(title, lang.is_rtl and translated)))
    return out


def plain_title(title: str) -> str:
    """A title as drawn: without Markdown's backslash escapes (the pseudo-locale's brackets).

    >>> plain_title(r"\\[Ƒóŕ çĥíĺđŕéñ ····\\]"), plain_title("For children")
    ('[Ƒóŕ çĥíĺđŕéñ ····]', 'For children')
    """
    return _ESCAPED.sub(r"\1", title)


def status_title(content: LanguageContent) -> tuple[str, bool]:
    """The translation-status page's title in the language (as the plugin names it) and whether
    it is translated."""
    if content.lang.pseudo:
        return pseudo_plain(STATUS_TITLE), True
    entry = content.theme.lookup(STATUS_TITLE) if content.theme is not None else None
    if entry is not None and entry.state.usable and entry.string:
        return entry.string, True
    return STATUS_TITLE, False


def _first_headline(body: str):
    """The page's first ``#`` heading as plain text (a posters.Text), or None."""
    in_h1 = False
    for token in page_parser().parse(body):
        if token.type == "heading_open":
            in_h1 = token.tag == "h1"
        elif token.type == "inline" and in_h1:
            return plain_text(token)
    return None


def preview_content(config: CampaignConfig, content: LanguageContent, layout: Layout,
                    page: PageTitle) -> ImageContent:
    """What a page's preview shows: the brand's name, the page's headline, the helplines."""
    lang = content.lang
    assert config.brand is not None
    services = {item["id"]: item for item in content.help}
    helplines = []
    for service_id in layout.services:
        item = services[service_id]          # checked by check_services
        translated = item.get("name_lang") is None and not content.is_source
        helplines.append(Paragraph(isolate_numbers_text(f"{item['name']} {item['phone']}"),
                                   lang.is_rtl and translated))
    return ImageContent(brand_name=brand_name(content, config.brand.name), headline=page.headline,
                        lines=(), helplines=tuple(helplines), qr_url="", language=lang.code,
                        rtl=lang.is_rtl, source=page.shown,
                        sample=interface_text(content, SAMPLE) if config.sample else None)


def render_previews(job: PreviewJob) -> tuple[list[ImageFile], int, int, str]:
    """In a worker: the previews of a share of one language's pages, into the cache. Returns
    (files, rendered, reused, error message or '')."""
    config = job.inputs.config
    layout = job.layout
    pngs = RenderCache(job.cache_dir, ".png")
    files: list[ImageFile] = []
    rendered = reused = 0
    memo: dict[Path, str] = {}
    version_text = f"format {KEY_FORMAT} {job.versions}"
    renderer = Renderer(config, job.lang)
    try:
        content = translate_language(job.inputs, job.lang)
        format_title = lookup_for(job.inputs, job.lang)(layout.title)[0]
        fonts = font_sources(config, job.lang)
        for page in page_titles(config, content, job.inputs, job.status_page):
            texts = preview_content(config, content, layout, page)
            key = image_key(config, layout, texts, fonts, version_text, memo)
            png = pngs.get(key)
            if png is None or png.extra is None:
                drawn = renderer.draw(layout, texts)
                pngs.put(key, png_bytes(drawn.image, layout.dpi), 1,
                         {"boxes": [asdict(box) for box in drawn.boxes]})
                png = pngs.get(key)
                rendered += 1
            else:
                reused += 1
            assert png is not None and png.extra is not None
            files.append(ImageFile(lang=job.lang.code, route=page.page, layout=layout.name, title=page.title,
                                   format_title=format_title, file=preview_file(page.page), type="png",
                                   width=layout.width, height=layout.height, dpi=layout.dpi,
                                   size=len(png.data), alt=alt_text(layout, texts), draft=page.draft,
                                   key=key, boxes=tuple(png.extra["boxes"])))
    except CampaignError as exc:
        return files, rendered, reused, exc.format_message()
    return files, rendered, reused, ""
