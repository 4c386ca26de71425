"""A council's pack, end to end: York's example (English and Polish) made once per session by the
real command, then read back from its zip; reproducibility and atomicity in processes of their
own."""

from __future__ import annotations

import hashlib
from html import escape
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from campaign.councils.batch import UP_TO_DATE
from campaign.councils.model import load_council
from tests.conftest import ROOT
from tests.councils.conftest import EPOCH, EXAMPLES, source_date_epoch
from tests.print.poppler import qr_codes
from tests.print.poppler import run as poppler

pytestmark = pytest.mark.slow


SAMPLE_NOTE = "SAMPLE: an example council pack with made-up numbers. Do not publish, print or share it."


def theme_text(code: str, text: str) -> str:
    """An interface string as the language's theme catalog gives it (English if untranslated)."""
    if code == "en":
        return text
    from babel.messages.pofile import read_po
    with (ROOT / "locales" / code / "LC_MESSAGES" / "theme.po").open("rb") as po:
        entry = read_po(po).get(text)
    return entry.string if entry is not None and entry.string else text


PACKS = ("ks1", "ks2", "ks3", "ks4", "send")     # the lesson packs (packs/): their PDFs' names start so


def downloads(code: str) -> str:
    """A language's downloads folder in the zip (English, the source language, at the root)."""
    return f"site/{'' if code == 'en' else code + '/'}downloads/"


def html_pages(pack) -> dict[str, str]:
    return {name: data.decode("utf-8") for name, data in pack.files.items()
            if name.startswith("site/") and name.endswith(".html")}


def test_the_zip_holds_the_site_the_lesson_packs_and_the_texts(york_pack):
    names = set(york_pack.files)
    assert york_pack.zip.name.startswith("york-0.1.0-") and york_pack.zip.suffix == ".zip"
    for name in ("site/index.html", "site/pl/index.html", "site/local-contacts/index.html",
                 "site/pl/local-contacts/index.html", "site/sitemap.xml", "README.md",
                 "ALT-TEXT.md", "manifest.json"):
        assert name in names, name
    assert not any(n.startswith("print/") for n in names)
    for code in ("en", "pl"):     # lesson packs, posters and cards: in the site's downloads folder
        folder = downloads(code)
        packs = sorted(n for n in names if n.startswith(folder) and n.endswith(".pdf")
                       and n[len(folder):].split("-")[0] in PACKS)
        assert len(packs) == 25 and all(n.endswith(f"-{code}.pdf") for n in packs)
        drawn = [n for n in names if n.startswith(folder) and n.endswith((".png", ".pdf")) and n not in packs]
        assert len(drawn) >= 6 * 5 and all(n.endswith((f"-{code}.png", f"-{code}.pdf")) for n in drawn)
        # ... and only the contact sheet besides them: nothing is in the zip twice
        assert sorted(n for n in names if n.startswith("images/")
                      and f"/{code}/" in n) == [f"images/{code}/contact-sheet-{code}.png"]
    printed = [n for n in names if n.endswith(".pdf") or ("/downloads/" in n and n.endswith(".png"))]
    digests = [hashlib.sha256(york_pack.files[n]).hexdigest() for n in printed]
    assert len(set(digests)) == len(digests), "a PDF or a poster is stored twice"
    assert "README.cy.md" not in names
    assert not any(n.startswith("site/ur/") or n.startswith("site/cy/") for n in names)


def test_the_manifest_lists_every_file_with_its_size_and_hash(york_pack):
    manifest = json.loads(york_pack.text("manifest.json"))
    listed = {item["path"]: item for item in manifest["files"]}
    assert set(listed) == set(york_pack.files) - {"manifest.json"}
    for name, item in listed.items():
        data = york_pack.files[name]
        assert item["size"] == len(data) and item["sha256"] == hashlib.sha256(data).hexdigest()
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip()
    assert manifest["source_commit"] == head and manifest["version"].startswith(f"0.1.0-{head[:7]}")
    assert "git commit" in manifest["version_from"] and manifest["source_date_epoch"] == int(EPOCH)
    languages = {item["code"]: item["translation"] for item in manifest["languages"]}
    assert languages["en"] == {"state": "source"}
    assert languages["pl"]["state"] == "draft" and languages["pl"]["publish"] == "drafts"
    assert languages["pl"]["total"] > 1000 and languages["pl"]["reviewed"] == 0
    assert manifest["council"]["example"] is True and manifest["images"]["included"] is True


