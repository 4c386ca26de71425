"""The `campaign` command: parse options, load the config, call one command. No logic here."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from .config import DEFAULT_CONFIG, load_config


def _config(path: str):
    return load_config(path)


config_option = click.option("--config", "config_path", default=DEFAULT_CONFIG, show_default=True,
                             type=click.Path(dir_okay=False), help="Campaign configuration file.")


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs' own messages.")
def main(verbose: bool) -> None:
    """Build and check the localised campaign site."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


@main.command()
@config_option
@click.option("--locale", "locales", multiple=True, help="Build only this language (repeatable).")
@click.option("--strict", is_flag=True, help="Treat MkDocs warnings as errors.")
@click.option("--site-dir", type=click.Path(file_okay=False), help="Output folder (default: site/).")
@click.option("--jobs", type=click.IntRange(1, 64), help="Parallel builds (default: one per core).")
@click.option("--no-print", is_flag=True,
              help="Leave out the lesson packs, posters, cards and page previews (a quicker build).")
def build(config_path: str, locales: tuple[str, ...], strict: bool, site_dir: str | None,
          jobs: int | None, no_print: bool) -> None:
    """Build the site, every language (or those given), with its lesson packs, posters and cards,
    and each page's preview image (og:image), into one folder."""
    from .site.build import build_site
    report = build_site(_config(config_path), list(locales) or None,
                        Path(site_dir) if site_dir else None, strict=strict, jobs=jobs,
                        with_print=not no_print, with_images=not no_print)
    click.echo(f"built {report.pages} pages in {len(report.languages)} languages "
               f"({', '.join(report.languages)}) into {report.site_dir}")
    if not no_print:
        click.echo(f"published {report.printed} PDFs on the downloads pages "
                   f"({report.rendered} rendered, {report.printed - report.rendered} unchanged)")
        click.echo(f"published {report.images} poster and card files on the downloads pages "
                   f"({report.images_rendered} images drawn, the rest unchanged)")
        click.echo(f"published {report.previews} page previews "
                   f"({report.previews_rendered} drawn, {report.previews - report.previews_rendered} unchanged)")


@main.command(name="print")
@config_option
@click.option("--locale", "locales", multiple=True, help="Only this language (repeatable).")
@click.option("--out", type=click.Path(file_okay=False), default="build/print", show_default=True,
              help="Output folder: <out>/<language>/<file>.pdf and <out>/print.json.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Parallel languages (default: one per core).")
def print_(config_path: str, locales: tuple[str, ...], out: str, jobs: int | None) -> None:
    """Render the lesson packs alone, every language (or those given), as PDFs."""
    from .pipeline import load_inputs
    from .print.render import render_print
    from .site.build import select_languages
    config = _config(config_path)
    languages = select_languages(config, list(locales) or None)
    result = render_print(load_inputs(config, languages), Path(out), tuple(languages), jobs=jobs)
    click.echo(f"wrote {len(result.files)} PDFs in {len(languages)} languages into {out} "
               f"({result.rendered} rendered, {result.reused} unchanged)")


@main.command()
@config_option
@click.option("--locale", "locales", multiple=True, help="Only this language (repeatable).")
@click.option("--out", type=click.Path(file_okay=False), default="build/images", show_default=True,
              help="Output folder: <out>/<language>/<file>.png (.pdf, .txt), "
                   "<out>/<language>/previews/<page>.png and <out>/images.json.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Parallel jobs (default: one per core).")
def images(config_path: str, locales: tuple[str, ...], out: str, jobs: int | None) -> None:
    """Render the posters, social media cards and page previews alone, every language (or those
    given)."""
    from .images.render import render_images
    from .pipeline import load_inputs
    from .site.build import select_languages
    config = _config(config_path)
    languages = select_languages(config, list(locales) or None)
    result = render_images(load_inputs(config, languages), Path(out), tuple(languages), jobs=jobs)
    click.echo(f"wrote {len(result.files)} poster and card files (PNG, PDF) in {len(languages)} "
               f"languages into {out} ({result.rendered} images drawn, {result.reused} unchanged), "
               "with a contact sheet per language")
    click.echo(f"wrote {len(result.previews)} page previews ({result.previews_rendered} drawn, "
               f"{result.previews_reused} unchanged)")


@main.command()
@config_option
@click.option("--locale", default=None, help="Language to preview (default: the source language).")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True)
def serve(config_path: str, locale: str | None, dev_addr: str) -> None:
    """Live preview of one language."""
    from .commands.serve import run
    config = _config(config_path)
    lang = config.language(locale or config.source_language)
    click.echo(f"Previewing {lang.name} ({lang.code}) at http://{dev_addr}/{config.url_prefix(lang)} "
               "(Ctrl+C to stop)")
    run(config, lang.code, dev_addr)


