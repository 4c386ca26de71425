"""The Jinja side of a language build: how the campaign sets up MkDocs' template environment, and
the run's templates compiled once, ahead of the builds.

Each language is a fresh MkDocs build, so each makes fresh Jinja environments: MkDocs' theme
environment (``Theme.get_env``) and the one Material's search plugin makes to read its settings,
both with what the campaign plugin adds (``prepare_theme``, ``prepare_environment``: gettext with
the theme catalog, and the run's shared bytecode cache). The builds of a run share one overlay of
overrides, so a template compiles to the same code in every one of them.

``compile_templates`` fills that bytecode cache before any build starts: it runs in a worker
process while ``campaign build`` reads and checks the inputs, so the builds (two at a time, from
the first language on) load compiled templates instead of each compiling them again. It makes the
environment exactly as a build does and compiles the templates a build loads: the page templates,
the theme's static pages, the plugin's own templates and every template they name. A template
it cannot compile is left to the build, which reports it.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from pathlib import Path

from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemBytecodeCache, TemplateError
from jinja2.meta import find_referenced_templates

if TYPE_CHECKING:
    from mkdocs.theme import Theme

THEME_NAME = "material"
STATUS_TEMPLATE = "campaign/status.html"             # the translation-status page
SAFETY_TEMPLATE = "partials/campaign/safety.html"    # rendered by the plugin for every page
LANGUAGE_PARTIAL = "partials/languages/{code}.html"  # imported by name, per language


def prepare_environment(env: Environment, translations: gettext.NullTranslations,
                        template_cache: str | None = None) -> Environment:
    """What the campaign adds to a build's Jinja environments (see ``prepare_theme``): gettext
    for templates (``_()``, ``pgettext``) and, in ``campaign build``, the run's bytecode cache."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    if template_cache:
        Path(template_cache).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(template_cache)
    return env


def prepare_theme(theme: Theme, translations: gettext.NullTranslations,
                  template_cache: str | None = None) -> None:
    """Make every Jinja environment of a build's ``theme`` with the campaign's additions
    (``prepare_environment``): MkDocs' own, and the one Material's search plugin makes for itself
    (``theme.get_env()`` in its ``on_config``) to read its settings from Material's language
    partial, which would otherwise compile that partial and two language files in every build."""
    make_env = theme.get_env

    def get_env() -> Environment:
        return prepare_environment(make_env(), translations, template_cache)

    theme.get_env = get_env  # type: ignore[method-assign]


def entry_templates(theme_dir: Path, static_templates: Iterable[str], codes: Iterable[str]) -> list[str]:
    """The templates a build starts from: every page template of the overrides (main.html and
    those pages name in front matter), the theme's static pages, the plugin's own, and each
    language's Material partial (which Material imports by a computed name)."""
    pages = sorted(path.name for path in Path(theme_dir).glob("*.html"))
    return [*pages, *sorted(static_templates), STATUS_TEMPLATE, SAFETY_TEMPLATE,
            *(LANGUAGE_PARTIAL.format(code=code) for code in codes)]


def compile_templates(theme_dir: str, template_cache: str, codes: tuple[str, ...]) -> int:
    """Compile every template a build of the languages ``codes`` loads (by a fixed name) into
    ``template_cache``. Returns how many were compiled."""
    from mkdocs.theme import Theme
    theme = Theme(name=THEME_NAME, custom_dir=theme_dir)
    # A language's translations are installed later, by the plugin: compiled code does not
    # depend on them, only on the environment's extensions and settings, made here as in a build.
    env = prepare_environment(theme.get_env(), gettext.NullTranslations(), template_cache)
    pending = entry_templates(Path(theme_dir), theme.static_templates, codes)
    done: set[str] = set()
    while pending:
        name = pending.pop()
        if name in done:
            continue
        done.add(name)
        pending.extend(ref for ref in _compile_one(env, name) if ref and ref not in done)
    return len(done)


def _compile_one(env: Environment, name: str) -> list[str | None]:
    """Compile one template into the environment's bytecode cache, as its loader would; returns
    the templates it names (None for a computed name). Nothing when it cannot be compiled."""
    assert env.loader is not None and env.bytecode_cache is not None
    try:
        source, filename, _ = env.loader.get_source(env, name)
        tree = env.parse(source, name, filename)
        code = env.compile(tree, name, filename)
    except TemplateError:
        return []
    cache = env.bytecode_cache
    bucket = cache.get_bucket(env, name, filename, source)
    bucket.code = code
    cache.set_bucket(bucket)
    return list(find_referenced_templates(tree))
