"""Terms to avoid: in pages, the help data and every translation, with file, line and the term
to use instead."""

from __future__ import annotations

import pytest

from campaign.checks.terminology import check_terminology, load_terminology
from campaign.errors import CampaignError
from tests.checks.conftest import line_of, messages
from tests.conftest import ROOT

CSAM_FIX = ('use "child sexual abuse material (CSAM)" or "indecent images of children" '
            '(source: Interpol "Appropriate terminology"; ECPAT / Luxembourg Guidelines (2016))')
BELIEVE_FIX = ('use "we believe you" or "you did the right thing" '
               "(source: disclosure guidance (school safeguarding guidance, KCSIE-based))")


def run(small):
    return check_terminology(small.config, small.pages(), small.help())


def test_a_term_in_a_page_in_the_help_data_and_in_a_translation_is_reported_together(small):
    page = small.page("about.md", "# About\n\nSharing child pornography is a crime.\n")
    help_yml = small.root / "data" / "help.yml"
    text = help_yml.read_text(encoding="utf-8")
    assert "For children and young people under 19." in text
    help_yml.write_text(text.replace("For children and young people under 19.",
                                     "For children and young people under 19. Report child pornography."),
                        encoding="utf-8")
    po = small.catalog("cy", '''
        #: docs/about.md:3
        msgid ""
        "Sharing indecent images of children "
        "is a crime."
        msgstr ""
        "Mae rhannu child pornography yn drosedd."
        ''')
    problems, _ = run(small)
    assert messages(problems) == [
        f'docs/about.md:{line_of(page, "child pornography")}: "child pornography" is a term to avoid\n  fix: {CSAM_FIX}',
        f'data/help.yml:{line_of(help_yml, "Report child pornography")}: "child pornography" is a '
        f"term to avoid\n  fix: {CSAM_FIX}",
        # the msgstr line, not the msgid's nor the continuation line holding the words
        f'locales/cy/LC_MESSAGES/content.po:{line_of(po, "Mae rhannu") - 1}: "child pornography" is '
        f"a term to avoid\n  fix: {CSAM_FIX}",
    ]


@pytest.mark.parametrize("written, found", [
    ("no child-porn here", "child-porn"),
    ("Child Prostitutes", "Child Prostitutes"),
    ("a KIDDY PORN site", "KIDDY PORN"),
    ("they had sex with him", "had sex with"),
    ("it was called an affair", "affair"),
    ("not affairs", "affairs"),
    ("childporn", "childporn"),
])
def test_matching_ignores_case_and_accepts_plurals_and_hyphens(small, written, found):
    small.page("about.md", f"# About\n\nSome text: {written}.\n")
    problems, _ = run(small)
    assert [p.detail for p in problems] == [f'"{found}" is a term to avoid']


def test_whole_words_only_and_relationship_is_not_checked(small):
    small.page("about.md", """\
        # Healthy relationships

        A healthy relationship is about respect. Pornography, prostitution and affairs of
        state are other words. Childporno and unaffair are not words we look for.
        """)
    problems, _ = run(small)
    assert [p.detail for p in problems] == ['"affairs" is a term to avoid']


def test_a_phrase_across_a_line_break_is_reported_at_its_first_line(small):
    page = small.page("about.md", "# About\n\nThis is what people used to call child\nporn online.\n")
    problems, _ = run(small)
    assert [(p.line, p.detail) for p in problems] == [(line_of(page, "call child"), '"child porn" is a term to avoid')]


def test_allegedly_is_flagged_on_childrens_pages_only(small):
    children = small.page("children/telling.md", "# Telling\n\nYou were allegedly hurt.\n")
    small.page("professionals/records.md", "# Records\n\nRecord what the child allegedly said, in their words.\n")
    small.page("young-people/telling.md", "# Telling\n\nSomeone allegedly hurt you.\n")
    problems, _ = run(small)
    assert messages(problems) == [
        f'docs/children/telling.md:{line_of(children, "allegedly")}: "allegedly" is a term to avoid '
        f"on pages matching 'children/*'\n  fix: {BELIEVE_FIX}"]


def test_allegedly_in_a_translation_follows_the_page_its_english_comes_from(small):
    small.page("children/telling.md", "# Telling\n\nWe believe you.\n")
    small.page("professionals/records.md", "# Records\n\nWrite it down.\n")
    po = small.catalog("cy", '''
        #: docs/children/telling.md:7
        msgid "We believe you."
        msgstr "Allegedly rydyn ni'n dy gredu di."

        #: docs/professionals/records.md:7
        msgid "Write it down."
        msgstr "Allegedly ysgrifennwch e."
        ''')
    problems, _ = run(small)
    assert [(p.path, p.line) for p in problems] == [
        ("locales/cy/LC_MESSAGES/content.po", line_of(po, "Allegedly rydyn"))]


def test_each_language_has_its_own_terms_as_well_as_the_english_ones(small):
    terminology = small.root / "data" / "terminology.yml"
    terminology.write_text(terminology.read_text(encoding="utf-8").replace(
        "translations: {}",
        'translations:\n  cy:\n    - {avoid: [pornograffi plant], use: [deunydd cam-drin plant yn '
        'rhywiol], source: "a test entry"}\n'), encoding="utf-8")
    entries = '''
        #: docs/about.md:3
        msgid "A message"
        msgstr "Pornograffi plant; child porn"
        '''
    cy = small.catalog("cy", entries)
    (small.root / "campaign.yml").write_text((small.root / "campaign.yml").read_text(encoding="utf-8")
                                             .replace("  - {code: cy, name: Cymraeg}\n",
                                                      "  - {code: cy, name: Cymraeg}\n  - {code: pl, name: Polski}\n"),
                                             encoding="utf-8")
    small.catalog("pl", entries)
    small.page("about.md", "# About\n\nPornograffi plant is Welsh.\n")
    problems, _ = run(small)
    found = sorted((p.path, p.detail) for p in problems)
    assert found == [
        ("locales/cy/LC_MESSAGES/content.po", '"Pornograffi plant" is a term to avoid'),
        ("locales/cy/LC_MESSAGES/content.po", '"child porn" is a term to avoid'),
        ("locales/pl/LC_MESSAGES/content.po", '"child porn" is a term to avoid'),
    ]
    welsh = next(p for p in problems if "Pornograffi" in p.detail)
    assert welsh.line == line_of(cy, 'msgstr "Pornograffi') and welsh.fix == 'use "deunydd cam-drin plant yn rhywiol" (source: a test entry)'


def test_terminology_file_problems_name_their_lines(small):
    path = small.root / "data" / "terminology.yml"
    path.write_text("terms:\n"
                    "  - avoid: [child porn]\n"
                    "    source: somewhere\n"
                    "  - {avoid: [allegedly], use: [we believe you], source: x, pages: [children/*]}\n"
                    "translations:\n"
                    "  xx: []\n", encoding="utf-8")
    problems, notes = run(small)
    assert notes == []
    assert [(p.path, p.line, p.detail) for p in problems[0].problems] == [
        ("data/terminology.yml", 2, "terms entry 1: 'use' must list what to write instead"),
        ("data/terminology.yml", 4, "terms entry 2: 'pages' must be a glob string such as "
                                    "\"children/*\", not ['children/*']"),
        ("data/terminology.yml", 6, "unknown language 'xx' under 'translations'"),
    ]
    assert "en, cy" in problems[0].problems[2].fix or "cy, en" in problems[0].problems[2].fix


def test_the_shipped_terminology_file(config):
    path = config.root / config.terminology
    terminology = load_terminology(path, "data/terminology.yml", {lang.code for lang in config.languages})
    avoid = {term.avoid: term for term in terminology.terms}
    assert set(avoid) == {"child pornography", "child porn", "kiddy porn", "child prostitution",
                          "child prostitute", "had sex with", "affair", "allegedly",
                          "2020 inspection", "2020 joint inspection", "2020 inspections",
                          "in 2020 a joint inspection"}
    assert "relationship" not in avoid and '"relationship"' in path.read_text(encoding="utf-8")
    assert avoid["child porn"].use == ("child sexual abuse material (CSAM)", "indecent images of children")
    assert avoid["child prostitute"].use == ("sexual exploitation of children",)
    assert avoid["affair"].use == ("sexual abuse", "rape", "abuse") and avoid["affair"].pages is None
    assert avoid["allegedly"].pages == "children/*"
    assert terminology.translations == {}


def test_the_real_content_uses_no_term_to_avoid(config):
    from campaign.content.help import load_help
    from campaign.content.pages import read_pages
    pages, _ = read_pages(config)
    problems, notes = check_terminology(config, pages, load_help(ROOT / "data" / "help.yml"))
    assert messages(problems) == []
    assert notes and notes[0].startswith(f"terminology: {len(pages)} pages, the help data and ")
    assert len(pages) >= 20


@pytest.mark.parametrize("written", [
    "What the 2020 inspection found.", "The 2020 joint inspection found gaps.",
    "In 2020 a joint inspection of services found gaps."])
def test_the_shipped_file_flags_a_misdated_inspection(small, written):
    """The inspections ran from September 2018 to May 2019; only their report is from 2020."""
    small.page("about.md", f"# About\n\n{written}\n")
    found = [m for m in messages(run(small)[0]) if m.startswith("docs/about.md:")]
    assert len(found) == 1 and "September 2018 to May 2019" in found[0], found


def test_a_broken_catalog_is_reported_not_skipped(small):
    small.catalog("cy", 'msgid "A"\nmsgstr "unterminated\n')
    problems, _ = run(small)
    assert [(p.path, "broken catalog" in p.detail) for p in problems] == [
        ("locales/cy/LC_MESSAGES/content.po", True)]
    assert isinstance(problems[0], CampaignError)
