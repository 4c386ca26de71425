"""The zip writer: the same entries give the same bytes; a failure leaves no zip behind."""

from __future__ import annotations

import os
import zipfile

import pytest

from campaign.councils.archive import Entry, write_zip
from campaign.errors import CampaignError
from campaign.output import remove_stale_temporaries

ENTRIES = [Entry("site/index.html", b"<p>hello</p>" * 50), Entry("print/en/a.pdf", b"%PDF-1.7 x"),
           Entry("README.md", "caf\u00e9\n".encode())]


def test_the_same_entries_in_any_order_give_the_same_bytes(tmp_path):
    one = write_zip(tmp_path / "one.zip", ENTRIES, 1767225600).read_bytes()
    two = write_zip(tmp_path / "two.zip", list(reversed(ENTRIES)), 1767225600).read_bytes()
    assert one == two


def test_names_are_sorted_with_fixed_times_modes_and_methods(tmp_path):
    path = write_zip(tmp_path / "a.zip", ENTRIES, 1767225601)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(e.name for e in ENTRIES)
    for info in infos:
        assert info.date_time == (2026, 1, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644 and info.create_system == 3
    methods = {i.filename: i.compress_type for i in infos}
    assert methods["print/en/a.pdf"] == zipfile.ZIP_STORED
    assert methods["site/index.html"] == zipfile.ZIP_DEFLATED


def test_times_before_1980_become_1980(tmp_path):
    with zipfile.ZipFile(write_zip(tmp_path / "a.zip", ENTRIES, 0)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_unsafe_or_duplicate_names_are_refused(tmp_path):
    for bad in ("../x", "/etc/passwd", "a//b", "a\\b"):
        with pytest.raises(CampaignError):
            write_zip(tmp_path / "a.zip", [Entry(bad, b"x")], 0)
    with pytest.raises(CampaignError, match="two files would be a"):
        write_zip(tmp_path / "a.zip", [Entry("a", b"1"), Entry("a", b"2")], 0)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_neither_a_zip_nor_a_temporary_file(tmp_path):
    class Broken(Entry):
        def read(self) -> bytes:
            raise OSError("disk on fire")
    target = tmp_path / "out" / "pack.zip"
    target.parent.mkdir()
    target.with_name("other.txt").write_text("kept")
    with pytest.raises(OSError, match="disk on fire"):
        write_zip(target, ENTRIES + [Broken("zzz", None)], 0)
    assert sorted(p.name for p in target.parent.iterdir()) == ["other.txt"]


def test_a_failure_keeps_the_previous_zip_whole(tmp_path):
    target = write_zip(tmp_path / "pack.zip", ENTRIES, 0)
    before = target.read_bytes()

    class Broken(Entry):
        def read(self) -> bytes:
            raise OSError("no")
    with pytest.raises(OSError):
        write_zip(target, [Broken("a", None)], 0)
    assert target.read_bytes() == before


def test_temporaries_of_dead_runs_are_cleared_and_live_ones_kept(tmp_path):
    target = tmp_path / "pack.zip"
    dead = tmp_path / f".pack.zip.{2**22 + 12345}-abcd1234.tmp"     # no such process
    live = tmp_path / f".pack.zip.{os.getpid()}-abcd1234.tmp"
    for path in (dead, live):
        path.write_bytes(b"partial")
    assert remove_stale_temporaries(target) == [dead]
    assert live.exists() and not dead.exists()
