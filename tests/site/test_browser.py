"""In headless Chromium: accessibility (axe-core), quick exit, privacy, RTL numbers, pseudo-locale,
search. The site is the real build, served from 127.0.0.1; nothing may reach the internet."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from axe_playwright_python.sync_playwright import Axe
from babel.messages.pofile import read_po

from campaign.i18n.pseudo import is_pseudo
from tests.conftest import PSEUDO, PUBLISHED, ROOT, site_pages
from tests.site.browser import ELSEWHERE, Recorder, watched_context

pytestmark = pytest.mark.browser

PAGES = site_pages()
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
LANGS = PUBLISHED


@pytest.fixture
def open_page(browser, built_site):
    """open_page(url, javascript=True, viewport=None) -> (page, recorder)."""
    contexts = []

    def opener(url="", *, javascript=True, viewport=None, clock=False, goto=True):
        options = {"java_script_enabled": javascript}
        if viewport:
            options["viewport"] = viewport
        context = browser.new_context(**options)
        contexts.append(context)
        recorder = Recorder(built_site.config.quick_exit_url).attach(context)
        page = context.new_page()
        if clock:
            page.clock.install()
        if goto:
            page.goto(built_site.url + url)
        if clock and goto:
            # Stop the page's time, so that only run_for() moves it: a slow machine must not add
            # its own delays to the 4.9 s the tests step through.
            now = page.evaluate("Date.now()")
            page.clock.pause_at(datetime.fromtimestamp(now / 1000 + 1, tz=timezone.utc))
        return page, recorder

    yield opener
    for context in contexts:
        context.close()


def open_search(page) -> None:
    """Open Material's search: the header button on narrow screens, the field on wide ones."""
    button = page.locator("label[for='__search']").first
    if button.is_visible():
        button.click()
    else:
        page.locator(".md-search__input").click()
    page.locator(".md-search__input").wait_for(state="visible")


def url_of(built_site, code, page=""):
    return built_site.url + built_site.config.url_prefix(built_site.config.language(code)) + page


def theme_string(code: str, msgid: str) -> str:
    with open(ROOT / f"locales/{code}/LC_MESSAGES/theme.po", "rb") as handle:
        return read_po(handle).get(msgid).string


# --- accessibility ---------------------------------------------------------------------------

@pytest.mark.parametrize("code", LANGS)
def test_axe_finds_no_wcag_22_aa_violation(browser, built_site, code):
    context, outside = watched_context(browser)
    page = context.new_page()
    axe = Axe()
    problems = []
    for path in PAGES:
        page.goto(url_of(built_site, code, path))
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"/{code}/{path}: {violation['id']} ({violation['impact']}) {targets}")
    assert not problems, "\n".join(problems)
    assert outside == []
    context.close()


# --- privacy -----------------------------------------------------------------------------------

def test_a_visit_makes_no_outside_request_and_leaves_no_trace(browser, built_site):
    # Not routed through Python (that turns the browser's cache off and triples the time): the
    # browser resolves no host but 127.0.0.1 (browser.OFFLINE), and every request it makes is
    # recorded. Every page of every language is loaded (its scripts run); test_requests.py also
    # waits on each page until no request is outstanding, with the public site_url. Here the
    # point is what the visits leave behind (cookies, storage, service workers, caches).
    context, outside = watched_context(browser)
    page = context.new_page()
    for code in LANGS:
        for path in PAGES:
            page.goto(url_of(built_site, code, path), wait_until="load")
    page.goto(url_of(built_site, "en"))
    open_search(page)
    page.keyboard.type("Childline")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    assert outside == [], outside
    assert page.context.cookies() == []
    stored = page.evaluate("""async () => ({
        local: localStorage.length, session: sessionStorage.length,
        workers: (await navigator.serviceWorker.getRegistrations()).length,
        caches: (await caches.keys()).length,
        cookie: document.cookie})""")
    assert stored == {"local": 0, "session": 0, "workers": 0, "caches": 0, "cookie": ""}
    context.close()


# --- quick exit ----------------------------------------------------------------------------------

def exit_url(built_site):
    return built_site.config.quick_exit_url


def wait_for_exit(page, built_site):
    page.wait_for_url(exit_url(built_site) + "**", timeout=5000)


def still_here(page, built_site, recorder):
    page.wait_for_timeout(400)
    return page.url.startswith(built_site.url) and not recorder.faked


def test_exit_button_leaves_and_back_does_not_return(open_page, built_site):
    page, recorder = open_page(goto=False)
    page.goto(ELSEWHERE)
    page.goto(url_of(built_site, "cy", "get-help/"))
    page.click("#campaign-exit")
    wait_for_exit(page, built_site)
    page.go_back()
    page.wait_for_load_state()
    assert page.url == ELSEWHERE  # our page was replaced in history, not kept


