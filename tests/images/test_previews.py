"""Page previews (og:image): one per page of the site in every language, from the session's images
run (every published language), inspected with Pillow and fontTools; then the stage on a small
project: the cache (a no-change run draws none), byte-identical files, the jobs that share a
language's pages among the cores, clear errors, and `campaign images`."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from PIL import Image

from campaign.cli import main
from campaign.errors import CampaignError
from campaign.i18n.language import lookup_for
from campaign.images.layouts import load_layouts
from campaign.images.previews import preview_file, preview_jobs
from campaign.images.render import CACHE_SUBDIR, MANIFEST, gather_images, render_images
from campaign.pipeline import load_inputs
from tests.conftest import PUBLISHED, ROOT, inputs_for

from . import pixels

PAGES = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
ALL_PAGES = sorted(PAGES + ["translation-status.md"])   # the plugin's page has a preview too
SCRIPTS = {"ur": "ARABIC", "ar": "ARABIC", "bn": "BENGALI", "pa": "GURMUKHI"}   # Unicode's names
PNG_CHUNKS = {b"IHDR", b"pHYs", b"IDAT", b"IEND"}


def previews_of(imaged, code: str) -> list:
    return [item for item in imaged.previews if item.lang == code]


def png_chunks(data: bytes) -> set[bytes]:
    chunks, at = set(), 8
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        chunks.add(data[at + 4:at + 8])
        at += 12 + length
    return chunks


def drawn_text(item, kind: str) -> str:
    box = next(box for box in item.boxes if box["kind"] == kind)
    return " ".join(line["text"] for line in box["lines"]).replace("\u2066", "").replace("\u2069", "")


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def in_script(text: str, script: str) -> bool:
    """Every letter and mark of ``text`` belongs to ``script`` (by its Unicode name)."""
    return all(script in unicodedata.name(char, "") for char in text
               if unicodedata.category(char)[0] in "LM")


@pytest.mark.parametrize("code", PUBLISHED)
def test_a_preview_for_every_page_1200_by_630_without_time(imaged, code):
    made = previews_of(imaged, code)
    assert sorted(item.route for item in made) == ALL_PAGES
    for item in made:
        path = imaged.out / code / item.file
        assert item.file == preview_file(item.route) and path.stat().st_size == item.size
        data = path.read_bytes()
        assert png_chunks(data) == PNG_CHUNKS, item.file           # no tIME, no text chunks
        with Image.open(path) as image:
            assert image.format == "PNG" and image.mode == "RGB"
            assert image.size == (item.width, item.height) == (1200, 630), item.file
    manifest = json.loads((imaged.out / MANIFEST).read_text(encoding="utf-8"))
    assert {p["file"] for p in manifest["previews"] if p["lang"] == code} == {item.file for item in made}


@pytest.fixture(scope="module")
def catalogs(session_config):
    """The published languages' catalogs, to look the English titles up independently."""
    return load_inputs(session_config, session_config.published_languages)


def english_title(page: str) -> str:
    """The page's English title (the home page: its '#' headline, since its title is the brand's
    name and the preview shows the headline instead)."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    if page == "index.md":
        return next(line[2:].split(" {")[0] for line in text.splitlines() if line.startswith("# "))
    return str(yaml.safe_load(text.split("---\n")[1])["title"])


@pytest.mark.parametrize("code", PUBLISHED)
def test_the_title_drawn_is_the_pages_own_in_its_language(imaged, catalogs, session_config, code):
    """The headline is the page's title as the language's catalog translates it (the home page's
    headline), the brand's name and the helplines are there, with their numbers."""
    lookup = lookup_for(catalogs, session_config.language(code))
    for item in previews_of(imaged, code):
        if item.route == "translation-status.md":
            continue                                              # a theme message: see the site test
        expected = lookup(english_title(item.route))[0]
        # lines may break after a hyphen as well as at a space: compare without the spaces
        assert squashed(drawn_text(item, "headline")) == squashed(expected), item.file
        if code != "en":
            assert expected != english_title(item.route), item.file   # every title is translated
        helplines = drawn_text(item, "helplines")
        assert "0800 1111" in helplines and "0808 800 5000" in helplines, item.file
        assert item.alt.splitlines()[1] == expected and "0800 1111" in item.alt


@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_titles_in_their_script_every_character_in_the_font_used(imaged, session_config, code):
    """Urdu, Arabic, Bengali and Punjabi titles are drawn in their script from the script's
    typeface, and every character of every run is in the font file it was drawn with. Negative
    controls: the same check fails for those runs against the Latin typeface's character map, and
    the English titles are not in the script."""
    typeface = session_config.language(code).fonts[0]
    cmaps = pixels.font_cmaps()
    latin = cmaps["noto-sans-latin-700-normal.woff2"]
    for item in previews_of(imaged, code):
        title = drawn_text(item, "headline")
        assert in_script(title, SCRIPTS[code]) and any(c.isalpha() for c in title), (item.file, title)
        headline = [box for box in item.boxes if box["kind"] == "headline"]
        for line in headline[0]["lines"]:
            for piece in line["pieces"]:
                if any(unicodedata.category(c)[0] == "L" for c in piece["text"]):
                    assert piece["font"].startswith(typeface), (item.file, piece)
        missing, pieces = pixels.missing_glyphs(item.file, item.boxes, cmaps)
        assert pieces >= 3 and not missing, sorted(missing)[:5]
        wrong, _ = pixels.missing_glyphs(item.file, headline, {name: latin for name in cmaps})
        assert wrong, item.file                                    # the check can fail
        if item.route != "translation-status.md":
            assert not in_script(english_title(item.route), SCRIPTS[code])