@main.group()
def i18n() -> None:
    """Translation catalogs: extract, update, compile, status, review."""


@i18n.command()
@config_option
def extract(config_path: str) -> None:
    """Write locales/content.pot and locales/theme.pot from the sources."""
    from .commands import i18n as cmd
    for path in cmd.extract(_config(config_path)):
        click.echo(f"wrote {path}")


@i18n.command()
@config_option
def update(config_path: str) -> None:
    """Merge the templates into each language's catalogs (never loses a translation)."""
    from .commands import i18n as cmd
    for path in cmd.update(_config(config_path)):
        click.echo(f"updated {path}")


@i18n.command(name="compile")
@config_option
def compile_(config_path: str) -> None:
    """Check every translation with the guard, then write .mo files."""
    from .commands import i18n as cmd
    for path in cmd.compile_catalogs(_config(config_path)):
        click.echo(f"compiled {path}")


@i18n.command()
@config_option
def status(config_path: str) -> None:
    """Messages total / translated / reviewed / draft / fuzzy, per language."""
    from .commands import i18n as cmd
    click.echo(cmd.status(_config(config_path)))


@i18n.command()
@config_option
@click.argument("lang")
@click.option("--out", type=click.Path(dir_okay=False),
              help="Where to write the sheet (default: build/review/LANG.html).")
def review(config_path: str, lang: str, out: str | None) -> None:
    """Write a printable sheet for a native speaker to review LANG's translations."""
    from .commands.review import run
    config = _config(config_path)
    path, sheet = run(config, lang, Path(out) if out else None)
    counts = ", ".join(f"{count} {state.value}" for state, count in sheet.counts)
    click.echo(f"wrote {config.shown(path)}: {len(sheet.rows)} messages ({counts})")


@main.command()
@config_option
def fonts(config_path: str) -> None:
    """Write the small fonts that show each language's name in the language switcher."""
    from .commands.fonts import run
    for path in run(_config(config_path)):
        click.echo(f"wrote {path}")


@main.command()
@config_option
@click.option("--links", is_flag=True,
              help="Also check every external link the site publishes (uses the network).")
@click.option("--strict", is_flag=True, help="With --links: redirected links are errors too.")
@click.option("--timeout", type=click.FloatRange(0, min_open=True),
              help="With --links: seconds to wait for each server (default 10).")
@click.option("--no-cache", is_flag=True,
              help="With --links: check every link again, ignoring recent results.")
@click.option("--release", is_flag=True,
              help="Also fail while a published language shows draft translations (before launch).")
def check(config_path: str, links: bool, strict: bool, timeout: float | None, no_cache: bool,
          release: bool) -> None:
    """Check content, help data and every translation without building."""
    from .commands.check import run
    settings = None
    if links:
        from .checks.links import link_settings
        settings = link_settings(strict=strict, timeout=timeout, use_cache=not no_cache)
    elif strict or no_cache or timeout is not None:
        raise click.UsageError("--strict, --timeout and --no-cache apply only with --links")
    for line in run(_config(config_path), links=settings, release=release):
        click.echo(line)


@main.command()
@config_option
@click.argument("council_file", required=False, type=click.Path(dir_okay=False))
@click.option("--all", "every", is_flag=True,
              help="Pack every council of data/councils.csv (own file in councils/ or national only).")
@click.option("--out", type=click.Path(file_okay=False), default="build/packs", show_default=True,
              help="Output folder: <slug>-<version>.zip and its .inputs record.")
@click.option("--jobs", type=click.IntRange(1, 64), help="Worker processes (default: one per core).")
@click.option("--force", is_flag=True, help="Make the zip even when it is up to date.")
def pack(config_path: str, council_file: str | None, every: bool, out: str, jobs: int | None,
         force: bool) -> None:
    """Make a council's pack (COUNCIL_FILE, e.g. councils/york.yml), or every council's (--all)."""
    from .commands import pack as cmd
    if bool(council_file) == every:
        raise click.UsageError("give one COUNCIL_FILE, or --all")
    config = _config(config_path)
    if every:
        outcomes, table = cmd.pack_all(config, Path(out), jobs=jobs, force=force)
        click.echo(table)
        if any(o.state == "failed" for o in outcomes):
            raise SystemExit(1)
        return
    outcome = cmd.pack_file(config, Path(council_file or ""), Path(out), jobs=jobs, force=force)
    click.echo(f"{outcome.name}: {outcome.state}: {Path(out) / outcome.detail.split(' ')[0]}"
               + (f" {outcome.detail.split(' ', 1)[1]}" if " " in outcome.detail else ""))
