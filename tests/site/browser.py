"""Headless Chromium for the browser tests: Debian's chromium driven by Playwright.

Every request is routed through a Recorder. Requests to 127.0.0.1 go through; the quick-exit
page and a fake "other site" are answered locally (nothing reaches the internet); anything else
is aborted and recorded, so a test can assert that no request left 127.0.0.1.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from urllib.parse import urlparse

import pytest

ELSEWHERE = "https://elsewhere.example/"
# Belt and braces: no host name resolves in the test browser (only 127.0.0.1 is served), so a
# request that escapes routing still cannot reach the internet. Tests that do not route requests
# (routing turns off the browser's cache) rely on this alone and record what tried to leave.
OFFLINE = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
NEUTRAL_HTML = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"
ELSEWHERE_HTML = "<!doctype html><html lang='en'><title>Elsewhere</title><h1>Another site</h1></html>"


def chromium_path() -> str:
    """Debian's chromium; fail (never skip) with what to install when it is missing."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("Chromium is not installed: the browser tests need Debian's chromium. "
                "Install it with 'sudo apt-get install chromium' (make test does this when apt works).",
                pytrace=False)


@dataclass
class Recorder:
    """Routes every request of a browser context; keeps what tried to leave 127.0.0.1."""

    exit_url: str
    external: list[str] = field(default_factory=list)   # aborted: a privacy leak
    faked: list[str] = field(default_factory=list)      # answered locally (exit page, other site)
    holding: bool = False
    held: list = field(default_factory=list)

    def attach(self, context) -> "Recorder":
        context.route("**/*", self._handle)
        return self

    def _handle(self, route) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if host == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        elif url.startswith(self.exit_url) or url.startswith(ELSEWHERE):
            self.faked.append(url)
            body = ELSEWHERE_HTML if url.startswith(ELSEWHERE) else NEUTRAL_HTML
            if self.holding and url.startswith(self.exit_url):
                self.held.append((route, body))   # answered later: the page is caught mid-exit
            else:
                route.fulfill(status=200, content_type="text/html", body=body)
        else:
            self.external.append(url)
            route.abort()

    def release(self) -> None:
        self.holding = False
        for route, body in self.held:
            route.fulfill(status=200, content_type="text/html", body=body)
        self.held.clear()


def watched_context(browser, **options):
    """A browser context that is not routed through Python (so the browser's cache stays on) and
    a list that fills with every request that tried to leave 127.0.0.1 (it fails: OFFLINE)."""
    context = browser.new_context(**options)
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url)
               if urlparse(request.url).hostname not in ("127.0.0.1", None) else None)
    return context, outside
