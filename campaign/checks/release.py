"""`campaign check --release`: the release gate. A site may not launch while a published language
shows translations that no native speaker has reviewed (campaign.yml ``publish: drafts``).

The source language and pseudo-locales have no translations to review and are exempt. A language
set to ``publish: reviewed`` passes whatever its catalogs hold: its site shows only reviewed
translations and the rest in English, marked.
"""

from __future__ import annotations

from ..config import PUBLISH_REVIEWED, CampaignConfig
from ..errors import CampaignError, ConfigError
from ..i18n.status import StatusRow, collect_status


def check_release(config: CampaignConfig,
                  rows: list[StatusRow] | None = None) -> tuple[list[CampaignError], list[str]]:
    """One problem per translated language published with drafts, naming its count of messages
    not reviewed; and a note per language on what its site shows in English. ``rows``: the
    translation status, when already counted."""
    rows = collect_status(config) if rows is None else rows
    by_code = {row.code: row for row in rows}
    problems: list[CampaignError] = []
    notes: list[str] = []
    for lang in config.translated_languages:
        row = by_code[lang.code]
        unreviewed = row.total - row.reviewed
        if lang.publishes_drafts:
            problems.append(ConfigError(
                f"language {lang.code} is published with drafts: {unreviewed} "
                f"{_messages(unreviewed)} not reviewed by a native speaker",
                path=config.config_file, line=lang.line,
                fix=f"set publish: {PUBLISH_REVIEWED} once they are reviewed (campaign i18n "
                    f"review {lang.code}); until then publish: {PUBLISH_REVIEWED} shows them in "
                    "English"))
        else:
            notes.append(f"release: {lang.code} publishes reviewed translations only "
                         f"({row.reviewed} of {row.total}; {unreviewed} shown in English)")
    return problems, notes


def _messages(count: int) -> str:
    return "message" if count == 1 else "messages"
