"""data/help.yml: the only place a helpline number is written, and the placeholders that use it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from campaign.commands.check import run as check
from campaign.config import load_config
from campaign.content.help import AUDIENCES, NATIONS, expand_placeholders, load_help
from campaign.errors import CampaignError, ContentError
from campaign.i18n.translate import source_lookup, translate_page
from campaign.pipeline import load_inputs
from tests.conftest import ROOT

HELP = ROOT / "data" / "help.yml"


@pytest.fixture(scope="module")
def help_data():
    return load_help(HELP, "data/help.yml")


def id_line(path: Path, service_id: str, nth: int = 1) -> int:
    """The line of the nth ``- id: <service_id>`` in the file."""
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.fullmatch(rf"\s*- id: {re.escape(service_id)}\s*", line)]
    return found[nth - 1]


def test_real_help_data_loads(help_data):
    ids = [s.id for s in help_data.services]
    assert len(ids) == len(set(ids)) >= 5
    assert {"emergency", "childline", "nspcc", "meic"} <= set(ids)
    for service in help_data.services:
        assert service.source.strip(), service.id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", service.checked), service.id
        assert service.audiences and set(service.audiences) <= set(AUDIENCES)
        assert set(service.nations) <= set(NATIONS)
        for number in (service.phone, service.text):
            if number is not None:
                assert re.fullmatch(r"\d+( \d+)*", number), (service.id, number)
        assert service.lines["id"] == id_line(HELP, service.id)
    childline = help_data.get("childline")
    assert (childline.phone, childline.tel) == ("0800 1111", "tel:08001111")
    assert help_data.get("meic").sms == "sms:84001"
    assert help_data.get("nobody") is None


def test_for_page_filters_by_audience_and_nation(help_data):
    deaf = {s.id for s in help_data.for_page(["deaf"])}
    assert "emergency_sms" in deaf and "nspcc" not in deaf
    assert {s.id for s in help_data.for_page([])} == \
        {s.id for s in help_data.services if "everyone" in s.audiences}
    children = {s.id for s in help_data.for_page(["children"])}
    assert {"childline", "meic", "emergency"} <= children
    assert not {"nspcc", "stop_it_now", "police"} & children  # adult services stay off children's pages
    assert "meic" not in {s.id for s in help_data.for_page(["children"], ["england"])}
    assert "meic" in {s.id for s in help_data.for_page(["children"], ["wales"])}


@pytest.mark.parametrize("field, value, message", [
    ("online", "[chat, fax]", "unknown online ['fax']"),
    ("accessibility", "[minicom]", "unknown accessibility ['minicom']"),
    ("online", "chat", "online must be a list"),
    ("languages", "[Welsh]", "languages must be a list of language codes"),
    ("interpreters", "'yes'", "interpreters must be true or false"),
])
def test_bad_service_fields_name_the_line(tmp_path, field, value, message):
    text = HELP.read_text(encoding="utf-8").replace(
        "  - id: police\n", f"  - id: police\n    {field}: {value}\n", 1)
    path = tmp_path / "help.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_help(path, "data/help.yml")
    assert message in info.value.format_message()
    assert f"data/help.yml:{id_line(path, 'police')}:" in info.value.format_message()


def load_copy_error(project: Path) -> CampaignError:
    """What a command sees: the help data loaded through the build's own input stage."""
    config = load_config(project / "campaign.yml")
    with pytest.raises(CampaignError) as caught:
        load_inputs(config, [config.source])
    return caught.value


def edit_help(project: Path, old: str, new: str) -> Path:
    path = project / "data" / "help.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_letter_in_a_phone_number(project_copy):
    path = edit_help(project_copy, 'phone: "0808 800 5000"', 'phone: "0808 800 50O0"')
    error = load_copy_error(project_copy)
    assert (error.path, error.line) == ("data/help.yml", id_line(path, "nspcc"))
    assert error.format_message().startswith(
        f"data/help.yml:{error.line}: nspcc: phone '0808 800 50O0' must be digits in groups")
    assert "0800 1111" in error.fix


