"""A counting link server on 127.0.0.1 and project copies whose every external link points at it."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path
from typing import Callable, Iterator

import pytest

from campaign.checks.link_sources import gather_links
from campaign.commands.i18n import extract
from campaign.config import load_config
from tests.checks.link_server import LinkServer

PAGE = "docs/links.md"
_SERVICE_ID = re.compile(r"^\s*- id:\s*(\S+)")
_SERVICE_URL = re.compile(r"^(\s+url:\s*).*$")
_QUICK_EXIT_URL = re.compile(r'^(  url:\s*)"https?://[^"]*"', re.MULTILINE)


@pytest.fixture
def link_server() -> Iterator[LinkServer]:
    server = LinkServer()
    yield server
    server.stop()


MakeProject = Callable[..., Path]


@pytest.fixture
def make_link_project(project_copy: Path, link_server: LinkServer) -> MakeProject:
    """make(page, services={id: url}, quick_exit=url) -> the project folder.

    Writes ``page`` as docs/links.md, gives every service in the help data a local address (the
    ones named, else /ok-<id>) and the quick exit too, refreshes the templates so that only the
    links can fail a check, and refuses to go on if any link would leave 127.0.0.1."""
    def make(page: str, services: dict[str, str] | None = None, quick_exit: str | None = None) -> Path:
        root = project_copy
        (root / PAGE).write_text(page, encoding="utf-8")
        _point_services(root / "data/help.yml", services or {}, link_server)
        config_file = root / "campaign.yml"
        text, count = _QUICK_EXIT_URL.subn(
            lambda m: f'{m.group(1)}"{quick_exit or link_server.url("/ok-exit")}"',
            config_file.read_text(encoding="utf-8"))
        assert count == 1, "campaign.yml: quick_exit.url not found"
        config_file.write_text(text, encoding="utf-8")
        config = load_config(config_file)
        with contextlib.redirect_stdout(io.StringIO()):
            extract(config)
        outside = [url for url in gather_links(config) if not url.startswith("http://127.0.0.1:")]
        assert not outside, f"the test project links outside 127.0.0.1: {outside}"
        return root
    return make


def _point_services(help_file: Path, services: dict[str, str], server: LinkServer) -> None:
    lines = help_file.read_text(encoding="utf-8").split("\n")
    current = None
    for index, line in enumerate(lines):
        found = _SERVICE_ID.match(line)
        if found:
            current = found.group(1).strip("\"'")
        url_line = _SERVICE_URL.match(line)
        if url_line and current:
            url = services.get(current, server.url(f"/ok-{current}"))
            lines[index] = f'{url_line.group(1)}"{url}"'
    help_file.write_text("\n".join(lines), encoding="utf-8")
