"""Every image has alt text, in pages and in translations; every page names its audience; an Easy
Read page gives each idea its own picture."""

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
                     "its audience and has help for it, no figures on children's pages, one "
                     "picture per idea on Easy Read pages"]


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


# --- Easy Read: one picture per idea ------------------------------------------------------------

ONE_PICTURE_FIX = "give each idea its own picture (Easy Read: one picture per idea)"
# The "What sexual abuse is" list as it was: one "finger over the mouth" picture beside six
# different points, two of which it contradicts.
SECRET = "![A face with a finger over the mouth](../assets/easy-read/secret.svg)"
REUSED = f"""\
    # Easy Read

    ## What sexual abuse is {{#what-sexual-abuse-is}}

    - {SECRET} Someone might touch your private parts.
    - {SECRET} It can be a person in your family.
    - {SECRET} Sexual abuse is wrong.

    ## Help {{#help}}

    - ![A phone](../assets/easy-read/phone.svg) You can call {{childline.name}} on {{childline.phone}}.
    - ![A phone](./../assets/easy-read/phone.svg) You can call {{childline.name}} on
      {{childline.phone}}.
    - <img src="../assets/easy-read/phone.svg" alt="A phone"> It is free.
    - ![A moon and a sun](../assets/easy-read/day-and-night.svg) You can call in the day or at night.

    ![A phone](../assets/easy-read/phone.svg) A picture outside a list is not a point.
    """


def easy_read_page(small, rel: str, body: str, template: str | None = "easy-read.html"):
    return small.page(rel, body, audience="[children]" + (f"\ntemplate: {template}" if template else ""))


def test_an_easy_read_picture_beside_two_different_points(small):
    page = easy_read_page(small, "easy-read/index.md", REUSED)
    first = line_of(page, "touch your private parts")
    phone = [n for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
             if "phone.svg" in line]
    assert messages(run(small)[0]) == [
        f"docs/easy-read/index.md:{line_of(page, 'person in your family')}: the picture "
        f'../assets/easy-read/secret.svg is already used for "Someone might touch your private '
        f'parts." (line {first})\n  fix: {ONE_PICTURE_FIX}',
        f"docs/easy-read/index.md:{line_of(page, 'abuse is wrong')}: the picture "
        f'../assets/easy-read/secret.svg is already used for "Someone might touch your private '
        f'parts." (line {first})\n  fix: {ONE_PICTURE_FIX}',
        # the same picture beside the same words (here over two lines, written ./..) is one idea;
        # an <img> tag counts as well as Markdown
        f"docs/easy-read/index.md:{line_of(page, 'It is free')}: the picture "
        f'../assets/easy-read/phone.svg is already used for "You can call {{childline.name}} on '
        f'{{childline.phone}}." (line {phone[0]})\n  fix: {ONE_PICTURE_FIX}',
    ]


def test_one_picture_per_idea_is_only_for_easy_read_pages(small):
    easy_read_page(small, "children/pictures.md", REUSED, template=None)
    easy_read_page(small, "other.md", REUSED, template="main.html")
    easy_read_page(small, "easy-read/good.md", REUSED.replace(SECRET + " It can", "![A house with a "
                   "family in it](../assets/easy-read/family.svg) It can").replace(SECRET + " Sexual",
                   "![A hand held up](../assets/easy-read/stop.svg) Sexual").replace(
                   "<img src=\"../assets/easy-read/phone.svg\" alt=\"A phone\">",
                   "![A phone and a coin](../assets/easy-read/free.svg)"))
    assert messages(run(small)[0]) == []


def test_the_real_easy_read_pages_give_each_idea_its_own_picture(config):
    from campaign.checks.pages import EASY_READ_TEMPLATE, check_one_picture_per_idea
    from campaign.content.pages import read_pages
    pages, _ = read_pages(config)
    easy_read = [p for p in pages if p.front_matter.data.get("template") == EASY_READ_TEMPLATE]
    assert {p.rel for p in easy_read} >= {"easy-read/index.md", "easy-read/getting-help.md"}
    assert [m for p in easy_read for m in messages(check_one_picture_per_idea(p))] == []
