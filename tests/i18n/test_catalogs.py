"""Catalog review states, status counts, and 'update never loses a translation'."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Message
from click.testing import CliRunner

from campaign.cli import main
from campaign.i18n.catalogs import (State, catalog_files, load_language_catalog, message_state,
                                     msgstr_line, read_catalog)


def test_review_states_from_translator_comments():
    assert message_state(Message("a", "")) is State.MISSING
    assert message_state(Message("a", "b", flags={"fuzzy"})) is State.FUZZY
    assert message_state(Message("a", "b")) is State.DRAFT
    assert message_state(Message("a", "b", user_comments=["draft: not yet reviewed"])) is State.DRAFT
    assert message_state(Message("a", "b", user_comments=["reviewed-by: Ana, 2026-11-20"])) is State.REVIEWED
    assert message_state(Message("a", "b", user_comments=["reviewed-by: A", "draft: again"])) is State.DRAFT


def test_every_shipped_translation_is_marked_draft_until_reviewed(config):
    for lang in config.translated_languages:
        for domain in ("content", "theme"):
            path = config.root / "locales" / lang.gettext_code / "LC_MESSAGES" / f"{domain}.po"
            cat = load_language_catalog(path, lang.code)
            assert cat.entries, path
            assert {e.state for e in cat.entries.values() if e.string} == {State.DRAFT}, path


def _run(project: Path, *args: str):
    return CliRunner().invoke(main, [*args, "--config", str(project / "campaign.yml")])


def test_update_keeps_translations_changed_become_fuzzy_removed_become_obsolete(project_copy):
    page = project_copy / "docs" / "privacy.md"
    text = page.read_text()
    assert "It does not track you and uses no analytics." in text
    text = text.replace("It does not track you and uses no analytics.",
                        "It does not track you and it uses no analytics.")
    text = text.replace("- It loads nothing from other websites.\n", "")
    page.write_text(text)
    assert _run(project_copy, "i18n", "extract").exit_code == 0
    result = _run(project_copy, "i18n", "update")
    assert result.exit_code == 0, result.output
    po = project_copy / "locales" / "cy" / "LC_MESSAGES" / "content.po"
    catalog = read_catalog(po)
    changed = catalog.get("It does not track you and it uses no analytics.")
    assert changed is not None and changed.fuzzy and changed.string
    assert '#| msgid "It does not track you and uses no analytics."' in po.read_text()
    assert "It loads nothing from other websites." in catalog.obsolete
    assert catalog.obsolete["It loads nothing from other websites."].string
    status = _run(project_copy, "i18n", "status")
    assert status.exit_code == 0
    cy = next(line for line in status.output.splitlines() if line.startswith("cy"))
    assert cy.split()[-1] == "1"  # one fuzzy message


def test_status_counts_per_language(config):
    from campaign.i18n.status import collect_status
    rows = {r.code: r for r in collect_status(config)}
    assert set(rows) == {l.code for l in config.translated_languages}
    for row in rows.values():
        assert row.total > 100 and row.translated + row.fuzzy <= row.total
        assert row.reviewed + row.draft == row.translated


def test_msgstr_line_follows_a_wrapped_msgid(tmp_path):
    po = tmp_path / "cy" / "LC_MESSAGES" / "content.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr ""\n"Language: cy\\n"\n\n'
                  '#: docs/a.md:3\nmsgid ""\n"A long English paragraph "\n"that wraps."\n'
                  'msgstr "Paragraff."\n\n'
                  'msgid "Short"\nmsgstr ""\n"Byr"\n', encoding="utf-8")
    lines = po.read_text(encoding="utf-8").splitlines()
    catalog = read_catalog(po)
    assert msgstr_line(lines, catalog.get("A long English paragraph that wraps.").lineno) == 9
    assert msgstr_line(lines, catalog.get("Short").lineno) == 12
    assert catalog_files(tmp_path) == [po]