def test_exit_works_without_javascript(open_page, built_site):
    page, _ = open_page("about/", javascript=False)
    page.click("#campaign-exit")
    wait_for_exit(page, built_site)


def test_skip_link_to_exit_is_the_first_tab_stop(open_page, built_site):
    page, _ = open_page("ur/privacy/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('campaign-skip')")
    assert page.locator(".campaign-skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "campaign-exit"


def test_shift_three_times_exits_with_translated_status(open_page, built_site):
    page, _ = open_page("cy/")
    status = page.locator("#campaign-exit-status")
    page.keyboard.press("Shift")
    assert status.text_content() == theme_string(
        "cy", "Shift pressed once. Press Shift 2 more times to leave this page.")
    page.keyboard.press("Shift")
    assert status.text_content() == theme_string(
        "cy", "Shift pressed twice. Press Shift 1 more time to leave this page.")
    page.keyboard.press("Shift")
    wait_for_exit(page, built_site)


def pressed(page, count: int) -> None:
    """The page has counted ``count`` presses (its status message says so) before the clock
    moves on. Read at once: waiting by polling would stall, since the page's clock is paused."""
    assert page.evaluate(
        "n => document.querySelector('#campaign-exit-status').textContent === "
        "document.querySelector('#campaign-exit').getAttribute('data-press-' + n)", count)


def test_presses_4_9_seconds_apart_still_exit(open_page, built_site):
    page, _ = open_page("get-help/", clock=True)
    for count in (1, 2):
        page.keyboard.press("Shift")
        pressed(page, count)
        page.clock.run_for(4900)
    page.keyboard.press("Shift")
    wait_for_exit(page, built_site)


def test_presses_more_than_5_seconds_apart_do_not_exit(open_page, built_site):
    page, recorder = open_page("get-help/", clock=True)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    pressed(page, 2)
    page.clock.run_for(5100)
    assert page.locator("#campaign-exit-status").text_content() == "Exit this page timed out."
    page.keyboard.press("Shift")
    assert still_here(page, built_site, recorder)


def test_another_key_resets_the_count(open_page, built_site):
    page, recorder = open_page("")
    for key in ("Shift", "Shift", "a", "Shift"):
        page.keyboard.press(key)
    assert still_here(page, built_site, recorder)
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")  # now three clean presses since the "a"
    wait_for_exit(page, built_site)


def test_shift_used_as_a_modifier_does_not_count(open_page, built_site):
    page, recorder = open_page("")
    for _ in range(3):
        page.keyboard.press("Shift+A")
    assert still_here(page, built_site, recorder)


def test_page_is_blank_at_once_before_the_next_page_loads(open_page, built_site):
    """Three Shift presses, then, in the same task (before any navigation can happen), the
    page is already hidden under the overlay and its title is blank."""
    page, _ = open_page("about/")
    state = page.evaluate("""() => {
        for (let i = 0; i < 3; i++) {
            document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Shift', bubbles: true}));
            document.dispatchEvent(new KeyboardEvent('keyup', {key: 'Shift', bubbles: true}));
        }
        const overlay = document.getElementById('campaign-exit-overlay');
        const h1 = document.querySelector('article h1');
        return {exiting: document.documentElement.classList.contains('campaign-exiting'),
                title: document.title,
                overlay: !overlay.hidden && getComputedStyle(overlay).display !== 'none',
                overlayCovers: overlay.getBoundingClientRect().height >= window.innerHeight,
                heading: getComputedStyle(h1).visibility,
                still: location.href};
    }""")
    assert state["exiting"] and state["title"] == "" and state["overlay"] and state["overlayCovers"]
    assert state["heading"] == "hidden"
    assert state["still"].startswith(built_site.url)   # blanked before leaving
    wait_for_exit(page, built_site)


def test_restored_page_resets_itself(open_page, built_site):
    page, _ = open_page("about/")
    page.evaluate("""() => {
        document.documentElement.classList.add('campaign-exiting');
        document.getElementById('campaign-exit-overlay').hidden = false;
        window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}));
    }""")
    assert not page.evaluate("document.documentElement.classList.contains('campaign-exiting')")
    assert page.locator("h1").first.is_visible()
    assert not page.locator("#campaign-exit-overlay").is_visible()


EXIT_ON_TOP = """() => {
    const link = document.getElementById('campaign-exit');
    const r = link.getBoundingClientRect();
    const inView = r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return inView && (hit === link || link.contains(hit));
}"""


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 800}, {"width": 375, "height": 667}])
def test_exit_stays_on_screen_and_uncovered(open_page, built_site, viewport):
    page, _ = open_page("about/", viewport=viewport)
    for y in ("0", "document.body.scrollHeight / 2", "document.body.scrollHeight"):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(100)
        assert page.evaluate(EXIT_ON_TOP), f"covered or off screen at scroll {y}"
    if viewport["width"] < 600:  # the navigation drawer, open over the page
        page.locator("label.md-header__button[for='__drawer']").click()
        page.wait_for_timeout(300)
        assert page.evaluate(EXIT_ON_TOP), "covered by the open menu"
        page.locator("label.md-overlay").click(position={"x": viewport["width"] - 20, "y": 100})
        page.wait_for_timeout(300)
    open_search(page)
    page.wait_for_timeout(300)
    assert page.evaluate(EXIT_ON_TOP), "covered by the open search"


