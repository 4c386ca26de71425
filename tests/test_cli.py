"""The `campaign` command, end to end: real project copies, real catalogs, real builds.

Exit codes promised by campaign/errors.py: 0 success, 1 a problem in the content or
configuration (naming the file, the line where there is one, and the fix), 2 wrong usage.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from campaign.cli import main
from tests.conftest import ROOT, TRANSLATED
from tests.images.test_cache import CARD as SMALL_CARD
from tests.images.test_cache import ROUTE as SMALL_ROUTE
from tests.print.test_render import TINY

CAMPAIGN = Path(sys.executable).parent / "campaign"       # the installed console script
CY_PO = "locales/cy/LC_MESSAGES/content.po"

# Welsh entries the tests damage (msgids as in locales/content.pot).
EMERGENCY_ID = "Call 999 if a child is in danger right now."
EMERGENCY_STR = "Ffoniwch 999 os yw plentyn mewn perygl nawr."
CHILD_ID = "[I'm a child](children/index.md). For children under 11."
HOURS_ID = "24 hours a day"
HOURS_STR = "24 awr y dydd"


@pytest.fixture
def project(project_copy: Path) -> Path:
    """The conftest project copy (campaign/site included: a theme.pot source lives there)."""
    assert (project_copy / "campaign" / "site" / "material_strings.py").is_file()
    return project_copy


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def cfg(project: Path) -> str:
    return str(project / "campaign.yml")


def run_cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """The real console script, run from the project folder (default --config campaign.yml)."""
    return subprocess.run([str(CAMPAIGN), *args], cwd=project, capture_output=True, text=True,
                          timeout=300)


def msgid_line(po: Path, msgid: str) -> int:
    """The line Babel reports for an entry (its msgid line), checked against the file text."""
    with open(po, "rb") as handle:
        babel_line = read_po(handle).get(msgid).lineno
    text_lines = [n for n, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
                  if line == f'msgid "{msgid}"']
    assert text_lines == [babel_line]
    return babel_line


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def msgstr_of(po: Path, msgid: str) -> str:
    with open(po, "rb") as handle:
        return read_po(handle).get(msgid).string


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- build -----------------------------------------------------------------------------------

def test_build_one_language(project, tmp_path):
    """One language, with its lesson packs and posters (a small pack and one small card here:
    the real ones are tested in tests/print and tests/images) on its downloads page."""
    shutil.rmtree(project / "packs")
    for name, text in TINY.items():
        (project / "packs" / "tiny").mkdir(parents=True, exist_ok=True)
        (project / "packs" / "tiny" / name).write_text(text, encoding="utf-8")
    for folder, name, text in (("posters", "children.md", SMALL_ROUTE), ("layouts", "small-card.yml", SMALL_CARD)):
        shutil.rmtree(project / folder)
        (project / folder).mkdir()
        (project / folder / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "layouts" / "preview.yml", project / "layouts" / "preview.yml")
    pages = len(list((project / "docs").rglob("*.md"))) + 1        # and the translation-status page
    site = tmp_path / "out"
    result = invoke("build", "--config", cfg(project), "--locale", "cy", "--site-dir", str(site))
    assert result.exit_code == 0, result.output
    index = site / "cy" / "index.html"
    assert index.is_file()
    html = index.read_text(encoding="utf-8")
    assert re.search(r'<html [^>]*lang="cy" dir="ltr"', html)
    assert not (site / "index.html").exists()         # only the language asked for
    built, printed, imaged, previews = result.output.strip().splitlines()[-4:]
    assert re.fullmatch(rf"built \d+ pages in 1 languages \(cy\) into {re.escape(str(site))}", built)
    assert printed == "published 5 PDFs on the downloads pages (5 rendered, 0 unchanged)"
    assert imaged == "published 1 poster and card files on the downloads pages (1 images drawn, the rest unchanged)"
    assert previews == f"published {pages} page previews ({pages} drawn, 0 unchanged)"
    assert len(list((site / "cy" / "downloads").glob("tiny-*-cy.pdf"))) == 5
    assert (site / "cy" / "downloads" / "children-small-card-cy.png").is_file()
    assert (site / "cy" / "assets" / "previews" / "index.png").is_file()
    assert '<meta property="og:image" content="https://campaign.example.org/cy/assets/previews/index.png">' in html


def test_build_two_languages_as_a_subprocess(project, tmp_path):
    site = tmp_path / "out"
    proc = run_cli(project, "build", "--locale", "en", "--locale", "cy", "--jobs", "2",
                   "--site-dir", str(site), "--no-print")
    assert proc.returncode == 0, proc.stderr
    assert "in 2 languages (en, cy)" in proc.stdout
    assert (site / "index.html").is_file() and (site / "cy" / "index.html").is_file()
    assert re.search(r'<html [^>]*lang="en"', (site / "index.html").read_text(encoding="utf-8"))


# --- usage errors: exit 2 --------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["build", "--no-such-option"],
    ["i18n", "frobnicate"],
    ["build", "--jobs", "0"],
    ["build", "--jobs", "many"],
    ["frobnicate"],
])
def test_wrong_usage_exits_2(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.output


def test_wrong_usage_exits_2_as_a_subprocess(project):
    proc = run_cli(project, "build", "--jobs", "0")
    assert proc.returncode == 2
    assert "--jobs" in proc.stderr


# --- the translation guard: exit 1 naming the .po file and line ------------------------------

GUARD_CASES = {
    # one digit of a number a reader dials
    "number": (EMERGENCY_ID, EMERGENCY_STR, EMERGENCY_STR.replace("999", "998"),
               ["999", "998"]),
    # an added script
    "script": (HOURS_ID, HOURS_STR, HOURS_STR + ' <script>alert(1)</script>',
               ["adds script or active HTML", "<script"]),
    # a link sent somewhere else
    "link": (CHILD_ID, None, "(https://evil.example/)",
             ["link target children/index.md", "https://evil.example/"]),
}


def break_translation(project: Path, case: str) -> tuple[int, list[str]]:
    msgid, old, new, expected = GUARD_CASES[case]
    po = project / CY_PO
    line = msgid_line(po, msgid)
    if old is None:        # change the link target inside the msgstr
        old = msgstr_of(po, msgid)
        new = old.replace("(children/index.md)", new)
        assert new != old
    edit(po, f'msgstr "{old}"', f'msgstr "{new}"')
    return line, expected


@pytest.mark.parametrize("case", sorted(GUARD_CASES))
def test_guard_stops_check_and_build_and_keeps_the_old_site(project, tmp_path, case):
    site = tmp_path / "out"
    first = invoke("build", "--config", cfg(project), "--locale", "cy", "--site-dir", str(site),
                   "--no-print")   # the guard, not the print set (tests/print), is tested here
    assert first.exit_code == 0, first.output
    before = snapshot(site)
    assert "cy/index.html" in before

    line, expected = break_translation(project, case)
    where = f"{CY_PO}:{line}: "
    for command in ("check", "build"):
        args = [command, "--config", cfg(project)]
        if command == "build":
            args += ["--locale", "cy", "--site-dir", str(site), "--no-print"]
        result = invoke(*args)
        assert result.exit_code == 1, (command, result.output)
        assert "1 translation(s) change protected text" in result.output
        assert where in result.output, (command, result.output)
        reported = next(l for l in result.output.splitlines() if where in l)
        for words in expected:
            assert words in reported, (command, reported)
        assert "fix:" in result.output

    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_changed_phone_digit_as_a_subprocess(project, tmp_path):
    """The real console script from the project folder: both commands refuse the change."""
    site = tmp_path / "out"
    assert run_cli(project, "build", "--locale", "cy", "--site-dir", str(site), "--no-print").returncode == 0
    before = snapshot(site)
    line, _ = break_translation(project, "number")
    for args in (["check"], ["build", "--locale", "cy", "--site-dir", str(site), "--no-print"]):
        proc = run_cli(project, *args)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert f"{CY_PO}:{line}: the translation changes the number 999 to 998" in proc.stderr
    assert snapshot(site) == before


def test_fuzzy_bad_translation_is_not_used_and_not_refused(project):
    """The guard's own advice (mark the entry fuzzy until fixed) makes check pass again."""
    po = project / CY_PO
    break_translation(project, "number")
    assert invoke("check", "--config", cfg(project)).exit_code == 1
    line = msgid_line(po, EMERGENCY_ID)
    lines = po.read_text(encoding="utf-8").splitlines()
    lines.insert(line - 1, "#, fuzzy")
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("check", "--config", cfg(project))
    assert result.exit_code == 0, result.output


