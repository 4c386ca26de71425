"""The images stage: every language's posters, cards and page previews rendered, then written
by one writer.

    render_images(inputs, out_dir)
        check   the layouts (every problem of every file at once) and the posters' sources
        gather  one job per (language, route), in worker processes: translate the route's poster,
                then for each layout take the PNG (and a poster's PDF) from the cache or draw it
                (into the cache); in the same pool, the page previews (``previews``: jobs of a
                language's pages, the preview layout); then one contact sheet per language
        write   copy each file from the cache to ``out_dir/<code>/<file>`` atomically, with its
                description beside it (``<file>.txt``), the previews
                (``out_dir/<code>/previews/<page>.png``), the contact sheets, and the manifest
                (``images.json``) that the downloads pages are made from

Workers receive everything they need (the language's Inputs, the layouts) and return small
records; the image bytes travel through the cache folder, not through pickles.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ..config import CampaignConfig, Language
from ..errors import CampaignError, ContentError, raise_all
from ..i18n.bidi import isolate_numbers_text
from ..i18n.language import LanguageContent, lookup_for, translate_language
from ..i18n.pseudo import pseudo_plain
from ..output import Writer
from ..pipeline import Inputs
from ..print.cache import RenderCache, render_key
from ..print.render import print_epoch
from ..truetype import fonts_cache
from ..workers import in_workers, worker_count
from .draw import ImageContent, Painter
from .encode import PDF_FORMAT, PNG_COMPRESS_LEVEL, pdf_bytes, png_bytes, thumbnail
from .fonts import font_sources, load_language_fonts
from .layouts import Layout, load_layouts
from .posters import PosterText, poster_text, route_names, site_path
from .shaping import require_raqm
from .sheet import SheetJob, make_sheet
from .text import Paragraph

MANIFEST = "images.json"
CACHE_SUBDIR = "images"
KEY_FORMAT = 1
SAMPLE = "SAMPLE"           # the mark on an example council's pictures (translated as the print's)


@dataclass(frozen=True)
class ImageFile:
    """One rendered file, as the downloads page lists it."""

    lang: str
    route: str              # e.g. "children" ('' for a contact sheet)
    layout: str             # e.g. "a4-poster" ("contact-sheet")
    title: str              # the route's title, in the language
    format_title: str       # the layout's title, in the language ("A4 poster")
    file: str               # e.g. children-a4-poster-ur.png
    type: str               # png or pdf
    width: int              # pixels
    height: int
    dpi: int
    size: int               # bytes
    alt: str                # what the image shows, in the language (lines of text)
    draft: bool             # holds translations no native speaker has checked
    key: str                # its cache key (where the bytes are)
    boxes: tuple[dict, ...] = ()    # the boxes as drawn (PNG): kind, place, size, colour, contrast

    @property
    def stem(self) -> str:
        return self.file.rsplit(".", 1)[0]


@dataclass
class ImageSet:
    """What an images run produced: the posters and cards (``files``, on the downloads pages),
    the contact sheets, and the page previews (one per page of the site per language; a
    preview's ``route`` is its page's path inside docs/, its ``file`` its path in the language's
    folder)."""

    files: list[ImageFile] = field(default_factory=list)
    sheets: list[ImageFile] = field(default_factory=list)
    previews: list[ImageFile] = field(default_factory=list)
    rendered: int = 0                 # posters and cards drawn (the rest came from the cache)
    reused: int = 0
    previews_rendered: int = 0        # previews drawn
    previews_reused: int = 0

    def for_language(self, code: str) -> list[ImageFile]:
        return [f for f in self.files if f.lang == code]

    def previews_for(self, code: str) -> list[ImageFile]:
        return [f for f in self.previews if f.lang == code]

    def to_json(self) -> str:
        return json.dumps({"files": [asdict(f) for f in self.files],
                           "sheets": [asdict(f) for f in self.sheets],
                           "previews": [asdict(f) for f in self.previews]},
                          ensure_ascii=False, indent=1, sort_keys=True)


@dataclass(frozen=True)
class ImageJob:
    """One route of one language (picklable): jobs are (language, route), so that one language
    alone still uses every core."""

    inputs: Inputs
    lang: Language
    route: str
    layouts: tuple[Layout, ...]
    cache_dir: Path
    epoch: int | None        # SOURCE_DATE_EPOCH for the PDFs' dates, or None: no dates
    versions: str            # the renderers' versions (read once: importlib.metadata is slow)


def versions() -> str:
    """The renderers' versions: a new Pillow, segno, CairoSVG, img2pdf or toolkit renders
    everything again."""
    from importlib.metadata import version
    return " ".join(f"{name}={version(name)}" for name in ("pillow", "segno", "cairosvg", "uniseg",
                                                             "fonttools", "img2pdf", "campaign"))


def interface_text(content: LanguageContent, text: str) -> Paragraph:
    """An interface string in the language (its theme catalog, as the site shows it), in the
    language's direction when translated."""
    entry = content.theme.lookup(text) if content.theme is not None else None
    translated = entry.string if entry is not None and entry.state.usable and entry.string else text
    return Paragraph(translated, content.lang.is_rtl and translated != text)


