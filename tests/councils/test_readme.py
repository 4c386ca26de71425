"""The pack's texts: the README in English, and in Welsh (a draft, saying so) for a Welsh
council; the review state of each language."""

from __future__ import annotations

import dataclasses

from campaign.councils.model import load_council, registry_council
from campaign.councils.pack import Version
from campaign.councils.readme import language_states, readmes
from campaign.councils.registry import load_registry
from campaign.i18n.status import collect_status
from tests.councils.conftest import example


def _texts(config, council, codes):
    status = tuple(row.as_dict() for row in collect_status(config))
    return readmes(council, version=Version("0.1.0-abcdef0", "git commit abcdef0"), epoch=1767225600,
                   languages=language_states(config, codes, status),
                   services=[{"name": "Cardiff children's services", "phone": "020 7946 0777",
                              "hours": "9am to 5pm"}], pdf_count=25, images=False,
                   downloads=[{"code": "en", "name": "English", "folder": "site/downloads/"}])


def test_a_welsh_council_gets_a_welsh_readme_marked_as_a_draft(pack_config, write_council):
    data = example("york")
    data.update(name="Cardiff Council", slug="cardiff", ons_code="W06000015", nation="wales",
                languages=["cy", "en"], site_url="https://cardiff.example/talk/")
    data["contacts"]["web"] = []
    council = load_council(write_council(data), pack_config, load_registry(pack_config))
    texts = _texts(pack_config, council, council.languages)
    assert sorted(texts) == ["README.cy.md", "README.md"]
    welsh = " ".join(texts["README.cy.md"].replace(">", " ").split())
    assert "DRAFFT" in welsh and "has not been checked by a native speaker" in welsh
    assert "Cwricwlwm i Gymru" in welsh and "020 7946 0777" in welsh
    english = " ".join(texts["README.md"].split())
    assert "README.cy.md (drafft)" in english and "Curriculum for Wales" in english
    assert "`/talk/`" in english and "Sitemap: https://cardiff.example/talk/sitemap.xml" in english
    assert "Cymraeg (cy): 0 of" in english


def test_an_english_council_gets_one_readme_and_no_sample_warning_when_real(pack_config):
    entry = load_registry(pack_config).get("E06000017")
    council = registry_council(entry, pack_config)
    texts = _texts(pack_config, dataclasses.replace(council, languages=("en",)), ("en",))
    assert list(texts) == ["README.md"]
    assert "SAMPLE" not in texts["README.md"] and "English (en): the source language" in texts["README.md"]
