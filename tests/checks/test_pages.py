"""Every image has alt text, in pages and in translations; every page names its audience."""

from __future__ import annotations

from campaign.checks.pages import check_pages
from campaign.content.help import AUDIENCES
from tests.checks.conftest import line_of, messages

ALLOWED = ", ".join(AUDIENCES)


def run(small):
    return check_pages(small.config, small.pages())


def test_images_without_alt_text_in_a_page(small):
    page = small.page("children/pictures.md", """\
        # Pictures

        ![A child talking to a teacher](talking.png)

        Some text ![](empty.png) and
        an inline <img src="tag.png"> tag.

        | Picture | Meaning |
        |---|---|
        | ![ ](cell.png) | blank alt |

        <div class="row">
          <p>An HTML block</p>
          <img src="block.png" alt="">
          <img src="described.png" alt="A helpline phone">
        </div>
        """)
    problems, _ = run(small)
    assert [(p.path, p.line, p.detail) for p in problems] == [
        ("docs/children/pictures.md", line_of(page, "empty.png"), "this image has no alt text"),
        ("docs/children/pictures.md", line_of(page, "tag.png"), "this image has no alt text"),
        ("docs/children/pictures.md", line_of(page, "cell.png"), "this image has no alt text"),
        ("docs/children/pictures.md", line_of(page, "block.png"), "this image has no alt text"),
    ]
    assert problems[0].fix == "describe what the image shows between the brackets: ![what it shows](empty.png)"
    assert problems[1].fix == ('describe what the image shows in its alt attribute: '
                               '<img src="tag.png" alt="what it shows">')


def test_a_translation_that_drops_alt_text(small):
    small.page("children/pictures.md", "# Pictures\n\n![A child talking to a teacher](talking.png)\n\n"
                                       "Look: ![A phone](phone.png) and call.\n")
    po = small.catalog("cy", '''
        #. image-alt
        #: docs/children/pictures.md:7
        msgid "A child talking to a teacher"
        msgstr " "

        #: docs/children/pictures.md:9
        msgid "Look: ![A phone](phone.png) and call."
        msgstr "Edrych: ![](phone.png) a ffonio."
        ''')
    problems, _ = run(small)
    assert messages(problems) == [
        f'locales/cy/LC_MESSAGES/content.po:{line_of(po, "msgstr " + chr(34) + " ")}: the translation '
        'leaves an image without alt text (the English alt text is "A child talking to a teacher")\n'
        "  fix: write the alt text's translation in the msgstr; it must not be blank",
        f'locales/cy/LC_MESSAGES/content.po:{line_of(po, "Edrych")}: the translation leaves an image '
        'without alt text (the English alt text is "A phone")\n'
        "  fix: translate the alt text too: describe what the image shows between the brackets: "
        "![what it shows](phone.png)",
    ]


def test_translations_that_keep_alt_text_and_ones_not_in_use_pass(small):
    small.page("index.md", "# Home\n\nLook: ![A phone](phone.png) and call.\n")
    small.catalog("cy", '''
        #: docs/index.md:7
        msgid "Look: ![A phone](phone.png) and call."
        msgstr "Edrych: ![Ffôn](phone.png) a ffonio."

        #, fuzzy
        msgid "Look: ![A phone](phone.png) and call now."
        msgstr "Edrych: ![](phone.png) a ffonio."

        #. image-alt
        msgid "A picture"
        msgstr ""
        ''')
    problems, notes = run(small)
    assert problems == []
    assert notes == ["pages: 1 pages and 1 catalogs: every image has alt text, every page names "
                     "its audience and has help for it, no figures on children's pages"]