def test_duplicate_id(project_copy):
    path = edit_help(project_copy, "- id: police\n", "- id: childline\n")
    error = load_copy_error(project_copy)
    second = id_line(path, "childline", nth=2)
    assert second > id_line(path, "childline")
    assert f"data/help.yml:{second}: service id 'childline' is used twice" in error.format_message()


def test_unknown_audience(project_copy):
    path = edit_help(project_copy, "audiences: [everyone, children, young-people, boys, disabled, deaf, communities]\n",
                     "audiences: [children, teenagers]\n")
    error = load_copy_error(project_copy)
    assert (error.path, error.line) == ("data/help.yml", id_line(path, "meic"))
    assert "meic: unknown audiences ['teenagers']" in error.detail
    assert "young-people" in error.fix


def test_every_problem_is_reported_at_once(project_copy):
    edit_help(project_copy, 'phone: "0808 800 5000"', 'phone: "0808 800 50O0"')
    path = edit_help(project_copy, "audiences: [everyone, children, young-people, boys, disabled, deaf, communities]\n",
                     "audiences: [children, teenagers]\n")
    text = load_copy_error(project_copy).format_message()
    assert f"data/help.yml:{id_line(path, 'nspcc')}: nspcc: phone" in text
    assert f"data/help.yml:{id_line(path, 'meic')}: meic: unknown audiences" in text


def test_yaml_error_in_help_data_names_the_line(tmp_path):
    broken = tmp_path / "help.yml"
    broken.write_text("services:\n  - id: a\n    name: A\n\twho: x\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_help(broken)
    assert (caught.value.path, caught.value.line) == (str(broken), 4)
    assert "cannot read help data" in caught.value.detail


def test_expand_placeholders(help_data):
    text = expand_placeholders("Call {childline.phone} or text {meic.text}; {childline.name}.",
                               help_data, lambda: ("docs/x.md", 1))
    assert text == "Call [0800 1111](tel:08001111) or text [84001](sms:84001); Childline."
    assert expand_placeholders("no placeholder {here}", help_data, lambda: ("x", 1)) == \
        "no placeholder {here}"


@pytest.mark.parametrize("placeholder", ["{nobody.phone}", "{police.email}"])
def test_unknown_placeholder_names_page_and_line(help_data, placeholder):
    with pytest.raises(ContentError) as caught:
        expand_placeholders(f"Call {placeholder}.", help_data, lambda: ("docs/get-help.md", 12))
    error = caught.value
    assert (error.path, error.line) == ("docs/get-help.md", 12)
    assert error.detail == f"unknown placeholder {placeholder}"
    assert "childline" in error.fix and "help.yml" in error.fix


def test_unknown_placeholder_in_a_page_names_its_real_line(config, help_data):
    page = "---\ntitle: X\n---\n\n# Heading\n\nFirst paragraph.\n\nCall {nobody.phone} now.\n"
    with pytest.raises(ContentError) as caught:
        translate_page(page, "docs/x.md", config.source, config.source, source_lookup, help_data)
    assert caught.value.format_message().startswith("docs/x.md:9: unknown placeholder {nobody.phone}")


def test_campaign_check_names_the_page_and_line(project_copy):
    page = project_copy / "docs" / "get-help.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if "{emergency.phone}" in line)
    lines[number - 1] = lines[number - 1].replace("{emergency.phone}", "{nobody.phone}")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        check(load_config(project_copy / "campaign.yml"))
    assert f"docs/get-help.md:{number}: unknown placeholder {{nobody.phone}}" in \
        caught.value.format_message()


def test_page_nations_narrow_the_sites_own():
    from campaign.content.help import page_nations
    site = ("england", "wales")
    assert page_nations(site, None) == site
    assert page_nations(site, ["wales"]) == ("wales",)
    assert page_nations(site, ["scotland"]) == site      # none of the site's: the site's own
    assert page_nations(site, "wales") == site           # not a list: ignored
