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


@pytest.fixture(scope="session")
def built_site(config, tmp_path_factory) -> BuiltSite:
    """The real site, every published language plus the pseudo-locale, built once and served
    from 127.0.0.1 with site_url pointing at that server."""
    from campaign.site.build import build_site
    base = tmp_path_factory.mktemp("built")
    server = serve_directory(base / "site")
    site_config = config.with_overrides(site_url=server.url)
    codes = [lang.code for lang in config.published_languages] + [PSEUDO]
    build_site(site_config, codes, base / "site")
    yield BuiltSite(base / "site", server.url, site_config)
    server.stop()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project's sources (no venv, no site) to change freely."""
    dest = tmp_path / "project"
    anywhere = shutil.ignore_patterns("__pycache__", "*.egg-info", ".pytest_cache")

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = set(anywhere(folder, names))
        if Path(folder) == ROOT:  # only the top-level outputs, never campaign/site or tests/site
            skipped |= {".venv", "site", ".git", "bench"} & set(names)
            skipped |= {n for n in names if n.startswith(".site.tmp-")}
        return skipped
    shutil.copytree(ROOT, dest, ignore=ignore)
    return dest
