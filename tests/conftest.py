"""Shared fixtures: the real project config, a local HTTP server, the real site built once."""

from __future__ import annotations

import functools
import shutil
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from campaign.config import CampaignConfig, load_config

ROOT = Path(__file__).resolve().parent.parent
PSEUDO = "en-XA"
# Language lists for parametrised tests come from the project's config, never typed out.
PUBLISHED = [lang.code for lang in load_config(ROOT / "campaign.yml").published_languages]
TRANSLATED = [lang.code for lang in load_config(ROOT / "campaign.yml").translated_languages]


def site_pages() -> list[str]:
    """Every page's URL inside a language ('' is the home page), from the source pages, plus
    the generated translation-status page."""
    urls = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        rel = path.relative_to(ROOT / "docs").with_suffix("")
        parts = list(rel.parts[:-1]) if rel.name == "index" else list(rel.parts)
        urls.append("".join(f"{part}/" for part in parts))
    return urls + ["translation-status/"]


def inputs_for(project: Path, *codes: str):
    """The read and checked inputs of the project at ``project`` (a copy), in ``codes``."""
    from campaign.pipeline import load_inputs
    config = load_config(project / "campaign.yml")
    return load_inputs(config, [config.language(code) for code in codes])


@pytest.fixture(scope="session")
def config() -> CampaignConfig:
    return load_config(ROOT / "campaign.yml")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@dataclass
class Server:
    url: str
    directory: Path
    httpd: ThreadingHTTPServer

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def serve_directory(directory: Path) -> Server:
    """Serve ``directory`` on 127.0.0.1 (a free port) from a background thread."""
    directory.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(f"http://127.0.0.1:{httpd.server_address[1]}/", directory, httpd)


@dataclass
class BuiltSite:
    path: Path
    url: str
    config: CampaignConfig


@dataclass
class PrintedSet:
    """The lesson packs of every published language, rendered once for the session."""

    out: Path                  # <out>/<code>/<file>.pdf
    files: list                # PrintFile records
    config: CampaignConfig     # the config they were rendered with (site_url: the test server)

    def path(self, item) -> Path:
        return self.out / item.lang / item.file


@dataclass
class ImagedSet:
    """The posters, cards and page previews of every published language, rendered once for the
    session."""

    out: Path                  # <out>/<code>/<file>.png (.pdf, .txt), <out>/<code>/previews/<page>.png,
                               # <out>/images.json
    files: list                # ImageFile records (PNG and PDF)
    sheets: list               # the contact sheets (ImageFile records)
    config: CampaignConfig     # the config they were rendered with (site_url: the test server)
    previews: list             # the page previews (ImageFile records)

    def path(self, item) -> Path:
        return self.out / item.lang / item.file


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """The HTTP server (127.0.0.1) the built site is served from; its URL is the site_url of
    every session build, so that the print set and the site share one render cache."""
    base = tmp_path_factory.mktemp("built")
    server = serve_directory(base / "site")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def session_config(config, site_server, tmp_path_factory) -> CampaignConfig:
    """The project's config with site_url on the test server and a render cache of its own
    (so the session renders every PDF for real, once)."""
    return config.with_overrides(site_url=site_server.url,
                                 cache_dir=tmp_path_factory.mktemp("render-cache"))


@pytest.fixture(scope="session")
def printed(session_config, tmp_path_factory) -> PrintedSet:
    """Every published language's lesson packs, rendered by ``campaign print``'s own stage."""
    from campaign.pipeline import load_inputs
    from campaign.print.render import render_print
    out = tmp_path_factory.mktemp("print")
    languages = session_config.published_languages
    result = render_print(load_inputs(session_config, languages), out, languages)
    return PrintedSet(out=out, files=result.files, config=session_config)


@pytest.fixture(scope="session")
def imaged(session_config, tmp_path_factory) -> ImagedSet:
    """Every published language's posters, cards and page previews, rendered by ``campaign
    images``' own stage."""
    from campaign.images.render import render_images
    from campaign.pipeline import load_inputs
    out = tmp_path_factory.mktemp("images")
    languages = session_config.published_languages
    result = render_images(load_inputs(session_config, languages), out, languages)
    return ImagedSet(out=out, files=result.files, sheets=result.sheets, config=session_config,
                     previews=result.previews)


@pytest.fixture(scope="session")
def built_site(session_config, site_server, printed, imaged) -> BuiltSite:
    """The real site, every published language plus the pseudo-locale, with its lesson packs,
    posters and cards, built once and served from 127.0.0.1 with site_url pointing at that
    server."""
    from campaign.site.build import build_site
    codes = [lang.code for lang in session_config.published_languages] + [PSEUDO]
    build_site(session_config, codes, site_server.directory, with_print=True, with_images=True)
    return BuiltSite(site_server.directory, site_server.url, session_config)


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project's sources (no venv, no site) to change freely."""
    dest = tmp_path / "project"
    anywhere = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache")

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(anywhere(folder, names))
        if Path(folder) == ROOT:  # only the top-level outputs, never campaign/site or tests/site
            skipped |= {".venv", "site", ".git", "bench", "build"} & set(names)
            skipped |= {n for n in names if n.startswith(".site.tmp-")}
        return skipped
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest
