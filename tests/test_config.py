"""campaign.yml: validation (every problem at once, naming the file), overrides, round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.config import READABILITY_MEASURES, CampaignConfig, Language, load_config
from campaign.errors import CampaignError, ConfigError, MultipleErrors

CODES = ["en", "cy", "pl", "ro", "ur", "ar", "bn", "pa", "en-XA"]


def rewrite(project: Path, old: str, new: str) -> Path:
    path = project / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def load_error(path: Path) -> CampaignError:
    """The error load_config raises: a ConfigError, or MultipleErrors holding several (exit 1)."""
    with pytest.raises(CampaignError) as caught:
        load_config(path)
    error = caught.value
    assert error.exit_code == 1
    for problem in getattr(error, "problems", [error]):
        assert isinstance(problem, ConfigError) and problem.path == str(path)
    return error


def test_real_config_loads(config):
    assert [lang.code for lang in config.languages] == CODES
    assert config.site_url == "https://campaign.example.org/"
    assert config.source.code == "en"
    assert [lang.code for lang in config.translated_languages] == CODES[1:-1]
    assert config.language("ur").is_rtl and config.language("ur").fonts[0] == "noto-nastaliq-urdu"
    assert config.language("en-XA").pseudo and config.language("en-XA") not in config.published_languages
    assert config.language("en-XA").gettext_code == "en_XA"


def test_missing_site_name_and_bad_site_url_are_reported_together(project_copy):
    path = rewrite(project_copy, 'site_name: "Talk about it: child sexual abuse in the family"\n', "")
    rewrite(project_copy, 'site_url: "https://campaign.example.org/"',
            'site_url: "campaign.example.org"')
    error = load_error(path)
    assert isinstance(error, MultipleErrors) and len(error.problems) == 2
    text = error.format_message()
    assert f"{path}: missing setting 'site_name'" in text
    assert f"{path}: 'site_url' must be an http(s) address, not 'campaign.example.org'" in text
    assert "fix: add site_name" in text and "fix: write the full address with https://" in text


def test_unknown_font(project_copy):
    path = rewrite(project_copy, "{code: cy, name: Cymraeg, dir: ltr, script: latin,",
                   "{code: cy, name: Cymraeg, dir: ltr, fonts: [comic-sans],")
    error = load_error(path)
    assert error.path == str(path)
    assert "languages entry 2 (cy): font 'comic-sans' has no assets/fonts/comic-sans.css" in error.detail
    assert "self-hosted font" in error.fix


def test_duplicate_language(project_copy):
    path = rewrite(project_copy, "  - {code: ro,", "  - {code: cy, name: Cymraeg}\n  - {code: ro,")
    error = load_error(path)
    assert error.path == str(path)
    assert error.detail == "language 'cy' is listed twice"


def test_several_language_problems_are_all_reported(project_copy):
    path = rewrite(project_copy, "{code: pl, name: Polski, dir: ltr, script: latin,",
                   "{code: cy, name: Polski, dir: sideways, fonts: [nope],")
    error = load_error(path)
    assert isinstance(error, MultipleErrors)
    details = [p.detail for p in error.problems]
    assert "language 'cy' is listed twice" in details
    assert "languages entry 3 (cy): dir must be ltr or rtl" in details
    assert any("font 'nope'" in d for d in details)


def test_yaml_syntax_error_names_the_line(project_copy):
    path = project_copy / "campaign.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "  oops: this key is indented under nothing")      # becomes line 6
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = load_error(path)
    assert error.line == 6
    assert f"{path}:6: not valid YAML" in error.format_message()
    assert "indentation" in error.fix


def test_missing_paths_are_named(project_copy):
    path = rewrite(project_copy, "help_data: data/help.yml", "help_data: data/nope.yml")
    error = load_error(path)
    assert "'help_data' points to data/nope.yml, which does not exist" in error.detail


def test_missing_file_names_it_and_the_fix(tmp_path):
    error = load_error(tmp_path / "absent.yml")
    assert error.path == str(tmp_path / "absent.yml")
    assert "--config" in error.fix


def test_with_overrides_changes_only_a_copy(config):
    other = config.with_overrides(site_url="http://127.0.0.1:8000/", site_name="Council pack")
    assert (other.site_url, other.site_name) == ("http://127.0.0.1:8000/", "Council pack")
    assert config.site_url == "https://campaign.example.org/"
    assert other.languages == config.languages and other.root == config.root
    with pytest.raises(TypeError):
        config.with_overrides(no_such_setting=1)


def test_to_yaml_round_trip_from_another_folder(config, tmp_path):
    changed = config.with_overrides(site_url="http://127.0.0.1:9999/")
    elsewhere = tmp_path / "worker" / "campaign.yml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(changed.to_yaml(), encoding="utf-8")
    loaded = load_config(elsewhere)
    assert isinstance(loaded, CampaignConfig)
    assert loaded.root == config.root
    assert loaded.languages == config.languages
    assert loaded.site_url == "http://127.0.0.1:9999/"
    assert loaded == changed


def test_url_prefix(config):
    assert config.url_prefix(config.language("en")) == ""
    assert config.url_prefix(config.language("cy")) == "cy/"
    assert config.url_prefix(config.language("en-XA")) == "en-XA/"
    assert config.with_overrides(source_language="cy").url_prefix(config.language("en")) == "en/"


def test_unknown_language_names_the_known_codes(config):
    with pytest.raises(ConfigError) as caught:
        config.language("xx")
    assert caught.value.detail == "unknown language 'xx'"
    assert caught.value.fix.startswith("use one of: " + ", ".join(CODES))
    assert caught.value.path.endswith("campaign.yml")


def test_language_defaults():
    lang = Language("xx-YY", "Test")
    assert (lang.dir, lang.fonts, lang.pseudo, lang.is_rtl) == ("ltr", ("noto-sans",), False, False)
    assert lang.gettext_code == "xx_YY"


def test_nations_default_to_the_whole_uk_and_can_be_narrowed(config, project_copy):
    assert config.nations == ("england", "wales", "scotland", "northern-ireland")
    path = rewrite(project_copy, "nations: [england, wales, scotland, northern-ireland]", "nations: [wales]")
    assert load_config(path).nations == ("wales",)


@pytest.mark.parametrize("value", ["[cymru]", "[]", "wales"])
def test_bad_nations_name_the_file_and_the_choices(project_copy, value):
    path = rewrite(project_copy, "nations: [england, wales, scotland, northern-ireland]", f"nations: {value}")
    message = load_error(path).format_message()
    assert "'nations' must list some of england, wales, scotland, northern-ireland" in message
    assert "fix: e.g. nations: [wales]" in message


def test_featured_pages_must_exist(config, project_copy):
    assert config.language("ur").featured[0] == "communities/index.md"
    path = rewrite(project_copy, "     featured: [communities/help-in-your-language.md]}\n  - {code: pl",
                   "     featured: [communities/no-such-page.md]}\n  - {code: pl")
    message = load_error(path).format_message()
    assert "language 'cy' features 'communities/no-such-page.md', which is not a page in docs" in message


def test_nations_and_featured_survive_the_worker_round_trip(config, tmp_path):
    changed = config.with_overrides(nations=("england",))
    elsewhere = tmp_path / "campaign.yml"
    elsewhere.write_text(changed.to_yaml(), encoding="utf-8")
    assert load_config(elsewhere) == changed


# --- content-check settings: readability limits and the terminology file ---------------------

def config_line(path: Path, text: str) -> int:
    """The 1-based line of campaign.yml that contains ``text`` (exactly one)."""
    found = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def test_real_readability_limits(config):
    limits = {limit.pages: limit for limit in config.readability}
    assert list(limits) == ["children/*", "young-people/*", "boys/*", "easy-read/*"]
    assert {limit.measure for limit in limits.values()} == {"flesch_kincaid_grade"}
    assert (limits["children/*"].max, limits["children/*"].max_sentence_words) == (5, None)
    assert (limits["easy-read/*"].max, limits["easy-read/*"].max_sentence_words) == (5, 15)
    line = config_line(config.root / "campaign.yml", '"easy-read/*"')
    assert limits["easy-read/*"].where.endswith(f"campaign.yml:{line}")
    assert config.terminology == Path("data/terminology.yml")


def test_unknown_measure_names_the_line_and_the_allowed_measures(project_copy):
    path = rewrite(project_copy, '{pages: "boys/*", measure: flesch_kincaid_grade, max: 7}',
                   '{pages: "boys/*", measure: flesch_reading_ease, max: 7}')
    error = load_error(path)
    assert error.line == config_line(path, '"boys/*"')
    assert error.detail == "readability entry 3: unknown measure 'flesch_reading_ease'"
    assert error.fix == "use one of: " + ", ".join(READABILITY_MEASURES)
    assert f"{path}:{error.line}: readability entry 3: unknown measure" in error.format_message()


def test_a_glob_that_is_not_a_string_names_the_line(project_copy):
    path = rewrite(project_copy, '{pages: "children/*", measure: flesch_kincaid_grade, max: 5}',
                   '{pages: ["children/*", "kids/*"], measure: flesch_kincaid_grade, max: 5}')
    error = load_error(path)
    assert error.line == config_line(path, '"kids/*"')
    assert "readability entry 1: 'pages' must be a glob string such as \"children/*\"" in error.detail
    assert "one entry per glob" in error.fix


def test_every_readability_problem_is_reported_with_its_own_line(project_copy):
    path = rewrite(project_copy,
                   '  - {pages: "easy-read/*", measure: flesch_kincaid_grade, max: 5, max_sentence_words: 15}\n',
                   "  - pages: easy-read/*\n"
                   "    measure: smog_index\n"
                   "    max: five\n"
                   "    max_sentence_words: 0\n"
                   "    maximum: 5\n")
    error = load_error(path)
    assert isinstance(error, MultipleErrors)
    found = {p.detail: p.line for p in error.problems}
    assert found == {
        "readability entry 4: unknown key 'maximum'": config_line(path, "maximum: 5"),
        "readability entry 4: 'max' must be a positive number (a grade), not 'five'":
            config_line(path, "max: five"),
        "readability entry 4: 'max_sentence_words' must be a positive whole number, not 0":
            config_line(path, "max_sentence_words: 0"),
    }


def test_readability_must_be_a_list(project_copy):
    path = rewrite(project_copy, '  - {pages: "children/*", measure: flesch_kincaid_grade, max: 5}\n'
                                 '  - {pages: "young-people/*", measure: flesch_kincaid_grade, max: 7}\n'
                                 '  - {pages: "boys/*", measure: flesch_kincaid_grade, max: 7}\n'
                                 '  - {pages: "easy-read/*", measure: flesch_kincaid_grade, max: 5, '
                                 'max_sentence_words: 15}\n',
                   "  children/*: 5\n")
    error = load_error(path)
    assert error.detail == "'readability' must be a list of limits"
    assert error.line == config_line(path, "readability:")


def test_no_readability_setting_means_no_limits(project_copy):
    path = project_copy / "campaign.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[:text.index("readability:")], encoding="utf-8")
    assert load_config(path).readability == ()


def test_missing_terminology_file_is_named(project_copy):
    path = rewrite(project_copy, "terminology: data/terminology.yml", "terminology: data/words.yml")
    error = load_error(path)
    assert error.detail == "'terminology' points to data/words.yml, which does not exist"
    assert error.line == config_line(path, "terminology: data/words.yml")


def test_readability_limits_survive_the_worker_round_trip(config, tmp_path):
    elsewhere = tmp_path / "campaign.yml"
    elsewhere.write_text(config.to_yaml(), encoding="utf-8")
    loaded = load_config(elsewhere)
    assert loaded.readability == config.readability and loaded.terminology == config.terminology


# --- publish: drafts or reviewed translations ------------------------------------------------

def test_every_translated_language_says_it_publishes_drafts(config):
    """Today's truth, written out: every translation is a draft, and the site shows them."""
    path = config.root / "campaign.yml"
    for lang in config.translated_languages:
        assert lang.publish == "drafts" and lang.publishes_drafts
        assert lang.line == config_line(path, f"{{code: {lang.code}, ")
        assert "publish: drafts" in path.read_text(encoding="utf-8").splitlines()[lang.line - 1]
    assert Language("xx", "Test").publish == "drafts"      # the default


def test_publish_reviewed_is_read_and_survives_the_worker_round_trip(config, project_copy, tmp_path):
    path = rewrite(project_copy, "{code: ur, name: اردو, dir: rtl, script: urdu, publish: drafts,",
                   "{code: ur, name: اردو, dir: rtl, script: urdu, publish: reviewed,")
    loaded = load_config(path)
    assert loaded.language("ur").publish == "reviewed" and not loaded.language("ur").publishes_drafts
    assert loaded.language("cy").publish == "drafts"
    elsewhere = tmp_path / "worker" / "campaign.yml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(loaded.to_yaml(), encoding="utf-8")
    assert load_config(elsewhere).language("ur").publish == "reviewed"


@pytest.mark.parametrize("value", ["yes", "review", "[drafts]", "true"])
def test_a_bad_publish_value_names_the_file_line_language_and_allowed_values(project_copy, value):
    path = rewrite(project_copy, "{code: pl, name: Polski, dir: ltr, script: latin, publish: drafts,",
                   f"{{code: pl, name: Polski, dir: ltr, script: latin, publish: {value},")
    error = load_error(path)
    assert error.line == config_line(path, "{code: pl, ")
    message = error.format_message()
    assert f"{path}:{error.line}: languages entry 3 (pl): publish must be one of drafts, reviewed" in message
    assert "fix: publish: drafts shows draft translations" in message