def brand_name(content: LanguageContent, name: str) -> Paragraph:
    """The brand's name in the language, as the site's header shows it; pseudo-localised in
    the pseudo-locale (which has page previews, though no posters)."""
    if content.lang.pseudo:
        return Paragraph(pseudo_plain(name), False)
    return interface_text(content, name)


def local_helplines(config: CampaignConfig, content: LanguageContent) -> tuple[Paragraph, ...]:
    """A council's front door (the first service its contacts list) as a helpline, before the
    national ones; nothing outside a council's build. The council's own words are shown as it
    wrote them (left to right), as the help box does."""
    if config.local_contacts is None or not config.local_contacts.shown:
        return ()
    first = config.local_contacts.shown[0]
    service = next((s for s in content.help if s["id"] == first and s.get("phone")), None)
    if service is None:
        return ()
    rtl = content.lang.is_rtl and service.get("name_lang") is None
    return (Paragraph(isolate_numbers_text(f"{service['name']}: {service['phone']}"), rtl),)


def image_content(config: CampaignConfig, content: LanguageContent, poster: PosterText) -> ImageContent:
    """What a route's images show in the language: numbers isolated left to right, each text in
    the language's direction unless it fell back to the source language."""
    lang = content.lang

    def paragraph(text) -> Paragraph:
        return Paragraph(isolate_numbers_text(text.text), lang.is_rtl and not text.fallback)
    assert config.brand is not None, "the config always has a brand (the campaign's default)"
    return ImageContent(brand_name=brand_name(content, config.brand.name), headline=paragraph(poster.headline),
                        lines=tuple(paragraph(t) for t in poster.lines),
                        helplines=local_helplines(config, content) + tuple(paragraph(t) for t in poster.helplines),
                        qr_url=f"{config.site_url}{config.url_prefix(lang)}{site_path(poster.page)}",
                        language=lang.code, rtl=lang.is_rtl,
                        source=f"{config.posters_dir.as_posix()}/{poster.source}",
                        sample=interface_text(content, SAMPLE) if config.sample else None)


def alt_text(layout: Layout, content: ImageContent) -> str:
    """What an image shows, one text a line, in reading order (numbers without isolates)."""
    parts = ([content.sample] if content.sample else []) + [content.brand_name, content.headline]
    if layout.box("lines") is not None:
        parts += content.lines
    parts += content.helplines
    return "\n".join(p.text.replace("\u2066", "").replace("\u2069", "") for p in parts)


def image_key(config: CampaignConfig, layout: Layout, content: ImageContent, fonts: tuple[Path, ...],
              version_text: str, memo: dict[Path, str]) -> str:
    """The cache key of a route's image in one layout: everything the picture depends on."""
    brand = config.brand
    assert brand is not None
    facts = {"layout": layout.fingerprint, "content": asdict(content), "png": PNG_COMPRESS_LEVEL,
             "brand": [brand.name, brand.primary, brand.accent, brand.logo]}
    extra = fonts + ((config.root / brand.logo,) if brand.logo else ())
    return render_key(json.dumps(facts, sort_keys=True), version_text, memo, extra)


def derived_key(key: str, what: str) -> str:
    """The key of a file made from the same picture (its PDF, its thumbnail)."""
    return hashlib.sha256(f"{key} {what}".encode()).hexdigest()


class Renderer:
    """One job's drawing: the painter (fonts, logo) is made only when something is drawn."""

    def __init__(self, config: CampaignConfig, lang: Language) -> None:
        self.config = config
        self.lang = lang
        self.painter: Painter | None = None

    def draw(self, layout: Layout, content: ImageContent):
        if self.painter is None:
            require_raqm()
            config = self.config
            assert config.brand is not None
            fonts = load_language_fonts(config, self.lang, fonts_cache(config))
            logo = config.root / config.brand.logo if config.brand.logo else None
            self.painter = Painter(fonts, config.brand, logo)
        return self.painter.draw(layout, content)


