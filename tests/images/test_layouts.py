"""Layouts as data: the project's layouts load; a bad layout is refused naming the file, the line
and the fix, every problem of every file at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from campaign.errors import CampaignError
from campaign.images.layouts import load_layouts, read_layout
from tests.conftest import ROOT

GOOD = """title: "Test card"
format: card
size: [1080, 1080]
dpi: 72
background: primary
panels:
  - {x: 0, y: 0.6, w: 1.0, h: 0.4, fill: white}
boxes:
  - {kind: logo, x: 40, y: 40, w: 100, h: 100}
  - {kind: headline, x: 40, y: 200, w: 1000, h: 400,
     style: {max: 100, min: 40, weight: bold, colour: white}}
  - {kind: helplines, x: 40, y: 700, w: 700, h: 300, style: {max: 40, min: 20}}
  - {kind: qr, x: 800, y: 700, w: 250, h: 250}
"""


def problems_of(tmp_path: Path, text: str, name: str = "bad.yml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    layout, problems = read_layout(path, f"layouts/{name}")
    assert (layout is None) == bool(problems)
    return [p.format_message() for p in problems]


def test_the_projects_layouts_load():
    layouts = {layout.name: layout for layout in load_layouts(ROOT / "layouts", "layouts")}
    assert set(layouts) == {"a4-poster", "a3-poster", "card-square", "card-landscape", "card-story", "preview"}
    preview = layouts["preview"]
    assert (preview.format, preview.width, preview.height) == ("preview", 1200, 630)   # Open Graph's size
    assert preview.services == ("childline", "nspcc")
    assert preview.box("qr") is None and preview.box("lines") is None
    assert (layouts["a4-poster"].width, layouts["a4-poster"].height, layouts["a4-poster"].dpi) == (2480, 3508, 300)
    assert (layouts["a3-poster"].width, layouts["a3-poster"].height, layouts["a3-poster"].dpi) == (3508, 4961, 300)
    assert {name: (l.width, l.height) for name, l in layouts.items() if l.format == "card"} == {
        "card-square": (1080, 1080), "card-landscape": (1200, 675), "card-story": (1080, 1920)}


def test_a_good_layout_reads_with_fractions_as_pixels(tmp_path):
    assert problems_of(tmp_path, GOOD) == []
    layout, _ = read_layout(tmp_path / "bad.yml", "layouts/bad.yml")
    assert layout is not None
    assert layout.panels[0].rect.y == 648 and layout.panels[0].rect.h == 432
    assert layout.box("headline").style.max_size == 100


@pytest.mark.parametrize("change, line, words", [
    (("colour: white}}", "colour: whiteish}}"), 11, ["'whiteish' is not a colour", "#rrggbb"]),
    (("w: 1000, h: 400", "w: 1100, h: 400"), 10, ["does not lie inside the 1080 x 1080 px image", "x + w"]),
    (("{x: 0, y: 0.6,", "{x: 0, y: 1.6,"), 7, ["fraction outside 0.0 to 1.0", "whole number"]),
    (("max: 40, min: 20", "max: 20, min: 40"), 12, ["style.min 40 is larger than style.max 20", "at most max"]),
    (("kind: qr,", "kind: barcode,"), 13, ["unknown box kind 'barcode'", "use one of: headline"]),  # and no qr box
    (("style: {max: 40, min: 20}", "style: {max: 40, min: 20, font: serif}"), 12, ["unknown setting 'font'", "use only"]),
    (("x: 800, y: 700", "x: 600, y: 700"), 13, ["the qr box overlaps the helplines box", "move or shrink"]),
    (("format: card", "format: leaflet"), 2, ["format must be poster, card or preview", "format: poster"]),
])
def test_a_bad_layout_is_refused_naming_the_line_and_the_fix(tmp_path, change, line, words):
    old, new = change
    assert old in GOOD
    messages = problems_of(tmp_path, GOOD.replace(old, new))
    assert messages and all(m.startswith("layouts/bad.yml:") for m in messages), messages
    assert messages[0].startswith(f"layouts/bad.yml:{line}: "), messages[0]
    assert "fix:" in messages[0]
    for word in words:
        assert word in messages[0], messages[0]


def test_a_missing_box_and_a_small_qr_code_on_a_poster(tmp_path):
    text = GOOD.replace("format: card", "format: poster").replace("dpi: 72", "dpi: 300")
    text = "\n".join(l for l in text.splitlines() if "kind: logo" not in l) + "\n"
    messages = problems_of(tmp_path, text)
    assert any("has no logo box" in m and "fix: add a logo box" in m for m in messages), messages
    small = [m for m in messages if "too small to scan from a noticeboard" in m]
    assert small and small[0].startswith("layouts/bad.yml:12: ") and "at least 295 x 295 px at 300 dpi" in small[0]


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "one.yml").write_text(GOOD.replace("dpi: 72", "dpi: 7"), encoding="utf-8")
    (folder / "two.yml").write_text(GOOD.replace("background: primary", "background: [1, 2]")
                                    .replace("weight: bold", "weight: heavy"), encoding="utf-8")
    (folder / "three.yml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_layouts(folder, "layouts")
    message = caught.value.format_message()
    assert "layouts/one.yml:4: dpi must be a whole number from 36 to 1200" in message
    assert "layouts/two.yml:5: [1, 2] is not a colour" in message
    assert "layouts/two.yml:11: unknown weight 'heavy'" in message
    assert "layouts/three.yml:2: not valid YAML" in message
    assert message.count("fix:") == 4


PREVIEW = """title: "Page preview"
format: preview
size: [1200, 630]
dpi: 72
background: primary
services: [childline, nspcc]
boxes:
  - {kind: logo, x: 60, y: 50, w: 90, h: 90}
  - {kind: headline, x: 60, y: 170, w: 1080, h: 270, style: {max: 80, min: 30, colour: white}}
  - {kind: helplines, x: 60, y: 480, w: 1080, h: 120, style: {max: 40, min: 20, colour: white}}
