"""End to end: the real site built into a temporary folder, checked file by file."""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlparse
from xml.etree import ElementTree

import pytest
from babel.messages.pofile import read_po, write_po

from campaign.config import load_config
from campaign.errors import GuardError
from campaign.site.build import build_site
from tests.conftest import PSEUDO, PUBLISHED, ROOT, site_pages

PAGES = site_pages()
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def page_file(site: Path, prefix: str, url: str) -> Path:
    return site / prefix / url / "index.html"


def read(site, config, lang, url=""):
    return page_file(site, config.url_prefix(lang), url).read_text(encoding="utf-8")


def html_tag(html: str) -> str:
    return re.search(r"<html\b[^>]*>", html).group(0)


def test_output_tree_has_every_page_in_every_language(built_site):
    config = built_site.config
    for lang in list(config.published_languages) + [config.language(PSEUDO)]:
        for url in PAGES:
            assert page_file(built_site.path, config.url_prefix(lang), url).is_file(), (lang.code, url)
    assert (built_site.path / "index.html").is_file()          # English at the root
    assert (built_site.path / "cy" / "get-help" / "index.html").is_file()
    assert not list(built_site.path.parent.glob(".site.tmp-*"))  # no half-made tree left


def test_every_built_file_is_readable_by_a_web_server(built_site):
    import stat
    for path in built_site.path.rglob("*"):
        mode = path.stat().st_mode
        assert mode & stat.S_IROTH, path  # others (the web server's user) may read it
        if path.is_dir():
            assert mode & stat.S_IXOTH, path


@pytest.mark.parametrize("code", [*PUBLISHED, PSEUDO])
def test_html_lang_and_dir(built_site, code):
    config = built_site.config
    lang = config.language(code)
    for url in PAGES:
        tag = html_tag(read(built_site.path, config, lang, url))
        assert f'lang="{code}"' in tag and f'dir="{lang.dir}"' in tag, (url, tag)


def test_no_page_carries_head_alternates(built_site):
    """No <link rel="alternate"> in any page (pseudo-locale and 404 pages included): Material's
    scripts would fetch a sitemap.xml relative to each one on every page view. Search engines
    learn the language versions from the root sitemap (test_sitemap_lists_every_page_...)."""
    pages = list(built_site.path.rglob("*.html"))
    assert len(pages) > len(PAGES) * len(built_site.config.published_languages)
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert not re.search(r"<link\b[^>]*\brel=\"?alternate", html), path
        assert "hreflang" not in html[:html.index("<body")], path