def render_route(job: ImageJob) -> tuple[list[ImageFile], int, int, str]:
    """In a worker: one route in one language, every layout, into the cache. Returns (files,
    rendered, reused, error message or '')."""
    config = job.inputs.config
    pngs, pdfs, thumbs = (RenderCache(job.cache_dir, suffix) for suffix in (".png", ".pdf", ".thumb.png"))
    files: list[ImageFile] = []
    rendered = reused = 0
    memo: dict[Path, str] = {}
    version_text = f"format {KEY_FORMAT} {job.versions}"
    renderer = Renderer(config, job.lang)
    try:
        content = translate_language(job.inputs, job.lang, site=False, posters=True)
        poster = poster_text(content, job.route, config.posters_dir.as_posix())
        texts = image_content(config, content, poster)
        lookup = lookup_for(job.inputs, job.lang)
        fonts = font_sources(config, job.lang)
        for layout in job.layouts:
            key = image_key(config, layout, texts, fonts, version_text, memo)
            pdf_key = derived_key(key, f"pdf {job.epoch} {PDF_FORMAT} {poster.title}")
            png = pngs.get(key)
            pdf = pdfs.get(pdf_key) if layout.is_poster else None
            if png is None or png.extra is None or (layout.is_poster and pdf is None):
                drawn = renderer.draw(layout, texts)
                boxes = {"boxes": [asdict(box) for box in drawn.boxes]}
                png_data = png_bytes(drawn.image, layout.dpi)
                pngs.put(key, png_data, 1, boxes)
                thumbs.put(derived_key(key, "thumbnail"), png_bytes(thumbnail(drawn.image), 72), 1)
                if layout.is_poster:
                    pdfs.put(pdf_key, pdf_bytes(png_data, layout.dpi, poster.title,
                                                config.brand.name if config.brand else "", job.epoch), 1)
                png, pdf = pngs.get(key), pdfs.get(pdf_key) if layout.is_poster else None
                rendered += 1
            else:
                reused += 1
            assert png is not None and png.extra is not None
            stem = f"{job.route}-{layout.name}-{job.lang.code}"
            image = ImageFile(lang=job.lang.code, route=job.route, layout=layout.name, title=poster.title,
                              format_title=lookup(layout.title)[0], file=f"{stem}.png", type="png",
                              width=layout.width, height=layout.height, dpi=layout.dpi,
                              size=len(png.data), alt=alt_text(layout, texts), draft=poster.draft,
                              key=key, boxes=tuple(png.extra["boxes"]))
            files.append(image)
            if pdf is not None:
                files.append(replace(image, file=f"{stem}.pdf", type="pdf", size=len(pdf.data),
                                     key=pdf_key, boxes=()))
    except CampaignError as exc:
        return files, rendered, reused, exc.format_message()
    return files, rendered, reused, ""


def render_job(job) -> tuple[list[ImageFile], int, int, str]:
    """In a worker: a route's posters and cards (an ImageJob) or a share of a language's page
    previews (a previews.PreviewJob): one pool draws both."""
    if isinstance(job, ImageJob):
        return render_route(job)
    from .previews import render_previews     # previews.py builds on this module
    return render_previews(job)


def check_sources(inputs: Inputs, languages: tuple[Language, ...]) -> list[str]:
    """The routes, after checking each poster's source (its shape, and that its page exists)."""
    config = inputs.config
    routes = route_names(page.rel for page in inputs.poster_pages)
    if not routes or not languages:
        return routes
    source = translate_language(inputs, config.source, site=False, posters=True)
    pages = {page.rel for page in inputs.pages}
    problems: list[CampaignError] = []
    for route in routes:
        try:
            poster = poster_text(source, route, config.posters_dir.as_posix())
        except CampaignError as exc:
            problems.append(exc)
            continue
        if poster.page not in pages:
            problems.append(ContentError(f"page: {poster.page} is not a page of {config.docs_dir}",
                                         path=f"{config.posters_dir.as_posix()}/{poster.source}",
                                         fix="name the page the QR code leads to by its path under "
                                             f"{config.docs_dir}, e.g. children/index.md"))
    raise_all(problems)
    return routes


def _posters_only(inputs: Inputs, lang: Language) -> Inputs:
    """What one language's image jobs need of the inputs: its catalogs and the posters' sources
    (not the site's pages: every job carries its inputs to its worker)."""
    return replace(inputs.for_language(lang), pages=(), print_pages=(), other_files=(), status=())


