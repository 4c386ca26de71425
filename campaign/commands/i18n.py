"""campaign i18n extract|update|compile|status: thin wrappers around pybabel, plus the guard."""

from __future__ import annotations

import contextlib
import io
import logging
import tempfile
from contextlib import redirect_stdout
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo

from ..config import CampaignConfig
from ..errors import CampaignError
from ..i18n.catalogs import (CONTENT_DOMAIN, GUESSED_FLAGS, THEME_DOMAIN, catalog_path,
                             tidy_catalog, read_catalog)
from ..output import atomic_write_bytes
from ..pipeline import load_inputs
from ..i18n.status import collect_status, format_status, template_path

BABEL_CFG = {CONTENT_DOMAIN: "babel.cfg", THEME_DOMAIN: "babel-theme.cfg"}
KEYWORDS = {CONTENT_DOMAIN: [], THEME_DOMAIN: ["-k", "N_:1c,2"]}
# Not --no-wrap: with it Babel still wraps comments at 76 columns, and so cuts a previous msgid
# ("#| msgid ...") in the middle of its quoted string, which msgfmt and Poedit reject. A width
# no message reaches keeps every string and comment on one line.
NO_WRAP = ["--width", "100000"]


def pybabel(*args: str) -> None:
    """Run a pybabel command in-process; a failure becomes a CampaignError."""
    logging.getLogger("babel").setLevel(logging.WARNING)
    try:
        CommandLineInterface().run(["pybabel", "-q", *args])
    except SystemExit as exc:
        if exc.code:
            raise CampaignError(f"pybabel {' '.join(args[:1])} failed (exit {exc.code})") from exc


def extract(config: CampaignConfig, out_dir: Path | None = None) -> list[Path]:
    """Write locales/content.pot and locales/theme.pot from the sources."""
    out_dir = out_dir or config.root / config.locales_dir
    written = []
    for domain, cfg in BABEL_CFG.items():
        pot = Path(out_dir) / f"{domain}.pot"
        pot.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.chdir(config.root):  # locations relative to the project: docs/x.md:12
            pybabel("extract", "-F", cfg, *KEYWORDS[domain], "--no-wrap",
                    "--sort-by-file", "--project", "campaign", "--version", "1",
                    "--msgid-bugs-address", "translations@campaign.example.org",
                    "--copyright-holder", "Campaign contributors",
                    "-o", str(Path(pot).resolve()), ".")
        _drop_creation_date(pot)
        tidy_catalog(pot)
        written.append(pot)
    return written


def _drop_creation_date(pot: Path) -> None:
    """Keep templates stable between runs: the creation date changes every time."""
    text = pot.read_text(encoding="utf-8")
    lines = [l for l in text.splitlines() if not l.startswith('"POT-Creation-Date:')]
    pot.write_text("\n".join(lines) + "\n", encoding="utf-8")


def update(config: CampaignConfig) -> list[Path]:
    """Merge the templates into every language's catalogs, never losing a translation:
    changed sources become fuzzy (with the previous msgid), removed ones obsolete."""
    written = []
    locales = config.root / config.locales_dir
    for domain in BABEL_CFG:
        pot = template_path(config, domain)
        if not pot.is_file():
            raise CampaignError("no template to update from", path=str(pot),
                                fix="run 'campaign i18n extract' first")
        for lang in config.translated_languages:
            po = catalog_path(locales, lang.gettext_code, domain)
            if po.is_file():
                read_catalog(po)  # refuse to merge into a broken catalog
                pybabel("update", "-i", str(pot), "-o", str(po), "-l", lang.gettext_code,
                        "--previous", *NO_WRAP, "--init-missing")
            else:
                pybabel("init", "-i", str(pot), "-o", str(po), "-l", lang.gettext_code, *NO_WRAP)
            tidy_catalog(po)  # Babel guesses flags again, and mangles previous msgids, on every merge
            written.append(po)
    return written


def compile_catalogs(config: CampaignConfig) -> list[Path]:
    """Guard every catalog, then write .mo files beside them (from the catalogs as read once)."""
    inputs = load_inputs(config, config.translated_languages)  # raises GuardError on a bad translation
    written = []
    for domain in BABEL_CFG:
        for lang in config.translated_languages:
            catalog = inputs.catalog(lang.code, domain)
            if catalog.catalog is not None and catalog.path is not None:
                written.append(_compile_catalog(catalog.catalog, catalog.path))
    return written


def _compile_catalog(catalog: Catalog, po: Path) -> Path:
    """Write one .mo beside its .po. Not through pybabel compile: it re-guesses python-format
    for Markdown that merely contains "% o" and reports errors that are not there; the guard has
    already checked what matters (numbers, links, placeholders)."""
    for message in catalog:
        message.flags -= GUESSED_FLAGS
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    mo = po.with_suffix(".mo")
    atomic_write_bytes(mo, buffer.getvalue())
    return mo


def status(config: CampaignConfig) -> str:
    return format_status(collect_status(config))


def templates_outdated(config: CampaignConfig) -> list[str]:
    """Domains whose committed .pot no longer matches the sources."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        with redirect_stdout(io.StringIO()):
            extract(config, Path(tmp))
        for domain in BABEL_CFG:
            fresh = {(m.context, m.id) for m in read_catalog(Path(tmp) / f"{domain}.pot") if m.id}
            path = template_path(config, domain)
            old = {(m.context, m.id) for m in read_catalog(path) if m.id} if path.is_file() else set()
            if fresh != old:
                stale.append(domain)
    return stale