def test_every_page_names_a_known_audience(small):
    none = small.page("about.md", "# About\n", audience=None)
    empty = small.page("empty.md", "# Empty\n", audience="[]")
    bare = small.page("bare.md", "# Bare\n", audience="children")
    typo = small.page("typo.md", "# Typo\n", audience="[children, kids]")
    small.page("good.md", "# Good\n", audience="[children, young-people]")
    (small.root / "docs" / "plain.md").write_text("# No front matter at all\n", encoding="utf-8")
    problems, _ = run(small)
    found = {p.path: (p.line, p.detail, p.fix) for p in problems}
    assert sorted(found) == ["docs/about.md", "docs/bare.md", "docs/empty.md", "docs/plain.md", "docs/typo.md"]
    missing = "the page does not say whom it is for (no 'audience' in its front matter)"
    assert found["docs/about.md"][:2] == (1, missing) and found["docs/plain.md"][:2] == (1, missing)
    assert found["docs/empty.md"][:2] == (line_of(empty, "audience"), missing)
    assert found["docs/bare.md"][:2] == (line_of(bare, "audience"), "'audience' must be a list of audiences, not 'children'")
    assert found["docs/bare.md"][2].startswith("write it in brackets, e.g. audience: [children]")
    assert found["docs/typo.md"] == (line_of(typo, "audience"), "unknown audience(s) kids", f"use only: {ALLOWED}")
    assert found["docs/about.md"][2] == ("add 'audience: [everyone]' (or other audiences) to the front "
                                         f"matter; allowed: {ALLOWED}")
    assert none.is_file()


def test_the_real_content_passes(config):
    from campaign.content.pages import read_pages
    pages, _ = read_pages(config)
    problems, _ = check_pages(config, pages)
    assert messages(problems) == []


def test_pages_for_children_state_no_figures(small):
    body = """\
        # For you

        You can call {childline.phone}. It is for people aged 11 to 18.

        About 1 in 13 adults were abused as children.

        Disabled children are 2.9 times more likely to be abused.

        At least 15% of girls are abused. Almost half of abuse happens at home.

        [Read this](https://example.org/report-2021-15%)
        """
    child = small.page("children/figures.md", body, audience="[children, disabled]")
    small.page("professionals/figures.md", body, audience="[professionals]")
    small.page("mixed/figures.md", body, audience="[young-people, parents]")
    found = [m for m in messages(run(small)[0]) if "states a figure" in m]
    assert found == [
        f'docs/children/figures.md:{line_of(child, "1 in 13")}: a page for children states a figure ("1 in 13")'
        "\n  fix: leave statistics to the pages for adults and professionals; tell children what "
        "they can do and who can help",
        f'docs/children/figures.md:{line_of(child, "2.9 times")}: a page for children states a '
        'figure ("2.9 times")\n  fix: leave statistics to the pages for adults and professionals; '
        "tell children what they can do and who can help",
        f'docs/children/figures.md:{line_of(child, "At least 15%")}: a page for children states a figure '
        '("15%")\n  fix: leave statistics to the pages for adults and professionals; tell children '
        "what they can do and who can help",
    ]


def test_a_page_whose_help_box_would_be_empty(small):
    from dataclasses import replace as replaced

    from campaign.checks.pages import check_help_box
    help_data = small.help()
    deaf_only = small.page("deaf.md", "# Deaf\n", audience="[deaf]")
    small.page("children/ok.md", "# OK\n", audience="[children]")
    pages = {p.rel: p for p in small.pages()}
    assert check_help_box(pages["children/ok.md"], help_data, ("england",)) == []
    assert check_help_box(pages["deaf.md"], help_data, ("england",)) == []
    # without any service for deaf people, a deaf-only page would have an empty help box
    hearing = replaced(help_data, services=tuple(s for s in help_data.services
                                                 if "deaf" not in s.audiences))
    found = messages(check_help_box(pages["deaf.md"], hearing, ("england", "wales")))
    assert found == [f"docs/deaf.md:{line_of(deaf_only, 'audience:')}: no service in help.yml "
                     "serves this page's audience (deaf) in england, wales: its help box would be "
                     "empty\n  fix: add an audience that a service serves (e.g. everyone), or add "
                     "the audience to a service's 'audiences' in the help data"]