# --- check -----------------------------------------------------------------------------------

def test_check_passes_on_the_unchanged_project(project):
    result = invoke("check", "--config", cfg(project))
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ pages, 8 languages, \d+ services: no problem found", result.output)


def test_check_passes_as_a_subprocess(project):
    proc = run_cli(project, "check")
    assert proc.returncode == 0, proc.stderr
    assert "no problem found" in proc.stdout


def test_check_reports_a_stale_template(project):
    page = project / "docs" / "get-help.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA brand new paragraph.\n",
                    encoding="utf-8")
    result = invoke("check", "--config", cfg(project))
    assert result.exit_code == 1
    assert "locales/content.pot: the template is out of date" in result.output
    assert "campaign i18n extract" in result.output


# --- i18n status -----------------------------------------------------------------------------

def template_total() -> int:
    total = 0
    for name in ("content.pot", "theme.pot"):
        with open(ROOT / "locales" / name, "rb") as handle:
            total += sum(1 for m in read_po(handle) if m.id)
    return total


def status_rows(output: str) -> dict[str, tuple[int, int]]:
    rows = {}
    for line in output.splitlines():
        match = re.fullmatch(r"(\S+)\s+(\d+)\s+(\d+) \(\s*\d+%\)\s+\d+\s+\d+\s+\d+", line.strip())
        if match:
            rows[match.group(1)] = (int(match.group(2)), int(match.group(3)))
    return rows


