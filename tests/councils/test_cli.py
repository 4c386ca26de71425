"""`campaign pack` refuses bad input: a clear error naming the file, the line and the fix, exit
code 1, and no zip left behind."""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from campaign.cli import main
from campaign.config import load_config
from campaign.councils import logo as logo_module
from tests.conftest import ROOT
from tests.councils.conftest import example, line_of, png_bytes
from tests.councils.test_logo import HOSTILE_SVG, _png_header_claiming


def run_pack(council_file, out) -> tuple[int, str]:
    """`campaign pack` with the project's settings and a cache of the test's own (beside ``out``:
    a logo that passes its checks is stored there, not in the project)."""
    config_file = out.parent / "campaign.yml"
    if not config_file.exists():
        config_file.write_text(load_config(ROOT / "campaign.yml").with_overrides(
            cache_dir=out.parent / "cache").to_yaml(), encoding="utf-8")
    result = CliRunner().invoke(main, ["pack", str(council_file), "--out", str(out),
                                       "--config", str(config_file)])
    return result.exit_code, result.output


def assert_refused(council_file, out, *words: str, line_text: str | None = None) -> str:
    code, output = run_pack(council_file, out)
    assert code == 1, output
    assert f"{council_file}:" in output and "fix:" in output, output
    for word in words:
        assert word in output, (word, output)
    if line_text is not None:
        assert f"{council_file}:{line_of(council_file, line_text)}:" in output, output
    assert not out.exists() or not list(out.glob("*.zip")), "a refused pack left a zip"
    return output


def with_logo(write_council, name: str, data: bytes):
    council = example("york")
    council["brand"]["logo"] = name
    return write_council(council, logo=(name, data))


def test_a_corrupt_png_is_refused(write_council, tmp_path):
    good = png_bytes((16, 16))
    path = with_logo(write_council, "crest.png", good[:len(good) - 20])
    assert_refused(path, tmp_path / "out", "crest.png", "not a readable PNG",
                   "export the logo again", line_text="logo: crest.png")


def test_a_decompression_bomb_is_refused(write_council, tmp_path):
    path = with_logo(write_council, "bomb.png", _png_header_claiming(60_000, 60_000))
    assert_refused(path, tmp_path / "out", "bomb.png", "decompression bomb", line_text="logo: bomb.png")


@pytest.mark.parametrize("name", ["doctype", "entity", "external href", "use bomb", "script"])
def test_a_hostile_svg_is_refused(write_council, tmp_path, name):
    text, why = HOSTILE_SVG[name]
    path = with_logo(write_council, "crest.svg", text.encode())
    assert_refused(path, tmp_path / "out", "crest.svg", why, "Plain SVG", line_text="logo: crest.svg")


@pytest.mark.parametrize("route, why", [
    ("/nothing.png", "answered 404"),
    ("/page.png", "is text/html, not a PNG or SVG image"),
    ("/undeclared-huge.png", "larger than 1024 KiB"),
    ("/endless.png", "larger than 1024 KiB"),
    ("/silent.png", "did not answer within 0.5 s"),
])
def test_a_bad_logo_url_is_refused(write_council, tmp_path, logo_server, monkeypatch, route, why):
    monkeypatch.setattr(logo_module, "FETCH_TIMEOUT", 0.5)
    council = example("york")
    council["brand"]["logo"] = logo_server.url(route)
    path = write_council(council)
    assert_refused(path, tmp_path / "out", logo_server.url(route), why, line_text="logo: http")
    assert route in logo_server.hits


def test_an_invalid_phone_number_is_refused(write_council, tmp_path):
    council = example("york")
    council["contacts"]["out_of_hours"]["phone"] = "0113 496 06020"
    path = write_council(council)
    assert_refused(path, tmp_path / "out", "not a valid UK phone number", line_text="0113 496 06020")


def test_a_missing_required_field_is_refused(write_council, tmp_path):
    council = example("york")
    del council["contacts"]["out_of_hours"]
    path = write_council(council)
    assert_refused(path, tmp_path / "out", "missing contacts.out_of_hours", line_text="contacts:")


def test_an_unknown_language_is_refused(write_council, tmp_path):
    council = example("york")
    council["languages"] = ["en", "klingon"]
    path = write_council(council)
    assert_refused(path, tmp_path / "out", "unknown language 'klingon'", line_text="- klingon")


def test_a_malformed_colour_is_refused(write_council, tmp_path):
    council = example("york")
    council["brand"]["accent"] = "#12g456"
    path = write_council(council)
    assert_refused(path, tmp_path / "out", "brand.accent must be a colour", line_text="accent:")


def test_a_welsh_council_without_welsh_is_refused(write_council, tmp_path):
    council = example("york")
    council.update(name="Conwy County Borough Council", slug="conwy", ons_code="W06000003",
                   nation="wales", languages=["en", "pl"], site_url="https://conwy.example/")
    council["contacts"]["web"] = []
    path = write_council(council)
    assert_refused(path, tmp_path / "out", "cy is missing", line_text="languages:")


def test_a_site_url_that_is_not_https_is_refused(write_council, tmp_path):
    council = example("york")
    council["site_url"] = "http://york.example/"
    path = write_council(council)
    assert_refused(path, tmp_path / "out", "must be an https address", line_text="site_url:")


def test_a_file_with_several_problems_lists_them_all(write_council, tmp_path):
    council = example("york")
    council["site_url"] = "http://york.example/"
    council["languages"] = ["en", "klingon"]
    output = assert_refused(write_council(council), tmp_path / "out", "https", "klingon")
    assert output.count("fix:") == 2


def test_pack_needs_a_file_or_all(tmp_path):
    result = CliRunner().invoke(main, ["pack", "--config", str(ROOT / "campaign.yml")])
    assert result.exit_code == 2 and "give one COUNCIL_FILE, or --all" in result.output
