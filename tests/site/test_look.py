"""A campaign, not a manual: the landing page, and pages for children and young people without
menus, in headless Chromium on the real build, in every published language."""

from __future__ import annotations

import re

import pytest

from tests.conftest import PUBLISHED, ROOT, site_pages

pytestmark = pytest.mark.browser


def front_matter(url: str) -> str:
    rel = (url.rstrip("/") or "index") if url else "index"
    path = ROOT / "docs" / f"{rel}.md"
    if not path.is_file():
        path = ROOT / "docs" / rel / "index.md"
    return path.read_text(encoding="utf-8").split("---")[1]


YOUNG = [url for url in site_pages() if url != "translation-status/"
         and re.search(r"^template: (young|easy-read)\.html", front_matter(url), re.M)]
ADULT = [url for url in site_pages() if url not in YOUNG and url not in ("", "translation-status/")]

ABOVE_THE_FOLD = """() => {
  const bar = document.querySelector('.campaign-safety').getBoundingClientRect();
  const exit = document.querySelector('.campaign-safety__exit').getBoundingClientRect();
  const h1 = document.querySelector('.campaign-home h1').getBoundingClientRect();
  const cards = [...document.querySelectorAll('#choose-where-to-start + ul > li')];
  return {height: innerHeight, bar: bar.top, exit: [exit.top, exit.bottom], h1: h1.bottom,
          cards: cards.map(li => li.getBoundingClientRect().bottom),
          icons: cards.map(li => getComputedStyle(li, '::before').backgroundImage)};
}"""


@pytest.mark.parametrize("code", PUBLISHED)
def test_the_landing_page_shows_headline_first_routes_and_exit_without_scrolling(browser, built_site, code):
    """On a 390 x 844 phone: the headline, the first two route cards and the exit control are on
    the first screen, none under the safety bar; every route card has its picture."""
    config = built_site.config
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(built_site.url + config.url_prefix(config.language(code)), wait_until="load")
        page.evaluate("document.fonts.ready")
        fold = page.evaluate(ABOVE_THE_FOLD)
    finally:
        context.close()
    assert fold["h1"] <= fold["bar"], fold
    assert len(fold["cards"]) >= 8 and max(fold["cards"][:2]) <= fold["bar"], fold
    assert 0 <= fold["exit"][0] and fold["exit"][1] <= fold["height"], fold
    assert all(".svg" in icon for icon in fold["icons"]), fold["icons"]


YOUNG_PAGE = """() => {
  const visible = sel => { const el = document.querySelector(sel);
    return !!el && !el.hidden && el.getBoundingClientRect().width > 0; };
  const back = document.querySelector('.campaign-back a');
  const text = [...document.querySelectorAll('.md-content p, .md-content li')]
    .filter(el => !el.closest('.campaign-help, .campaign-notices, .campaign-back'));
  return {nav: visible('.md-sidebar--primary'), toc: visible('.md-sidebar--secondary'),
          back: back ? back.href : null, backText: back ? back.textContent.trim() : '',
          smallest: Math.min(...text.map(el => parseFloat(getComputedStyle(el).fontSize))),
          help: !!document.querySelector('.campaign-help a[href^="tel:"]')};
}"""


def test_there_are_pages_for_children_and_young_people():
    assert {"children/", "young-people/", "easy-read/", "boys/"} <= set(YOUNG)


def test_childrens_and_young_peoples_pages_have_no_menu_larger_type_and_a_way_back(browser, built_site):
    config = built_site.config
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    problems = []
    try:
        page = context.new_page()
        for lang in config.published_languages:
            home = built_site.url + config.url_prefix(lang)
            for url in YOUNG:
                page.goto(home + url, wait_until="load")
                seen = page.evaluate(YOUNG_PAGE)
                where = f"/{config.url_prefix(lang)}{url}"
                if seen["nav"] or seen["toc"]:
                    problems.append(f"{where}: shows the navigation or the table of contents")
                if seen["smallest"] < 18:
                    problems.append(f"{where}: text of {seen['smallest']} px (at least 18)")
                if seen["back"] != home or not seen["backText"]:
                    problems.append(f"{where}: the way back goes to {seen['back']}, not {home}")
                if not seen["help"]:
                    problems.append(f"{where}: no help box with a number")
            for url in ADULT[:3]:
                page.goto(home + url, wait_until="load")
                if not page.evaluate(YOUNG_PAGE)["nav"]:
                    problems.append(f"/{config.url_prefix(lang)}{url}: an adult page lost its navigation")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
