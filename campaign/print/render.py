"""The print stage: every language's lesson packs rendered to PDF, then written by one writer.

    render_print(inputs, out_dir)
        gather  one job per language, in worker processes: translate the packs, build each
                document's HTML, take the PDF from the cache or render it (into the cache)
        write   copy each PDF from the cache to ``out_dir/<code>/<file>`` atomically, and the
                manifest (``print.json``) that the downloads pages are made from

Workers receive everything they need (the language's Inputs) and return small records; the PDF
bytes travel through the cache folder, not through pickles.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..config import CampaignConfig, Language
from ..errors import CampaignError, ContentError, raise_all
from ..i18n.language import LanguageContent, translate_language
from ..output import Writer
from ..pipeline import Inputs
from ..workers import in_workers
from .cache import RenderCache, render_key
from .html import FontFaces, document_html, language_faces, missing_characters
from .packs import PrintDocument, pack_documents, pack_names
from .pdf import RenderedPdf, render_pdf

MANIFEST = "print.json"
POSTER_SCALES = (1.0, 0.9, 0.8, 0.72, 0.65)    # a poster's type, shrunk until it fits one sheet
CACHE_SUBDIR = "print"


@dataclass(frozen=True)
class PrintFile:
    """One rendered PDF, as the downloads page lists it."""

    lang: str
    pack: str
    part: str           # teacher-guide, lessons, parent-letter, poster, or pack (the whole)
    title: str          # in the language
    pack_title: str     # in the language
    file: str           # file name, e.g. ks1-lessons-cy.pdf
    size: int           # bytes
    pages: int
    draft: bool         # holds translations no native speaker has checked
    key: str            # its cache key (where the bytes are)


@dataclass
class PrintSet:
    """What a print run produced."""

    files: list[PrintFile] = field(default_factory=list)
    rendered: int = 0
    reused: int = 0

    def for_language(self, code: str) -> list[PrintFile]:
        return [f for f in self.files if f.lang == code]

    def to_json(self) -> str:
        return json.dumps({"files": [asdict(f) for f in self.files]}, ensure_ascii=False,
                          indent=1, sort_keys=True)


@dataclass(frozen=True)
class PrintJob:
    """One language's share of a print run (picklable)."""

    inputs: Inputs
    lang: Language
    pack: str             # one pack's documents: jobs are (language, pack), so that one
                          # language alone still uses every core
    cache_dir: Path
    epoch: int | None     # SOURCE_DATE_EPOCH for the PDFs' dates, or None: no dates


def versions() -> str:
    """The renderer's versions: a new WeasyPrint or toolkit release renders everything again."""
    from importlib.metadata import version
    return " ".join(f"{name}={version(name)}" for name in ("weasyprint", "pydyf", "campaign"))


def render_pack(job: PrintJob) -> tuple[list[PrintFile], int, int, str]:
    """In a worker: one pack in one language into the cache. Returns (files, rendered, reused,
    error message or '')."""
    config = job.inputs.config
    cache = RenderCache(job.cache_dir)
    files: list[PrintFile] = []
    rendered = reused = 0
    memo: dict[Path, str] = {}
    version_text = versions()
    try:
        content = translate_language(job.inputs, job.lang, site=False, print_set=True)
        poster_scale = 1.0
        for document in pack_documents(content, job.pack, config.packs_dir.as_posix()):
            html = document_html(config, content, document, job.epoch, poster_scale)
            key = render_key(html, version_text, memo)
            cached = cache.get(key)
            if cached is None:
                shown = f"{config.packs_dir}/{document.pack}/{document.part} ({job.lang.code})"
                check_characters(html, language_faces(config, content), shown, job.lang)
                base = config.root / config.packs_dir / document.pack
                if document.part == "poster":
                    poster_scale, pdf = fit_poster(config, content, document, job.epoch, base, shown)
                else:
                    pdf = render_pdf(html, base, shown)
                cache.put(key, pdf.data, pdf.pages, {"poster_scale": poster_scale})
                size, pages = len(pdf.data), pdf.pages
                rendered += 1
            else:
                size, pages = len(cached.data), cached.pages
                if document.part == "poster":
                    poster_scale = float((cached.extra or {}).get("poster_scale", 1.0))
                reused += 1
            files.append(PrintFile(lang=job.lang.code, pack=document.pack, part=document.part,
                                   title=document.title, pack_title=document.pack_title,
                                   file=document.file_name(job.lang.code), size=size, pages=pages,
                                   draft=document.has_drafts, key=key))
    except CampaignError as exc:
        return files, rendered, reused, exc.format_message()
    return files, rendered, reused, ""


