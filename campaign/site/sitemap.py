"""One sitemap for the whole site, each page listed with its language alternates.

This is where search engines learn the language versions of a page: the combined sitemap at the
root lists every page of every published language with ``<xhtml:link rel="alternate" hreflang>``
entries for each language and x-default (pages carry no hreflang links in their head, see
context.py), and robots.txt names it by its absolute address. Each language's MkDocs build writes
its own sitemap.xml too, kept: Material's instant loading and link previews (both off) would read
the one beside the language's pages, on the host serving them.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from ..config import CampaignConfig, Language

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def page_paths(sitemap: Path, base_url: str) -> list[str]:
    """Paths (relative to ``base_url``) of the pages listed in one MkDocs sitemap.xml."""
    if not sitemap.is_file():
        return []
    tree = ElementTree.parse(sitemap)
    out = []
    for loc in tree.getroot().iter(f"{{{SITEMAP_NS}}}loc"):
        url = (loc.text or "").strip()
        out.append(url[len(base_url):] if url.startswith(base_url) else url)
    return out


def combined_sitemap(config: CampaignConfig, languages: list[Language], paths: list[str]) -> str:
    """sitemap.xml text: one <url> per page per language, each with every alternate."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for lang in languages:
        for path in paths:
            lines.append("  <url>")
            lines.append(f"    <loc>{escape(config.site_url + config.url_prefix(lang) + path)}</loc>")
            for other in languages:
                href = escape(config.site_url + config.url_prefix(other) + path)
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other.code}" href="{href}"/>')
            default = escape(config.site_url + config.url_prefix(config.source) + path)
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
            lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def gzipped(text: str) -> bytes:
    """Reproducible gzip: no file name, no timestamp."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
    return buffer.getvalue()


def robots_txt(config: CampaignConfig, pseudo: Iterable[Language] = ()) -> str:
    """robots.txt text: every page may be crawled, except a pseudo-locale built for testing,
    and the combined sitemap is named by its absolute address (crawlers read robots.txt only at
    the root of a host)."""
    root = urlsplit(config.site_url).path or "/"
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {root}{config.url_prefix(lang)}" for lang in pseudo]
    lines += ["", f"Sitemap: {config.site_url}sitemap.xml"]
    return "\n".join(lines) + "\n"