def test_every_help_box_lists_the_local_services_first(york_pack):
    boxes = 0
    for name, html in html_pages(york_pack).items():
        if 'id="campaign-help-title"' not in html:
            continue
        boxes += 1
        services = html.split('id="campaign-help-title"', 1)[1]
        first = services.index('data-service="local_front_door"')
        assert first < services.index('data-service="local_out_of_hours"') < services.index(
            'data-service="emergency"'), name
        assert 'href="tel:+441134960601"' in services, name
        link = services.split("<ul>", 1)[0]
        if name.endswith("local-contacts/index.html"):
            assert "local-contacts" not in link, name       # no link to the page itself
        else:
            assert "local-contacts/" in link, name          # the page is linked
    assert boxes >= 2 * 25


def test_every_page_says_sample(york_pack):
    pages = html_pages(york_pack)
    assert len(pages) > 50
    notes = {code: escape(theme_text(code, SAMPLE_NOTE), quote=False) for code in ("en", "pl")}
    for name, html in pages.items():
        if "<body" in html:
            code = "pl" if name.startswith("site/pl/") else "en"
            assert f'class="campaign-sample" role="note">{notes[code]}' in html, name


def test_the_site_is_built_for_the_councils_address_and_brand(york_pack):
    home = york_pack.text("site/index.html")
    assert '<link rel="canonical" href="https://york.example/">' in home
    assert "--md-primary-fg-color:#8b1538;" in home
    assert york_pack.files["site/assets/brand/logo.svg"] == (EXAMPLES / "logos" / "york.svg").read_bytes()
    assert "https://york.example/pl/" in york_pack.text("site/sitemap.xml")
    page = york_pack.text("site/local-contacts/index.html")
    assert 'href="tel:+441134960602"' in page and "https://york.example/safeguarding" in page


def _pdf(york_pack, tmp_path, name: str) -> Path:
    path = tmp_path / name.replace("/", "_")
    path.write_bytes(york_pack.files[name])
    return path


@pytest.mark.parametrize("part", ["teacher-guide", "parent-letter", "lesson-pack"])
@pytest.mark.parametrize("code", ["en", "pl"])
def test_teacher_guides_and_letters_print_the_local_contacts(york_pack, tmp_path, part, code):
    text = poppler("pdftotext", str(_pdf(york_pack, tmp_path, f"{downloads(code)}ks3-{part}-{code}.pdf")), "-")
    assert "0113 496 0601" in text and "0113 496 0602" in text
    assert theme_text(code, "Local contacts") in text


def test_every_page_of_every_pdf_says_sample(york_pack, tmp_path):
    pdfs = [name for name in york_pack.files if "/downloads/" in name and name.endswith(".pdf")
            and name.rsplit("/", 1)[1].split("-")[0] in PACKS]
    assert len(pdfs) == 50
    for name in pdfs:
        path = _pdf(york_pack, tmp_path, name)
        pages = poppler("pdftotext", "-layout", str(path), "-").split("\f")
        pages = [page for page in pages if page.strip()]
        code = name.removesuffix(".pdf").rsplit("-", 1)[1]
        assert pages and all(theme_text(code, "SAMPLE") in page for page in pages), name
        assert " ".join(theme_text(code, SAMPLE_NOTE).split()[:4]) in " ".join(pages[0].split()), name


@pytest.mark.parametrize("code", ["en", "pl"])
def test_posters_and_cards_carry_the_council_and_say_sample(york_pack, tmp_path, code):
    """Every poster and card: SAMPLE white on a black band over its top margin (read on the
    pixels), the council's front door in its text, a QR code to the council's own site, the
    council's colour as the background, and all of it in ALT-TEXT.md."""
    from PIL import Image
    from tests.images import pixels
    alt = york_pack.text("ALT-TEXT.md")
    prefix = "" if code == "en" else f"{code}/"
    sample = theme_text(code, "SAMPLE")         # Polish: WZÓR
    pngs = sorted(n for n in york_pack.files if n.startswith(downloads(code)) and n.endswith(".png"))
    assert pngs
    for name in pngs:
        path = tmp_path / name.rsplit("/", 1)[1]
        path.write_bytes(york_pack.files[name])
        with Image.open(path) as image:
            rgb = image.convert("RGB")
            band = next(y for y in range(rgb.height) if rgb.getpixel((2, y)) != (0, 0, 0))
            assert band >= 30, (name, band)          # a band, not a line
            colours = dict((colour, count) for count, colour in pixels.dominant_colours(rgb, (0, 0, rgb.width, band)))
            assert set(colours) == {"#000000", "#ffffff"}, (name, colours)
            assert pixels.hex_colour(rgb.getpixel((2, band + 2))) == "#8b1538", name   # York's colour
        assert f"## {name}" in alt, name
        block = alt.split(f"## {name}", 1)[1].split("\n## ", 1)[0]
        assert f"> {sample}" in block and "York children's services front door: 0113 496 0601" in block, name
        if "card-square" in name or "a4-poster" in name:
            route = name.rsplit("/", 1)[1].split("-")[0]
            found = qr_codes(path)
            assert len(found) == 1 and found[0].startswith(f"https://york.example/{prefix}"), (name, found)
            assert route in ("general", "children", "boys", "communities", "easy", "parents"), route