def check_characters(html: str, faces: FontFaces, shown: str, lang: Language) -> None:
    """Refuse a document with a character its typefaces cannot draw (never a missing-glyph box
    or a system font on paper)."""
    missing = missing_characters(html, faces)
    if missing:
        listed = ", ".join(f"U+{ord(c):04X} {c}" for c in missing[:10])
        raise ContentError(f"the typefaces of {lang.code} ({', '.join(faces.families)}) cannot "
                           f"draw {listed}", path=shown,
                           fix=f"write these characters another way in the source or in "
                               f"locales/{lang.gettext_code}/LC_MESSAGES/content.po, or add a "
                               f"typeface that has them under brand.typefaces")


def fit_poster(config: CampaignConfig, content: LanguageContent, document: PrintDocument,
               epoch: int | None, base: Path,
               shown: str) -> tuple[float, RenderedPdf]:
    """A poster on one sheet: its type at full size, or shrunk step by step down to
    POSTER_SCALES' smallest; a text too long even then is an error naming the fix."""
    for scale in POSTER_SCALES:
        pdf = render_pdf(document_html(config, content, document, epoch, scale), base, shown)
        if pdf.pages == 1:
            return scale, pdf
    raise CampaignError(f"the poster does not fit on one page even with its type at "
                        f"{POSTER_SCALES[-1]:.0%} of its size", path=shown,
                        fix="shorten the poster's text (its source, or this language's translation)")


def print_epoch() -> int | None:
    """SOURCE_DATE_EPOCH when set: the PDFs' creation date. Unset: the PDFs carry no date."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def gather_print(inputs: Inputs, languages: tuple[Language, ...] | None = None, *,
                 jobs: int | None = None, start_method: str | None = None) -> PrintSet:
    """Render (or take from the cache) every language's print set; nothing is written but the
    cache. Raises one error listing every language that failed."""
    config = inputs.config
    chosen = [lang for lang in (languages or inputs.languages) if not lang.pseudo]
    cache_dir = (config.root / config.cache_dir / CACHE_SUBDIR).resolve()
    packs = pack_names(page.rel for page in inputs.print_pages)
    work = [PrintJob(inputs=inputs.for_language(lang), lang=lang, pack=pack, cache_dir=cache_dir,
                     epoch=print_epoch()) for lang in chosen for pack in packs]
    results = in_workers(render_pack, work, jobs, start_method=start_method)
    result = PrintSet()
    errors = []
    for job, (files, rendered, reused, error) in zip(work, results):
        result.files.extend(files)
        result.rendered += rendered
        result.reused += reused
        if error:
            errors.append(CampaignError(f"{job.lang.code}, {job.pack}: {error}"))
    raise_all(errors)
    return result


def cached_pdf(config: CampaignConfig, item: PrintFile) -> bytes:
    """The bytes of a rendered PDF, from the cache (checked against its recorded hash)."""
    found = RenderCache(config.root / config.cache_dir / CACHE_SUBDIR).get(item.key)
    if found is None:
        raise CampaignError(f"the rendered {item.file} vanished from the cache during the run",
                            path=str(config.cache_dir), fix="run the command again")
    return found.data


def write_print(config: CampaignConfig, print_set: PrintSet, out_dir: Path) -> list[Path]:
    """Write the print set under ``out_dir/<code>/`` and its manifest, atomically per file."""
    writer = Writer()
    written = [writer.write_bytes(out_dir / item.lang / item.file, cached_pdf(config, item))
               for item in print_set.files]
    written.append(writer.write_text(out_dir / MANIFEST, print_set.to_json()))
    return written


def render_print(inputs: Inputs, out_dir: Path, languages: tuple[Language, ...] | None = None, *,
                 jobs: int | None = None) -> PrintSet:
    """``campaign print``: gather, then write into ``out_dir``."""
    print_set = gather_print(inputs, languages, jobs=jobs)
    write_print(inputs.config, print_set, out_dir)
    return print_set
