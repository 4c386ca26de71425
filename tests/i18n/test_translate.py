"""Rebuilding pages per language: translations, English fallback, review state, placeholders."""

from __future__ import annotations

import pytest
import yaml

from campaign.config import Language
from campaign.content.help import load_help
from campaign.errors import ContentError
from campaign.i18n.catalogs import Entry, LanguageCatalog, State
from campaign.i18n.translate import (META_KEY, catalog_lookup, pseudo_lookup, published_catalog,
                                     translate_help, translate_page)
from tests.conftest import ROOT

EN = Language("en", "English")
UR = Language("ur", "Urdu", dir="rtl")
PAGE = "---\ntitle: Get help\n---\n\n# Get help\n\nCall {childline.phone} today.\n\nA second paragraph.\n"


@pytest.fixture(scope="module")
def help_data():
    return load_help(ROOT / "data" / "help.yml")


def catalog(entries):
    return LanguageCatalog("ur", None, {(None, k): Entry(v, state, 1) for k, (v, state) in entries.items()})


def meta(text):
    return yaml.safe_load(text.split("---")[1])[META_KEY]


def test_translated_page_uses_translations_and_fills_placeholders(help_data):
    cat = catalog({"Get help": ("مدد", State.REVIEWED), "Call {childline.phone} today.":
                   ("آج {childline.phone} پر کال کریں۔", State.DRAFT),
                   "A second paragraph.": ("دوسرا پیراگراف۔", State.DRAFT)})
    page = translate_page(PAGE, "docs/x.md", UR, EN, catalog_lookup(cat), help_data)
    assert "# مدد" in page.text and 'title: "مدد"' in page.text
    assert "آج [0800 1111](tel:08001111) پر کال کریں۔" in page.text
    assert meta(page.text) == {"messages": 4, "reviewed": 2, "draft": 2, "fallback": 0}


def test_untranslated_and_fuzzy_fall_back_to_marked_english(help_data):
    cat = catalog({"Get help": ("مدد", State.FUZZY)})
    page = translate_page(PAGE, "docs/x.md", UR, EN, catalog_lookup(cat), help_data)
    assert '# <span lang="en" dir="ltr">Get help</span>' in page.text
    assert '<span lang="en" dir="ltr">A second paragraph.</span>' in page.text
    assert meta(page.text)["fallback"] == 4


def test_source_language_is_never_marked_as_fallback(help_data):
    page = translate_page(PAGE, "docs/x.md", EN, EN, lambda m: (m, State.REVIEWED), help_data)
    assert "<span" not in page.text and "[0800 1111](tel:08001111)" in page.text


def test_unknown_placeholder_names_file_and_line(help_data):
    with pytest.raises(ContentError) as err:
        translate_page("# Hi\n\nCall {nobody.phone}.\n", "docs/x.md", EN, EN,
                       lambda m: (m, State.REVIEWED), help_data)
    assert "docs/x.md:3: unknown placeholder {nobody.phone}" in err.value.format_message()


def test_pseudo_locale_accents_pads_and_brackets_but_keeps_protected_text(help_data):
    page = translate_page("# Get help\n\nCall {childline.phone} or see [help](get-help.md).\n",
                          "docs/x.md", Language("en-XA", "Pseudo", pseudo=True), EN, pseudo_lookup, help_data)
    body = page.text.split("---", 2)[2]
    assert "Ĝéţ ĥéĺþ" in body and "\\[" in body and "·" in body
    assert "[0800 1111](tel:08001111)" in body and "](get-help.md)" in body


def test_help_texts_translate_with_fallback_marked(help_data):
    cat = catalog({"24 hours a day": ("دن رات", State.DRAFT)})
    items = {s["id"]: s for s in translate_help(help_data, UR, EN, catalog_lookup(cat))}
    assert items["childline"]["hours"] == "دن رات" and items["childline"]["hours_lang"] is None
    assert items["childline"]["who_lang"] == "en"
    assert items["childline"]["tel"] == "tel:08001111"


def test_service_names_follow_their_sentence(help_data):
    """A translated sentence gets the translated name; an English fallback keeps the English."""
    text = "---\ntitle: T\n---\n\nUse {relay_uk.name} now.\n\nOr {emergency.name} later.\n"
    cat = catalog({"Use {relay_uk.name} now.": ("ابھی {relay_uk.name} استعمال کریں۔", State.DRAFT),
                   "Relay UK (emergency, textphone)": ("Relay UK (ہنگامی، ٹیکسٹ فون)", State.DRAFT),
                   "Emergency services": ("ہنگامی خدمات", State.DRAFT)})
    page = translate_page(text, "docs/x.md", UR, EN, catalog_lookup(cat), help_data).text
    assert "ابھی Relay UK (ہنگامی، ٹیکسٹ فون) استعمال کریں۔" in page
    assert '<span lang="en" dir="ltr">Or Emergency services later.</span>' in page
    untranslated_name = catalog({"Use {relay_uk.name} now.": ("ابھی {relay_uk.name} استعمال کریں۔", State.DRAFT)})
    page = translate_page(text, "docs/x.md", UR, EN, catalog_lookup(untranslated_name), help_data).text
    assert "ابھی Relay UK (emergency, textphone) استعمال کریں۔" in page


UR_REVIEWED = Language("ur", "Urdu", dir="rtl", publish="reviewed")


def test_publish_reviewed_shows_reviewed_translations_and_draft_ones_in_marked_english(help_data):
    cat = catalog({"Get help": ("مدد", State.REVIEWED),
                   "A second paragraph.": ("دوسرا پیراگراف۔", State.DRAFT)})
    page = translate_page(PAGE, "docs/x.md", UR_REVIEWED, EN,
                          catalog_lookup(published_catalog(cat, UR_REVIEWED)), help_data)
    assert "# مدد" in page.text
    assert '<span lang="en" dir="ltr">A second paragraph.</span>' in page.text
    assert "دوسرا" not in page.text
    assert meta(page.text) == {"messages": 4, "reviewed": 2, "draft": 0, "fallback": 2}
    # publish: drafts (the default) shows the same catalog's draft, as before
    drafts = translate_page(PAGE, "docs/x.md", UR, EN, catalog_lookup(published_catalog(cat, UR)),
                            help_data)
    assert "دوسرا پیراگراف۔" in drafts.text and meta(drafts.text)["draft"] == 1


def test_publish_reviewed_help_texts_fall_back_unless_reviewed(help_data):
    cat = catalog({"24 hours a day": ("دن رات", State.DRAFT),
                   "Emergency services": ("ہنگامی خدمات", State.REVIEWED)})
    lookup = catalog_lookup(published_catalog(cat, UR_REVIEWED))
    items = {s["id"]: s for s in translate_help(help_data, UR_REVIEWED, EN, lookup)}
    assert (items["childline"]["hours"], items["childline"]["hours_lang"]) == ("24 hours a day", "en")
    assert (items["emergency"]["name"], items["emergency"]["name_lang"]) == ("ہنگامی خدمات", None)
    assert published_catalog(cat, UR_REVIEWED).lookup("24 hours a day") is None
    assert cat.lookup("24 hours a day").state is State.DRAFT      # the catalog itself is unchanged
