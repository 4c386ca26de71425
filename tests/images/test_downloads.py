"""The downloads page of every language lists its posters and cards after the lesson packs: each
file with its title, pixels, size and description, served beside the page with its description
as text (the same bytes as the images run made)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.conftest import PUBLISHED

ROW = re.compile(r'<a href="([^"]+\.(?:png|pdf))" type="(image/png|application/pdf)" download>(.*?)</a>'
                 r'.*?<td><bdi dir="ltr">(\d+) × (\d+), (\d+) dpi</bdi></td>\s*<td>(\d+) KB</td>\s*<td>(.*?)</td>',
                 re.DOTALL)


def downloads_page(built_site, code: str) -> str:
    prefix = built_site.config.url_prefix(built_site.config.language(code))
    return (built_site.path / prefix / "downloads" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", PUBLISHED)
def test_downloads_page_lists_every_poster_and_card(built_site, imaged, code):
    html = downloads_page(built_site, code)
    assert html.index('id="posters-and-cards"') > html.index("campaign-downloads")   # after the packs
    rows = {href: (mime, unescape(title), int(w), int(h), int(dpi), int(kb), cell)
            for href, mime, title, w, h, dpi, kb, cell in ROW.findall(html)}
    made = [item for item in imaged.files if item.lang == code]
    assert sorted(rows) == sorted(item.file for item in made)
    prefix = built_site.config.url_prefix(built_site.config.language(code))
    folder = built_site.path / prefix / "downloads"
    for item in made:
        mime, title, width, height, dpi, size_kb, cell = rows[item.file]
        assert title == item.format_title
        assert (width, height, dpi) == (item.width, item.height, item.dpi)
        served = folder / item.file
        assert served.read_bytes() == imaged.path(item).read_bytes()
        assert size_kb == max(1, round(served.stat().st_size / 1024))
        if item.type == "png":
            # numbers in right-to-left text are isolated (<bdi dir="ltr">), inside their line
            text = unescape(re.sub(r"<[^>]+>", "\n", re.sub(r"</?bdi[^>]*>", "", cell)))
            for line in item.alt.splitlines():
                # plain text isolates numbers with U+2066/U+2069, the page with <bdi dir="ltr">
                assert line.replace("\u2066", "").replace("\u2069", "") in text, (item.file, line)
            sidecar = (folder / f"{item.stem}.txt").read_text(encoding="utf-8")
            assert sidecar == (imaged.out / code / f"{item.stem}.txt").read_text(encoding="utf-8")
            assert f'href="{item.stem}.txt"' in cell


def test_the_pseudo_locale_has_no_images(built_site):
    assert "posters-and-cards" not in downloads_page(built_site, "en-XA")
