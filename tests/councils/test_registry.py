"""The registry of councils (data/councils.csv) and the councils' own files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from campaign.councils.registry import council_files, load_registry
from tests.conftest import ROOT
from tests.councils.conftest import EXAMPLES, example

# REFERENCE.md section 8: (old codes, new codes) of each reorganisation since 2019.
REORGANISATIONS = [
    (["E06000028", "E06000029"], ["E06000058"]),          # Bournemouth, Christchurch and Poole
    (["E10000009"], ["E06000059"]),                       # Dorset
    (["E10000002"], ["E06000060"]),                       # Buckinghamshire
    (["E10000021"], ["E06000061", "E06000062"]),          # North and West Northamptonshire
    (["E10000006"], ["E06000063", "E06000064"]),          # Cumberland, Westmorland and Furness
    (["E10000023"], ["E06000065"]),                       # North Yorkshire
    (["E10000027"], ["E06000066"]),                       # Somerset
]


@pytest.fixture(scope="module")
def registry(config):
    return load_registry(config)


def test_the_registry_has_153_english_and_22_welsh_councils(registry):
    assert registry.count("england") == 153
    assert registry.count("wales") == 22
    assert len(registry.entries) == 175
    assert len({e.ons_code for e in registry.entries}) == 175
    assert len({e.slug for e in registry.entries}) == 175


@pytest.mark.parametrize("old, new", REORGANISATIONS)
def test_each_reorganisation_is_applied(registry, old, new):
    codes = {entry.ons_code for entry in registry.entries}
    assert not set(old) & codes, f"{old} should be gone"
    assert set(new) <= codes, f"{new} should be present"


def test_city_of_london_and_the_isles_of_scilly_are_included(registry):
    assert registry.get("E09000001").name == "City of London"
    assert registry.get("E06000053").name == "Isles of Scilly"


def test_codes_changed_in_2013_are_the_current_ones(registry):
    assert registry.get("E08000037").name == "Gateshead" and registry.get("E08000020") is None
    assert registry.get("E06000057").name == "Northumberland" and registry.get("E06000048") is None


def test_nations_follow_the_codes(registry):
    for entry in registry.entries:
        assert entry.nation == {"E": "england", "W": "wales"}[entry.ons_code[0]], entry


def test_the_tool_writes_exactly_the_committed_registry():
    result = subprocess.run([sys.executable, "tools/make_councils.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (ROOT / "data" / "councils.source.md").is_file()
    assert "councils.source.md" in (ROOT / "data" / "councils.csv").read_text().splitlines()[1]


def test_the_tool_notices_a_hand_edit(tmp_path):
    edited = tmp_path / "councils.csv"
    edited.write_text((ROOT / "data" / "councils.csv").read_text().replace("Gateshead,E08000037",
                                                                          "Gateshead,E08000020"))
    result = subprocess.run([sys.executable, "tools/make_councils.py", "--check", "--out", str(edited)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "run it and commit" in result.stderr


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yml")), ids=lambda p: p.stem)
def test_every_example_is_a_council_of_the_registry(registry, path):
    data = example(path.stem)
    entry = registry.get(data["ons_code"])
    assert entry is not None and entry.nation == data["nation"] and entry.slug == data["slug"]


def test_council_files_are_matched_by_code_and_a_second_file_is_reported(config, tmp_path):
    folder = tmp_path / "councils"
    folder.mkdir()
    (folder / "york.yml").write_text("ons_code: E06000014\n")
    (folder / "york-again.yml").write_text("ons_code: E06000014\n")
    (folder / "broken.yml").write_text("ons_code: [\n")
    found, problems = council_files(config.with_overrides(councils_dir=folder))
    assert list(found) == ["E06000014"]
    messages = [p.format_message() for p in problems]
    assert any("broken.yml" in m and "without a readable ons_code" in m for m in messages)
    assert any("a second file for E06000014" in m for m in messages)
