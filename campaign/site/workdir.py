"""Write one language's MkDocs work folder from its LanguageContent.

    <work>/<code>/docs/          the translated pages (plain Markdown) and docs/' other files
    <work>/<code>/context.pickle the plugin's context (PluginContext)
    <work>/<code>/mkdocs.yml     inherits the project's mkdocs.yml (see mkdocs_config)
    <work>/<code>/site/          where MkDocs writes the language's pages

The work folder is the run's own and is never published, so files are written plainly (through
the one writer, which still refuses to write a path twice).
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

CONTEXT_FILE = "context.pickle"


@dataclass(frozen=True)
class LanguagePlan:
    """A language's work folder, ready for MkDocs."""

    lang: Language
    mkdocs_file: Path
    site_dir: Path
    stats: PageStats


def write_docs(inputs: Inputs, content: LanguageContent, docs: Path, writer: Writer,
               downloads: tuple[PrintFile, ...] = (), images: tuple[ImageFile, ...] = ()) -> None:
    """The translated pages and the docs folder's other files (images), under ``docs``; with
    the language's printed files (``downloads``) and posters and cards (``images``) listed on the
    downloads page and beside it."""
    for rel, page in content.pages.items():
        listed = rel == DOWNLOADS_PAGE and (downloads or images)
        writer.write_text(docs / rel, with_downloads(page.text, downloads, images) if listed else page.text)
    write_downloads(inputs.config, downloads, docs, writer, images)
    source_docs = inputs.config.root / inputs.config.docs_dir
    for rel in inputs.other_files:
        writer.copy_file(docs / rel, source_docs / rel)


def plugin_context(inputs: Inputs, content: LanguageContent,
                   output: tuple[Language, ...]) -> PluginContext:
    """What the plugin needs to render ``content`` in a site holding the ``output`` languages."""
    assert inputs.help is not None, "the build gate refuses inputs without help data"
    return PluginContext(config=inputs.config, lang=content.lang,
                         linked=linked_languages(content.lang, output), help_data=inputs.help,
                         help=tuple(content.help), status=tuple(r.as_dict() for r in inputs.status),
                         theme=content.theme, interface_withheld=content.interface_withheld)


def write_work_folder(inputs: Inputs, content: LanguageContent, work_dir: Path, *,
                      theme_dir: Path, output: tuple[Language, ...],
                      template_cache: Path | None = None,
                      downloads: tuple[PrintFile, ...] = (),
                      images: tuple[ImageFile, ...] = ()) -> LanguagePlan:
    """Write ``content`` as a MkDocs project under ``work_dir/<code>/``. ``theme_dir`` is the
    overlay of overrides (shared by a run); ``output`` the languages of the finished site."""
    lang = content.lang
    base = Path(work_dir) / lang.code
    writer = Writer(atomic=False)
    write_docs(inputs, content, base / "docs", writer, downloads, images)
    context_file = base / CONTEXT_FILE
    writer.write_bytes(context_file, plugin_context(inputs, content, output).to_bytes())
    site_dir = base / "site"
    data = language_config(inputs.config, lang, docs_dir=base / "docs", site_dir=site_dir,
                           theme_dir=theme_dir, context_file=context_file,
                           template_cache=template_cache)
    mkdocs_file = writer.write_text(base / "mkdocs.yml", yaml_text(data))
    return LanguagePlan(lang=lang, mkdocs_file=mkdocs_file, site_dir=site_dir, stats=content.stats)
