"""Write one language's MkDocs work folder from its LanguageContent.

    <work>/<code>/docs/          docs/' other files (images), the downloads page's files and the
                                 pages' previews (assets/previews/<page>.png)
    <work>/<code>/context.pickle the plugin's context (PluginContext), with the translated pages
    <work>/<code>/mkdocs.yml     inherits the project's mkdocs.yml (see mkdocs_config)
    <work>/<code>/site/          where MkDocs writes the language's pages

The translated pages (plain Markdown) travel in the plugin's context and the plugin hands them
to MkDocs in memory, as if they were in docs/: creating a file per page (and a folder per
section) was most of the time spent writing a work folder. ``write_docs`` still writes them as
files, for a plain MkDocs project (the benchmark's Material baseline). The work folder is the
run's own and is never published, so files are written plainly (through the one writer, which
still refuses to write a path twice; docs/' images are hard-linked where possible).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Language
from ..i18n.language import LanguageContent
from ..i18n.translate import PageStats
from ..images.render import ImageFile
from ..output import Writer
from ..pipeline import Inputs
from ..print.render import PrintFile
from .context import PluginContext, linked_languages
from .downloads import PAGE as DOWNLOADS_PAGE
from .downloads import with_downloads, write_downloads
from .mkdocs_config import language_config, yaml_text
from .previews import preview_records, write_previews

CONTEXT_FILE = "context.pickle"


@dataclass(frozen=True)
class LanguagePlan:
    """A language's work folder, ready for MkDocs."""

    lang: Language
    mkdocs_file: Path
    site_dir: Path
    stats: PageStats


def docs_pages(content: LanguageContent, downloads: tuple[PrintFile, ...] = (),
               images: tuple[ImageFile, ...] = ()) -> dict[str, str]:
    """The translated pages by path inside docs/, the downloads page listing the language's
    printed files (``downloads``) and posters and cards (``images``)."""
    return {rel: (with_downloads(page.text, downloads, images)
                  if rel == DOWNLOADS_PAGE and (downloads or images) else page.text)
            for rel, page in content.pages.items()}


def write_served_files(inputs: Inputs, docs: Path, writer: Writer,
                       downloads: tuple[PrintFile, ...] = (),
                       images: tuple[ImageFile, ...] = (),
                       previews: tuple[ImageFile, ...] = ()) -> None:
    """Under ``docs``, the files MkDocs copies as they are: docs/' other files (images), the
    downloads page's files beside it, and the pages' ``previews``."""
    docs.mkdir(parents=True, exist_ok=True)
    write_downloads(inputs.config, downloads, docs, writer, images)
    write_previews(inputs.config, previews, docs, writer)
    source_docs = inputs.config.root / inputs.config.docs_dir
    for rel in inputs.other_files:
        writer.copy_file(docs / rel, source_docs / rel)


def write_docs(inputs: Inputs, content: LanguageContent, docs: Path, writer: Writer,
               downloads: tuple[PrintFile, ...] = (), images: tuple[ImageFile, ...] = (),
               previews: tuple[ImageFile, ...] = ()) -> None:
    """A plain MkDocs docs folder: the translated pages as files (``docs_pages``) and the files
    served as they are (``write_served_files``)."""
    for rel, text in docs_pages(content, downloads, images).items():
        writer.write_text(docs / rel, text)
    write_served_files(inputs, docs, writer, downloads, images, previews)


def plugin_context(inputs: Inputs, content: LanguageContent, output: tuple[Language, ...],
                   pages: dict[str, str] | None = None,
                   previews: tuple[ImageFile, ...] = ()) -> PluginContext:
    """What the plugin needs to render ``content`` in a site holding the ``output`` languages;
    ``pages``: the translated pages it hands to MkDocs (none: they are files in docs/);
    ``previews``: its pages' previews."""
    assert inputs.help is not None, "the build gate refuses inputs without help data"
    return PluginContext(config=inputs.config, lang=content.lang,
                         linked=linked_languages(content.lang, output), help_data=inputs.help,
                         help=tuple(content.help), status=tuple(r.as_dict() for r in inputs.status),
                         theme=content.theme, interface_withheld=content.interface_withheld,
                         pages=pages or {}, previews=preview_records(inputs.config, previews))


def write_work_folder(inputs: Inputs, content: LanguageContent, work_dir: Path, *,
                      theme_dir: Path, output: tuple[Language, ...],
                      template_cache: Path | None = None,
                      downloads: tuple[PrintFile, ...] = (),
                      images: tuple[ImageFile, ...] = (),
                      previews: tuple[ImageFile, ...] = ()) -> LanguagePlan:
    """Write ``content`` as a MkDocs project under ``work_dir/<code>/`` (its pages in the
    plugin's context). ``theme_dir`` is the overlay of overrides (shared by a run); ``output`` the
    languages of the finished site."""
    lang = content.lang
    base = Path(work_dir) / lang.code
    writer = Writer(atomic=False)
    write_served_files(inputs, base / "docs", writer, downloads, images, previews)
    context = plugin_context(inputs, content, output, docs_pages(content, downloads, images), previews)
    context_file = writer.write_bytes(base / CONTEXT_FILE, context.to_bytes())
    site_dir = base / "site"
    data = language_config(inputs.config, lang, docs_dir=base / "docs", site_dir=site_dir,
                           theme_dir=theme_dir, context_file=context_file,
                           template_cache=template_cache)
    mkdocs_file = writer.write_text(base / "mkdocs.yml", yaml_text(data))
    return LanguagePlan(lang=lang, mkdocs_file=mkdocs_file, site_dir=site_dir, stats=content.stats)