# --- right-to-left numbers -----------------------------------------------------------------------

DIGIT_GROUP_POSITIONS = """() => {
    const out = [];
    for (const el of document.querySelectorAll('bdi, a[href^="tel:"], a[href^="sms:"], .rtl-probe')) {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let node, text = '';
        const nodes = [];
        while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.data; }
        if (!/\\d+\\s+\\d+/.test(text)) continue;
        const lefts = [];
        for (const m of text.matchAll(/\\d+/g)) {
            const [n, start] = nodes.filter(([n, s]) => s <= m.index).pop();
            const range = document.createRange();
            range.setStart(n, m.index - start);
            range.setEnd(n, m.index - start + m[0].length);
            lefts.push(range.getBoundingClientRect().left);
        }
        out.push({text: text.trim(), lefts});
    }
    return out;
}"""


@pytest.mark.parametrize("code", ["ur", "ar"])
def test_numbers_read_left_to_right_on_rtl_pages(open_page, built_site, code):
    page, _ = open_page(goto=False)
    checked = 0
    for path in PAGES:
        page.goto(url_of(built_site, code, path))
        for number in page.evaluate(DIGIT_GROUP_POSITIONS):
            assert number["lefts"] == sorted(number["lefts"]), f"/{code}/{path}: {number}"
            checked += 1
    assert checked >= 10


def test_the_rtl_measure_catches_a_reversed_number(open_page):
    """Negative control: without isolation the groups of 0800 1111 render right to left."""
    page, _ = open_page(goto=False)
    page.set_content('<p dir="rtl" lang="ur" style="font-size:20px">چائلڈ لائن کو '
                     '<span class="rtl-probe">0800 1111</span> پر کال کریں۔</p>')
    number = page.evaluate(DIGIT_GROUP_POSITIONS)[0]
    assert number["lefts"] != sorted(number["lefts"])


# --- pseudo-locale -------------------------------------------------------------------------------

