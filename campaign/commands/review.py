"""campaign i18n review LANG: a printable review sheet for a native speaker of one language."""

from __future__ import annotations

from pathlib import Path

from ..config import CampaignConfig
from ..i18n.review import ReviewSheet, collect_review, reviewable_language
from ..i18n.review_sheet import render_review_sheet
from ..output import Writer

REVIEW_DIR = Path("build/review")   # ignored by git (/build/)


def default_path(config: CampaignConfig, code: str) -> Path:
    """Where a language's sheet goes without --out: build/review/<code>.html."""
    return config.root / REVIEW_DIR / f"{code}.html"


def run(config: CampaignConfig, code: str, out: Path | None = None) -> tuple[Path, ReviewSheet]:
    """Write the review sheet of language ``code`` (to ``out``, or the default path)."""
    lang = reviewable_language(config, code)
    sheet = collect_review(config, lang)
    target = Path(out) if out else default_path(config, lang.code)
    Writer().write_text(target, render_review_sheet(config, sheet))
    return target, sheet
