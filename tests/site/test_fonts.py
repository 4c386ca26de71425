"""Fonts: every character a page shows is in the self-hosted fonts it loads; each page loads only
its own language's fonts; the switcher's language names have their own tiny fonts."""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from functools import lru_cache

import pytest
from fontTools.ttLib import TTFont

from campaign.errors import CampaignError
from campaign.site.fonts import NAMES_CSS, NAMES_DIR, check_name_fonts, languages_needing_name_fonts
from tests.conftest import PSEUDO, ROOT

FONTS = ROOT / "assets" / "fonts"


@lru_cache(maxsize=None)
def coverage(font: str) -> frozenset[int]:
    """Code points of every regular and bold file of a font family (its subsets together)."""
    points: set[int] = set()
    for path in (FONTS / font).glob("*.woff2"):
        points |= set(TTFont(str(path)).getBestCmap())
    return frozenset(points)


def page_text(html: str) -> str:
    """The text a reader sees in the page's own language: no scripts, styles, icons, or language
    names (each in its own language, with its own font: see the next test)."""
    html = re.sub(r"<(script|style|svg|title)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r'<(a|th)\b[^>]*campaign-langname[^>]*>[^<]*</\1>', " ", html)
    html = re.sub(r"<[^>]+>", " ", html)
    return htmllib.unescape(html)


def test_every_character_on_every_page_is_in_the_languages_fonts(built_site):
    config = built_site.config
    problems = []
    for lang in list(config.published_languages) + [config.language(PSEUDO)]:
        covered = frozenset().union(*(coverage(font) for font in lang.fonts))
        folder = built_site.path / config.url_prefix(lang)
        pages = [p for p in folder.rglob("index.html")
                 if lang.code == config.source_language
                 and not any(p.relative_to(folder).parts[0] == l.code for l in config.languages)
                 or lang.code != config.source_language]
        missing: set[str] = set()
        for page in pages:
            for ch in page_text(page.read_text(encoding="utf-8")):
                if ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc"):
                    continue  # joiners and bidi controls are not drawn
                if ord(ch) not in covered:
                    missing.add(ch)
        if missing:
            names = ", ".join(f"{ch} U+{ord(ch):04X} {unicodedata.name(ch, '?')}" for ch in sorted(missing))
            problems.append(f"{lang.code} ({', '.join(lang.fonts)}): {names}")
    assert not problems, "\n".join(problems)


def test_switcher_names_have_fonts_on_every_page(built_site):
    config = built_site.config
    css = (built_site.path / NAMES_CSS).read_text(encoding="utf-8")
    for lang in languages_needing_name_fonts(config):
        font = TTFont(str(built_site.path / NAMES_DIR / f"{lang.code}.woff2"))
        assert all(ord(ch) in font.getBestCmap() for ch in lang.name if not ch.isspace())
        assert f'.campaign-langname[lang="{lang.code}"]' in css
        assert (built_site.path / NAMES_DIR / f"{lang.code}.woff2").stat().st_size < 8000
    for lang in config.published_languages:
        for page in ("index.html", "translation-status/index.html"):
            html = (built_site.path / config.url_prefix(lang) / page).read_text(encoding="utf-8")
            assert "assets/fonts/language-names.css" in html
            names = re.findall(r'class="[^"]*campaign-langname[^"]*" lang="([^"]+)"', html) + \
                re.findall(r'lang="([^"]+)" dir="[a-z]+" class="[^"]*campaign-langname', html)
            assert set(names) >= {l.code for l in config.translated_languages}, (lang.code, page)


def test_each_page_loads_only_its_own_languages_fonts(built_site):
    config = built_site.config
    all_fonts = {font for lang in config.languages for font in lang.fonts}
    for lang in config.published_languages:
        html = (built_site.path / config.url_prefix(lang) / "get-help" / "index.html").read_text(encoding="utf-8")
        linked = set(re.findall(r'assets/fonts/([a-z0-9-]+)\.css"', html)) - {"language-names"}
        assert linked == set(lang.fonts), (lang.code, linked)
        assert not (all_fonts - set(lang.fonts)) & linked


def test_a_changed_language_name_needs_new_switcher_fonts(config):
    import dataclasses
    renamed = tuple(dataclasses.replace(l, name="বাংলা ভাষা") if l.code == "bn" else l
                    for l in config.languages)
    with pytest.raises(CampaignError) as err:
        check_name_fonts(config.with_overrides(languages=renamed))
    assert "campaign fonts" in err.value.format_message()
    check_name_fonts(config)  # the committed fonts match the committed names