"""


def test_a_preview_needs_no_qr_code_and_names_its_services(tmp_path):
    assert problems_of(tmp_path, PREVIEW) == []
    layout, _ = read_layout(tmp_path / "bad.yml", "layouts/bad.yml")
    assert layout is not None and layout.is_preview and layout.services == ("childline", "nspcc")
    assert layout.services_line == 6


@pytest.mark.parametrize("change, line, words", [
    (("services: [childline, nspcc]\n", ""), 1, ["services must be a list", "services: [childline, nspcc]"]),
    (("services: [childline, nspcc]", "services: [childline, childline]"), 6, ["services must be a list of 1 to 4 different"]),
    (("boxes:\n", "boxes:\n  - {kind: qr, x: 900, y: 20, w: 200, h: 200}\n"), 8, ["a preview has no qr box", "remove it"]),
    (("boxes:\n", "boxes:\n  - {kind: lines, x: 900, y: 20, w: 200, h: 100, style: {max: 20, min: 10}}\n"), 8,
     ["a preview has no lines box"]),
    (("  - {kind: logo, x: 60, y: 50, w: 90, h: 90}\n", ""), 7, ["the layout has no logo box", "every preview shows"]),
])
def test_a_bad_preview_layout_is_refused(tmp_path, change, line, words):
    old, new = change
    assert old in PREVIEW
    messages = problems_of(tmp_path, PREVIEW.replace(old, new))
    assert messages and messages[0].startswith(f"layouts/bad.yml:{line}: "), messages
    for word in words:
        assert word in messages[0], messages[0]


def test_services_belong_to_a_preview_and_one_preview_layout_at_most(tmp_path):
    messages = problems_of(tmp_path, GOOD.replace("dpi: 72", "dpi: 72\nservices: [childline]"))
    assert messages == ["layouts/bad.yml:5: only a preview names its services\n  fix: remove services: "
                        "(a poster's or card's helplines are in posters/<route>.md)"]
    folder = tmp_path / "layouts"
    folder.mkdir()
    (folder / "card.yml").write_text(GOOD, encoding="utf-8")
    (folder / "preview.yml").write_text(PREVIEW, encoding="utf-8")
    (folder / "preview-two.yml").write_text(PREVIEW, encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        load_layouts(folder, "layouts")
    assert "layouts/preview.yml:1: a second preview layout (the first is layouts/preview-two.yml)" in \
        caught.value.format_message()
