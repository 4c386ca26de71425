"""`campaign build --locale`: a subset of the languages, never a link to a language not built."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

from campaign.site.build import build_site
from tests.site.test_build import NS, switcher_links


def hreflangs(sitemap: Path) -> set[str]:
    root = ElementTree.parse(sitemap).getroot()
    return {link.get("hreflang") for link in root.iterfind(".//x:link", NS)}


def locs(sitemap: Path) -> list[str]:
    return [loc.text or "" for loc in ElementTree.parse(sitemap).getroot().iterfind(".//s:loc", NS)]


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_subset_into_a_fresh_folder_links_only_the_languages_built(config, tmp_path):
    site = tmp_path / "site"
    build_site(config, ["en", "cy"], site)
    assert not (site / "ur").exists()
    for page in [site / "index.html", site / "cy" / "get-help" / "index.html", site / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert {lang for _, lang in switcher_links(html)} == {"en", "cy"}, page
        assert not re.search(r'href="[^"]*\b(ur|ar|pl|ro|bn|pa)/', html), page
    assert hreflangs(site / "sitemap.xml") == {"en", "cy", "x-default"}
    assert not any("/ur/" in loc for loc in locs(site / "sitemap.xml"))


def test_a_subset_into_a_complete_site_updates_those_languages_and_keeps_the_others(
        built_site, tmp_path):
    config = built_site.config
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    (site / "cy" / "stale.html").write_text("from the old Welsh build", encoding="utf-8")
    kept_before = digest(site / "ur")
    root_index = (site / "index.html").read_bytes()
    build_site(config, ["cy"], site)
    assert not (site / "cy" / "stale.html").exists()                 # Welsh is rebuilt
    assert (site / "cy" / "get-help" / "index.html").is_file()
    assert digest(site / "ur") == kept_before                         # the others are kept
    assert (site / "index.html").read_bytes() == root_index
    assert (site / "en-XA" / "index.html").is_file()
    html = (site / "cy" / "index.html").read_text(encoding="utf-8")
    published = {lang.code for lang in config.published_languages}
    assert {lang for _, lang in switcher_links(html)} == published
    assert hreflangs(site / "sitemap.xml") == published | {"x-default"}
    assert "Disallow: /en-XA/" in (site / "robots.txt").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".site*"))                          # swapped in, nothing left


def test_the_source_language_alone_keeps_the_others_and_their_sitemap(built_site, tmp_path):
    config = built_site.config
    site = tmp_path / "site"
    shutil.copytree(built_site.path, site)
    before = locs(site / "sitemap.xml")
    welsh = digest(site / "cy")
    build_site(config, ["en"], site)
    assert digest(site / "cy") == welsh
    assert sorted(locs(site / "sitemap.xml")) == sorted(before)
