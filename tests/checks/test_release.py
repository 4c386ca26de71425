"""The release gate (`campaign check --release`): no published language may show drafts."""

from __future__ import annotations

import dataclasses

from campaign.checks.release import check_release
from campaign.i18n.status import StatusRow
from tests.conftest import TRANSLATED


def rows(reviewed: int = 0, total: int = 724) -> list[StatusRow]:
    return [StatusRow(code=code, name=code, total=total, translated=total, reviewed=reviewed,
                      draft=total - reviewed, fuzzy=0) for code in TRANSLATED]


def with_publish(config, value: str, codes=TRANSLATED):
    return config.with_overrides(languages=tuple(
        dataclasses.replace(lang, publish=value) if lang.code in codes else lang
        for lang in config.languages))


def test_every_language_published_with_drafts_is_named_with_its_count(config):
    problems, notes = check_release(config, rows(reviewed=4))
    assert [p.detail for p in problems] == [
        f"language {code} is published with drafts: 720 messages not reviewed by a native speaker"
        for code in TRANSLATED]
    for problem, lang in zip(problems, config.translated_languages):
        assert problem.path.endswith("campaign.yml") and problem.line == lang.line
        assert problem.fix.startswith(f"set publish: reviewed once they are reviewed "
                                      f"(campaign i18n review {lang.code})")
    assert notes == []


def test_languages_publishing_reviewed_translations_pass_with_a_note(config):
    problems, notes = check_release(with_publish(config, "reviewed"), rows(reviewed=24))
    assert problems == []
    assert notes[0] == "release: cy publishes reviewed translations only (24 of 724; 700 shown in English)"
    assert len(notes) == len(TRANSLATED)


def test_only_the_languages_still_publishing_drafts_fail(config):
    problems, _ = check_release(with_publish(config, "reviewed", ["cy", "ur"]), rows())
    assert [p.detail.split()[1] for p in problems] == ["pl", "ro", "ar", "bn", "pa"]


def test_the_source_language_and_the_pseudo_locale_are_exempt(config):
    """en and en-XA publish drafts by default (they have no publish: setting) and pass."""
    assert config.language("en").publishes_drafts and config.language("en-XA").publishes_drafts
    problems, _ = check_release(with_publish(config, "reviewed"), rows())
    assert problems == []


def test_the_count_comes_from_the_real_catalogs(config):
    from campaign.i18n.status import collect_status
    problems, _ = check_release(config)
    counted = {row.code: row.total - row.reviewed for row in collect_status(config)}
    assert [p.detail for p in problems] == [
        f"language {code} is published with drafts: {counted[code]} messages not reviewed by a "
        "native speaker" for code in TRANSLATED]
