"""Catalogs pass GNU gettext's own checks: what Poedit runs on save and Weblate flags.

These tests use GNU gettext's msgfmt and msgcat (Debian's ``gettext``, installed by make test);
without them they fail naming the package, never skip.
"""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from campaign.cli import main
from campaign.i18n.catalogs import catalog_files, previous_msgid, read_catalog
from tests.conftest import ROOT

CATALOGS = catalog_files(ROOT / "locales")
TEMPLATES = sorted((ROOT / "locales").glob("*.pot"))
PERCENT_MESSAGE = "3.6% of"   # "% o" reads as a printf conversion to a guesser


def gettext_tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        pytest.fail(f"GNU gettext's {name} is not installed: these tests need Debian's gettext. "
                    "Install it with 'sudo apt-get install gettext' (make test does this when apt "
                    "works).", pytrace=False)
    return found


def msgfmt_check(po: Path) -> subprocess.CompletedProcess:
    return subprocess.run([gettext_tool("msgfmt"), "-c", "-o", "/dev/null", str(po)],
                          capture_output=True, text=True)


def semantics(po: Path) -> dict:
    """What the build and the review workflow read from a catalog: per message its translation,
    flags, translator comments (review state, queries) and previous msgid."""
    catalog = read_catalog(po)
    messages = {(m.context, m.id): (m.string, sorted(m.flags),
                                    [c for c in m.user_comments if not c.startswith("|")],
                                    previous_msgid(m))
                for m in catalog if m.id}
    obsolete = {(m.context, m.id): m.string for m in catalog.obsolete.values()}
    headers = {k: v for k, v in catalog.mime_headers if k in ("Language", "Plural-Forms",
                                                               "Content-Type")}
    return {"messages": messages, "obsolete": obsolete, "headers": headers}


def test_the_catalogs_are_there():
    assert len(CATALOGS) >= 14 and TEMPLATES


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: "/".join(p.parts[-3::2]))
def test_every_catalog_passes_msgfmt_check(po):
    result = msgfmt_check(po)
    assert result.returncode == 0, f"{po.relative_to(ROOT)} fails 'msgfmt -c':\n{result.stderr}"


@pytest.mark.parametrize("po", CATALOGS + TEMPLATES, ids=lambda p: "/".join(p.parts[-3:]))
def test_every_catalog_survives_a_msgcat_round_trip(po, tmp_path):
    """msgcat rewrites a catalog the way gettext tools (Poedit, Weblate) do: other wrapping,
    other escaping. Nothing the build reads may change."""
    out = tmp_path / po.name
    subprocess.run([gettext_tool("msgcat"), str(po), "-o", str(out)], check=True,
                   capture_output=True)
    assert out.read_text(encoding="utf-8") != "", "msgcat wrote nothing"
    assert semantics(out) == semantics(po)


@pytest.mark.parametrize("po", CATALOGS + TEMPLATES, ids=lambda p: "/".join(p.parts[-3:]))
def test_no_guessed_flag_and_no_previous_msgid_turned_into_a_comment(po):
    """Babel guesses python-format and python-brace-format, and reads "#| msgid" back as a
    translator comment ("# | msgid"), which Poedit ignores and reviewers would read as a note."""
    text = po.read_text(encoding="utf-8")
    assert "python-format" not in text and "python-brace-format" not in text
    assert not [line for line in text.splitlines() if line.startswith("# |")]


def test_msgfmt_check_catches_a_guessed_python_format_flag(tmp_path):
    """The negative control: the flag Babel used to guess is what msgfmt rejects."""
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  '#, python-format\nmsgid "Only 3.6% of plans"\nmsgstr "Dim ond 3.6% o gynlluniau"\n\n'
                  '#, python-format\nmsgid "3.6% of plans"\nmsgstr "3.6% y cynlluniau"\n',
                  encoding="utf-8")
    assert msgfmt_check(po).returncode != 0


def _run(project: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--config", str(project / "campaign.yml")])


def test_extract_and_update_never_guess_format_flags(project_copy):
    """A new message that looks like printf: no python-format in the template or any catalog,
    and every catalog still passes msgfmt -c."""
    page = project_copy / "docs" / "privacy.md"
    text = page.read_text(encoding="utf-8")
    # a long translated paragraph changes: it becomes fuzzy and keeps its previous msgid, which
    # Babel's --no-wrap used to cut mid-string at 76 columns ("#| msgid ..."), breaking msgfmt
    changed = "If you live with someone who might check what you look at, these steps can help you stay safer."
    assert changed in text
    text = text.replace(changed, changed.replace("these steps", "the steps below"))
    page.write_text(text + "\nAbout 5% of visitors and 10%s of pages: 100% of %(them)s.\n",
                    encoding="utf-8")
    # twice: the second merge reads back the "#|" lines the first one wrote
    for command in (["i18n", "extract"], ["i18n", "update"], ["i18n", "update"]):
        result = _run(project_copy, *command)
        assert result.exit_code == 0, result.output
    locales = project_copy / "locales"
    for path in sorted(locales.glob("*.pot")) + catalog_files(locales):
        text = path.read_text(encoding="utf-8")
        assert "python-format" not in text, path
    assert "About 5% of visitors" in (locales / "content.pot").read_text(encoding="utf-8")
    welsh = read_catalog(locales / "cy" / "LC_MESSAGES" / "content.po")
    fuzzy = welsh.get(changed.replace("these steps", "the steps below"))
    assert fuzzy.fuzzy and fuzzy.string
    po_text = (locales / "cy" / "LC_MESSAGES" / "content.po").read_text(encoding="utf-8")
    assert po_text.count(f'#| msgid "{changed}"\n') == 1
    assert "\n# |" not in po_text and "python-brace-format" not in po_text
    for po in catalog_files(locales):
        result = msgfmt_check(po)
        assert result.returncode == 0, result.stderr


def test_compile_writes_the_percent_message(project_copy):
    """campaign i18n compile writes .mo files that hold the translation of the message Babel
    used to flag (pybabel compile re-guessed the flag and reported errors for it)."""
    result = _run(project_copy, "i18n", "compile")
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.lower()
    po = project_copy / "locales" / "cy" / "LC_MESSAGES" / "content.po"
    english = next(m.id for m in read_catalog(po) if m.id and PERCENT_MESSAGE in m.id and m.string
                   and not m.fuzzy)
    with open(po.with_suffix(".mo"), "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    welsh = translations.gettext(english)
    assert welsh != english and "3.6%" in welsh
