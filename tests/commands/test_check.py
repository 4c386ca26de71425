"""`campaign check` end to end: the content checks run with the build's own checks, and every
problem from every check is reported in one run (exit 1), naming file, line and fix."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from campaign.cli import main
from campaign.config import READABILITY_MEASURES
from tests.checks.conftest import line_of

CY_PO = "locales/cy/LC_MESSAGES/content.po"
EASY_CHILDREN = """\
---
title: Telling someone
description: You can tell someone you trust.
audience: [children]
---

# Telling someone

It is not your fault. You can tell an adult you trust.

- Call {childline.name} on {childline.phone}. It is free.
- You can call at any time, day or night.
"""
EASY_READ = """\
---
title: Getting help
description: How to get help.
audience: [everyone, disabled]
---

# Getting help

![A person on the phone](phone.png)

You can talk to someone. It is not your fault.
"""


def check(project: Path):
    return CliRunner().invoke(main, ["check", "--config", str(project / "campaign.yml")],
                              catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_real_project_passes_with_a_note_per_check(project_copy):
    result = check(project_copy)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("no problem found")
    pages = len(list((project_copy / "docs").rglob("*.md")))
    routes = len([p for p in (project_copy / "docs").rglob("*.md")
                  if p.parent.name in ("children", "young-people", "boys", "easy-read")])
    assert f"readability: {routes} of {routes} pages within their limits" in lines
    # the lesson packs' and the posters' sources too
    printed = sum(len(list((project_copy / folder).rglob("*.md"))) for folder in ("packs", "posters"))
    assert any(l.startswith(f"terminology: {pages + printed} pages, the help data and ") for l in lines)
    assert any(l.startswith(f"pages: {pages} pages and ") for l in lines)


def test_new_pages_within_their_limits_pass_once_the_catalogs_are_updated(project_copy):
    docs = project_copy / "docs"
    write(docs / "children" / "telling.md", EASY_CHILDREN)
    write(docs / "easy-read" / "help.md", EASY_READ)
    write(docs / "phone.png", "not really a picture")
    config = ["--config", str(project_copy / "campaign.yml")]
    for command in (["i18n", "extract"], ["i18n", "update"]):
        assert CliRunner().invoke(main, command + config).exit_code == 0
    result = check(project_copy)
    assert result.exit_code == 0, result.output
    routes = len([p for p in docs.rglob("*.md")
                  if p.parent.name in ("children", "young-people", "boys", "easy-read")])
    assert f"readability: {routes} of {routes} pages within their limits" in result.output.splitlines()


def test_every_problem_of_every_check_is_reported_together(project_copy):
    docs = project_copy / "docs"
    hard = write(docs / "children" / "hard.md", EASY_CHILDREN + "\nCommunicating uncomfortable "
                 "experiences to trustworthy professionals is extraordinarily important.\n")
    easy_read = write(docs / "easy-read" / "long.md", EASY_READ + "\nWe will help you to tell a "
                      "trusted adult at school about what has happened here.\n")
    replace(docs / "about.md", "This site is one of them.", "This site is one of them. It is not "
            "about child pornography.")
    replace(docs / "index.md", "## Leaving this site quickly", "![](exit.png)\n\n## Leaving this site quickly")
    replace(docs / "privacy.md", "audience: [everyone]\n", "")
    po = project_copy / CY_PO
    replace(po, 'msgstr "24 awr y dydd"', 'msgstr "24 awr y dydd, child porn"')
    result = check(project_copy)
    assert result.exit_code == 1
    out = result.output
    assert "docs/children/hard.md: reading level " in out
    assert f"docs/children/hard.md:{line_of(hard, 'Communicating')}: (" in out
    assert f"docs/easy-read/long.md:{line_of(easy_read, 'We will help')}: this sentence has 16 words" in out
    assert f'docs/about.md:{line_of(docs / "about.md", "child pornography")}: "child pornography" is a term to avoid' in out
    assert f'{CY_PO}:{line_of(po, "child porn")}: "child porn" is a term to avoid' in out
    assert f"docs/index.md:{line_of(docs / 'index.md', 'exit.png')}: this image has no alt text" in out
    assert "docs/privacy.md:1: the page does not say whom it is for" in out
    assert "locales/content.pot: the template is out of date" in out      # the build's own check
    assert out.count("fix:") == 7                 # the seven problems above, each with its fix


def test_a_translation_guard_problem_and_a_content_problem_are_reported_together(project_copy):
    po = project_copy / CY_PO
    replace(po, 'msgstr "Ffoniwch 999 os yw plentyn mewn perygl nawr."',
            'msgstr "Ffoniwch 998 os yw plentyn mewn perygl nawr."')
    replace(po, 'msgstr "24 awr y dydd"', 'msgstr "24 awr y dydd, child porn"')
    result = check(project_copy)
    assert result.exit_code == 1
    assert "1 translation(s) change protected text" in result.output
    assert "the translation changes the number 999 to 998" in result.output
    assert '"child porn" is a term to avoid' in result.output


def test_an_unknown_measure_names_campaign_yml_its_line_and_the_allowed_measures(project_copy):
    config = project_copy / "campaign.yml"
    replace(config, "measure: flesch_kincaid_grade, max: 7}\n  - {pages: \"boys/*\"",
            "measure: reading_age, max: 7}\n  - {pages: \"boys/*\"")
    result = check(project_copy)
    assert result.exit_code == 1
    line = line_of(config, "reading_age")
    assert f"{config}:{line}: readability entry 2: unknown measure 'reading_age'" in result.output
    assert f"fix: use one of: {', '.join(READABILITY_MEASURES)}" in result.output


# --- the release gate: campaign check --release ----------------------------------------------

from tests.conftest import TRANSLATED  # noqa: E402


def release(project: Path):
    return CliRunner().invoke(main, ["check", "--release", "--config", str(project / "campaign.yml")],
                              catch_exceptions=False)


def template_messages(project: Path) -> int:
    from babel.messages.pofile import read_po
    total = 0
    for name in ("content.pot", "theme.pot"):
        with open(project / "locales" / name, "rb") as handle:
            total += sum(1 for message in read_po(handle) if message.id)
    return total


def test_release_fails_while_languages_publish_drafts_naming_each_and_its_count(project_copy):
    """Today every translation is a draft (none reviewed): each language counts every message."""
    result = release(project_copy)
    assert result.exit_code == 1
    config = project_copy / "campaign.yml"
    count = template_messages(project_copy)
    for code in TRANSLATED:
        line = line_of(config, f"{{code: {code}, ")
        assert (f"{config}:{line}: language {code} is published with drafts: {count} messages not "
                "reviewed by a native speaker") in result.output
        assert f"(campaign i18n review {code})" in result.output
    assert "language en " not in result.output and "en-XA" not in result.output
    assert check(project_copy).exit_code == 0        # without --release the same project passes


def test_release_passes_once_every_language_publishes_reviewed_translations(project_copy):
    config = project_copy / "campaign.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("publish: drafts") == len(TRANSLATED)
    config.write_text(text.replace("publish: drafts", "publish: reviewed"), encoding="utf-8")
    result = release(project_copy)
    assert result.exit_code == 0, result.output
    count = template_messages(project_copy)
    for code in TRANSLATED:
        assert (f"release: {code} publishes reviewed translations only (0 of {count}; {count} "
                "shown in English)") in result.output.splitlines()
    assert result.output.splitlines()[0].endswith("no problem found")   # the normal check ran


def test_release_also_runs_the_normal_check(project_copy):
    replace(project_copy / "docs" / "privacy.md", "audience: [everyone]\n", "")
    result = release(project_copy)
    assert result.exit_code == 1
    assert "docs/privacy.md:1: the page does not say whom it is for" in result.output
    assert "language cy is published with drafts" in result.output
