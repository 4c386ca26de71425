"""A council's contacts as content: services before the national ones, a page of their own, a
block in the print templates; nothing changes without a council."""

from __future__ import annotations

import pytest

from campaign.content.local import PAGE
from campaign.councils.contacts import council_config, markdown_text
from campaign.councils.model import load_council, registry_council
from campaign.councils.registry import load_registry
from campaign.i18n.language import translate_language
from campaign.pipeline import load_inputs, read_inputs
from campaign.print.html import document_html
from campaign.print.packs import pack_documents
from tests.councils.conftest import EXAMPLES, example


@pytest.fixture
def york(pack_config):
    return council_config(pack_config, load_council(EXAMPLES / "york.yml", pack_config))


def test_local_services_come_first_serving_every_audience_in_the_councils_nation(york):
    inputs = load_inputs(york, [york.language("en")])
    ids = [service.id for service in inputs.help.services]
    assert ids[:2] == ["local_front_door", "local_out_of_hours"]
    for audience in ("children", "faith", "deaf", "professionals"):
        box = inputs.help.help_box({"audience": [audience]}, york.nations)
        assert [service.id for service, _ in box][:2] == ["local_front_door", "local_out_of_hours"]
    front = inputs.help.get("local_front_door")
    assert front.nations == ("england",) and front.tel == "tel:+441134960601"
    assert front.phone == "0113 496 0601"


def test_the_contacts_page_is_added_in_the_councils_build_only(config, york):
    assert PAGE in {page.rel for page in load_inputs(york, [york.language("en")]).pages}
    campaign = read_inputs(config, [config.language("en")])
    assert PAGE not in {page.rel for page in campaign.pages}
    assert [s.id for s in campaign.help.services][0] == "emergency"


def test_the_contacts_page_names_numbers_by_placeholder_and_links_them(york):
    inputs = load_inputs(york, [york.language("en")])
    page = translate_language(inputs, york.language("en")).pages[PAGE].text
    assert "[0113 496 0601](tel:+441134960601)" in page
    assert "[0113 496 0602](tel:+441134960602)" in page
    assert "[101](tel:101)" in page and "[999](tel:999)" in page
    assert "(https://york.example/worried-about-a-child)" in page
    assert "# Local contacts: City of York Council" in page and "a child in York" in page


def test_a_council_without_a_file_adds_nothing(pack_config):
    entry = load_registry(pack_config).get("E06000017")          # Rutland
    council = registry_council(entry, pack_config)
    edition = council_config(pack_config, council)
    assert edition.local_contacts is None and not edition.sample
    assert edition.brand == pack_config.brand and edition.site_url == pack_config.site_url
    assert edition.nations == ("england",)
    assert council.languages == tuple(lang.code for lang in pack_config.published_languages)


def test_council_words_cannot_inject_markup_or_placeholders(pack_config, write_council):
    data = example("york")
    data["contacts"]["front_door"]["hours"] = "<script>x</script> {childline.phone} [a](b)"
    edition = council_config(pack_config, load_council(write_council(data), pack_config))
    page = edition.local_contacts.page
    assert "<script>" not in page and "{childline.phone}" not in page and "[a](b)" not in page
    assert markdown_text("9am_5pm") == "9am\\_5pm"


def _html(config, pack, part):
    lang = config.language("en")
    content = translate_language(load_inputs(config, [lang]), lang, site=False, print_set=True)
    [document] = [d for d in pack_documents(content, pack) if d.part == part]
    return document_html(config, content, document, 0)


@pytest.mark.parametrize("part", ["teacher-guide", "parent-letter", "pack"])
def test_teacher_guides_and_letters_print_the_local_contacts(york, part):
    html = _html(york, "ks2", part)
    assert html.count('class="local-contacts"') == (2 if part == "pack" else 1)
    assert 'href="tel:+441134960601"><bdi dir="ltr">0113 496 0601</bdi></a>' in html
    assert "York children&#39;s services front door" in html
    assert "https://york.example/safeguarding" in html


def test_lessons_and_posters_carry_no_contacts_block(york):
    for part in ("lessons", "poster"):
        assert 'class="local-contacts"' not in _html(york, "ks3", part)


def test_a_sample_is_marked_in_the_footer_and_on_the_first_page(york):
    html = _html(york, "ks1", "lessons")
    assert 'class="running-footer__sample">SAMPLE<' in html
    assert html.count('class="sample-banner"') == 1


def test_the_campaigns_print_html_has_no_council_parts(config):
    html = _html(config, "ks2", "pack")
    assert "local-contacts" not in html and "sample" not in html.lower()
