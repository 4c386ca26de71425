"""A council's file: one schema, every problem at once with its file, line and fix."""

from __future__ import annotations

import logging

import pytest

from campaign.brand import contrast_problems
from campaign.councils.model import load_council
from campaign.councils.registry import load_registry
from campaign.errors import CampaignError
from tests.councils.conftest import EXAMPLES, example, line_of


def problems_of(path, config):
    with pytest.raises(CampaignError) as caught:
        load_council(path, config, load_registry(config))
    error = caught.value
    return list(getattr(error, "problems", [error]))


def one_problem(path, config):
    found = problems_of(path, config)
    assert len(found) == 1, [p.format_message() for p in found]
    return found[0]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yml")), ids=lambda p: p.stem)
def test_every_example_loads(pack_config, path):
    council = load_council(path, pack_config, load_registry(pack_config))
    assert council.example and council.site_url.startswith("https://") and council.logo is not None
    assert council.brand.logo == str(council.logo.path) and council.logo.path.is_file()
    assert contrast_problems(council.brand) == []


def test_phone_numbers_are_shown_national_and_dialled_e164(pack_config):
    council = load_council(EXAMPLES / "york.yml", pack_config)
    phone = council.contacts.front_door.phone
    assert (phone.shown, phone.tel) == ("0113 496 0601", "tel:+441134960601")
    assert council.contacts.police is None          # 101 from the help data


def test_a_number_written_without_spaces_is_shown_in_the_national_format(pack_config, write_council):
    data = example("york")
    data["contacts"]["out_of_hours"]["phone"] = "+44 (0)20 79460999"
    council = load_council(write_council(data), pack_config)
    assert council.contacts.out_of_hours.phone.shown == "020 7946 0999"


def test_an_invalid_phone_number_names_its_line(pack_config, write_council):
    data = example("york")
    data["contacts"]["front_door"]["phone"] = "0113 496"
    path = write_council(data)
    error = one_problem(path, pack_config)
    assert error.line == [n for n, text in enumerate(path.read_text().splitlines(), 1)
                          if text.strip() == "phone: 0113 496"][0]
    assert "contacts.front_door.phone '0113 496': not a valid UK phone number" in error.detail
    assert "area code" in error.fix


def test_an_example_may_use_only_drama_numbers(pack_config, write_council):
    data = example("york")
    data["contacts"]["out_of_hours"]["phone"] = "0113 496 1234"     # valid, not for drama
    path = write_council(data)
    error = one_problem(path, pack_config)
    assert "Ofcom's numbers for drama" in error.detail and "020 7946 0000-0999" in error.fix
    assert error.line == line_of(path, "0113 496 1234")


def test_a_real_council_may_not_use_drama_numbers_or_example_addresses(pack_config, write_council):
    data = example("york")
    data["example"] = False
    messages = [p.format_message() for p in problems_of(write_council(data), pack_config)]
    assert sum("numbers for drama, which nobody answers" in m for m in messages) == 2
    assert any("site_url https://york.example/ is a reserved example address" in m for m in messages)


def test_a_missing_required_field_is_named_with_its_fix(pack_config, write_council):
    data = example("york")
    del data["contacts"]["front_door"]["hours"]
    del data["slug"]
    path = write_council(data)
    messages = {p.detail: p for p in problems_of(path, pack_config)}
    assert messages["missing setting 'slug'"].fix.startswith("add slug:")
    hours = messages["missing contacts.front_door.hours"]
    assert hours.line == line_of(path, "front_door:") and "say when it answers" in hours.fix


def test_an_unknown_language_names_its_line_and_the_known_ones(pack_config, write_council):
    data = example("york")
    data["languages"] = ["en", "fr"]
    path = write_council(data)
    error = one_problem(path, pack_config)
    assert error.detail == "unknown language 'fr'"
    assert error.line == line_of(path, "- fr")
    assert "en, cy, pl" in error.fix


def test_a_malformed_colour_is_refused(pack_config, write_council):
    data = example("york")
    data["brand"]["primary"] = "crimson"
    path = write_council(data)
    error = one_problem(path, pack_config)
    assert error.detail == "brand.primary must be a colour written #rrggbb, not 'crimson'"
    assert error.line == line_of(path, "primary: crimson") and "#1d70b8" in error.fix


def test_a_welsh_council_must_publish_in_welsh(pack_config, write_council):
    data = example("york")
    data.update(name="Cardiff Council", slug="cardiff", ons_code="W06000015", nation="wales",
                languages=["en"], site_url="https://cardiff.example/")
    data["contacts"]["web"] = []
    path = write_council(data)
    error = one_problem(path, pack_config)
    assert "must be in Welsh and English: cy is missing" in error.detail
    assert error.line == line_of(path, "languages:") and "[cy, en]" in error.fix
    data["languages"] = ["cy", "en"]
    council = load_council(write_council(data), pack_config, load_registry(pack_config))
    assert council.languages == ("en", "cy") and council.nation == "wales"


def test_the_site_url_must_be_https(pack_config, write_council):
    data = example("york")
    data["site_url"] = "http://york.example/"
    path = write_council(data)
    error = one_problem(path, pack_config)
    assert error.detail == "site_url must be an https address, not 'http://york.example/'"
    assert error.line == line_of(path, "site_url:")


def test_a_nation_that_does_not_match_the_registry_is_refused(pack_config, write_council):
    data = example("york")
    data["nation"] = "wales"
    data["languages"] = ["en", "cy"]
    error = one_problem(write_council(data), pack_config)
    assert "City of York" not in error.detail and "York (E06000014), which is in England" in error.detail


def test_every_problem_is_reported_at_once(pack_config, write_council):
    data = example("york")
    data["site_url"] = "ftp://york.example/"
    data["languages"] = ["en", "xx"]
    data["brand"]["accent"] = "#12345"
    data["contacts"]["front_door"]["phone"] = "12"
    data["colour"] = "red"
    path = write_council(data)
    found = problems_of(path, pack_config)
    assert len(found) == 5
    assert all(p.path == str(path) and p.line and p.fix for p in found), [p.format_message() for p in found]
    assert found[0].detail == "unknown setting 'colour'"


def test_a_failing_colour_is_replaced_by_the_nearest_passing_shade_with_a_warning(
        pack_config, write_council, caplog):
    data = example("york")
    data["brand"]["accent"] = "#ffdd00"
    path = write_council(data)
    with caplog.at_level(logging.WARNING, logger="campaign"):
        council = load_council(path, pack_config)
    assert council.brand.accent == "#897600" and contrast_problems(council.brand) == []
    [record] = [r for r in caplog.records if r.levelno == logging.WARNING]
    message = record.getMessage()
    assert message.startswith(f"{path}:{line_of(path, 'accent:')}: brand.accent #ffdd00:")
    assert "using #897600 instead" in message
    assert council.warnings == (message,)


def test_the_campaigns_own_brand_still_refuses_a_failing_colour(project_copy):
    from campaign.config import load_config
    path = project_copy / "campaign.yml"
    path.write_text(path.read_text().replace('accent: "#1d70b8"', 'accent: "#ffdd00"'))
    with pytest.raises(CampaignError, match="nearest shade that passes"):
        load_config(path)


def test_a_council_file_that_is_not_yaml_names_its_line(pack_config, write_council):
    path = write_council(text="name: York\nslug: [york\n")
    with pytest.raises(CampaignError) as caught:
        load_council(path, pack_config)
    assert caught.value.line == 3 and "not valid YAML" in caught.value.detail
