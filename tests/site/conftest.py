"""One headless Chromium (Debian's, driven by Playwright) shared by the browser tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

from tests.site.browser import OFFLINE, chromium_path


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=[OFFLINE])
        yield browser
        browser.close()