@pytest.mark.parametrize("code", PUBLISHED)
def test_text_contrast_on_the_previews_pixels(imaged, code):
    """The title (and every other text) against what is behind it, measured on the PNG: at least
    4.5:1 (WCAG 2.2 AA), in the colour the layout meant."""
    for item in previews_of(imaged, code):
        with Image.open(imaged.out / code / item.file) as image:
            pixels.check_text_contrast(image, item.file, item.boxes)


# The stage on a small project: the preview layout alone, no posters.

@pytest.fixture
def small(project_copy: Path) -> Path:
    """A project copy whose only layout is the preview (no posters: nothing else is drawn)."""
    shutil.rmtree(project_copy / "posters")
    (project_copy / "posters").mkdir()
    for layout in (project_copy / "layouts").glob("*.yml"):
        if layout.name != "preview.yml":
            layout.unlink()
    return project_copy


def test_a_no_change_run_draws_no_preview(small):
    inputs = inputs_for(small, "en", "ur")
    first = gather_images(inputs, jobs=2)
    assert (first.previews_rendered, first.previews_reused) == (2 * len(ALL_PAGES), 0)
    assert not first.files and not first.sheets
    again = gather_images(inputs, jobs=2)
    assert (again.previews_rendered, again.previews_reused) == (0, 2 * len(ALL_PAGES))
    assert [p.key for p in again.previews] == [p.key for p in first.previews]


def test_a_changed_title_draws_only_its_preview(small):
    gather_images(inputs_for(small, "en"), jobs=1)
    page = small / "docs" / "children" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title: For children", "title: For children under 11"),
                    encoding="utf-8")
    after = gather_images(inputs_for(small, "en"), jobs=1)
    assert (after.previews_rendered, after.previews_reused) == (1, len(ALL_PAGES) - 1)
    drawn = next(p for p in after.previews if p.route == "children/index.md")
    assert drawn.title == "For children under 11"


def test_a_corrupt_preview_is_drawn_again(small):
    inputs = inputs_for(small, "en")
    first = gather_images(inputs, jobs=1)
    (small / "build" / "cache" / CACHE_SUBDIR / f"{first.previews[0].key}.png").write_bytes(b"\x89PNG broken")
    again = gather_images(inputs, jobs=1)
    assert (again.previews_rendered, again.previews_reused) == (1, len(ALL_PAGES) - 1)


def test_same_inputs_give_identical_previews(small, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    outputs = []
    for run in ("a", "b"):
        shutil.rmtree(small / "build", ignore_errors=True)    # a fresh cache: really drawn twice
        out = tmp_path / run
        result = render_images(inputs_for(small, "en", "ar"), out, jobs=2)
        assert result.previews_rendered == 2 * len(ALL_PAGES)
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == 2 * len(ALL_PAGES) + 1            # the previews and the manifest
    assert Path("ar/previews/children/index.png") in outputs[0]


def test_a_languages_pages_are_shared_among_the_cores(small):
    """One language alone still uses every core: its pages go to as many jobs as there are
    workers, each page (and the status page) to exactly one."""
    inputs = inputs_for(small, "cy")
    config = inputs.config
    layout = load_layouts(config.root / config.layouts_dir, "layouts")[0]
    jobs = preview_jobs(inputs, inputs.languages, layout, small / "cache", "versions", 2)
    assert len(jobs) == 2 and all(job.lang.code == "cy" for job in jobs)
    shared = [page.rel for job in jobs for page in job.inputs.pages]
    assert sorted(shared) == PAGES and all(job.inputs.pages for job in jobs)
    assert [job.status_page for job in jobs] == [True, False]


def test_an_unknown_service_and_a_title_too_long_are_refused(small):
    layout = small / "layouts" / "preview.yml"
    text = layout.read_text(encoding="utf-8")
    layout.write_text(text.replace("services: [childline, nspcc]", "services: [childline, samaritans]"),
                      encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        gather_images(inputs_for(small, "en"), jobs=1)
    message = caught.value.format_message()
    assert message.startswith("layouts/preview.yml:11: unknown service 'samaritans'"), message
    assert "fix: name services with a phone number in the help data: " in message and "nspcc" in message
    layout.write_text(text, encoding="utf-8")
    page = small / "docs" / "privacy.md"
    long_title = " ".join(["Everything about how this site keeps what you read private"] * 8)
    page.write_text(page.read_text(encoding="utf-8").replace("title: ", f"title: {long_title} ", 1), encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        gather_images(inputs_for(small, "en"), jobs=1)
    message = caught.value.format_message()
    assert "en, page previews: layouts/preview.yml:" in message and "the headline text does not fit" in message
    assert "docs/privacy.md" in message


def test_campaign_images_writes_the_previews(small, monkeypatch):
    monkeypatch.chdir(small)
    result = CliRunner().invoke(main, ["images", "--locale", "cy", "--out", "imaged"])
    assert result.exit_code == 0, result.output
    assert f"wrote {len(ALL_PAGES)} page previews ({len(ALL_PAGES)} drawn, 0 unchanged)" in result.output
    for page in ALL_PAGES:
        with Image.open(small / "imaged" / "cy" / preview_file(page)) as image:
            assert image.size == (1200, 630)