def test_page_previews_say_sample(york_pack, tmp_path):
    """Each page's preview (og:image) of a sample's site: the black SAMPLE band on top."""
    from PIL import Image
    previews = [n for n in york_pack.files if "/assets/previews/" in n and n.endswith(".png")]
    assert len(previews) >= 2 * 20
    for name in previews:
        path = tmp_path / "preview.png"
        path.write_bytes(york_pack.files[name])
        with Image.open(path) as image:
            rgb = image.convert("RGB")
            assert rgb.getpixel((2, 2)) == (0, 0, 0) and rgb.getpixel((2, 20)) == (0, 0, 0), name
            assert (255, 255, 255) in {colour for _, colour in rgb.crop((0, 0, rgb.width, 40)).getcolors(1 << 16)}, name


def test_the_readme_says_what_is_inside_and_how_to_host_and_print(york_pack):
    readme = york_pack.text("README.md")
    for words in ("## What is inside", "`site/`", "- English (en): `site/downloads/`",
                  "- Polski (pl): `site/pl/downloads/`", "## Putting the site on the web",
                  "https://york.example/", "## Printing the lesson packs", "0113 496 0601",
                  "SAMPLE", "Polski (pl): 0 of"):
        assert words in readme, words


def test_the_alt_text_file_gives_every_picture_its_text_in_each_language(york_pack):
    alt = york_pack.text("ALT-TEXT.md")
    assert "## The logo\n\n- en: City of York Council" in alt
    assert "## site/assets/easy-read/" in alt and "- pl: " in alt
    assert "site//" not in alt


def test_a_pack_whose_inputs_did_not_change_is_not_made_again(york_pack):
    from campaign.commands.pack import pack_file
    before = york_pack.zip.stat().st_mtime_ns
    with source_date_epoch(EPOCH):
        outcome = pack_file(york_pack.config, EXAMPLES / "york.yml", york_pack.out)
        assert outcome.state == UP_TO_DATE and york_pack.zip.stat().st_mtime_ns == before
        forced = pack_file(york_pack.config, EXAMPLES / "york.yml", york_pack.out, force=True)
    assert forced.state == "packed"
    with zipfile.ZipFile(york_pack.zip) as archive:
        assert {n: archive.read(n) for n in archive.namelist()} == york_pack.files


def _driver(*args: str, cwd: Path, umask: int = 0o022, tz: str = "UTC", wait: bool = True):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, TZ=tz, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "tests.councils.pack_driver", *args]
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: os.umask(umask))
    if not wait:
        return process
    out, err = process.communicate(timeout=900)
    assert process.returncode == 0, err
    return out


def test_two_builds_under_other_umask_time_zone_and_folder_give_the_same_zip(york_pack, tmp_path):
    """Each run builds the site again (a cache of its own); both use the session's rendered PDFs."""
    shared = york_pack.config.root / york_pack.config.cache_dir
    hashes = []
    for run, (umask, tz) in enumerate(((0o022, "UTC"), (0o077, "Pacific/Auckland"))):
        folder = tmp_path / f"run{run}"
        (folder / "cwd").mkdir(parents=True)
        _driver(str(EXAMPLES / "york.yml"), str(folder / "out"), str(folder / "cache"),
                "--shared-cache", str(shared), cwd=folder / "cwd", umask=umask, tz=tz)
        [zip_path] = (folder / "out").glob("york-*.zip")
        assert list((folder / "cache" / "councils" / "editions").iterdir())   # built, not reused
        hashes.append(hashlib.sha256(zip_path.read_bytes()).hexdigest())
    assert hashes[0] == hashes[1] == hashlib.sha256(york_pack.zip.read_bytes()).hexdigest()


def test_a_run_killed_midway_leaves_no_zip_and_the_next_run_finishes(york_pack, tmp_path):
    out = tmp_path / "out"
    cache = york_pack.config.root / york_pack.config.cache_dir   # the session's: site already built
    process = _driver(str(EXAMPLES / "york.yml"), str(out), str(cache), "--slow", "0.01",
                      cwd=tmp_path, wait=False)
    deadline = time.monotonic() + 300
    while not list(out.glob(".york-*.zip.*.tmp")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never started writing its zip"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert not list(out.glob("york-*.zip")), "a killed run left a zip where the final one goes"
    assert not list(out.glob("*.inputs"))
    assert list(out.glob(".york-*.zip.*.tmp"))          # its partial file, under a hidden name
    _driver(str(EXAMPLES / "york.yml"), str(out), str(cache), cwd=tmp_path)
    [done] = out.glob("york-*.zip")
    assert done.read_bytes() == york_pack.zip.read_bytes()
    assert not list(out.glob(".york-*.tmp"))            # the dead run's partial file is cleared