def switcher_links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"[^>]*class="md-select__link[ "]', html)


def test_language_switcher_keeps_the_current_page(built_site):
    """Each switcher link is relative and resolves to the same page in the other language."""
    config = built_site.config
    for lang in config.published_languages:
        for url in PAGES:
            here = config.site_url + config.url_prefix(lang) + url
            html = read(built_site.path, config, lang, url)
            links = switcher_links(html)
            assert [code for _, code in links] == [l.code for l in config.published_languages]
            for href, code in links:
                assert not urlparse(href).scheme and not href.startswith("/"), href  # any host
                target = urljoin(here, href)
                assert target == config.site_url + config.url_prefix(config.language(code)) + url
                rel = urlparse(target).path.lstrip("/")
                assert (built_site.path / rel / "index.html").is_file()


def test_language_switcher_on_404_pages_names_no_host(built_site):
    """A 404 page is served at any address: its switcher links each language's home page from
    the site's root path (as MkDocs links that page's assets), never with a host."""
    config = built_site.config
    root = urlparse(config.site_url).path
    for lang in config.published_languages:
        html = (built_site.path / config.url_prefix(lang) / "404.html").read_text(encoding="utf-8")
        links = switcher_links(html)
        assert links == [(root + config.url_prefix(other), other.code)
                         for other in config.published_languages], lang.code


def test_sitemap_lists_every_page_with_alternates(built_site):
    """The root sitemap is where search engines learn the language versions: every page of every
    published language, each with an alternate for every published language and x-default (the
    source language); robots.txt names it by its absolute address."""
    config = built_site.config
    published = list(config.published_languages)
    root = ElementTree.parse(built_site.path / "sitemap.xml").getroot()
    urls = root.findall("s:url", NS)
    assert len(urls) == len(PAGES) * len(published)
    by_loc = {u.find("s:loc", NS).text: u for u in urls}
    assert len(by_loc) == len(urls)                      # no page twice
    for lang in published:
        for path in PAGES:
            loc = config.site_url + config.url_prefix(lang) + path
            links = [(a.get("rel"), a.get("hreflang"), a.get("href"))
                     for a in by_loc[loc].findall("x:link", NS)]
            assert links == [("alternate", other.code,
                              config.site_url + config.url_prefix(other) + path)
                             for other in published] + \
                [("alternate", "x-default", config.site_url + path)], loc
    assert PSEUDO not in (built_site.path / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((built_site.path / "sitemap.xml.gz").read_bytes()) == \
        (built_site.path / "sitemap.xml").read_bytes()
    robots = (built_site.path / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert robots == ["User-agent: *", "Allow: /", f"Disallow: /{PSEUDO}/", "",
                      f"Sitemap: {config.site_url}sitemap.xml"]


def test_sitemap_address_and_404_links_follow_a_site_url_with_a_path(config):
    from campaign.site.context import alternates
    from campaign.site.sitemap import robots_txt
    council = config.with_overrides(site_url="https://example.gov.uk/talk/")
    assert robots_txt(council, [config.language(PSEUDO)]).splitlines() == [
        "User-agent: *", "Allow: /", f"Disallow: /talk/{PSEUDO}/", "",
        "Sitemap: https://example.gov.uk/talk/sitemap.xml"]
    links = alternates(council, config.language("ur"), None)
    assert [a["href"] for a in links] == ["/talk/" + council.url_prefix(l)
                                          for l in council.published_languages]
    same_page = alternates(council, config.language("ur"), "get-help/")
    assert [a["href"] for a in same_page][:2] == ["../../get-help/", "../../cy/get-help/"]


def test_safety_controls_come_first_and_are_translated(built_site):
    config = built_site.config
    expected = {"en": "Exit this page", "cy": "Gadael y dudalen hon"}
    for code, text in expected.items():
        html = read(built_site.path, config, config.language(code), "about/")
        body = html[html.index("<body"):]
        first_link = re.search(r"<a\b[^>]*>", body).group(0)
        assert 'href="#campaign-exit"' in first_link and "campaign-skip" in first_link
        exit_link = re.search(r'<a id="campaign-exit"[^>]*>([^<]*)', body)
        assert exit_link.group(1).strip() == text
        assert config.quick_exit_url in exit_link.group(0)
        assert 'class="campaign-safety__help"' in body  # Get help now, on every page


def test_rtl_numbers_are_isolated_left_to_right(built_site):
    config = built_site.config
    for code in ("ur", "ar"):
        html = read(built_site.path, config, config.language(code), "get-help/")
        assert '<bdi dir="ltr">0800 1111</bdi>' in html
        assert '<bdi dir="ltr">0808 800 5000</bdi>' in html
        body = html[html.index("<body"):]
        bare = re.sub(r"<bdi dir=\"ltr\">[^<]*</bdi>", "", body)
        text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", bare, flags=re.S)
        assert not re.search(r"\d+ \d+", text), "a grouped number is not isolated"
    english = read(built_site.path, config, config.language("en"), "get-help/")
    assert "<bdi" not in english


def test_punjabi_interface_comes_from_the_theme_catalog(built_site):
    """Material has no Punjabi: its strings come from locales/pa/LC_MESSAGES/theme.po."""
    from babel.messages.pofile import read_po as rp
    with open(ROOT / "locales/pa/LC_MESSAGES/theme.po", "rb") as handle:
        catalog = rp(handle)
    skip = catalog.get("Skip to content", context="material").string
    search = catalog.get("Search", context="material").string
    assert skip and search
    html = read(built_site.path, built_site.config, built_site.config.language("pa"))
    assert skip in html and f'placeholder="{search}"' in html
    assert "Skip to content" not in html


def test_draft_notice_and_status_page(built_site):
    config = built_site.config
    cy = read(built_site.path, config, config.language("cy"))
    assert "campaign-notice--draft" in cy
    assert "campaign-notice--fallback" not in cy
    english = read(built_site.path, config, config.language("en"))
    assert "campaign-notice" not in english
    status = read(built_site.path, config, config.language("en"), "translation-status/")
    rows = re.findall(r'<th scope="row"[^>]* lang="([^"]+)">', status)
    assert rows == [l.code for l in config.translated_languages]
    assert status.count('class="campaign-bar__draft"') == len(rows)


def test_pseudo_locale_pages_are_pseudo_localised(built_site):
    html = read(built_site.path, built_site.config, built_site.config.language(PSEUDO), "get-help/")
    assert "Ĝéţ ĥéĺþ ñóŵ" in html
    assert "tel:08001111" in html  # numbers are never pseudo-localised
    assert 'hreflang="en-XA" href' not in html  # never advertised to search engines


def test_search_index_per_language(built_site):
    import json
    config = built_site.config
    for lang in config.published_languages:
        index = json.loads((built_site.path / config.url_prefix(lang) / "search" /
                            "search_index.json").read_text(encoding="utf-8"))
        titles = {doc["location"]: doc["title"] for doc in index["docs"]}
        page_title = re.search(r"<h1[^>]*>(.*?)</h1>", read(built_site.path, config, lang, "get-help/"), re.S)
        text = re.sub(r"<[^>]+>", "", page_title.group(1)).strip()
        assert text in titles.values(), (lang.code, text)


def test_no_request_to_another_host_in_built_files(built_site):
    """Stylesheets, scripts, fonts and images are all local (links to services are fine)."""
    loaders = re.compile(r'<(?:link|script|img|iframe|source)\b[^>]*(?:href|src)="(https?:)?//([^"/]+)', re.I)
    for path in built_site.path.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for match in loaders.finditer(html):
            tag = html[match.start():html.index(">", match.start())]
            assert 'rel="canonical"' in tag, (path, tag)   # a browser never fetches it
    for path in list(built_site.path.rglob("*.css")):
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), path
        assert "fonts.googleapis" not in css and "@import" not in css, path


def _project_with(project_copy: Path, edit) -> Path:
    po = project_copy / "locales" / "cy" / "LC_MESSAGES" / "content.po"
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    edit(catalog)
    with open(po, "wb") as handle:
        write_po(handle, catalog, width=0)
    return project_copy


def test_untranslated_message_falls_back_to_marked_english(project_copy, tmp_path):
    source = "It is never your fault. You can talk to someone."

    def blank(catalog):
        catalog.get(source).string = ""
    project = _project_with(project_copy, blank)
    config = load_config(project / "campaign.yml")
    build_site(config, ["cy"], tmp_path / "site")
    html = (tmp_path / "site" / "cy" / "get-help" / "index.html").read_text(encoding="utf-8")
    assert f'<span lang="en" dir="ltr">{source}</span>' in html
    assert "campaign-notice--fallback" in html
    assert "Neidio i&#39;r botwm Gadael y dudalen hon" in html or "Neidio i'r botwm Gadael" in html
    other = (tmp_path / "site" / "cy" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "campaign-notice--fallback" not in other


def test_reviewed_translations_show_no_draft_notice(project_copy, tmp_path):
    def review(catalog):
        for message in catalog:
            if message.id:
                message.user_comments = ["reviewed-by: Test Reviewer, 2026-11-25"]
    project = _project_with(project_copy, review)
    build_site(load_config(project / "campaign.yml"), ["cy"], tmp_path / "site")
    html = (tmp_path / "site" / "cy" / "index.html").read_text(encoding="utf-8")
    assert "campaign-notice--draft" not in html and "campaign-notice--fallback" not in html


def test_a_changed_phone_digit_fails_the_build_and_keeps_the_old_site(project_copy, tmp_path):
    config = load_config(project_copy / "campaign.yml")
    site = tmp_path / "out" / "site"
    build_site(config, ["cy"], site)
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    def change_digit(catalog):
        message = catalog.get("Call 999 if a child is in danger right now.")
        message.string = message.string.replace("999", "998")
    _project_with(project_copy, change_digit)
    with pytest.raises(GuardError) as err:
        build_site(load_config(project_copy / "campaign.yml"), ["cy"], site)
    assert "locales/cy/LC_MESSAGES/content.po:" in err.value.format_message()
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in site.parent.iterdir()] == ["site"]


def test_a_failing_mkdocs_build_keeps_the_old_site(project_copy, tmp_path):
    config = load_config(project_copy / "campaign.yml")
    site = tmp_path / "out" / "site"
    build_site(config, ["en", "cy"], site)
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    (project_copy / "overrides" / "main.html").write_text("{% extends 'base.html' %}{% block x %}{% endblok %}")
    from campaign.errors import CampaignError
    with pytest.raises(CampaignError) as err:
        build_site(config, ["en", "cy"], site)
    assert "build failed" in err.value.format_message()
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert [p.name for p in site.parent.iterdir()] == ["site"]


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(config, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    build_site(config, None, tmp_path / "a")
    build_site(config, None, tmp_path / "b", jobs=1)
    a, b = _tree_digest(tmp_path / "a"), _tree_digest(tmp_path / "b")
    assert len(a) > 100 and a == b


def test_spawned_workers_build_the_same_site_as_forked_ones(config, tmp_path, monkeypatch):
    """Workers receive everything as arguments (no state inherited from the parent): a build with
    the "spawn" start method is byte-identical to one with "fork", and this process's environment
    is left as it was (SOURCE_DATE_EPOCH is set in the workers only)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(config, ["en", "cy"], tmp_path / "fork", jobs=2, start_method="fork")
    build_site(config, ["en", "cy"], tmp_path / "spawn", jobs=2, start_method="spawn")
    assert "SOURCE_DATE_EPOCH" not in os.environ
    forked, spawned = _tree_digest(tmp_path / "fork"), _tree_digest(tmp_path / "spawn")
    assert len(forked) > 40 and forked == spawned
    assert (tmp_path / "spawn" / "cy" / "get-help" / "index.html").is_file()


def test_default_epoch_is_the_last_commit(config):
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    expected = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
    code = ("import os; os.environ.pop('SOURCE_DATE_EPOCH', None); from campaign.config import "
            "load_config; from campaign.site.build import source_date_epoch; "
            f"print(source_date_epoch(load_config({str(ROOT / 'campaign.yml')!r})))")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (expected or "0")


def test_refuses_to_replace_a_folder_that_is_not_a_site(config, tmp_path):
    from campaign.errors import ConfigError
    keep = tmp_path / "documents"
    keep.mkdir()
    (keep / "letter.txt").write_text("mine")
    with pytest.raises(ConfigError):
        build_site(config, ["cy"], keep)
    assert (keep / "letter.txt").read_text() == "mine"


def test_plain_mkdocs_previews_the_english_source(project_copy, tmp_path):
    """`mkdocs serve` in the repo previews English: the plugin fills the help placeholders."""
    out = tmp_path / "preview"
    subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", str(out)],
                   cwd=project_copy, check=True, capture_output=True)
    html = (out / "get-help" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:08001111"' in html and "{childline.phone}" not in html
    assert "campaign-exit" in html


def test_plain_material_baseline_builds_pages_with_campaign_templates(config, tmp_path):
    """The benchmark's baseline (plain Material, no campaign code) still builds pages that name a
    campaign page template (Easy Read) in their front matter."""
    from bench.build import write_plain_material
    from campaign.pipeline import load_inputs
    from campaign.site.build import run_builds
    languages = [config.language("cy")]
    plans = write_plain_material(load_inputs(config, languages), languages, tmp_path / "baseline")
    run_builds(plans, jobs=1, epoch="0")
    built = list((tmp_path / "baseline").rglob("easy-read/index.html"))
    assert built and "campaign-easy-read" not in built[0].read_text(encoding="utf-8")
