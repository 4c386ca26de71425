"""The downloads page of every language lists the files the print run made (title, pages, size
from the files themselves), each link serves the PDF, and the schools page leads there."""

from __future__ import annotations

import re
from html import unescape

import pytest
import requests

from tests.conftest import PUBLISHED

ROW = re.compile(r'<a href="([^"]+\.pdf)" download>(.*?)</a>.*?</td>\s*<td>(\d+)</td>\s*<td>(\d+) KB</td>',
                 re.DOTALL)


def page_of(built_site, code: str, path: str) -> str:
    config = built_site.config
    prefix = config.url_prefix(config.language(code))
    return (built_site.path / prefix / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", PUBLISHED)
def test_downloads_page_lists_every_file_as_built(built_site, printed, code):
    rows = {href: (unescape(title), int(pages), int(size))
            for href, title, pages, size in ROW.findall(page_of(built_site, code, "downloads"))}
    made = [item for item in printed.files if item.lang == code]
    assert sorted(rows) == sorted(item.file for item in made)
    prefix = built_site.config.url_prefix(built_site.config.language(code))
    for item in made:
        title, pages, size_kb = rows[item.file]
        assert title == item.title
        assert pages == item.pages
        served = built_site.path / prefix / "downloads" / item.file
        assert served.read_bytes() == printed.path(item).read_bytes()
        assert size_kb == max(1, round(served.stat().st_size / 1024))


@pytest.mark.parametrize("code", ["en", "ur"])
def test_every_download_link_serves_a_pdf(built_site, code):
    prefix = built_site.config.url_prefix(built_site.config.language(code))
    hrefs = [href for href, *_ in ROW.findall(page_of(built_site, code, "downloads"))]
    assert hrefs
    for href in hrefs:
        response = requests.get(f"{built_site.url}{prefix}downloads/{href}", timeout=10)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("code", PUBLISHED)
def test_schools_page_links_the_downloads_page(built_site, code):
    assert 'href="../downloads/"' in page_of(built_site, code, "schools")


def test_a_build_without_print_says_so(built_site):
    """The pseudo-locale has no print set: its downloads page says the files are not in this
    build rather than showing an empty list."""
    html = page_of(built_site, "en-XA", "downloads")
    assert "campaign-notice" in html and ".pdf" not in html
