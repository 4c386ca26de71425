"""In headless Chromium: every phone and text number (tel:, sms:) is drawn on one line, on every
page of every language, at 320 px (WCAG 1.4.10 reflow) and at 1280 px; the help box stacks its
services across its full width at 320 px; neither a number nor the help box makes the page scroll sideways.

A number broken over two lines ("0808 800" above "5000") is misread or misdialled. The measure
is the browser's own layout: the line boxes of each number's text (Range.getClientRects)."""

from __future__ import annotations


import pytest

from tests.conftest import site_pages
from tests.site.browser import watched_context

pytestmark = pytest.mark.browser

WIDTHS = (320, 1280)
HEIGHT = 900

# Returns {numbers, problems}. A number's text is drawn on as many lines as there are rectangles
# whose vertical middles fall outside each other (pieces of one line, e.g. a <bdi>, share a
# middle). With layout=true it also checks the help box: services one below another, each at
# least 90% of the box's content width, and no text squeezed into a column (every line after the
# first of a wrapped text starts at the service's start edge, as it does in normal text flow).
MEASURE = """async (layout) => {
  await document.fonts.ready;
  const problems = [], W = document.documentElement.clientWidth, px = Math.round;
  const texts = root => { const out = [], walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode());) out.push(n); return out; };
  const lines = nodes => { const found = [];
    for (const node of nodes) { const range = document.createRange(); range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width < 0.5 || r.height < 0.5) continue;
        const mid = (r.top + r.bottom) / 2, line = found.find(l => mid > l.top && mid < l.bottom);
        if (line) { line.left = Math.min(line.left, r.left); line.right = Math.max(line.right, r.right); }
        else found.push({top: r.top, bottom: r.bottom, left: r.left, right: r.right});
      } }
    return found; };
  const box = document.querySelector('.campaign-help');
  const scrolls = document.documentElement.scrollWidth - W;
  let numbers = 0, inBox = 0;
  for (const a of document.querySelectorAll('a[href^="tel:"], a[href^="sms:"]')) {
    const drawn = lines(texts(a));
    if (!drawn.length) continue;                       // not rendered (a closed <details>)
    numbers++;
    const where = box && box.contains(a) ? 'in the help box' : 'in the page text';
    if (box && box.contains(a)) inBox++;
    const name = `${a.textContent.trim()} (${a.getAttribute('href')}, ${where})`;
    if (drawn.length > 1) problems.push(`${name} is drawn on ${drawn.length} lines`);
    const left = Math.min(...drawn.map(l => l.left)), right = Math.max(...drawn.map(l => l.right));
    if (scrolls > 0 && (left < -0.5 || right > W + 0.5))
      problems.push(`${name} makes the page scroll sideways: drawn from ${px(left)} to ${px(right)} px`);
  }
  if (box && box.getClientRects().length && !inBox) problems.push('the help box shows no number');
  if (box && scrolls > 0) {
    const drawn = lines(texts(box)), left = Math.min(...drawn.map(l => l.left)), right = Math.max(...drawn.map(l => l.right));
    if (left < -0.5 || right > W + 0.5)
      problems.push(`the help box makes the page scroll sideways: its text is drawn from ${px(left)} to ${px(right)} px`);
  }
  // WCAG 1.4.10: at 320 px nothing on the page makes it scroll sideways (a wide table scrolls
  // inside its own region instead)
  if (layout && scrolls > 1) problems.push(`the page scrolls sideways by ${px(scrolls)} px`);
  if (box && layout) {
    const style = getComputedStyle(box), rect = box.getBoundingClientRect();
    const content = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    let before = null;
    for (const li of box.querySelectorAll(':scope > ul > li')) {
      const r = li.getBoundingClientRect(), name = li.dataset.service;
      if (r.width < 0.9 * content) problems.push(`help box: ${name} is ${px(r.width)} px wide, in a box ${px(content)} px wide`);
      if (before && r.top < before.bottom - 1) problems.push(`help box: ${name} is beside the service before it, not below it`);
      before = r;
      const rtl = getComputedStyle(li).direction === 'rtl';
      const off = texts(li).flatMap(n => lines([n]).slice(1))
        .map(l => rtl ? r.right - l.right : l.left - r.left).filter(d => Math.abs(d) > 2);
      if (off.length) problems.push(`help box: ${name} is squeezed: its text wraps in a column ${px(Math.max(...off))} px in from the edge of the service`);
    }
  }
  return {numbers, inBox, problems};
}"""


