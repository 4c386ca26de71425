"""Audience routes in the built site: every route one click from home, the right help on every
page (audience and nation), featured pages per language, translated navigation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from campaign.config import NATIONS
from campaign.content.help import load_help, serves
from campaign.site.build import build_site
from tests.conftest import ROOT, site_pages

ROUTES = ["children/", "young-people/", "boys/", "easy-read/", "disabled/", "disabled/bsl-and-text-relay/",
          "parents/", "parents/worried-about-behaviour/", "communities/", "communities/faith-settings/",
          "communities/help-in-your-language/", "professionals/", "schools/", "get-help/"]
HELP = load_help(ROOT / "data/help.yml")


def front_matter(url: str) -> dict:
    """The source page's front matter for a site URL."""
    base = ROOT / "docs" / url.rstrip("/")
    path = base / "index.md" if (base / "index.md").is_file() else base.with_suffix(".md")
    if url == "":
        path = ROOT / "docs/index.md"
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


def page_html(site: Path, prefix: str, url: str) -> str:
    return (site / prefix / url / "index.html").read_text(encoding="utf-8")


def shown_services(html: str) -> list[str]:
    box = re.search(r'<aside class="campaign-help".*?</aside>', html, re.S)
    assert box, "no help box"
    return re.findall(r'data-service="([a-z0-9_]+)"', box.group(0))


def home_links(html: str) -> set[str]:
    """Targets of the links in the home page's article (relative to the home page)."""
    article = re.search(r'<article.*?</article>', html, re.S).group(0)
    return set(re.findall(r'<a href="([^"#:]+/)"', article))


def test_every_route_is_one_click_from_every_home_page(built_site):
    config = built_site.config
    for lang in config.published_languages:
        links = home_links(page_html(built_site.path, config.url_prefix(lang), ""))
        missing = [route for route in ROUTES if route not in links]
        assert not missing, (lang.code, missing)


def test_every_page_has_a_help_box_with_only_services_for_its_audience_and_nation(built_site):
    config = built_site.config
    checked = 0
    for lang in config.published_languages:
        for url in site_pages():
            if url == "translation-status/":
                continue
            meta = front_matter(url)
            expected = [s.id for s in HELP.for_page(meta["audience"], config.nations)]
            shown = shown_services(page_html(built_site.path, config.url_prefix(lang), url))
            assert shown == expected, (lang.code, url)
            assert "emergency" in shown  # a number for danger right now, on every page
            checked += 1
    assert checked >= 20 * len(config.published_languages)


def test_childrens_pages_show_no_adult_only_service(built_site):
    html = page_html(built_site.path, "", "children/")
    assert set(shown_services(html)) == {"emergency", "childline", "meic"}
    assert 'href="tel:08001111"' in html


def test_nations_narrow_the_help_box(config, tmp_path):
    """A council in England does not see Meic (Wales only); a Welsh council sees it unmarked."""
    england = config.with_overrides(nations=("england",))
    build_site(england, ["en"], tmp_path / "england")
    html = page_html(tmp_path / "england", "", "children/")
    assert "meic" not in shown_services(html)
    wales = config.with_overrides(nations=("wales",))
    build_site(wales, ["en"], tmp_path / "wales")
    html = page_html(tmp_path / "wales", "", "children/")
    assert "meic" in shown_services(html)
    assert "Only in:" not in html


def test_a_wales_only_service_is_marked_on_a_uk_site(built_site):
    html = page_html(built_site.path, "", "children/")
    item = re.search(r'data-service="meic".*?</li>', html, re.S).group(0)
    assert "Only in: Wales" in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item))


def test_serves_needs_an_audience_and_a_nation_in_common():
    assert serves(["children"], ["wales"], ["children", "parents"], NATIONS)
    assert not serves(["children"], ["wales"], ["children"], ["england"])
    assert not serves(["parents"], NATIONS, ["children"], NATIONS)


@pytest.mark.parametrize("code", ["ur", "pl"])
def test_languages_feature_their_community_pages_on_the_home_page(built_site, code):
    config = built_site.config
    lang = config.language(code)
    html = page_html(built_site.path, config.url_prefix(lang), "")
    box = re.search(r'<nav class="campaign-featured".*?</nav>', html, re.S).group(0)
    hrefs = re.findall(r'href="([^"]+)"', box)
    assert len(hrefs) == len(lang.featured) >= 1
    for href, src in zip(hrefs, lang.featured):
        target = built_site.path / config.url_prefix(lang) / href / "index.html"
        assert target.is_file(), href
        assert src.replace("index.md", "").replace(".md", "/") == href
    english = page_html(built_site.path, "", "")
    assert "campaign-featured" not in english


def test_navigation_section_titles_are_translated(built_site):
    with open(ROOT / "locales/cy/LC_MESSAGES/theme.po", "rb") as handle:
        welsh = read_po(handle).get("Children and young people").string
    assert welsh and welsh != "Children and young people"
    html = page_html(built_site.path, "cy/", "")
    assert welsh in html


def test_easy_read_pages_have_a_picture_with_alt_text_beside_each_point(built_site):
    for prefix in ("", "cy/"):
        for url in ("easy-read/", "easy-read/getting-help/"):
            html = page_html(built_site.path, prefix, url)
            body = re.search(r'<div class="campaign-young campaign-easy-read">.*?<aside', html, re.S).group(0)
            items = re.findall(r"<li>(.*?)</li>", body, re.S)
            assert len(items) >= 8
            for item in items:
                image = re.match(r'\s*<img alt="([^"]+)" src="[^"]+\.svg"', item)
                assert image and image.group(1).strip(), (prefix, url, item[:80])


def test_help_box_lists_use_each_languages_separator(built_site):
    """Lists in the help box are joined with the language's own comma (theme catalog)."""
    childline = lambda html: re.search(r'data-service="childline".*?</li>', html, re.S).group(0)
    assert "online chat, email" in childline(page_html(built_site.path, "", "children/"))
    with open(ROOT / "locales/ur/LC_MESSAGES/theme.po", "rb") as handle:
        catalog = read_po(handle)
    separator = catalog.get(", ", "list separator").string
    assert separator == "، "
    chat, email = (catalog.get(word).string for word in ("online chat", "email"))
    assert f"{chat}{separator}{email}" in childline(page_html(built_site.path, "ur/", "children/"))