VISIBLE_TEXT = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
        const text = node.data.trim();
        const el = node.parentElement;
        if (!text || !el || el.closest('script, style, noscript, svg')) continue;
        if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 2 || r.height < 2) continue;
        out.push(text);
    }
    return out;
}"""


def proper_names(built_site) -> set[str]:
    from campaign.content.help import load_help
    help_data = load_help(ROOT / "data" / "help.yml")
    names = {s.name for s in help_data.services}
    names |= {lang.name for lang in built_site.config.languages}
    return names


def test_every_visible_string_on_pseudo_pages_is_pseudo_localised(open_page, built_site):
    page, _ = open_page(goto=False, viewport={"width": 1400, "height": 900})
    allowed = proper_names(built_site)
    escaped = []
    for path in PAGES:
        page.goto(url_of(built_site, PSEUDO, path))
        for text in page.evaluate(VISIBLE_TEXT):
            if not re.search(r"[A-Za-z]", text) or is_pseudo(text) or text in allowed:
                continue
            if re.fullmatch(r"[\w.-]+\.(org|uk|com)(\.uk)?/?|[\w.]+@[\w.]+", text):
                continue  # web and e-mail addresses
            escaped.append(f"/{PSEUDO}/{path}: {text!r}")
    assert not escaped, "\n".join(escaped)


def test_pseudo_check_catches_an_untranslated_string(open_page, built_site):
    page, _ = open_page(f"{PSEUDO}/about/")
    page.evaluate("document.querySelector('article h1').textContent = 'Plain English heading'")
    texts = page.evaluate(VISIBLE_TEXT)
    assert "Plain English heading" in texts and not is_pseudo("Plain English heading")


# --- search --------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", LANGS)
def test_search_finds_pages_in_each_language(open_page, built_site, code):
    page, recorder = open_page(goto=False)
    page.goto(url_of(built_site, code, "privacy/"))
    heading = page.locator("article h1").first.inner_text()
    word = max(re.findall(r"\w+", heading), key=len)
    open_search(page)
    page.keyboard.type(word)
    # Material reads the field on keyup; Playwright inserts non-Latin text without key events
    # (a real Urdu or Bengali keyboard sends them), so release one key as a person would.
    page.keyboard.press("End")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any("/privacy/" in h for h in hrefs), (word, hrefs)
    prefix = built_site.config.url_prefix(built_site.config.language(code))
    assert all(h.startswith(built_site.url + prefix) for h in hrefs), hrefs
    assert recorder.external == []


# --- audience routes -----------------------------------------------------------------------------

ROUTE_LINKS = {  # link on the home page -> the page it must open (its source file)
    "children/": "children/index.md", "young-people/": "young-people/index.md",
    "boys/": "boys/index.md", "easy-read/": "easy-read/index.md", "disabled/": "disabled/index.md",
    "disabled/bsl-and-text-relay/": "disabled/bsl-and-text-relay.md", "parents/": "parents/index.md",
    "parents/worried-about-behaviour/": "parents/worried-about-behaviour.md",
    "communities/": "communities/index.md", "communities/faith-settings/": "communities/faith-settings.md",
    "communities/help-in-your-language/": "communities/help-in-your-language.md",
    "professionals/": "professionals/index.md", "schools/": "schools/index.md",
}


@pytest.mark.parametrize("code", ["en", "cy", "ur"])
def test_home_page_reaches_every_route_in_one_click(open_page, built_site, code):
    """Click each route in the home page's chooser; each opens its page, with a help box."""
    page, recorder = open_page(goto=False)
    home = url_of(built_site, code)
    for href, source in ROUTE_LINKS.items():
        page.goto(home)
        link = page.locator(f"#choose-where-to-start + ul a[href='{href}']")
        assert link.count() == 1, (code, href)
        link.click()
        page.wait_for_load_state()
        assert page.url == url_of(built_site, code, href), (code, href)
        assert page.locator("h1").count() == 1
        assert page.locator("aside.campaign-help a[href^='tel:']").count() >= 1, (code, href)
    assert recorder.external == []


def test_get_help_is_one_click_from_every_page(open_page, built_site):
    page, _ = open_page(goto=False)
    for path in PAGES:
        page.goto(url_of(built_site, "en", path))
        page.locator(".campaign-safety__help").click()
        page.wait_for_load_state()
        assert page.url == url_of(built_site, "en", "get-help/"), path


def test_easy_read_type_is_at_least_14_point_with_pictures_beside_the_text(open_page, built_site):
    page, _ = open_page("easy-read/")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector("
                         "'.campaign-easy-read > ul > li')).fontSize)")
    assert size >= 18.66  # 14 pt = 18.67 CSS px
    boxes = page.evaluate("""[...document.querySelectorAll('.campaign-easy-read > ul > li')].map(li => {
        const img = li.querySelector('img').getBoundingClientRect();
        const lines = [];
        for (const node of li.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
            const range = document.createRange(); range.selectNodeContents(node);
            for (const r of range.getClientRects()) lines.push([r.top, r.bottom, r.left]);
        }
        return {img: [img.top, img.bottom, img.right], lines};
    })""")
    assert len(boxes) >= 8
    for box in boxes:
        top, bottom, right = box["img"]
        assert box["lines"], box
        for line_top, line_bottom, left in box["lines"]:
            assert left >= right - 1, box           # every line of text beside the picture,
        first = box["lines"][0]
        assert first[0] < bottom and first[1] > top, box  # level with it, never below it


# --- legibility of the navigation in every script --------------------------------------------

CLIPPED_TEXT = """[...document.querySelectorAll('.md-nav .md-ellipsis, .md-nav__title, .md-nav__link')]
    .filter(el => el.getClientRects().length && getComputedStyle(el).overflowY !== 'visible'
                  && el.scrollHeight > el.clientHeight + 1)
    .map(el => el.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize("code", LANGS)
def test_navigation_text_is_never_cut_off(open_page, built_site, code):
    """Tall scripts (Nastaliq above all) must not lose the tops or tails of their letters in
    Material's one-line navigation boxes."""
    page, _ = open_page(goto=False, viewport={"width": 1400, "height": 900})
    for path in ("", "children/", "disabled/parents-and-carers/"):
        page.goto(url_of(built_site, code, path))
        page.evaluate("document.fonts.ready")
        assert page.evaluate(CLIPPED_TEXT) == [], (code, path)
