"""The print stage on a small pack: the content-hash cache (no-change rebuild renders nothing;
a corrupt or stale cache entry is rendered again), byte-identical PDFs for the same inputs and
SOURCE_DATE_EPOCH, a long text that paginates without losing a word, clear errors for a broken
pack, and `campaign print`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from campaign.cli import main
from campaign.errors import CampaignError
from campaign.print.render import CACHE_SUBDIR, MANIFEST, gather_print, render_print
from tests.conftest import inputs_for

from . import poppler

TINY = {
    "pack.md": '---\ntitle: "Tiny pack"\ndescription: "A test pack."\n---\n\n# Tiny pack\n\nFor tests.\n',
    "teacher-guide.md": '---\ntitle: "Tiny: teacher guide"\n---\n\n# Tiny: teacher guide\n\n'
                        "Tell the DSL before you teach. Call {nspcc.name} on {nspcc.phone}.\n",
    "lessons.md": '---\ntitle: "Tiny: lessons"\n---\n\n# Tiny: lessons\n\n## Lesson 1 {#lesson-1}\n\n'
                  "| Part | Minutes |\n|---|---|\n| Ground rules | 5 |\n\n- One.\n- Two.\n",
    "parent-letter.md": '---\ntitle: "Tiny: letter"\n---\n\n# Tiny: letter\n\nDear parent or carer,\n',
    "poster.md": '---\ntitle: "Tiny: poster"\n---\n\n# Tell someone\n\n{childline.name}: {childline.phone}\n',
}


@pytest.fixture
def tiny(project_copy: Path):
    """A project copy whose only lesson pack is small (renders in about a second)."""
    packs = project_copy / "packs"
    shutil.rmtree(packs)
    for name, text in TINY.items():
        (packs / "tiny" / name).parent.mkdir(parents=True, exist_ok=True)
        (packs / "tiny" / name).write_text(text, encoding="utf-8")
    return project_copy


def test_a_rebuild_with_nothing_changed_renders_nothing(tiny):
    inputs = inputs_for(tiny, "en", "ur")
    first = gather_print(inputs, jobs=1)
    assert (first.rendered, first.reused) == (10, 0)
    again = gather_print(inputs, jobs=1)
    assert (again.rendered, again.reused) == (0, 10)
    assert [f.key for f in again.files] == [f.key for f in first.files]


def test_a_changed_source_renders_only_what_it_touches(tiny):
    gather_print(inputs_for(tiny, "en"), jobs=1)
    letter = tiny / "packs" / "tiny" / "parent-letter.md"
    letter.write_text(letter.read_text() + "\nYours sincerely,\n", encoding="utf-8")
    after = gather_print(inputs_for(tiny, "en"), jobs=1)
    assert after.rendered == 2   # the letter and the whole pack; the other parts are unchanged


@pytest.mark.parametrize("damage", ["truncate-pdf", "garbage-json", "delete-pdf", "wrong-hash"])
def test_a_corrupt_or_stale_cache_entry_is_rendered_again(tiny, damage):
    inputs = inputs_for(tiny, "en")
    first = gather_print(inputs, jobs=1)
    cache = tiny / "build" / "cache" / CACHE_SUBDIR
    key = first.files[0].key
    pdf, meta = cache / f"{key}.pdf", cache / f"{key}.json"
    if damage == "truncate-pdf":
        pdf.write_bytes(pdf.read_bytes()[:100])
    elif damage == "garbage-json":
        meta.write_text("{not json")
    elif damage == "delete-pdf":
        pdf.unlink()
    else:
        meta.write_text(json.dumps({**json.loads(meta.read_text()), "sha256": "0" * 64}))
    again = gather_print(inputs, jobs=1)
    assert (again.rendered, again.reused) == (1, 9 - 5)
    out = tiny / "out"
    render_print(inputs, out)
    assert poppler.info(out / "en" / first.files[0].file)["Pages"] == str(first.files[0].pages)


def test_same_inputs_and_epoch_give_identical_pdfs(tiny, monkeypatch, tmp_path):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")   # 2026-01-01T00:00:00Z
    outputs = []
    for run in ("a", "b"):
        shutil.rmtree(tiny / "build", ignore_errors=True)    # a fresh cache: really rendered twice
        out = tmp_path / run
        result = render_print(inputs_for(tiny, "en", "ar"), out, jobs=2)
        assert result.rendered == 10
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.pdf"))})
    assert outputs[0] == outputs[1]
    created = poppler.info(tmp_path / "a" / "en" / "tiny-poster-en.pdf")["CreationDate"]
    assert "2026" in created


def test_a_long_text_paginates_without_losing_a_word(tiny):
    words = [f"word{n}" for n in range(2500)]
    lessons = tiny / "packs" / "tiny" / "lessons.md"
    lessons.write_text(lessons.read_text() + "\n" + " ".join(words) + "\n\n| A | B |\n|---|---|\n"
                       + "".join(f"| cell{n} {'long ' * 12}| more{n} |\n" for n in range(80)),
                       encoding="utf-8")
    out = tiny / "out"
    result = render_print(inputs_for(tiny, "en"), out, jobs=1)
    item = next(f for f in result.files if f.part == "lessons")
    pdf = out / "en" / item.file
    assert item.pages >= 5
    text = set(poppler.text(pdf).split())
    assert not [w for w in words if w not in text]
    assert not [n for n in range(80) if f"cell{n}" not in text or f"more{n}" not in text]
    for word in poppler.words(pdf):
        assert 0 <= word.x_min and word.x_max <= word.page_width, word
        assert 0 <= word.y_min and word.y_max <= word.page_height, word


def test_a_pack_without_a_part_is_refused_naming_the_file(tiny):
    (tiny / "packs" / "tiny" / "poster.md").unlink()
    with pytest.raises(CampaignError) as caught:
        gather_print(inputs_for(tiny, "en"), jobs=1)
    message = caught.value.format_message()
    assert "tiny/poster.md" in message and "add" in message


def test_a_missing_picture_is_refused_naming_the_pack(tiny):
    lessons = tiny / "packs" / "tiny" / "lessons.md"
    lessons.write_text(lessons.read_text() + "\n- ![A phone](../../docs/assets/easy-read/no-such.svg) Call.\n")
    with pytest.raises(CampaignError) as caught:
        gather_print(inputs_for(tiny, "en"), jobs=1)
    assert "packs/tiny" in caught.value.format_message()


def test_campaign_print_writes_the_set_and_its_manifest(tiny, monkeypatch):
    monkeypatch.chdir(tiny)
    result = CliRunner().invoke(main, ["print", "--locale", "cy", "--out", "printed"])
    assert result.exit_code == 0, result.output
    assert "wrote 5 PDFs in 1 languages" in result.output
    manifest = json.loads((tiny / "printed" / MANIFEST).read_text())
    names = sorted(f["file"] for f in manifest["files"])
    assert names == sorted(p.name for p in (tiny / "printed" / "cy").glob("*.pdf"))
    assert "tiny-lesson-pack-cy.pdf" in names


def test_a_character_the_typefaces_lack_is_refused_naming_the_fix(tiny):
    """A character no typeface of the language has (here a Chinese one in an English pack) would
    print as an empty box or in a system font: the print stage refuses it."""
    letter = tiny / "packs" / "tiny" / "parent-letter.md"
    letter.write_text(letter.read_text() + "\nSee 漢.\n", encoding="utf-8")
    with pytest.raises(CampaignError) as caught:
        gather_print(inputs_for(tiny, "en"), jobs=1)
    message = caught.value.format_message()
    assert "U+6F22" in message and "packs/tiny/parent-letter (en)" in message
    assert "brand.typefaces" in message
