"""Splitting pages into messages, and rebuilding them."""

from __future__ import annotations

import re

import markdown
import pytest
import yaml

from campaign.i18n.markdown import line_at, rebuild_markdown, segment_markdown
from tests.conftest import ROOT

PAGE = """---
title: Hello world
description: A short page
audience: [children]
---

# A heading {#top}

First paragraph with *emphasis*, a [link](https://example.org "Link title")
and `inline code`.

- first item
- second item
  that wraps

!!! note "Remember this"
    Inside the note.

| Service | Number |
|---------|--------|
| Helpline | {childline.phone} |

![A drawing of a helpline](picture.png)

```
code stays: do not translate
```

<!-- a comment for editors -->
<div class="raw">raw html block</div>
"""


def messages(text):
    return [(s.lineno, s.kind, s.text) for s in segment_markdown(text) if s.translatable]


def test_each_block_is_one_message_with_its_line():
    assert messages(PAGE) == [
        (2, "front-matter", "Hello world"),
        (3, "front-matter", "A short page"),
        (7, "heading", "A heading"),
        (9, "paragraph", 'First paragraph with *emphasis*, a [link](https://example.org "Link title") '
                         "and `inline code`."),
        (12, "paragraph", "first item"),
        (13, "paragraph", "second item that wraps"),
        (16, "admonition-title", "Remember this"),
        (17, "paragraph", "Inside the note."),
        (19, "cell", "Service"),
        (19, "cell", "Number"),
        (21, "cell", "Helpline"),
        (23, "image-alt", "A drawing of a helpline"),
    ]


def test_code_comments_html_keys_and_lone_placeholders_are_not_messages():
    texts = " ".join(text for _, _, text in messages(PAGE))
    for never in ("code stays", "a comment for editors", "raw html block", "audience", "children",
                  "{childline.phone}"):
        assert never not in texts


def test_rebuild_replaces_only_message_spans():
    segments = segment_markdown(PAGE)
    out = rebuild_markdown(PAGE, segments, lambda s: s.text.upper() if s.translatable else None)
    assert "# A HEADING {#top}" in out
    assert "- SECOND ITEM THAT WRAPS" in out
    assert '!!! note "REMEMBER THIS"' in out
    assert "    INSIDE THE NOTE." in out
    assert "| HELPLINE | {childline.phone} |" in out
    assert "![A DRAWING OF A HELPLINE](picture.png)" in out
    assert "code stays: do not translate" in out and "<!-- a comment for editors -->" in out
    assert yaml.safe_load(out.split("---")[1])["title"] == "HELLO WORLD"


def _html(text: str) -> str:
    """HTML of a page body; runs of whitespace count as one (a joined soft line break)."""
    body = text.split("---", 2)[2] if text.startswith("---") else text
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    extensions = [next(iter(e)) if isinstance(e, dict) else e for e in config["markdown_extensions"]]
    return re.sub(r"\s+", " ", markdown.markdown(body, extensions=extensions))


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")) + ["<sample>"])
def test_identity_translation_round_trips_to_the_same_html(page):
    text = PAGE if page == "<sample>" else (ROOT / "docs" / page).read_text()
    segments = segment_markdown(text)
    rebuilt = rebuild_markdown(text, segments, lambda s: s.text)
    assert _html(rebuilt) == _html(text)
    assert yaml.safe_load(rebuilt.split("---")[1]) == yaml.safe_load(text.split("---")[1])


def test_quotes_in_translated_admonition_title_do_not_break_it():
    text = '!!! note "Title"\n    Body.\n'
    out = rebuild_markdown(text, segment_markdown(text), lambda s: 'Say "hi"' if s.kind == "admonition-title" else None)
    assert '"Say \u201dhi\u201d"' in out and "Body." in out


def test_line_at_maps_an_offset_in_a_wrapped_paragraph_to_its_source_line():
    text = "# Title\n\nFirst line of a paragraph\n  that wraps here\nand ends here.\n"
    lines = text.split("\n")
    paragraph = next(s for s in segment_markdown(text) if s.kind == "paragraph")
    assert paragraph.text == "First line of a paragraph that wraps here and ends here."
    assert line_at(paragraph, lines, 0) == 3
    assert line_at(paragraph, lines, paragraph.text.index("wraps")) == 4
    assert line_at(paragraph, lines, paragraph.text.index("ends")) == 5
    assert line_at(paragraph, lines, len(paragraph.text) + 10) == 5
