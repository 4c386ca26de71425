"""Every page of every language in the built site names its preview in its head (Open Graph and
Twitter tags, absolute addresses from site_url), and the image is served at that address: a
1200 x 630 PNG, the same bytes as the images run drew. The 404 page has none, and still builds."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import PSEUDO, PUBLISHED, ROOT

DOCS = ROOT / "docs"


def page_urls() -> dict[str, str]:
    """Each page's path inside docs/ by its URL inside a language, the status page included."""
    urls = {}
    for path in sorted(DOCS.rglob("*.md")):
        rel = path.relative_to(DOCS)
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "index":
            parts = parts[:-1]
        urls["".join(f"{part}/" for part in parts)] = rel.as_posix()
    urls["translation-status/"] = "translation-status.md"
    return urls


PAGES = page_urls()


def head_tags(html: str) -> dict[str, str]:
    """The page's <meta property|name=... content=...> tags in its head, by name."""
    head = html[:html.index("<body")]
    return {name: unescape(content) for name, content in
            re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', head)}


def page_html(built_site, code: str, url: str) -> str:
    prefix = built_site.config.url_prefix(built_site.config.language(code))
    return (built_site.path / prefix / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", [*PUBLISHED, PSEUDO])
def test_every_page_names_its_preview_by_an_absolute_address(built_site, imaged, code):
    config = built_site.config
    lang = config.language(code)
    base = config.site_url + config.url_prefix(lang)
    made = {item.route: item for item in imaged.previews if item.lang == code}
    for url, page in PAGES.items():
        html = page_html(built_site, code, url)
        tags = head_tags(html)
        image = base + "assets/previews/" + page.removesuffix(".md") + ".png"
        assert tags["og:image"] == tags["twitter:image"] == image, (code, url)
        assert tags["twitter:card"] == "summary_large_image" and tags["og:type"] == "website"
        assert (tags["og:image:width"], tags["og:image:height"], tags["og:image:type"]) == ("1200", "630", "image/png")
        assert tags["og:url"] == base + url
        title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
        assert title.startswith(tags["og:title"]), (code, url)    # "<page> - <site name>"
        served = built_site.path / image.removeprefix(config.site_url)
        with Image.open(served) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630), served
        if code == PSEUDO:
            continue                               # the session's images run has no pseudo-locale
        item = made[page]
        assert served.read_bytes() == (imaged.out / code / item.file).read_bytes(), served
        alt = tags["og:image:alt"].replace("\u2066", "").replace("\u2069", "")
        assert alt == tags["twitter:image:alt"].replace("\u2066", "").replace("\u2069", "")
        assert alt.split(" · ") == item.alt.replace("\u2066", "").replace("\u2069", "").splitlines()
        assert "0800 1111" in alt and "0808 800 5000" in alt


@pytest.mark.parametrize("code", ["ur", "ar", "bn", "pa", "cy"])
def test_the_alt_text_and_title_are_in_the_pages_language(built_site, code):
    """og:image:alt names what the picture shows in the page's own language (not English), and
    the status page's preview shows the title its page has."""
    english = {url: head_tags(page_html(built_site, "en", url)) for url in PAGES}
    for url in PAGES:
        tags = head_tags(page_html(built_site, code, url))
        assert tags["og:image:alt"] != english[url]["og:image:alt"], (code, url)
        assert tags["og:title"] != english[url]["og:title"], (code, url)
    status = head_tags(page_html(built_site, code, "translation-status/"))
    assert status["og:title"] in status["og:image:alt"]


def test_the_404_pages_have_no_preview_tags(built_site):
    config = built_site.config
    for lang in [*config.published_languages, config.language(PSEUDO)]:
        page: Path = built_site.path / config.url_prefix(lang) / "404.html"
        html = page.read_text(encoding="utf-8")
        assert "<body" in html and "og:image" not in html and "twitter:" not in html, page


def test_previews_go_only_where_pages_are(built_site):
    """One preview per page per language, nothing else in the previews folders."""
    config = built_site.config
    for lang in [*config.published_languages, config.language(PSEUDO)]:
        folder = built_site.path / config.url_prefix(lang) / "assets" / "previews"
        found = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert found == sorted(page.removesuffix(".md") + ".png" for page in PAGES.values()), lang.code