def open_tab(browser, width):
    """A context at this width and its one page; the list fills with requests that tried to
    leave 127.0.0.1."""
    context, outside = watched_context(browser, viewport={"width": width, "height": HEIGHT})
    return context, context.new_page(), outside


def test_every_number_is_drawn_on_one_line_and_the_help_box_reflows(browser, built_site):
    config = built_site.config
    problems, measured, pages = [], 0, 0
    for width in WIDTHS:
        context, page, outside = open_tab(browser, width)
        try:
            for lang in config.published_languages:
                for path in site_pages():
                    url = config.url_prefix(lang) + path
                    page.goto(built_site.url + url, wait_until="load")
                    result = page.evaluate(MEASURE, width == 320)
                    problems += [f"/{url} at {width} px: {p}" for p in result["problems"]]
                    measured += result["numbers"]
                    pages += 1
            assert not outside, f"requests tried to leave 127.0.0.1: {outside}"
        finally:
            context.close()
    assert pages == len(WIDTHS) * len(config.published_languages) * len(site_pages())
    assert measured > pages, "too few numbers measured: the measure found nothing to check"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


# Each change breaks the page in one way the measure must report (it cannot pass vacuously).
# SPACED picks a number with a space in it (a place where a line could break), in or out of the box.
SPACED = """(inBox) => [...document.querySelectorAll('a[href^="tel:"]')].find(a =>
    !!a.closest('.campaign-help') === inBox && a.textContent.trim().includes(' '))"""
SABOTAGE = {
    "number in the help box in a narrow box": (
        f"() => {{ ({SPACED})(true).style.cssText = 'display:inline-block; width:3ch; white-space:normal'; }}",
        "in the help box) is drawn on"),
    "number in page text at the end of a narrow line": (
        f"""() => {{ const a = ({SPACED})(false); a.style.whiteSpace = 'normal';
            a.parentElement.style.cssText = 'width:1ch; white-space:normal'; }}""",
        "in the page text) is drawn on"),
    "number wider than the screen": (
        f"() => {{ ({SPACED})(true).style.fontSize = '120px'; }}", "makes the page scroll sideways"),
    "help box wider than the screen": (
        "() => { document.querySelector('.campaign-help').style.width = '600px'; }",
        "the help box makes the page scroll sideways"),
    "help box services in a row": (
        "() => { document.querySelector('.campaign-help > ul').style.display = 'flex'; }", "not below it"),
    "help box service squeezed into columns": (
        "() => { for (const li of document.querySelectorAll('.campaign-help > ul > li')) li.style.display = 'flex'; }",
        "is squeezed"),
    "help box service too narrow": (
        "() => { document.querySelector('.campaign-help > ul > li').style.width = '50%'; }", "px wide, in a box"),
}


@pytest.mark.parametrize("name", list(SABOTAGE))
def test_the_measure_catches_a_broken_number_or_a_squeezed_help_box(browser, built_site, name):
    script, expected = SABOTAGE[name]
    context, page, _ = open_tab(browser, 320)
    try:
        page.goto(built_site.url + "get-help/", wait_until="load")
        clean = page.evaluate(MEASURE, True)
        assert clean["problems"] == [] and clean["inBox"] > 0, clean
        page.evaluate(script)
        broken = page.evaluate(MEASURE, True)
        assert any(expected in p for p in broken["problems"]), broken["problems"]
    finally:
        context.close()