# --- typefaces come from the brand -------------------------------------------------------------

def test_a_languages_fonts_are_the_brands_typefaces_for_its_script(config):
    """Each language names its script; its fonts are the brand's typeface for it, then the
    brand's Latin one (what the site, the PDFs and the images set its text in)."""
    typefaces = config.brand.typefaces
    assert config.language("ur").fonts == (typefaces["urdu"], typefaces["latin"], typefaces["symbols"])
    assert config.language("bn").fonts == (typefaces["bengali"], typefaces["latin"], typefaces["symbols"])
    assert config.language("cy").fonts == (typefaces["latin"], typefaces["symbols"])


def test_changing_the_brands_typeface_changes_every_language_of_that_script(project_copy):
    path = rewrite(project_copy, "arabic: noto-naskh-arabic, urdu: noto-nastaliq-urdu,",
                   "arabic: noto-naskh-arabic, urdu: noto-naskh-arabic,")
    assert load_config(path).language("ur").fonts == ("noto-naskh-arabic", "noto-sans",
                                                      "noto-sans-symbols-2")


def test_a_script_without_a_brand_typeface_is_refused_naming_the_fix(project_copy):
    path = rewrite(project_copy, "{code: bn, name: বাংলা, dir: ltr, script: bengali,",
                   "{code: bn, name: বাংলা, dir: ltr, script: tamil,")
    error = load_error(path)
    assert "no typeface for the script 'tamil'" in error.format_message()
    assert "brand.typefaces" in error.format_message()
    assert error.line == config_line(path, "{code: bn, ")
