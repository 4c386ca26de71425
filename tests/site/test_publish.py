"""A language published with reviewed translations only (campaign.yml ``publish: reviewed``): its
build shows the reviewed translations, and every draft in English, marked as fallbacks are, in
page content, help data and interface strings alike."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from campaign.config import load_config
from campaign.site.build import build_site

REVIEWED = ["reviewed-by: Test Reviewer, 2026-11-25"]
_MARKUP = set("'\"<>&*[]{}`_\\|")


def edit_catalog(po: Path, edit) -> None:
    with open(po, "rb") as handle:
        catalog = read_po(handle)
    edit(catalog)
    with open(po, "wb") as handle:
        write_po(handle, catalog, width=0)


def plain_paragraphs(catalog: Catalog, page: str) -> list[Message]:
    """Translated paragraphs of one page whose English and translation are plain text (so the
    built HTML holds them as they are)."""
    return [m for m in catalog if m.id and m.string and not m.fuzzy
            and m.auto_comments == ["paragraph"] and m.locations[0][0] == page
            and not (_MARKUP & set(m.id + m.string)) and not re.search(r"\d", m.id)]


def link_text(html: str, css_class: str) -> str:
    match = re.search(rf'<a [^>]*class="{css_class}"[^>]*>([^<]*)', html)
    assert match, css_class
    return match.group(1).strip()


def test_publish_reviewed_shows_reviewed_translations_and_drafts_in_marked_english(project_copy, tmp_path):
    config_file = project_copy / "campaign.yml"
    text = config_file.read_text(encoding="utf-8")
    old = "{code: cy, name: Cymraeg, dir: ltr, script: latin, publish: drafts,"
    assert text.count(old) == 1
    config_file.write_text(text.replace(old, old.replace("drafts", "reviewed")), encoding="utf-8")
    chosen: dict[str, Message] = {}

    def review_content(catalog):
        reviewed, draft = plain_paragraphs(catalog, "docs/get-help.md")[:2]
        reviewed.user_comments = list(REVIEWED)              # one reviewed paragraph ...
        chosen.update(reviewed=reviewed, draft=draft)        # ... and one left a draft
        catalog.get("Emergency services").user_comments = list(REVIEWED)   # help data
        assert catalog.get("24 hours a day").string == "24 awr y dydd"      # stays a draft

    def review_theme(catalog):
        catalog.get("Exit this page").user_comments = list(REVIEWED)
        assert catalog.get("Get help now").string == "Cael help nawr"       # stays a draft

    locales = project_copy / "locales" / "cy" / "LC_MESSAGES"
    edit_catalog(locales / "content.po", review_content)
    edit_catalog(locales / "theme.po", review_theme)
    config = load_config(config_file)
    assert config.language("cy").publish == "reviewed"
    report = build_site(config, ["cy"], tmp_path / "site")
    html = (tmp_path / "site" / "cy" / "get-help" / "index.html").read_text(encoding="utf-8")

    reviewed, draft = chosen["reviewed"], chosen["draft"]
    assert reviewed.string in html and f'<span lang="en" dir="ltr">{reviewed.id}</span>' not in html
    assert f'<span lang="en" dir="ltr">{draft.id}</span>' in html and draft.string not in html
    assert "Gwasanaethau brys" in html                                   # reviewed help text
    assert '<span lang="en" dir="ltr">24 hours a day</span>' in html     # draft help text
    assert "24 awr y dydd" not in html
    assert link_text(html, "campaign-safety__exit") == "Gadael y dudalen hon"   # reviewed
    assert link_text(html, "campaign-safety__help") == "Get help now"           # draft
    assert "campaign-notice--fallback" in html and "campaign-notice--draft" not in html
    assert report.stats["cy"].draft == 0 and report.stats["cy"].reviewed >= 1
    # A page with no reviewed content still says that parts are in English.
    other = (tmp_path / "site" / "cy" / "privacy" / "index.html").read_text(encoding="utf-8")
    assert "campaign-notice--fallback" in other and "campaign-notice--draft" not in other
