"""No page view makes a failed request or a request to another host, whatever ``site_url`` says.

The real site is built with the public ``site_url`` (campaign.yml as it is) and served from
127.0.0.1, as a staging server, a preview or a council's own domain would serve it. Every page of
every published language is opened in headless Chromium; every request is recorded: anything not
for 127.0.0.1 is aborted (nothing reaches the internet) and reported, as is every response with a
status of 400 or more and every request that fails. Search engines still learn every language
version of every page, from the root sitemap that robots.txt names; the language switcher still
keeps the reader on the same page, with and without JavaScript.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest

from campaign.config import load_config
from campaign.site.build import build_site
from tests.conftest import ROOT, BuiltSite, serve_directory, site_pages

pytestmark = pytest.mark.browser

PAGES = site_pages()
LANGS = [lang.code for lang in load_config(ROOT / "campaign.yml").published_languages]
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
QUIET_SECONDS = 0.2     # no request outstanding, and none started, for this long: settled
SETTLE_TIMEOUT = 15.0


@pytest.fixture(scope="module")
def public_site(config, tmp_path_factory) -> BuiltSite:
    """Every published language built with the public site_url, served from 127.0.0.1."""
    assert urlparse(config.site_url).hostname != "127.0.0.1", config.site_url
    base = tmp_path_factory.mktemp("public")
    build_site(config, [lang.code for lang in config.published_languages], base / "site")
    server = serve_directory(base / "site")
    yield BuiltSite(base / "site", server.url, config)
    server.stop()


@dataclass
class Requests:
    """Every request of one browser context: what left 127.0.0.1 (aborted), what failed."""

    started: int = 0
    ended: int = 0
    problems: list[str] = field(default_factory=list)
    view: str = ""          # the page view the next problems belong to

    def attach(self, context) -> "Requests":
        context.route("**/*", self._route)
        context.on("request", self._request)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)
        context.on("response", self._response)
        return self

    def _route(self, route) -> None:
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            self.problems.append(f"{self.view}: request to another host {url}")
            route.abort()

    def _request(self, request) -> None:
        self.started += 1

    def _finished(self, request) -> None:
        self.ended += 1

    def _failed(self, request) -> None:
        self.ended += 1
        # net::ERR_ABORTED to this host is the browser cancelling a request itself (a late
        # favicon when the next page is opened), not a failure of the site; requests to other
        # hosts are reported by _route, which aborts them.
        if request.failure == "net::ERR_ABORTED" and urlparse(request.url).hostname == "127.0.0.1":
            return
        self.problems.append(f"{self.view}: request failed ({request.failure}) {request.url}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.problems.append(f"{self.view}: HTTP {response.status} {response.url}")

    def settle(self, page) -> None:
        """Wait until no request is outstanding and none has started for QUIET_SECONDS (what
        scripts start after the load event is counted too)."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        mark = (self.started, time.monotonic())
        while time.monotonic() < deadline:
            page.wait_for_timeout(50)   # lets Playwright deliver the events
            if self.started != mark[0]:
                mark = (self.started, time.monotonic())
            elif self.started == self.ended and time.monotonic() - mark[1] >= QUIET_SECONDS:
                return
        self.problems.append(f"{self.view}: {self.started - self.ended} request(s) still "
                             f"outstanding after {SETTLE_TIMEOUT:.0f} s")

    def visit(self, page, url: str, view: str) -> None:
        self.view = view
        page.goto(url, wait_until="load")
        self.settle(page)


def views_of(site: BuiltSite, code: str) -> list[str]:
    """Every page of one language (as served paths), its 404 page included."""
    prefix = site.config.url_prefix(site.config.language(code))
    return [prefix + path for path in PAGES] + [prefix + "404.html"]


@pytest.mark.parametrize("code", LANGS)
def test_no_page_view_fails_a_request_or_calls_another_host(browser, public_site, code):
    context = browser.new_context()
    requests = Requests().attach(context)
    page = context.new_page()
    try:
        for path in views_of(public_site, code):
            requests.visit(page, public_site.url + path, "/" + path)
    finally:
        context.close()
    assert requests.problems == [], "\n".join(requests.problems)
    assert requests.started >= 10 * len(views_of(public_site, code))  # really recorded


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("start, code, landing", [
    ("young-people/telling-someone/", "cy", "cy/young-people/telling-someone/"),
    ("ur/young-people/telling-someone/", "en", "young-people/telling-someone/"),
], ids=["en-to-cy", "ur-to-en"])
def test_language_switcher_keeps_the_reader_on_the_same_page(browser, public_site, javascript,
                                                             start, code, landing):
    context = browser.new_context(java_script_enabled=javascript)
    requests = Requests().attach(context)
    page = context.new_page()
    try:
        requests.visit(page, public_site.url + start, "/" + start)
        page.locator(".md-header .md-select").hover()     # opens the switcher, even without JS
        link = page.locator(f'.md-header a.md-select__link[hreflang="{code}"]')
        requests.view = f"/{start} -> {code}"
        with page.expect_navigation(wait_until="load") as navigation:
            link.click()
        requests.settle(page)
        response = navigation.value
        assert page.url == public_site.url + landing
        assert response.status == 200 and response.request.redirected_from is None, \
            "the switcher must link straight to the page"
        assert page.locator("html").get_attribute("lang") == code
    finally:
        context.close()
    assert requests.problems == [], "\n".join(requests.problems)


def test_search_engines_learn_every_language_version_from_the_sitemap(public_site):
    """The root sitemap lists every page of every published language, each with an xhtml:link
    alternate for every published language and x-default; robots.txt names it by its absolute
    address; no page head carries hreflang links (the form that makes browsers fetch)."""
    config, site = public_site.config, public_site.path
    published = list(config.published_languages)
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("s:url", NS):
        entries[url.find("s:loc", NS).text] = [(a.get("rel"), a.get("hreflang"), a.get("href"))
                                               for a in url.findall("x:link", NS)]
    assert len(entries) == len(root.findall("s:url", NS))   # no page twice

    # Complete: every page in the built tree, in every published language, and nothing else.
    folders = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    assert set(entries) == {config.site_url + ("" if f == "." else f + "/") for f in folders}
    assert len(entries) == len(PAGES) * len(published)

    for lang in published:
        for path in PAGES:
            loc = config.site_url + config.url_prefix(lang) + path
            expected = [("alternate", other.code, config.site_url + config.url_prefix(other) + path)
                        for other in published]
            expected.append(("alternate", "x-default",
                             config.site_url + config.url_prefix(config.source) + path))
            assert entries[loc] == expected, loc

    robots = (site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {config.site_url}sitemap.xml" in robots
    assert "User-agent: *" in robots and not any(line.startswith("Disallow") for line in robots)

    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'rel="alternate"' not in text, html.relative_to(site)
