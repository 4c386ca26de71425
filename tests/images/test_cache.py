"""The images stage on a small project (one route, a small card and a small poster): the
content-hash cache (a no-change rebuild draws nothing; a corrupt entry is drawn again),
byte-identical files for the same inputs, clear errors for a broken source, and
`campaign images`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from campaign.cli import main
from campaign.errors import CampaignError
from campaign.images.render import CACHE_SUBDIR, MANIFEST, gather_images, render_images
from tests.conftest import inputs_for
from tests.print import poppler

CARD = """title: "Small card"
format: card
size: [600, 400]
dpi: 72
background: primary
panels:
  - {x: 380, y: 0, w: 220, h: 1.0, fill: white}
boxes:
  - {kind: logo, x: 20, y: 20, w: 60, h: 60}
  - {kind: headline, x: 20, y: 100, w: 340, h: 150, style: {max: 48, min: 20, weight: bold, colour: white}}
  - {kind: helplines, x: 20, y: 270, w: 340, h: 110, style: {max: 24, min: 10, colour: white}}
  - {kind: qr, x: 395, y: 100, w: 190, h: 190}
"""
POSTER = """title: "Small poster"
format: poster
size: [827, 1169]
dpi: 100
background: white
boxes:
  - {kind: logo, x: 40, y: 40, w: 80, h: 80}
  - {kind: headline, x: 40, y: 160, w: 747, h: 400, style: {max: 90, min: 30, weight: bold, colour: primary}}
  - {kind: lines, x: 40, y: 600, w: 747, h: 250, style: {max: 40, min: 14}}
  - {kind: helplines, x: 40, y: 900, w: 500, h: 230, style: {max: 32, min: 12}}
  - {kind: qr, x: 580, y: 900, w: 200, h: 200}
"""
ROUTE = """---
title: For children
page: children/index.md
---

# Your body belongs to you

- It is never your fault.
- You do not have to keep a bad secret.

Call {childline.name} on {childline.phone}. It is free.
"""


@pytest.fixture
def small(project_copy: Path) -> Path:
    """A project copy with one route and two small layouts (renders in a few seconds)."""
    for folder in ("posters", "layouts"):
        shutil.rmtree(project_copy / folder)
        (project_copy / folder).mkdir()
    (project_copy / "posters" / "children.md").write_text(ROUTE, encoding="utf-8")
    (project_copy / "layouts" / "small-card.yml").write_text(CARD, encoding="utf-8")
    (project_copy / "layouts" / "small-poster.yml").write_text(POSTER, encoding="utf-8")
    return project_copy


def test_a_rebuild_with_nothing_changed_draws_nothing(small):
    inputs = inputs_for(small, "en", "ur")
    first = gather_images(inputs, jobs=1)
    assert (first.rendered, first.reused) == (4, 0)
    assert len(first.files) == 6                      # 4 PNG, 2 PDF (the posters)
    again = gather_images(inputs, jobs=1)
    assert (again.rendered, again.reused) == (0, 4)
    assert [f.key for f in again.files] == [f.key for f in first.files]
    assert [s.key for s in again.sheets] == [s.key for s in first.sheets]


def test_a_changed_layout_draws_only_its_images(small):
    gather_images(inputs_for(small, "en"), jobs=1)
    card = small / "layouts" / "small-card.yml"
    card.write_text(card.read_text().replace("background: primary", 'background: "#1d4f91"'))
    after = gather_images(inputs_for(small, "en"), jobs=1)
    assert (after.rendered, after.reused) == (1, 1)


@pytest.mark.parametrize("damage", ["truncate-png", "garbage-json", "delete-pdf", "wrong-hash"])
def test_a_corrupt_cache_entry_is_drawn_again(small, damage):
    inputs = inputs_for(small, "en")
    first = gather_images(inputs, jobs=1, sheets=False)
    cache = small / "build" / "cache" / CACHE_SUBDIR
    png = next(f for f in first.files if f.layout == "small-poster" and f.type == "png")
    pdf = next(f for f in first.files if f.layout == "small-poster" and f.type == "pdf")
    if damage == "truncate-png":
        path = cache / f"{png.key}.png"
        path.write_bytes(path.read_bytes()[:100])
    elif damage == "garbage-json":
        (cache / f"{png.key}.json").write_text("{not json")
    elif damage == "delete-pdf":
        (cache / f"{pdf.key}.pdf").unlink()
    else:
        meta = cache / f"{png.key}.json"
        meta.write_text(json.dumps({**json.loads(meta.read_text()), "sha256": "0" * 64}))
    again = gather_images(inputs, jobs=1, sheets=False)
    assert (again.rendered, again.reused) == (1, 1)
    out = small / "out"
    render_images(inputs, out)
    assert poppler.info(out / "en" / pdf.file)["Pages"] == "1"
    assert (out / "en" / png.file).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_same_inputs_give_identical_files(small, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")   # 2026-01-01T00:00:00Z
    outputs = []
    for run in ("a", "b"):
        shutil.rmtree(small / "build", ignore_errors=True)    # a fresh cache: really drawn twice
        out = tmp_path / run
        result = render_images(inputs_for(small, "en", "ar"), out, jobs=2)
        assert result.rendered == 4
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 2 * (2 + 1 + 2 + 1) + 1   # per language: 2 PNG, 1 PDF, 2 TXT, 1 sheet; manifest
    meta = poppler.info(tmp_path / "a" / "en" / "children-small-poster-en.pdf")
    assert "2026" in meta["CreationDate"] and "(A4)" in meta["Page size"]


def test_a_poster_without_a_headline_or_a_page_is_refused(small):
    route = small / "posters" / "children.md"
    route.write_text(ROUTE.replace("# Your body belongs to you\n", ""), encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        gather_images(inputs_for(small, "en"), jobs=1)
    message = caught.value.format_message()
    assert message.startswith("posters/children.md: the poster has 0 headline(s)") and "fix: write the poster" in message
    route.write_text(ROUTE.replace("page: children/index.md", "page: kids/index.md"), encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        gather_images(inputs_for(small, "en"), jobs=1)
    assert "posters/children.md: page: kids/index.md is not a page of docs" in caught.value.format_message()


def test_campaign_images_writes_the_set_its_descriptions_and_manifest(small, monkeypatch):
    monkeypatch.chdir(small)
    result = CliRunner().invoke(main, ["images", "--locale", "cy", "--out", "imaged"])
    assert result.exit_code == 0, result.output
    assert "wrote 3 poster and card files (PNG, PDF) in 1 languages" in result.output
    manifest = json.loads((small / "imaged" / MANIFEST).read_text())
    names = sorted(f["file"] for f in manifest["files"])
    assert names == ["children-small-card-cy.png", "children-small-poster-cy.pdf", "children-small-poster-cy.png"]
    description = (small / "imaged" / "cy" / "children-small-card-cy.txt").read_text(encoding="utf-8")
    assert "0800 1111" in description and "Your body belongs to you" not in description   # in Welsh
    assert (small / "imaged" / "cy" / "contact-sheet-cy.png").is_file()
