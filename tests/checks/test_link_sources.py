"""Finding the external addresses the site publishes, and where each is written (no network)."""

from __future__ import annotations

from pathlib import Path

from campaign.checks.link_sources import Place, gather_links, markdown_links
from campaign.config import load_config
from campaign.content.help import load_help
from tests.checks.conftest import quick_exit_line

PAGE = """---
title: "Links [x](https://front.example/)"
---
# Heading with [a link](https://a.example/h)

Text [a](https://a.example/x) and
`code
span` then ![img](http://b.example/i.png)
and <a href="https://c.example/?a=1&amp;b=2">c</a> <https://d.example/>

<div><a href='https://e.example/'>e</a>
<img src="https://f.example/f.png"></div>

!!! note "Title"
    Inside [g](https://g.example/page)

| a | b |
|---|---|
| [h](https://h.example/) | x |

    [in a code block](https://code.example/)

```
[in a fence](https://fence.example/)
```

[ref]: https://ref.example/
See [r][ref], [p]({childline.url}), {nspcc.url}, [mail](mailto:a@b.example),
[phone](tel:08001111), [page](get-help.md#x), [top](/privacy/) and [a](https://a.example/x).
"""


def test_every_kind_of_link_with_its_line() -> None:
    assert markdown_links(PAGE) == [
        ("https://a.example/h", 4),
        ("https://a.example/x", 6),
        ("http://b.example/i.png", 8),          # after a code span broken over two lines
        ("https://c.example/?a=1&b=2", 9),      # raw HTML, unescaped
        ("https://d.example/", 9),              # autolink
        ("https://e.example/", 11),             # HTML block
        ("https://f.example/f.png", 12),
        ("https://g.example/page", 15),         # inside an admonition
        ("https://h.example/", 19),             # table cell
        ("https://ref.example/", 28),           # a reference link: the line that uses it
        ("https://a.example/x", 29),
    ]


def test_placeholders_and_other_schemes_are_not_links() -> None:
    text = "Visit {childline.url} or [Childline]({childline.url}) or [x](https://x.example/{a.url}).\n"
    assert markdown_links(text) == []


def test_non_ascii_addresses_are_checked_as_published() -> None:
    assert markdown_links("[café](https://g.example/café)\n") == [("https://g.example/caf%C3%A9", 1)]


def test_the_real_project_help_data_and_quick_exit(config) -> None:
    """Gathering only reads files: the real project's addresses are listed, never requested."""
    places = gather_links(config)
    help_file = config.root / config.help_data
    data = load_help(help_file)
    for service in data.services:
        if service.url:
            assert Place("data/help.yml", service.lines["url"]) in places[service.url]
    exit_places = places[config.quick_exit_url]
    assert exit_places[-1].path == "campaign.yml"
    line = exit_places[-1].line
    assert line and config.quick_exit_url in (config.root / "campaign.yml").read_text(
        encoding="utf-8").splitlines()[line - 1]


def test_each_address_once_with_every_place(project_copy: Path) -> None:
    config = load_config(project_copy / "campaign.yml")
    url = config.quick_exit_url
    (project_copy / "docs/extra.md").write_text(f"# Extra\n\n[a]({url})\n\n<a href=\"{url}\">b</a>\n",
                                                encoding="utf-8")
    (project_copy / "docs/sub").mkdir()
    (project_copy / "docs/sub/deeper.md").write_text(f"[c]({url})\n", encoding="utf-8")
    places = gather_links(config)
    assert list(places).count(url) == 1
    assert places[url] == [Place("docs/extra.md", 3), Place("docs/extra.md", 5),
                           Place("docs/sub/deeper.md", 1), Place("campaign.yml", quick_exit_line(project_copy))]