def test_i18n_status_counts_and_drops_when_a_translation_is_blanked(project):
    total = template_total()
    assert total > 100
    result = invoke("i18n", "status", "--config", cfg(project))
    assert result.exit_code == 0, result.output
    rows = status_rows(result.output)
    assert list(rows) == TRANSLATED                  # one row each, in config order, no en/en-XA
    assert {code: t for code, (t, _) in rows.items()} == dict.fromkeys(TRANSLATED, total)
    before = {code: done for code, (_, done) in rows.items()}
    assert all(0 < done <= total for done in before.values())

    edit(project / CY_PO, f'msgstr "{EMERGENCY_STR}"', 'msgstr ""')            # content domain
    edit(project / "locales/pl/LC_MESSAGES/theme.po", 'msgstr "Przejdź do treści"', 'msgstr ""')
    edit(project / "locales/pl/LC_MESSAGES/theme.po", 'msgstr "Stopka"', 'msgstr ""')  # theme
    after_result = invoke("i18n", "status", "--config", cfg(project))
    assert after_result.exit_code == 0, after_result.output
    after = {code: done for code, (_, done) in status_rows(after_result.output).items()}
    assert after == {**before, "cy": before["cy"] - 1, "pl": before["pl"] - 2}


# --- broken files ----------------------------------------------------------------------------

def insert_line(path: Path, number: int, text: str) -> None:
    """Insert ``text`` so that it becomes line ``number`` (1-based) of the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(number - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def middle_msgstr_line(po: Path) -> int:
    """A msgstr line about half way through the catalog."""
    lines = po.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1)
                if n > len(lines) // 2 and line.startswith('msgstr "'))


@pytest.mark.parametrize("command", [["check"], ["build", "--locale", "cy"], ["i18n", "status"]])
def test_unparseable_line_in_a_catalog_names_file_and_line(project, tmp_path, command):
    po = project / CY_PO
    number = middle_msgstr_line(po) + 1
    insert_line(po, number, "this is not gettext")
    args = [*command, "--config", cfg(project)]
    if command[0] == "build":
        args += ["--site-dir", str(tmp_path / "out")]
    result = invoke(*args)
    assert result.exit_code == 1, result.output
    assert "broken catalog" in result.output
    assert f"content.po:{number}: " in result.output, result.output   # 1-based, as editors count
    assert "fix:" in result.output
    assert not (tmp_path / "out").exists()


def test_unterminated_msgstr_is_refused(project, tmp_path):
    """An unterminated msgstr in the middle of the catalog is a broken catalog (msgfmt refuses
    it). The entry chosen has no number, link or placeholder, so only the parser can notice;
    it must not be built as a translation (Babel alone reads it as "unterminate")."""
    po = project / CY_PO
    msgid = "frontline staff lacked training and support;"
    number = msgid_line(po, msgid) + 1          # the entry's msgstr line
    assert number > 100
    insert_line(po, number, 'msgstr "unterminated')
    for args in (["check"], ["build", "--locale", "cy", "--site-dir", str(tmp_path / "out")]):
        result = invoke(args[0], "--config", cfg(project), *args[1:])
        assert result.exit_code == 1, (args, result.output)
        assert "broken catalog" in result.output, (args, result.output)
        assert f"{CY_PO}:{number}: " in result.output, (args, result.output)
        assert "fix:" in result.output
    assert not (tmp_path / "out").exists()


# --- configuration ---------------------------------------------------------------------------

def test_missing_config_file(tmp_path):
    missing = tmp_path / "nowhere" / "campaign.yml"
    result = invoke("check", "--config", str(missing))
    assert result.exit_code == 1
    assert f"{missing}: configuration file not found" in result.output
    assert "fix: run the command from the project folder or pass --config" in result.output


def test_missing_default_config_as_a_subprocess(tmp_path):
    proc = subprocess.run([str(CAMPAIGN), "i18n", "status"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 1
    assert "campaign.yml: configuration file not found" in proc.stderr
    assert "--config" in proc.stderr
