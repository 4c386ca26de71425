"""The brand as data: colours checked against WCAG 2.2 AA for every use, errors naming the
setting, the pairing, the ratio and the nearest passing shade."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.brand import (PAIRINGS, Brand, contrast_problems, contrast_ratio, nearest_passing,
                            parse_brand)
from campaign.config import load_config
from tests.test_config import load_error, rewrite


def test_the_shipped_brand_passes_every_pairing(config):
    brand = config.brand
    assert brand is not None and brand.name == "Talk about it"
    assert contrast_problems(brand) == []
    for pairing in PAIRINGS:
        assert contrast_ratio(brand.colour(pairing.foreground),
                              brand.colour(pairing.background)) >= pairing.minimum


@pytest.mark.parametrize("colour, against, minimum", [
    ("#ffdd00", "#ffffff", 4.5), ("#7a86c8", "#ffffff", 4.5), ("#0000ff", "#ffffff", 3.0),
    ("#1d70b8", "#ffffff", 7.0), ("#111111", "#000000", 4.5)])
def test_the_nearest_passing_shade_passes_and_keeps_the_hue(colour, against, minimum):
    shade = nearest_passing(colour, against, minimum)
    assert contrast_ratio(shade, against) >= minimum


def test_a_pale_primary_is_refused_for_white_header_text_and_for_links():
    problems = contrast_problems(Brand(name="x", primary="#8fa8ff"))
    uses = [p.pairing.use for p in problems]
    assert uses == ["white header text on the primary colour", "links in the primary colour on white"]
    for problem in problems:
        assert contrast_ratio(problem.nearest, "#ffffff") >= 4.5
        assert problem.colour == "#8fa8ff" and f"{problem.ratio:.2f}:1" in problem.message()
        assert problem.nearest in problem.fix()


def test_config_refuses_a_failing_colour_naming_setting_pairing_ratio_and_shade(project_copy: Path):
    path = rewrite(project_copy, 'accent: "#1d70b8"', 'accent: "#ffdd00"')
    error = load_error(path)
    text = error.format_message()
    line = next(n for n, l in enumerate(path.read_text().splitlines(), 1) if "accent:" in l)
    assert f"campaign.yml:{line}: brand.accent #ffdd00: links in the accent colour" in text
    assert "has a contrast of 1.3" in text and "below the 4.5:1" in text
    shade = nearest_passing("#ffdd00", "#ffffff", 4.5)
    assert f"use {shade}, the nearest shade that passes" in text


@pytest.mark.parametrize("old, new, message", [
    ('primary: "#283593"', 'primary: "navy"', "brand.primary must be a colour written #rrggbb"),
    ('primary: "#283593"', 'primary: "#283593"\n  logo: missing.svg',
     "brand.logo 'missing.svg' does not exist"),
    ('primary: "#283593"', 'primary: "#283593"\n  colour: red', "unknown brand setting 'colour'"),
    ("latin: noto-sans,", "latin: comic-sans,", "brand.typefaces.latin: font 'comic-sans'"),
])
def test_brand_setting_problems_name_the_line_and_the_fix(project_copy, old, new, message):
    error = load_error(rewrite(project_copy, old, new))
    assert message in error.format_message()
    assert "campaign.yml:" in error.format_message() and "fix:" in error.format_message()


def test_a_logo_needs_alt_text_and_an_svg_or_png(tmp_path):
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    _, problems = parse_brand({"logo": "logo.gif", "logo_alt": "Talk"}, tmp_path, "fonts", "n",
                              lambda key: None)
    assert [m for m, _, _ in problems] == ["brand.logo 'logo.gif' must be an SVG or PNG file"]
    brand, problems = parse_brand({"logo": "logo.svg"}, tmp_path, "fonts", "n", lambda key: None)
    assert [m for m, _, _ in problems] == ["brand.logo has no alt text"] and brand.logo == "logo.svg"


def test_the_site_takes_its_colours_from_the_brand(built_site):
    html = (built_site.path / "index.html").read_text(encoding="utf-8")
    brand = built_site.config.brand
    assert f"--md-primary-fg-color:{brand.primary};" in html
    assert f"--md-accent-fg-color:{brand.accent};" in html
    assert 'data-md-color-primary="custom"' in html
    welsh = (built_site.path / "cy" / "index.html").read_text(encoding="utf-8")
    assert f"--md-primary-fg-color:{brand.primary};" in welsh


def test_a_council_brand_changes_the_site(config, tmp_path):
    from campaign.site.build import build_site
    council = config.with_overrides(brand=Brand(name="Council", primary="#005a30", accent="#1d70b8"))
    build_site(council, ["en"], tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "--md-primary-fg-color:#005a30;" in html and "#283593" not in html


def test_load_config_keeps_the_brand(project_copy):
    assert load_config(project_copy / "campaign.yml").brand.primary == "#283593"


def test_the_header_shows_the_brand_logo_in_every_language(built_site):
    brand = built_site.config.brand
    assert brand.logo and (built_site.config.root / brand.logo).is_file()
    for prefix, back in (("", ""), ("cy/", ""), ("ur/children/", "../"), ("children/", "../")):
        html = (built_site.path / prefix / "index.html").read_text(encoding="utf-8")
        assert f'<img src="{back}assets/brand/logo.svg" alt="">' in html, prefix
    logo = built_site.path / "assets" / "brand" / "logo.svg"
    assert logo.read_bytes() == (built_site.config.root / brand.logo).read_bytes()


def test_a_council_logo_replaces_the_campaigns(config, tmp_path):
    import dataclasses
    from campaign.site.build import build_site
    folder = tmp_path / "council"
    (folder / "brand").mkdir(parents=True)
    png = folder / "brand" / "crest.png"
    png.write_bytes(bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                                  "1f15c4890000000d49444154789c6360000002000001e221bc330000"
                                  "000049454e44ae426082"))
    council = config.with_overrides(brand=dataclasses.replace(config.brand, logo=str(png)))
    build_site(council, ["en"], tmp_path / "site")
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<img src="assets/brand/logo.png" alt="">' in html
    assert (tmp_path / "site" / "assets" / "brand" / "logo.png").read_bytes() == png.read_bytes()
    assert not (tmp_path / "site" / "assets" / "brand" / "logo.svg").exists()


def test_the_strapline_and_logo_text_are_translated_through_the_theme_catalog(config):
    from campaign.i18n.catalogs import read_catalog
    template = {m.id for m in read_catalog(config.root / "locales" / "theme.pot") if m.id}
    assert {config.brand.strapline, config.brand.logo_alt} <= template
    for lang in config.translated_languages:
        catalog = read_catalog(config.root / "locales" / lang.gettext_code / "LC_MESSAGES" / "theme.po")
        for text in (config.brand.strapline, config.brand.logo_alt):
            message = catalog.get(text)
            assert message and message.string and message.string != text and not message.fuzzy, (lang.code, text)