def gather_images(inputs: Inputs, languages: tuple[Language, ...] | None = None, *,
                  jobs: int | None = None, start_method: str | None = None,
                  sheets: bool = True, previews: bool = True) -> ImageSet:
    """Render (or take from the cache) every language's posters and cards, each page's preview
    in every language (``previews``, when the layouts have a preview layout; the pseudo-locale's
    pages too, though it has no posters), and each language's contact sheet (``sheets``);
    nothing is written but the cache. Raises one error listing every problem."""
    from .previews import preview_jobs       # previews.py builds on this module
    config = inputs.config
    asked = tuple(languages or inputs.languages)
    chosen = tuple(lang for lang in asked if not lang.pseudo)
    routes = check_sources(inputs, chosen)
    folder = config.root / config.layouts_dir
    if not asked or not (routes or (previews and folder.is_dir())):
        return ImageSet()
    layouts = tuple(load_layouts(folder, config.layouts_dir.as_posix()))
    for layout in layouts:
        layout.fingerprint          # computed once, here: the workers receive it
    cache_dir = (config.root / config.cache_dir / CACHE_SUBDIR).resolve()
    epoch, version_text = print_epoch(), versions()
    route_layouts = tuple(layout for layout in layouts if not layout.is_preview)
    work: list = [ImageJob(inputs=_posters_only(inputs, lang), lang=lang, route=route,
                           layouts=route_layouts, cache_dir=cache_dir, epoch=epoch,
                           versions=version_text)
                  for lang in chosen for route in routes]
    preview_layout = next((layout for layout in layouts if layout.is_preview), None)
    if previews and preview_layout is not None:
        # After the routes: the small jobs fill the cores while the last posters are drawn.
        work += preview_jobs(inputs, asked, preview_layout, cache_dir, version_text,
                             worker_count(jobs, len(inputs.pages)))
    result = ImageSet()
    errors = []
    for job, (files, rendered, reused, error) in zip(work, in_workers(render_job, work, jobs,
                                                                      start_method=start_method)):
        if isinstance(job, ImageJob):
            result.files.extend(files)
            result.rendered += rendered
            result.reused += reused
            if error:
                errors.append(CampaignError(f"{job.lang.code}, {job.route}: {error}"))
        else:
            result.previews.extend(files)
            result.previews_rendered += rendered
            result.previews_reused += reused
            if error:
                errors.append(CampaignError(f"{job.lang.code}, page previews: {error}"))
    raise_all(errors)
    if sheets and result.files:
        sheet_jobs = [SheetJob(lang=lang.code, files=tuple(result.for_language(lang.code)),
                               cache_dir=cache_dir, font=font_sources(config, config.source)[0])
                      for lang in chosen]
        result.sheets = in_workers(make_sheet, sheet_jobs, jobs, start_method=start_method)
    return result


def cached_image(config: CampaignConfig, item: ImageFile) -> bytes:
    """The bytes of a rendered file, from the cache (checked against its recorded hash)."""
    suffix = ".pdf" if item.type == "pdf" else ".png"
    found = RenderCache(config.root / config.cache_dir / CACHE_SUBDIR, suffix).get(item.key)
    if found is None:
        raise CampaignError(f"the rendered {item.file} vanished from the cache during the run",
                            path=str(config.cache_dir), fix="run the command again")
    return found.data


def description(config: CampaignConfig, item: ImageFile) -> str:
    """The text beside an image (``<name>.txt``): its description, numbers isolated left to
    right in a right-to-left language so that they read as written."""
    rtl = config.language(item.lang).is_rtl
    return (isolate_numbers_text(item.alt) if rtl else item.alt) + "\n"


def write_images(config: CampaignConfig, image_set: ImageSet, out_dir: Path) -> list[Path]:
    """Write the set under ``out_dir/<code>/`` (each image, its description, the contact sheet)
    and its manifest, atomically per file."""
    writer = Writer()
    written = []
    for item in image_set.files:
        written.append(writer.write_bytes(out_dir / item.lang / item.file, cached_image(config, item)))
        if item.type == "png":
            written.append(writer.write_text(out_dir / item.lang / f"{item.stem}.txt", description(config, item)))
    for preview in image_set.previews:
        written.append(writer.write_bytes(out_dir / preview.lang / preview.file, cached_image(config, preview)))
    for sheet in image_set.sheets:
        written.append(writer.write_bytes(out_dir / sheet.lang / sheet.file, cached_image(config, sheet)))
    written.append(writer.write_text(out_dir / MANIFEST, image_set.to_json()))
    return written


def render_images(inputs: Inputs, out_dir: Path, languages: tuple[Language, ...] | None = None, *,
                  jobs: int | None = None) -> ImageSet:
    """``campaign images``: gather, then write into ``out_dir`` (the previews too)."""
    image_set = gather_images(inputs, languages, jobs=jobs)
    write_images(inputs.config, image_set, out_dir)
    return image_set

