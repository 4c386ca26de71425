"""`campaign pack --all`: every council of the registry, its own file or national services only;
editions shared; one failure reported without stopping the others; packs up to date skipped."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from click.testing import CliRunner

from campaign.councils.batch import FAILED, PACKED, UP_TO_DATE, plan_all
from tests.conftest import PUBLISHED
from tests.councils.conftest import EPOCH, EXAMPLES, example, source_date_epoch

pytestmark = pytest.mark.slow
HEADER = "# test registry\nname,ons_code,nation,slug\n"


@pytest.fixture
def small_registry(session_config, tmp_path, write_council):
    """Four councils: York (its example file), Rutland and Slough (no file: every published
    language; their PDFs are the campaign's own, shared with the session's print tests through
    the render cache), Derby (a broken file)."""
    csv = tmp_path / "councils.csv"
    csv.write_text(HEADER + "York,E06000014,england,york\nRutland,E06000017,england,rutland\n"
                   "Slough,E06000039,england,slough\nDerby,E06000015,england,derby\n")
    folder = tmp_path / "councils-dir"
    (folder / "logos").mkdir(parents=True)
    shutil.copy(EXAMPLES / "york.yml", folder / "york.yml")
    shutil.copy(EXAMPLES / "logos" / "york.svg", folder / "logos" / "york.svg")
    broken = example("derby")
    broken["contacts"]["front_door"]["phone"] = "12345"
    (folder / "derby.yml").write_text(write_council(broken).read_text())
    return session_config.with_overrides(councils_file=csv, councils_dir=folder)


def test_councils_without_a_file_share_one_edition(small_registry, tmp_path):
    with source_date_epoch(EPOCH):
        batch = plan_all(small_registry, tmp_path / "out")
    assert sorted(job.council.slug for job in batch.jobs) == ["rutland", "slough", "york"]
    keys = {job.council.slug: job.edition_key for job in batch.jobs}
    assert keys["rutland"] == keys["slough"] != keys["york"]
    assert len(batch.editions) == 2
    [failed] = batch.outcomes
    assert failed.state == FAILED and "derby.yml" in failed.detail and "not a valid UK phone" in failed.detail


def test_pack_all_packs_each_council_reports_the_failure_and_skips_what_is_up_to_date(
        small_registry, tmp_path):
    from campaign.cli import main
    config_file = tmp_path / "campaign.yml"
    config_file.write_text(small_registry.to_yaml())
    out = tmp_path / "out"
    args = ["pack", "--all", "--out", str(out), "--config", str(config_file), "--jobs", "2"]
    with source_date_epoch(EPOCH):
        first = CliRunner().invoke(main, args)
        assert first.exit_code == 1, first.output          # Derby failed
        table = first.output
        assert f"3 {PACKED}, 0 {UP_TO_DATE}, 1 {FAILED}" in table
        for name in ("City of York Council", "Rutland", "Slough"):
            assert any(line.startswith(name) and PACKED in line for line in table.splitlines()), name
        assert "Derby failed:" in table and "not a valid UK phone number" in table
        zips = {path.name.split("-")[0]: path for path in out.glob("*.zip")}
        assert sorted(zips) == ["rutland", "slough", "york"]
        with zipfile.ZipFile(zips["rutland"]) as archive:
            names = set(archive.namelist())
            manifest = archive.read("manifest.json").decode()
            page = archive.read("site/index.html").decode()
        assert '"own_file": false' in manifest and "site/local-contacts/index.html" not in names
        assert 'data-service="local_front_door"' not in page and "campaign-sample" not in page
        assert {code for code in PUBLISHED if any(re.fullmatch(rf"site/({code}/)?downloads/ks1-lesson-pack-{code}\.pdf", n)
                                                  for n in names)} == set(PUBLISHED)
        before = {name: path.stat().st_mtime_ns for name, path in zips.items()}
        second = CliRunner().invoke(main, args)
    assert second.exit_code == 1
    assert f"0 {PACKED}, 3 {UP_TO_DATE}, 1 {FAILED}" in second.output
    assert {name: path.stat().st_mtime_ns for name, path in zips.items()} == before
